"""Runtime errors in the editor: `mentor.explainError` explains a traceback, and the student's
own runs (`mentor run`) mark the line that stopped the program and count for the learner model.

`mentor run` writes the outcome of the last run to the workspace's run file in Mentor's data
folder (`server/cli/run_results.py`). The server looks at that file's size and time once a
second (one `stat`; the file is outside the workspace, where no editor watches) and when a
document opens. A run that stopped with an error puts a `mentor-run` diagnostic on the failing
line of the open document, if the document still holds the text that ran; it moves with edits
above it and goes when that line is edited, the document closes, or a newer run of the same
program ends cleanly. Each run counts once as learner evidence (`models/learner/runs.py`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp
from pygls.uris import from_fs_path, to_fs_path

from mentor.analyzers import Concept, Level
from mentor.server.core import MentorServer
from mentor.server.documents import OpenDocument, split_lines
from mentor.server.errors import guarded
from mentor.server.feature import Feature
from mentor.server.features.learner import session_of
from mentor.server.run_marks import SOURCE, RunMark, RunRecord, diagnostic, follow, place
from mentor.server.run_marks import read_record as record_from_json
from mentor.server.status import publish_status

if TYPE_CHECKING:  # the explainer loads with the first explanation, not at start-up
    from mentor.analyzers.runtime import Explanation

log = logging.getLogger(__name__)

EXPLAIN_ERROR = "mentor.explainError"
POLL_S = 1.0
MAX_RUN_FILE = 1_000_000  # bytes: a run file is small; a bigger one is not Mentor's
MAX_SOURCE = 5_000_000  # bytes of a source file compared with the open document


class RuntimeErrorsFeature(Feature):
    """The run file of the server's workspace, the marks it left, the runs counted, and the
    `mentor.explainError` command."""

    def __init__(self, server: MentorServer) -> None:
        super().__init__(server)
        self.marks: dict[str, RunMark] = {}  # by document uri
        # Errors explained from a pasted or terminal traceback (not a `mentor run`): by uri,
        # (facts for the tutor, when, the document's text then).
        self.explained: dict[str, tuple[str, float, str]] = {}
        self.record: RunRecord | None = None  # the last run read
        self.seen: tuple[int, int] | None = None  # (mtime_ns, size) of the run file read
        self.task: asyncio.Task[None] | None = None

    # -- the run file ---------------------------------------------------------------------

    def run_file(self) -> Path | None:
        from mentor.server.cli.run_results import run_result_path

        workspace = session_of(self.server).workspace
        return run_result_path(workspace) if workspace is not None else None

    def register(self) -> None:
        self.server.command(EXPLAIN_ERROR)(explain_error)

    async def initialized(self) -> None:
        self.server.start_after_first_diagnostics(self.start)

    async def start(self) -> None:
        await self.check()
        self.task = asyncio.get_running_loop().create_task(self.watch())

    async def shutdown(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task

    async def watch(self) -> None:
        while True:
            await asyncio.sleep(POLL_S)
            try:
                await self.check()
            except Exception:  # the watch goes on: a bad record must not end it
                log.exception("reading the run file failed")

    async def check(self) -> None:
        """Read the run file if it changed since last time, and act on a new run."""
        path = self.run_file()
        if path is None:
            return
        loop = asyncio.get_running_loop()
        stamp, data = await loop.run_in_executor(None, _read_if_changed, path, self.seen)
        if stamp == self.seen:
            return
        self.seen = stamp
        record = record_from_json(data)
        if record is None or (self.record is not None and record == self.record):
            return
        self.record = record
        await self.new_run(record)

    async def new_run(self, record: RunRecord) -> None:
        self.server.log(
            f"mentor run: {record.program.name} "
            + (f"stopped with {record.error.cause}" if record.error else "ended without an error")
        )
        for uri, mark in list(self.marks.items()):  # the program ran again: older marks go
            if mark.program == record.program and mark.finished_at < record.finished_at:
                self.clear(uri)
        if record.error is not None:
            for uri in list(self.server.workspace.text_documents):
                await self.mark_if_unchanged(uri, record)
        await self.count(record)

    # -- marks ----------------------------------------------------------------------------

    async def mark_if_unchanged(self, uri: str, record: RunRecord) -> None:
        """Mark the document's failing line if it holds the text that ran: the same as the file
        on disk, which has not changed since the run finished."""
        document = self.server.open_document(uri)
        error = record.error
        if error is None or document is None or not uri.startswith("file:"):
            return
        path = to_fs_path(uri)
        if path is None or not _same_file(Path(path), error.file):
            return
        loop = asyncio.get_running_loop()
        disk = await loop.run_in_executor(None, _text_unchanged_since, error.file, record)
        document = self.server.open_document(uri)  # the editor may have moved on meanwhile
        if document is None or disk is None or disk != document.source:
            return
        mark = place(record, document.source)
        if mark is not None:
            self.marks[uri] = mark
            self.publish(uri)

    def document_opened(self, document: OpenDocument) -> None:
        if self.record is not None and self.record.error is not None:
            task = asyncio.get_running_loop().create_task(
                self.mark_if_unchanged(document.uri, self.record)
            )
            self.server.background.add(task)
            task.add_done_callback(self.server.background.discard)

    def document_changed(self, document: OpenDocument) -> None:
        mark = self.marks.get(document.uri)
        if mark is None:
            return
        moved = follow(mark, document.text)
        if moved is None:
            self.clear(document.uri)  # the student edited the line that failed
        else:
            self.marks[document.uri] = moved
            self.publish(document.uri, reschedule=False)  # the edit's own check publishes it

    def document_closed(self, document: OpenDocument) -> None:
        self.marks.pop(document.uri, None)
        self.explained.pop(document.uri, None)

    def last_error(self, uri: str, text: str) -> tuple[str, float] | None:
        """The error the last run stopped with on this document, as facts for the tutor, and
        when the run finished (or when a traceback of it was explained); None without one on
        exactly this text."""
        found: list[tuple[str, float]] = []
        mark = self.marks.get(uri)
        if mark is not None and mark.text == text:
            found.append((run_error_text(mark), mark.finished_at))
        explained = self.explained.get(uri)
        if explained is not None and explained[2] == text:
            found.append(explained[:2])
        return max(found, key=lambda item: item[1], default=None)

    def remember_explained(self, uri: str, explanation: Explanation) -> None:
        """A traceback explained for an open document (from the terminal, pasted): the chat's
        follow-ups are about that error while the text is the same."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        opened = [
            known
            for known in list(self.server.workspace.text_documents)
            if known.startswith("file:")
            and path is not None
            and (found := to_fs_path(known)) is not None
            and _same_file(Path(found), Path(path))
        ]
        document = self.server.open_document(opened[0]) if opened else None
        if document is None:
            return
        uri = opened[0]
        said = explanation.type
        if explanation.message:
            said = f"{explanation.type}: {explanation.message}"
        lines = split_lines(document.source)
        code = lines[explanation.line - 1].strip() if 0 < explanation.line <= len(lines) else ""
        facts = f"My program stopped with {said}\nIt stopped on line {explanation.line}: {code}"
        self.explained[uri] = (facts, time.time(), document.source)

    def publish(self, uri: str, reschedule: bool = True) -> None:
        document = self.server.document(uri)
        mark = self.marks.get(uri)
        if document is None or mark is None:
            return
        document.diagnostics[SOURCE] = (document.version, [diagnostic(mark, self.server.encoding)])
        if reschedule:
            self.server.republish(uri)

    def clear(self, uri: str) -> None:
        self.marks.pop(uri, None)
        document = self.server.documents.get(uri)
        if document is not None and document.diagnostics.pop(SOURCE, None) is not None:
            self.server.republish(uri)

    # -- learner evidence ---------------------------------------------------------------

    async def count(self, record: RunRecord) -> None:
        """The run as evidence for the concepts of its cause (a clean run after a failing one
        as learning), once, in the workspace's progress file."""
        from mentor.models.learner import StoreError

        session = session_of(self.server)
        service = await session.ready()
        if service is None:
            return
        key = session.document_key(from_fs_path(str(record.program)) or str(record.program))
        cause = record.error.cause if record.error is not None else None
        before = service.levels()
        try:
            observations = await session.run(service.record_run, key, cause, record.finished_at)
        except StoreError as error:
            self.server.log(f"learner: the run of {key} was not stored: {error}")
            return
        if observations:
            summary = "; ".join(
                f"{obs.skill.value} {obs.cause.value} ({obs.item})" for obs in observations
            )
            self.server.log(f"learner: run of {key} stored: {summary}")
        after = service.levels()
        if after != before:
            session.republish(
                {c for c in before.keys() | after.keys() if before.get(c) != after.get(c)}
            )
            publish_status(self.server)


def run_error_text(mark: RunMark) -> str:
    """The run's error in the student's terms: what stopped the program, and where."""
    error = mark.error
    said = f"{error.type}: {error.message}" if error.message else error.type
    lines = split_lines(mark.text)
    code = lines[mark.line - 1].strip() if mark.line <= len(lines) else ""
    words = [f"My program stopped with {said}", f"It stopped on line {mark.line}: {code}"]
    return "\n".join(words)


def _read_if_changed(
    path: Path, seen: tuple[int, int] | None
) -> tuple[tuple[int, int] | None, Any]:
    """The file's (mtime_ns, size) and, when that differs from `seen`, its JSON content."""
    try:
        info = path.stat()
    except OSError:
        return None, None
    stamp = (info.st_mtime_ns, info.st_size)
    if stamp == seen or info.st_size > MAX_RUN_FILE:
        return stamp, None
    try:
        return stamp, json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return stamp, None


def _text_unchanged_since(path: Path, record: RunRecord) -> str | None:
    """The file's text, if it was not modified after the run finished."""
    try:
        info = path.stat()
        if info.st_size > MAX_SOURCE or info.st_mtime > record.finished_at:
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return False


# -- mentor.explainError ------------------------------------------------------------------


@guarded
async def explain_error(server: MentorServer, *arguments: Any) -> dict[str, Any] | None:
    """Arguments: {"traceback": text, "uri"?: the document it is about, "show"?: false for a
    client that shows the result itself}. Answers the explanation (see `explanation_result`),
    or {"error": null, "message": ...} when the text holds no Python traceback."""
    from mentor.server.cli.explain_error_cmd import reader_for
    from mentor.server.error_explain import explain_at_level, explanation_result

    request = arguments[0] if len(arguments) == 1 and isinstance(arguments[0], dict) else None
    text = request.get("traceback") if request is not None else None
    if not isinstance(text, str):
        server.show(f'{EXPLAIN_ERROR} needs {{"traceback": text}}', lsp.MessageType.Error)
        return None
    show = request.get("show", True) is not False
    root = _root_for(server, request.get("uri"))
    loop = asyncio.get_running_loop()  # reading the files it names: off the event loop
    found = await loop.run_in_executor(
        None, explain_at_level, text, reader_for(root), lambda c: _level_for(server, c)
    )
    if found is None:
        message = (
            "there is no text to explain"
            if not text.strip()
            else "no Python traceback found (it should hold lines like 'Traceback (most recent "
            "call last):' and 'File \"prog.py\", line 3')"
        )
        if show:
            server.show(message, lsp.MessageType.Info)
        return {"error": None, "message": message}
    explanation, level = found
    location = await loop.run_in_executor(None, _location, root, explanation.file, explanation.line)
    result = explanation_result(explanation, level, location)
    if location is not None:
        server.get_feature(RuntimeErrorsFeature).remember_explained(location["uri"], explanation)
    if request.get("more") is True:  # "Explain more": the tutor, grounded on this explanation
        source = await loop.run_in_executor(None, reader_for(root), explanation.file)
        result["more"] = await elaborate(server, explanation, level, source, location, show)
    elif show:
        await _show(server, result)
    return result


async def elaborate(
    server: MentorServer,
    explanation: Explanation,
    level: Level,
    source: str | None,
    location: dict[str, Any] | None,
    show: bool,
) -> dict[str, Any]:
    """The tutor's elaboration of the explanation, with the same guardrails as Explain: grounded
    on the failing line and the cause, checked against the student's code; Mentor's own words
    when there is no model (off, failed, over the teacher's limit)."""
    from mentor.models.llm import Task
    from mentor.server.error_explain import error_question
    from mentor.server.features import tutor
    from mentor.server.features.tutor import host_of
    from mentor.server.progress import WorkDone

    question = error_question(explanation, level, source, host_of(server).policy())
    progress = WorkDone(server)
    await progress.begin(
        f"Mentor is explaining the error on line {explanation.line}", cancellable=True
    )
    try:
        reply = await tutor.ask_tutor(server, question, progress, lambda: False)
    except asyncio.CancelledError:
        progress.end("Cancelled")
        raise
    progress.end("Cancelled" if reply.cancelled else "Done")
    if show and not reply.cancelled:
        uri = location["uri"] if location else Path(explanation.file).name
        await tutor.show_answer(server, Task.EXPLAIN, question, reply, uri)
    return {"markdown": reply.text, "source": reply.source.value, "note": reply.note}


def _root_for(server: MentorServer, uri: Any) -> Path:
    """Where the traceback's relative file names are looked for: the document's folder, else
    the workspace's, else the server's working folder."""
    if isinstance(uri, str) and uri.startswith("file:"):
        path = to_fs_path(uri)
        if path:
            return Path(path).parent
    return session_of(server).workspace or Path.cwd()


def _level_for(server: MentorServer, concepts: tuple[Concept, ...]) -> Level:
    fixed = server.settings.fixed_level
    if fixed is not None:
        return fixed
    service = session_of(server).service
    if service is None:
        return Level.NOVICE
    return service.level_for(concepts) if concepts else service.overall_level()


def _location(root: Path, file: str, line: int) -> dict[str, Any] | None:
    path = Path(file)
    for candidate in (path if path.is_absolute() else root / path, root / path.name):
        with contextlib.suppress(OSError):
            if candidate.is_file():
                return {"uri": candidate.resolve().as_uri(), "line": max(line - 1, 0)}
    return None


async def _show(server: MentorServer, result: dict[str, Any]) -> None:
    from mentor.server.features.tutor import answers_folder

    markdown = str(result["markdown"])
    if server.client.show_document:
        page = answers_folder() / f"error-{result['error']['cause']}.md"
        try:
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(markdown, encoding="utf-8")
            await server.window_show_document_async(
                lsp.ShowDocumentParams(uri=page.as_uri(), take_focus=True)
            )
            return
        except Exception as error:  # the editor refused, or no page: fall back to a message
            log.info("showing the explanation failed: %r", error)
    error = result["error"]
    server.window_show_message(
        lsp.ShowMessageParams(
            type=lsp.MessageType.Info,
            message=f"{error['explanation']}\nThink about it: {error['question']}",
        )
    )
