"""Features: one module each, each a `Feature` subclass; the server adds them in this order
(which is also the order their hooks run in: quick fixes come before the tutor's actions)."""

from mentor.server.feature import Feature
from mentor.server.features.chat import ChatFeature
from mentor.server.features.check_work import CheckWorkFeature
from mentor.server.features.code_actions import CodeActionsFeature
from mentor.server.features.configuration import ConfigurationFeature
from mentor.server.features.diagnostics import DiagnosticsFeature
from mentor.server.features.hover import HoverFeature
from mentor.server.features.learner import LearnerFeature
from mentor.server.features.model_status import ModelStatusFeature
from mentor.server.features.progress import ProgressFeature
from mentor.server.features.review import ReviewFeature
from mentor.server.features.runtime_errors import RuntimeErrorsFeature
from mentor.server.features.tutor import TutorFeature

FEATURES: tuple[type[Feature], ...] = (
    ConfigurationFeature,
    DiagnosticsFeature,
    HoverFeature,
    CodeActionsFeature,
    TutorFeature,
    ReviewFeature,
    ModelStatusFeature,
    LearnerFeature,
    ProgressFeature,
    ChatFeature,
    CheckWorkFeature,
    RuntimeErrorsFeature,
)
