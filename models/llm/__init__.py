"""mentor.models.llm: the local code-LLM tutor.

One worker thread owns the model (`engine`), which runs in-process with llama.cpp
(`llama_backend`) or on an OpenAI-compatible server (`http_backend`). `tutor` turns questions
into prompts (`prompts`), checks answers against the teacher's policy (`guardrails`) and caches
them (`cache`); `review` is the JSON review on save. No pygls here.
"""

from mentor.models.llm.backend import Backend, BackendInfo, ModelUnavailable
from mentor.models.llm.config import ModelConfig
from mentor.models.llm.engine import EngineState, EngineStatus, Priority
from mentor.models.llm.guardrails import Policy
from mentor.models.llm.prompts import Grounding, Question, Task
from mentor.models.llm.tutor import Answer, AnswerSource, Asked, ModelCheck, Tutor

__all__ = [
    "Answer",
    "AnswerSource",
    "Asked",
    "Backend",
    "BackendInfo",
    "EngineState",
    "EngineStatus",
    "Grounding",
    "ModelCheck",
    "ModelConfig",
    "ModelUnavailable",
    "Policy",
    "Priority",
    "Question",
    "Task",
    "Tutor",
]
