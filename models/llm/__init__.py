"""mentor.models.llm: the local code-LLM tutor.

One worker thread owns the model (`engine`), which runs in-process with llama.cpp
(`llama_backend`) or on an OpenAI-compatible server (`http_backend`). `tutor` turns questions
into prompts (`prompts`), checks answers against the teacher's policy (`guardrails`) and caches
them (`cache`); `review` is the JSON review on save. No pygls here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mentor.models.llm.backend import Backend, BackendInfo, ModelUnavailable
    from mentor.models.llm.config import ModelConfig
    from mentor.models.llm.engine import EngineState, EngineStatus, Priority
    from mentor.models.llm.guardrails import Policy
    from mentor.models.llm.prompts import Grounding, Question
    from mentor.models.llm.tasks import Task
    from mentor.models.llm.tutor import Answer, AnswerSource, Asked, ModelCheck, Tutor

# Loaded on first use (PEP 562): importing one light submodule (the catalog, the store) runs
# this file, and a command such as `mentor analyze` should not pay for the tutor's engine.
_HOMES = {
    "Backend": "backend",
    "BackendInfo": "backend",
    "ModelUnavailable": "backend",
    "ModelConfig": "config",
    "EngineState": "engine",
    "EngineStatus": "engine",
    "Priority": "engine",
    "Policy": "guardrails",
    "Grounding": "prompts",
    "Question": "prompts",
    "Task": "tasks",
    "Answer": "tutor",
    "AnswerSource": "tutor",
    "Asked": "tutor",
    "ModelCheck": "tutor",
    "Tutor": "tutor",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


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
