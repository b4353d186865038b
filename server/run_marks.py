"""The mark a crashing run leaves in the editor: which line of which file stopped the program,
kept on that line while the student edits around it, and shown as a `mentor-run` diagnostic.

Pure: the run file's record (hostile JSON: anything could have written it) in, a `RunMark` or
None out; a mark and the document's new text in, the moved mark or None (the student edited
that very line) out.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp

from mentor.server.documents import split_lines
from mentor.server.positions import units

SOURCE = "mentor-run"
_MAX_TEXT = 20_000  # characters of an explanation shown; a record holding more is cut


@dataclass(frozen=True)
class RunRecord:
    """One run as `mentor run` recorded it (`server/cli/run_results.py`), checked."""

    program: Path  # the program that was run, resolved
    finished_at: float
    exit_code: int
    error: RunError | None  # None: the program ended without an uncaught exception


@dataclass(frozen=True)
class RunError:
    type: str
    message: str
    cause: str
    file: Path  # the student's file that failed, resolved
    line: int  # 1-based
    explanation: str
    question: str


@dataclass(frozen=True)
class RunMark:
    """A run's error placed on a line of an open document's text."""

    error: RunError
    program: Path
    finished_at: float
    line: int  # 1-based, in `text`
    text: str  # the document's text the line refers to


def read_record(data: Any) -> RunRecord | None:
    """The run file's content as a record, or None when it is not one."""
    if not isinstance(data, dict):
        return None
    try:
        program = Path(_text(data["program"]))
        finished_at = float(data["finished_at"])
        exit_code = int(data.get("exit_code") or 0)
    except (KeyError, TypeError, ValueError):
        return None
    if not program.is_absolute() or not math.isfinite(finished_at):
        return None
    error = data.get("error")
    if error is None:
        return RunRecord(program, finished_at, exit_code, None)
    workspace = Path(_text(data.get("workspace")) or program.parent)
    read = _read_error(error, workspace if workspace.is_absolute() else program.parent)
    return None if read is None else RunRecord(program, finished_at, exit_code, read)


def _read_error(error: Any, base: Path) -> RunError | None:
    if not isinstance(error, dict):
        return None
    try:
        file = Path(_text(error["file"]))
        line = int(error["line"])
    except (KeyError, TypeError, ValueError):
        return None
    if line < 1 or not str(file) or str(file).startswith("<"):
        return None
    return RunError(
        type=_text(error.get("type")) or "Error",
        message=_text(error.get("message")),
        cause=_text(error.get("cause")) or "runtime-error",
        file=file if file.is_absolute() else base / file,
        line=line,
        explanation=_text(error.get("explanation")),
        question=_text(error.get("question")),
    )


def _text(value: Any) -> str:
    return value[:_MAX_TEXT] if isinstance(value, str) else ""


def place(record: RunRecord, text: str) -> RunMark | None:
    """The record's error as a mark on `text` (the failing file's content, unchanged since the
    run), or None when the run ended cleanly or the line is not in the text."""
    error = record.error
    if error is None or error.line > len(split_lines(text)):
        return None
    return RunMark(error, record.program, record.finished_at, error.line, text)


def follow(mark: RunMark, text: str) -> RunMark | None:
    """The mark after an edit that turned its text into `text`: moved with the lines inserted
    or deleted above it, None when the edit touched the marked line itself."""
    if text == mark.text:
        return mark
    before, after = split_lines(mark.text), split_lines(text)
    index = mark.line - 1
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, first, last, new_first, _ in matcher.get_opcodes():
        if first <= index < last:
            if tag != "equal":
                return None
            return replace(mark, line=new_first + index - first + 1, text=text)
    return None


def diagnostic(mark: RunMark, encoding: str) -> lsp.Diagnostic:
    """The mark as the `mentor-run` diagnostic on the code of its line."""
    lines = split_lines(mark.text)
    code = lines[mark.line - 1].rstrip("\r\n") if mark.line <= len(lines) else ""
    start = len(code) - len(code.lstrip())
    error = mark.error
    said = f"{error.type}: {error.message}" if error.message else error.type
    parts = [
        f"This line stopped your program with {error.type} when you ran it ({said}).",
        error.explanation,
        f"Think about it: {error.question}" if error.question else "",
    ]
    return lsp.Diagnostic(
        range=lsp.Range(
            start=lsp.Position(line=mark.line - 1, character=units(code[:start], encoding)),
            end=lsp.Position(line=mark.line - 1, character=units(code.rstrip(), encoding)),
        ),
        message="\n".join(part for part in parts if part),
        severity=lsp.DiagnosticSeverity.Error,
        source=SOURCE,
        code=error.cause,
        data={"cause": error.cause, "type": error.type, "finishedAt": mark.finished_at},
    )
