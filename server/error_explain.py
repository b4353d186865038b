"""A pasted traceback explained for an editor (`mentor.explainError`): worded at the learner's
level in the concepts of its cause, and rendered as guarded Markdown.

Pure but for reading the source files the traceback names (through `read`)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mentor.analyzers import Concept, Level
from mentor.analyzers.runtime import CAUSE_NAMES, Explanation, cause, explain_traceback
from mentor.analyzers.runtime.classify import SourceReader

if TYPE_CHECKING:  # the tutor's package only for "Explain more": the command line never needs it
    from mentor.models.llm import Policy, Question

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


def error_question(
    explanation: Explanation, level: Level, source: str | None, policy: Policy
) -> Question:
    """What the tutor is asked for "Explain more": the failing line in its context (the
    traceback's line when the file cannot be read), grounded on the cause and Mentor's own
    explanation, so the model elaborates on it and invents no other problem."""
    from mentor.models.llm import Grounding, Question, Task
    from mentor.models.llm.prompts import context_lines

    line = explanation.line
    lines = source.splitlines() if source is not None else []
    if 0 < line <= len(lines):
        first, last = context_lines(source or "", line, line)
        code, first_line = "\n".join(lines[first - 1 : min(last, len(lines))]), first
    else:
        code, first_line = explanation.culprit, line
    found = cause(explanation.cause) if explanation.cause in CAUSE_NAMES else None
    said = f"{explanation.type}: {explanation.message}" if explanation.message else explanation.type
    return Question(
        task=Task.EXPLAIN,
        level=level,
        code=code,
        first_line=first_line,
        focus=(line, line),
        grounding=Grounding(
            code=explanation.cause,
            name=explanation.cause,
            message=f"When the student ran it, line {line} stopped the program with {said}",
            what=explanation.explanation,
            why=found.summary if found is not None else "",
            question=explanation.question,
            line=line,
            names=tuple(name for name in explanation.values if name.isidentifier()),
        ),
        policy=policy,
    )


def explanation_markdown(explanation: Explanation) -> str:
    """The explanation as a page: what and where, the explanation, the question, the cause."""
    from mentor.models.llm.markdown_guard import clean_markdown, code_span, safe_text

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
