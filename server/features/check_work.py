"""`mentor.checkWork`: check the open file against the tests of the teacher's assignment for
it, on the student's request only (a command; nothing here reacts to a keystroke or a save).

Arguments: `[uri]` or `[{"uri": uri, "show"?: false}]` (`show: false`: the client shows the
result itself, as VS Code's chat view does, so no window message). The answer: `{"ran": true,
"title", "kind", "passed", "total", "cases": [...], "isolation", "markdown", "headline"}`, or
`{"ran": false, "reason"}`.
The text checked is the editor's (unsaved edits included). The last result per document is
kept, so that a hint asked for afterwards, on the same text, is about the failing case.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp

from mentor.models.assignments import Assignment, assignment_for
from mentor.server.core import MentorServer
from mentor.server.errors import guarded
from mentor.server.feature import Feature
from mentor.server.progress import WorkDone

if TYPE_CHECKING:  # the runner loads when a check is first asked for, not at start-up
    from mentor.analyzers.runtime.check import CheckResult
    from mentor.server.documents import OpenDocument

CHECK_WORK = "mentor.checkWork"


@dataclass(frozen=True)
class CheckedText:
    """The last check of one document: for which text, and what came of it."""

    text: str
    result: CheckResult
    at: float = 0.0  # when it finished (time.time()): a newer run's error outranks it


class CheckWorkFeature(Feature):
    """The checks of one server: one at a time (each is a series of processes), the last one
    per document kept for the tutor (`failing_case`)."""

    def __init__(self, server: MentorServer) -> None:
        super().__init__(server)
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mentor-check")
        self.last: dict[str, CheckedText] = {}
        self.stopping = False  # the editor is closing: the cases not yet run are not run

    def register(self) -> None:
        self.server.command(CHECK_WORK)(check_work_command)

    def failing_case(self, uri: str, text: str) -> str:
        """The failing case of the last check of `uri`, if it checked exactly `text`."""
        from mentor.analyzers.runtime.check_report import failing_case_text

        checked = self.last.get(uri)
        if checked is None or checked.text != text:
            return ""
        return failing_case_text(checked.result)

    def checked_at(self, uri: str, text: str) -> float | None:
        """When the last check of `uri` ran, if it checked exactly `text`."""
        checked = self.last.get(uri)
        return checked.at if checked is not None and checked.text == text else None

    def document_closed(self, document: OpenDocument) -> None:
        self.last.pop(document.uri, None)

    async def shutdown(self) -> None:
        self.stopping = True
        self.pool.shutdown(wait=False, cancel_futures=True)


@guarded
async def check_work_command(server: MentorServer, *arguments: Any) -> dict[str, Any]:
    from mentor.analyzers.runtime.check import check_work
    from mentor.analyzers.runtime.check_report import headline, summary_markdown, summary_text

    uri = _uri_of(arguments)
    show = not (arguments and isinstance(arguments[0], dict) and arguments[0].get("show") is False)
    if uri is None:
        return _refuse(server, f'{CHECK_WORK} needs the file: [uri] or [{{"uri": ...}}]', show)
    document = server.open_document(uri)
    if document is None:
        return _refuse(server, "Check my work: open the file in the editor first.", show)
    assignment = _assignment(server, uri)
    if assignment is None:
        return _refuse(
            server, "Check my work: the teacher's policy has no assignment for this file.", show
        )
    if assignment.tests is None:
        return _refuse(server, f'Check my work: "{assignment.title}" has no tests to run.', show)
    text = document.source
    runs = server.get_feature(CheckWorkFeature)
    progress = WorkDone(server)
    await progress.begin(f"Mentor is checking your work: {assignment.title}")
    try:
        result = await asyncio.get_running_loop().run_in_executor(
            runs.pool,
            lambda: check_work(
                text,
                _name(uri),
                assignment.tests,  # type: ignore[arg-type]
                title=assignment.title,
                cancelled=lambda: runs.stopping,
            ),
        )
    finally:
        progress.end("Done")
    runs.last[document.uri] = CheckedText(text, result, time.time())
    level = server.level_for(uri)
    # First line for editors that show one; the cases below it for those that show more.
    cases = summary_text(result, level).splitlines()[2:]
    if show:
        summary = [f"Check my work ({assignment.title}): {headline(result)}", *cases]
        server.show("\n".join(summary))
    return {
        "ran": True,
        **result.to_json(),
        "headline": headline(result),
        "markdown": summary_markdown(result, level),
    }


def _assignment(server: MentorServer, uri: str) -> Assignment | None:
    path = _path_of(uri)
    if path is None:
        return None
    root = server.workspace.root_path
    return assignment_for(path, server.assignments, Path(root) if root else None)


def _uri_of(arguments: tuple[Any, ...]) -> str | None:
    first = arguments[0] if arguments else None
    if isinstance(first, dict):
        first = first.get("uri")
    return first if isinstance(first, str) and first else None


def _path_of(uri: str) -> Path | None:
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return Path(unquote(parsed.path)) if parsed.path else None  # untitled: by its name
    return Path(unquote(parsed.path))


def _name(uri: str) -> str:
    path = _path_of(uri)
    return path.name if path is not None else "solution.py"


def _refuse(server: MentorServer, reason: str, show: bool = True) -> dict[str, Any]:
    if show:
        server.show(reason, lsp.MessageType.Warning)
    return {"ran": False, "reason": reason}
