"""Features: one module each, each with `register(server)`; the server wires them in order."""

from mentor.server.features import (
    chat,
    code_actions,
    configuration,
    diagnostics,
    hover,
    learner,
    model_status,
    progress,
    review,
    tutor,
)

FEATURES = (
    configuration,
    diagnostics,
    hover,
    code_actions,
    tutor,
    review,
    model_status,
    learner,
    progress,
    chat,
)
