"""What a student asks the tutor for. Its own module: the server names the tasks in its
commands and code actions when it starts, before any prompt is needed (`prompts` loads the
guardrails and a Markdown parser)."""

from __future__ import annotations

from enum import Enum


class Task(str, Enum):
    EXPLAIN = "explain"
    HINT = "hint"
