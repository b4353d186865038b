"""The conversation with the tutor over LSP (`mentor/chat` and friends): the logic is in
`mentor.models.chat`; this module reads the requests, builds the context from the open
document and Mentor's analysis, streams the answer as `$/progress` and keeps the file's work
off the event loop.

- `mentor/chat` {conversationId?, message, textDocument?: {uri}, range?, context?: {selection?,
  diagnostic?, assignment?, lastRun?}, workDoneToken?} -> {conversationId, turnId, answer,
  depth, source: "model" | "static" | "endpoint", cancelled, note, memoryOnly}. With
  `mentor.learner.enabled` off the conversations are kept in memory only (never on disk).
- `mentor/chat` {task: "explain" | "hint", textDocument, range, code?, message?, ...}: Explain
  this / Give me a hint answered by the tutor as the commands answer them (same prompt, cache
  and limit), streamed the same way, and stored as the first turn of a new conversation that
  the student can go on with. The `mentor.explain`/`mentor.hint` commands are unchanged: an
  editor without a chat view keeps its Markdown page or message.
- `mentor/chatList` {} -> {conversations: [{id, title, updated, turns}]}
- `mentor/chatHistory` {conversationId} -> {turns: [{id, role, text, depth, helpful}]}
- `mentor/chatForget` {conversationId?, all?} -> {forgotten: int}
- `mentor/chatFeedback` {turnId, helpful} -> {marked: bool}
- `mentor/chatContext` {textDocument: {uri}} -> {assignment: {title, hasTests} | null,
  lastRun: string | null, lastRunKind: "check" | "run" | null}: what a chat about this file would
  be given (a chat view shows it as chips): the teacher's assignment for it, and the failing case
  of its last "Check my work" or the error its last run stopped with (a `mentor run`, or a
  traceback explained with `mentor.explainError`), on exactly the text open now.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.uris import to_fs_path

from mentor.server.core import MentorServer
from mentor.server.feature import Feature
from mentor.server.features.tutor import host_of
from mentor.server.progress import WorkDone

log = logging.getLogger(__name__)

CHAT = "mentor/chat"
LIST = "mentor/chatList"
HISTORY = "mentor/chatHistory"
FORGET = "mentor/chatForget"
FEEDBACK = "mentor/chatFeedback"
CONTEXT = "mentor/chatContext"
SETTINGS_WAIT_S = 10.0
MAX_MESSAGE = 4000  # characters kept of one message (more is cut, never refused)


MEMORY_ONLY = (
    "your conversations are kept in memory only while the editor is open "
    "(mentor.learner.enabled is off): nothing of them is written to disk."
)


class ChatSession:
    """The workspace's conversations: the file opened lazily on a worker thread of its own.
    With `mentor.learner.enabled` off nothing is written to disk: the conversations live in
    memory for this session, and the student is told so once."""

    def __init__(self, server: MentorServer) -> None:
        self.server = server
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mentor-chat")
        self.service: Any = None  # a ChatService once opened
        self.kept = ""  # where: "file", "memory" (the setting) or "fallback" (a broken file)
        self._opening = asyncio.Lock()

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self.pool, fn, *args)

    async def ready(self) -> Any:
        async with self._opening:
            try:  # a request may come before the settings: whether to write at all is one
                await asyncio.wait_for(self.server.settings_applied.wait(), SETTINGS_WAIT_S)
                on_disk = bool(self.server.settings.learner_enabled)
            except asyncio.TimeoutError:
                on_disk = False  # settings never came: nothing is written
            if self.service is not None and (
                (self.kept == "file" and not on_disk) or (self.kept == "memory" and on_disk)
            ):
                # The setting changed: switched off, the file is closed and nothing more goes
                # to it; switched on, conversations are kept from now on.
                await self.run(self.service.close)
                self.service = None
            if self.service is None:
                notice = await self.run(self._open, on_disk)
                if notice:
                    self.server.show(notice, lsp.MessageType.Warning)
            return self.service

    def _open(self, on_disk: bool) -> str | None:
        from mentor.models.chat import ChatService, ChatStoreError, chat_path
        from mentor.server.features.learner import session_of

        if not on_disk:
            self.service, self.kept = ChatService.in_memory(), "memory"
            return MEMORY_ONLY
        path = chat_path(session_of(self.server).workspace)
        try:
            self.service, notice = ChatService.open(path)
            self.kept = "file"
            self.server.log(f"chat: conversations in {path}")
            return notice
        except ChatStoreError as error:
            self.service, self.kept = ChatService.in_memory(), "fallback"
            return f"conversations are kept in memory only, for this session: {error}"

    async def finish(self) -> None:
        if self.service is not None:
            await self.run(self.service.close)
            self.service = None


class ChatFeature(Feature):
    """Ask Mentor: the conversation requests, and the workspace's conversation file."""

    def __init__(self, server: MentorServer) -> None:
        super().__init__(server)
        self.session = ChatSession(server)

    def register(self) -> None:
        self.server.feature(CHAT)(chat)
        self.server.feature(LIST)(chat_list)
        self.server.feature(HISTORY)(chat_history)
        self.server.feature(FORGET)(chat_forget)
        self.server.feature(FEEDBACK)(chat_feedback)
        self.server.feature(CONTEXT)(chat_context)

    async def shutdown(self) -> None:
        await self.session.finish()


def session_of(server: MentorServer) -> ChatSession:
    return server.get_feature(ChatFeature).session


def answering(handler: Any) -> Any:
    """A request's unexpected exception is logged and answered as an error; never a crash."""
    import functools

    from pygls.exceptions import JsonRpcException, JsonRpcInternalError

    @functools.wraps(handler)
    async def run(server: MentorServer, params: Any) -> Any:
        try:
            return await handler(server, params)
        except (asyncio.CancelledError, JsonRpcException):
            raise
        except Exception as error:
            log.exception("%s failed", handler.__name__)
            server.log(f"{handler.__name__} failed: {type(error).__name__}: {error}")
            raise JsonRpcInternalError(f"Mentor's chat failed: {error}") from error

    return run


# -- the requests ----------------------------------------------------------------------------


@answering
async def chat(server: MentorServer, params: Any) -> dict[str, Any] | None:
    request = _cancel_watch(server)  # before any await: the message id is this request's
    args = plain(params)
    if not isinstance(args, dict):
        raise_invalid("mentor/chat needs {message: string}")
    if args.get("task") is None and not isinstance(args.get("message"), str):
        raise_invalid("mentor/chat needs {message: string}")
    from mentor.models.chat import UnknownConversation

    if args.get("task") is not None:
        return await chat_task(server, args, request)
    session = session_of(server)
    service = await session.ready()
    message = args["message"][:MAX_MESSAGE]
    conversation_id = args.get("conversationId") or None
    built = await build_context(server, args)
    context = built[1] if built is not None else None
    settings = server.settings
    try:
        prepared = await session.run(
            lambda: service.prepare(
                str(conversation_id) if conversation_id else None,
                message,
                context,
                max_hint_depth=settings.tutor_max_hint_depth,
                context_size=settings.model_context_size,
                max_tokens=settings.tutor_max_tokens,
            )
        )
    except UnknownConversation:
        raise_invalid(f"no conversation {conversation_id!r} (forgotten?)")
    progress = WorkDone(server, _token(args.get("workDoneToken")))
    await progress.begin("Mentor is thinking", cancellable=True)
    try:
        reply = await _answer(server, prepared, progress, request)
    except asyncio.CancelledError:
        progress.end("Cancelled")
        raise
    progress.end("Cancelled" if reply.cancelled else "Done")
    model = ""
    if reply.source != "static":
        config = host_of(server).config()
        model = config.label() if config is not None else ""
    result = await session.run(
        service.finish, prepared, reply.text, reply.source, reply.note, model
    )
    if prepared.climbed:
        await _help_evidence(server, prepared.context)
    out = result.to_json()
    out["cancelled"] = reply.cancelled
    out["memoryOnly"] = session.kept != "file"  # a chat view can say it is not kept
    return out


TASKS = {"explain": "Explain this", "hint": "Give me a hint"}


async def chat_task(server: MentorServer, args: dict[str, Any], request: Any) -> dict[str, Any]:
    """Explain this / Give me a hint as a conversation's first turn: the tutor's answer (as
    the commands give it), stored with the student's question so that "Why?" goes on from it."""
    from mentor.models.llm import Task
    from mentor.server.features.tutor import _changed, _lines_label, ask_tutor, question_for

    name = args.get("task")
    document = args.get("textDocument")
    uri = document.get("uri") if isinstance(document, dict) else None
    where = _range(args.get("range"))
    if name not in TASKS or not isinstance(uri, str) or where is None:
        raise_invalid('mentor/chat {task: "explain" | "hint"} needs a textDocument and a range')
    asked = await question_for(server, Task(name), uri, where, str(args.get("code") or ""))
    if asked is None:
        raise_invalid(f"{uri} is not open in the editor")
    question, opened = asked
    given = args.get("message")
    message = given if isinstance(given, str) and given.strip() else ""
    message = (message or f"{TASKS[name]} ({_lines_label(question.focus)})")[:MAX_MESSAGE]
    session = session_of(server)
    service = await session.ready()
    built = await build_context(server, args)
    settings = server.settings
    prepared = await session.run(
        lambda: service.prepare(
            None,
            message,
            built[1] if built is not None else None,
            max_hint_depth=settings.tutor_max_hint_depth,
            context_size=settings.model_context_size,
            max_tokens=settings.tutor_max_tokens,
        )
    )
    progress = WorkDone(server, _token(args.get("workDoneToken")))
    await progress.begin("Mentor is thinking", cancellable=True)
    stale = _changed(server, uri, opened.version)
    try:
        reply = await ask_tutor(server, question, progress, stale, request)
    except asyncio.CancelledError:
        progress.end("Cancelled")
        raise
    progress.end("Cancelled" if reply.cancelled else "Done")
    config = host_of(server).config()
    source = "static" if reply.source.value == "static" else "model"
    if source == "model" and config is not None and config.uses_endpoint:
        source = "endpoint"
    model = config.label() if config is not None and source != "static" else ""
    result = await session.run(service.finish, prepared, reply.text, source, reply.note, model)
    out = result.to_json()
    out["cancelled"] = reply.cancelled
    out["task"] = name
    return out


async def _answer(server: MentorServer, prepared: Any, progress: WorkDone, request: Any) -> Any:
    from mentor.models.chat import ask_model, static

    tutor = host_of(server).tutor()
    if tutor is None:
        return static(prepared.context, prepared.rung, "the tutor is switched off")
    limit = server.settings.tutor_max_requests_per_hour
    if limit > 0 and not host_of(server).requests.take(limit):
        from mentor.server.tutor_limit import limit_sentence

        reply = static(prepared.context, prepared.rung, f"your teacher's limit of {limit} an hour")
        sentence = limit_sentence(limit, host_of(server).requests.next_possible(limit))
        return type(reply)(f"{sentence}\n\n{reply.text}", reply.source, note=reply.note)
    loop = asyncio.get_running_loop()
    asked = ask_model(
        tutor,
        prepared.prompt,
        prepared.context,
        prepared.rung,
        max_tokens=server.settings.tutor_max_tokens,
        on_text=lambda text: loop.call_soon_threadsafe(progress.report, text),
    )
    if request is not None:
        request.add_done_callback(lambda done: asked.cancel() if done.cancelled() else None)
    client_cancel = progress.cancelled_by_client
    if client_cancel is not None:
        client_cancel.add_done_callback(lambda _: asked.cancel())
    try:
        reply = await asyncio.wrap_future(asked.future)
    except asyncio.CancelledError:
        asked.cancel()
        raise
    if limit > 0 and reply.source == "static" and not reply.raw:
        host_of(server).requests.give_back()  # the model never answered
    return reply


@answering
async def chat_list(server: MentorServer, params: Any) -> dict[str, Any]:
    session = session_of(server)
    service = await session.ready()
    conversations = await session.run(service.conversations)
    return {
        "conversations": [
            {"id": c.id, "title": c.title, "updated": _iso(c.updated), "turns": c.turns}
            for c in conversations
        ]
    }


@answering
async def chat_history(server: MentorServer, params: Any) -> dict[str, Any]:
    from mentor.models.chat import UnknownConversation

    args = plain(params)
    conversation_id = args.get("conversationId") if isinstance(args, dict) else None
    if not isinstance(conversation_id, str):
        raise_invalid("mentor/chatHistory needs {conversationId: string}")
    session = session_of(server)
    service = await session.ready()
    try:
        turns = await session.run(service.history, conversation_id)
    except UnknownConversation:
        raise_invalid(f"no conversation {conversation_id!r} (forgotten?)")
    return {"turns": [turn.to_json() for turn in turns]}


@answering
async def chat_forget(server: MentorServer, params: Any) -> dict[str, Any]:
    args = plain(params) or {}
    if not isinstance(args, dict):
        raise_invalid("mentor/chatForget needs {conversationId} or {all: true}")
    everything = args.get("all") is True
    conversation_id = args.get("conversationId")
    if not everything and not isinstance(conversation_id, str):
        raise_invalid("mentor/chatForget needs {conversationId} or {all: true}")
    session = session_of(server)
    service = await session.ready()
    forgotten = await session.run(lambda: service.forget(conversation_id, everything=everything))
    return {"forgotten": forgotten}


@answering
async def chat_feedback(server: MentorServer, params: Any) -> dict[str, Any]:
    args = plain(params)
    if (
        not isinstance(args, dict)
        or not isinstance(args.get("turnId"), str)
        or not isinstance(args.get("helpful"), bool)
    ):
        raise_invalid("mentor/chatFeedback needs {turnId: string, helpful: boolean}")
    session = session_of(server)
    service = await session.ready()
    marked = await session.run(service.mark, args["turnId"], args["helpful"])
    return {"marked": marked}


@answering
async def chat_context(server: MentorServer, params: Any) -> dict[str, Any]:

    args = plain(params)
    document = args.get("textDocument") if isinstance(args, dict) else None
    uri = document.get("uri") if isinstance(document, dict) else None
    if not isinstance(uri, str):
        raise_invalid("mentor/chatContext needs {textDocument: {uri}}")
    opened = server.open_document(uri)
    path = Path(to_fs_path(uri)) if uri.startswith("file:") and to_fs_path(uri) else None
    assignment = assignment_of(server, path) if path is not None else None
    failing, run_error = last_run(server, uri, opened.source) if opened is not None else ("", "")
    shown = failing or run_error
    return {
        "assignment": None
        if assignment is None
        else {"title": assignment.title, "hasTests": assignment.tests is not None},
        "lastRun": shown.splitlines()[0] if shown.strip() else None,
        "lastRunKind": ("check" if failing else "run") if shown.strip() else None,
    }


# -- the context -----------------------------------------------------------------------------


async def build_context(server: MentorServer, args: dict[str, Any]) -> tuple[Any, Any] | None:
    """(analysis, ChatContext) of the document the message is about; None without one."""
    from mentor.models.chat.from_code import context_from_analysis
    from mentor.server.features.learner import session_of as learner_of

    document = args.get("textDocument")
    uri = document.get("uri") if isinstance(document, dict) else None
    if not isinstance(uri, str):
        return None
    if server.open_document(uri) is None:
        raise_invalid(f"{uri} is not open in the editor")
    result = await server.analysis_for(uri)
    if result is None:
        return None
    wanted = args.get("context") if isinstance(args.get("context"), dict) else {}
    focus = None
    where = _range(args.get("range"))
    if where is not None and wanted.get("selection", True) is not False:
        focus = _lines(server, result.analysis, where)
    path = Path(to_fs_path(uri)) if uri.startswith("file:") and to_fs_path(uri) else None
    assignment = None
    if wanted.get("assignment", True) is not False and path is not None:
        assignment = assignment_of(server, path)
    failing, run_error = "", ""
    if wanted.get("lastRun", True) is not False:
        failing, run_error = last_run(server, uri, result.analysis.source.text)
    context = context_from_analysis(
        result.analysis,
        server.level_for(uri),
        host_of(server).policy(),
        file_name=path.name if path else "",
        focus=focus,
        assignment=assignment,
        failing_test=failing,
        last_run=run_error,
        with_findings=wanted.get("diagnostic", True) is not False,
        document=learner_of(server).document_key(uri),
    )
    return result.analysis, context


def last_run(server: MentorServer, uri: str, text: str) -> tuple[str, str]:
    """(failing case, run error) for the chat: the first failing case of the student's last
    "Check my work" on exactly this text, or the error the last `mentor run` of this text
    stopped with when no check is newer than that run."""
    from mentor.server.features.check_work import CheckWorkFeature
    from mentor.server.features.runtime_errors import RuntimeErrorsFeature

    checks = server.get_feature(CheckWorkFeature)
    checked_at = checks.checked_at(uri, text)
    try:
        run = server.get_feature(RuntimeErrorsFeature).last_error(uri, text)
    except LookupError:  # a server built without runtime errors
        run = None
    if run is not None and (checked_at is None or checked_at < run[1]):
        return "", run[0]
    return checks.failing_case(uri, text), ""


def assignment_of(server: MentorServer, path: Path) -> Any:
    """The teacher's assignment whose `files` match this file (policy order), or None."""
    from mentor.models.assignments import assignment_for
    from mentor.server.features.learner import session_of as learner_of

    if not server.assignments:
        return None
    return assignment_for(path, server.assignments, learner_of(server).workspace)


def _lines(server: MentorServer, analysis: Any, where: lsp.Range) -> tuple[int, int]:
    from mentor.server.positions import from_lsp_position

    source = analysis.source
    start, _ = from_lsp_position(source, where.start, server.encoding)
    end, end_column = from_lsp_position(source, where.end, server.encoding)
    if end > start and end_column == 0:
        end -= 1  # a selection of whole lines ends at the start of the next one
    return start, max(start, end)


async def _help_evidence(server: MentorServer, context: Any) -> None:
    """One more rung needed on a finding's problem: weak evidence for the learner model."""
    from mentor.analyzers import Concept
    from mentor.server.features.learner import session_of as learner_of

    if not context.skills or not context.document:
        return
    learner = learner_of(server)
    service = await learner.ready()
    if service is None:
        return
    concepts = [Concept(skill) for skill in context.skills]
    try:
        await learner.run(service.help_asked, context.document, context.rule, concepts)
    except Exception as error:  # the progress file is busy or read-only: the chat goes on
        log.info("help evidence not stored: %s", error)


# -- plumbing --------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """pygls gives a custom request's params as namedtuples: back to dicts and lists."""
    if hasattr(value, "_asdict"):
        return {key: plain(item) for key, item in value._asdict().items()}
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def raise_invalid(message: str) -> Any:
    from pygls.exceptions import JsonRpcInvalidParams

    raise JsonRpcInvalidParams(message)


def _range(value: Any) -> lsp.Range | None:
    try:
        start, end = value["start"], value["end"]
        return lsp.Range(
            start=lsp.Position(line=int(start["line"]), character=int(start["character"])),
            end=lsp.Position(line=int(end["line"]), character=int(end["character"])),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _token(value: Any) -> lsp.ProgressToken | None:
    return value if isinstance(value, str | int) and not isinstance(value, bool) else None


def _cancel_watch(server: MentorServer) -> Any:
    protocol = server.protocol
    return protocol._request_futures.get(protocol.msg_id) if protocol.msg_id else None


def _iso(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).isoformat(timespec="seconds")
