"""A pasted traceback explained for an editor (`mentor.explainError`): worded at the learner's
level in the concepts of its cause, and rendered as guarded Markdown.

Pure but for reading the source files the traceback names (through `read`)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from mentor.analyzers import Concept, Level
from mentor.analyzers.runtime import CAUSE_NAMES, Explanation, cause, explain_traceback
from mentor.analyzers.runtime.classify import SourceReader
from mentor.models.llm.markdown_guard import clean_markdown, code_span, safe_text

MAX_TRACEBACK = 2_000_000  # characters: a longer paste keeps its end, where the error is


def explain_at_level(
    text: str,
    read: SourceReader,
    level_for: Callable[[tuple[Concept, ...]], Level],
    **frame: Any,
) -> tuple[Explanation, Level] | None:
    """The traceback's last error explained at `level_for(the cause's concepts)`; None when
    `text` holds no Python traceback. The cause decides the level, so it is found first.
    `frame`: the failing frame's `values`, `keys` and `cwd` (`mentor run`)."""
    text = text[-MAX_TRACEBACK:]
    first = explain_traceback(text, read, Level.NOVICE, **frame)
    if first is None:
        return None
    concepts = cause(first.cause).concepts if first.cause in CAUSE_NAMES else ()
    level = level_for(concepts)
    if level is Level.NOVICE:
        return first, level
    return explain_traceback(text, read, level, **frame) or first, level


def explanation_markdown(explanation: Explanation) -> str:
    """The explanation as a page: what and where, the explanation, the question, the cause."""
    name = os.path.basename(explanation.file.replace("\\", "/")) or explanation.file
    said = f"{explanation.type}: {explanation.message}" if explanation.message else explanation.type
    lines = [
        f"# {safe_text(explanation.type)} at line {explanation.line} of {code_span(name)}",
        "",
        clean_markdown(explanation.explanation.replace("\n", "\n\n")),
        "",
        f"**Think about it:** {clean_markdown(explanation.question)}",
        "",
        "---",
        "",
        f"*Python said {code_span(said)}. Cause: {code_span(explanation.cause)}. "
        "Mentor's own explanation.*",
    ]
    return "\n".join(lines) + "\n"


def explanation_result(
    explanation: Explanation, level: Level, location: dict[str, Any] | None
) -> dict[str, Any]:
    """What `mentor.explainError` answers: the documented `error` object, the page, the level
    it is worded for, and where the failing line is (a `file:` URI and a 0-based line) when
    that file exists."""
    return {
        "error": explanation.to_json(with_values=False),
        "markdown": explanation_markdown(explanation),
        "level": level.value,
        "culprit": explanation.culprit,
        "location": location,
    }
