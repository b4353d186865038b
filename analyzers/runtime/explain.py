"""Explain a traceback: a pure function from its text and a way to read source files to an
`Explanation` (what happened, where in the student's code, why, the values, one question).

The same function serves `mentor run` (which adds the failing frame's values), `mentor
explain-error` (pasted text) and, later, the language server. It never raises.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mentor.analyzers.findings import Level
from mentor.analyzers.runtime.causes import cause
from mentor.analyzers.runtime.classify import (
    Diagnosis,
    ErrorContext,
    SourceReader,
    classify,
)
from mentor.analyzers.runtime.failing_line import read_failing_line
from mentor.analyzers.runtime.tracebacks import (
    Frame,
    ParsedError,
    ParsedTraceback,
    parse_traceback,
)

log = logging.getLogger(__name__)

_LIBRARY = re.compile(
    r"[/\\](site|dist)-packages[/\\]|[/\\]lib[/\\]python\d\.\d+[/\\]|[/\\]Lib[/\\]|"
    r"^<frozen |^<string>$|[/\\]mentor[/\\]analyzers[/\\]runtime[/\\]runner\.py$",
)
_MAX_VALUES = 8
_SYNTAX = frozenset({"SyntaxError", "IndentationError", "TabError"})


@dataclass(frozen=True)
class Explanation:
    """A runtime error explained. `to_json` gives the documented `error` object."""

    type: str
    message: str
    cause: str
    file: str
    line: int
    function: str
    culprit: str
    explanation: str
    question: str
    values: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def to_json(self, with_values: bool = True) -> dict[str, Any]:
        error: dict[str, Any] = {
            "type": self.type,
            "message": self.message,
            "cause": self.cause,
            "file": self.file,
            "line": self.line,
            "explanation": self.explanation,
            "question": self.question,
        }
        if with_values:
            error["values"] = dict(self.values)
        return error


def student_frame(frames: tuple[Frame, ...]) -> Frame:
    """The innermost frame in the student's own code (not Python's library or a package)."""
    for frame in reversed(frames):
        if not _LIBRARY.search(frame.file):
            return frame
    return frames[-1]


def explain_traceback(
    text: str,
    read: SourceReader,
    level: Level = Level.NOVICE,
    values: Mapping[str, str] | None = None,
    keys: Mapping[str, list[str]] | None = None,
    cwd: str | None = None,
) -> Explanation | None:
    """The last exception in `text` explained, or None when `text` holds no Python traceback.

    `read(file_name)` returns a file's text or None (file names as the traceback spells them).
    `values`/`keys`: the failing frame's values (`mentor run`), `cwd` the working folder."""
    parsed = parse_traceback(text)
    if parsed is None:
        return None
    try:
        return _explain(parsed, read, level, dict(values or {}), dict(keys or {}), cwd)
    except Exception:  # explaining must never fail: say what Python said
        log.exception("runtime explainer failed")
        error = parsed.last
        frame = student_frame(error.frames)
        return Explanation(
            error.short_type, error.message, "runtime-error", frame.file, frame.line,
            frame.function, frame.code.strip(),
            f"Your program stopped at line {frame.line} with {error.short_type}: "
            f"{error.message}.",
            "Which value on that line is not what you expected?",
        )  # fmt: skip


def _explain(
    parsed: ParsedTraceback,
    read: SourceReader,
    level: Level,
    values: dict[str, str],
    keys: dict[str, list[str]],
    cwd: str | None,
) -> Explanation:
    error = parsed.last
    frame = student_frame(error.frames)
    source = _safe_read(read, frame.file)
    if error.short_type in _SYNTAX and source is not None:
        syntax = _syntax_explanation(error, frame, source, level)
        if syntax is not None:
            return syntax
    marked = _stripped_columns(frame)
    code, state = read_failing_line(frame.line, frame.code, source, marked)
    context = ErrorContext(
        error, frame, code, values, keys, lambda name: _safe_read(read, name), cwd
    )
    diagnosis = classify(context)
    line = diagnosis.line or frame.line
    args = {"line": str(line), "type": error.short_type, "message": error.message}
    args.update(diagnosis.args)
    found = cause(diagnosis.cause)
    notes = _notes(parsed, frame, state, level)
    body = found.text(level, args)
    explanation = "\n".join(
        part
        for part in (
            _where(frame, line, diagnosis, error.short_type, error.message, level),
            body,
            _values_line(values, level),
            *notes,
        )
        if part
    )
    return Explanation(
        type=error.short_type,
        message=error.message,
        cause=found.name,
        file=frame.file,
        line=line,
        function=frame.function,
        culprit=diagnosis.culprit,
        explanation=explanation,
        question=found.ask(args),
        values=_shown_values(values),
        notes=tuple(notes),
    )


def _syntax_explanation(
    error: ParsedError, frame: Frame, source: str, level: Level
) -> Explanation | None:
    """A program that does not parse: the syntax explainer's cause, when the file still fails
    where the traceback says."""
    # The full analyzer only for this case.
    from mentor.analyzers.incremental.document import analyze

    problem = analyze(source, frame.file).syntax_error
    if problem is None or problem.python_message.split(" (")[0] not in error.message:
        return None
    line = problem.span.line
    lines = source.splitlines()
    culprit = lines[line - 1].strip() if 0 < line <= len(lines) else frame.code.strip()
    said = f"{error.short_type}: {error.message}"
    where = f"line {line} of {os.path.basename(frame.file)}"
    head = (
        f"Your program could not start: Python cannot read {where}. Python said: {said}"
        if level is Level.NOVICE
        else f"{said} at {where}."
    )
    question = problem.rule.docs.question if problem.rule.docs else ""
    return Explanation(
        type=error.short_type, message=error.message, cause=problem.cause, file=frame.file,
        line=line, function="", culprit=culprit,
        explanation=f"{head}\n{problem.explanation(level)}",
        question=question or "What did you mean this line to do?",
    )  # fmt: skip


def _safe_read(read: SourceReader, name: str) -> str | None:
    if name.startswith("<"):
        return None
    try:
        return read(name)
    except (OSError, ValueError, UnicodeError):
        return None


def _stripped_columns(frame: Frame) -> tuple[int, int] | None:
    if frame.marked is None:
        return None
    offset = len(frame.code) - len(frame.code.lstrip())
    return frame.marked[0] - offset, frame.marked[1] - offset


def _where(
    frame: Frame, line: int, diagnosis: Diagnosis, kind: str, message: str, level: Level
) -> str:
    place = f"line {line} of {os.path.basename(frame.file)}"
    if frame.function and frame.function != "<module>":
        place += f" (in {frame.function})"
    culprit = f", at `{diagnosis.culprit}`" if diagnosis.culprit else ""
    said = f"{kind}: {message}" if message else kind
    if level is Level.NOVICE:
        return f"Your program stopped at {place}{culprit}. Python said: {said}"
    return f"{said} at {place}{culprit}."


def _values_line(values: Mapping[str, str], level: Level) -> str:
    shown = _shown_values(values)
    if not shown:
        return ""
    listed = ", ".join(f"{name} = {value}" for name, value in shown.items())
    return ("The values when it stopped: " if level is Level.NOVICE else "Values: ") + listed


def _shown_values(values: Mapping[str, str]) -> dict[str, str]:
    return dict(list(values.items())[:_MAX_VALUES])


def _notes(parsed: ParsedTraceback, frame: Frame, state: str, level: Level) -> list[str]:
    notes = []
    first = parsed.first
    if first is not None:
        said = f"{first.short_type}: {first.message}" if first.message else first.short_type
        notes.append(
            f"This error happened while your program was handling an earlier one ({said}, "
            f"line {student_frame(first.frames).line}); the earlier one is often the real "
            f"problem."
            if level is Level.NOVICE
            else f"Raised while handling {said} (line {student_frame(first.frames).line})."
        )
    name = os.path.basename(frame.file)
    if state == "missing" and not frame.file.startswith("<"):
        notes.append(
            f"(I could not open {name}: it may have been moved or deleted, so this uses only the "
            f"line the traceback shows.)"
        )
    elif state == "changed":
        notes.append(
            f"({name} has changed since this traceback was printed: line {frame.line} reads "
            f"differently now, so this uses the line the traceback shows.)"
        )
    return notes
