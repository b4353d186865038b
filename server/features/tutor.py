"""The tutor in the editor: "Explain this" and "Give me a hint" on a diagnostic or a selection.

The code actions are cheap: the model runs only when one is chosen (the command it carries, or
attached by codeAction/resolve). The answer streams as $/progress reports, then opens as a
Markdown document (window/showDocument) or, for editors that cannot, as a message. Cancelled by
$/cancelRequest, by the progress bar's cancel button, or by an edit of the document.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from lsprotocol import types as lsp
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from mentor.models import llm
from mentor.models.llm.markdown_guard import code_span, plain_text, safe_text
from mentor.models.llm.tasks import Task
from mentor.server.convert import SOURCE
from mentor.server.core import MentorServer
from mentor.server.errors import guarded
from mentor.server.feature import Feature
from mentor.server.positions import from_lsp_position
from mentor.server.progress import WorkDone
from mentor.server.tutor_host import TutorHost
from mentor.server.tutor_limit import limit_sentence

if TYPE_CHECKING:
    from mentor.analyzers import Analysis, Finding, Level
    from mentor.models.llm import Answer, Asked, Question, Tutor
    from mentor.server.documents import OpenDocument

log = logging.getLogger(__name__)

COMMANDS = {Task.EXPLAIN: "mentor.explain", Task.HINT: "mentor.hint"}
KINDS = {Task.EXPLAIN: "quickfix.mentor.explain", Task.HINT: "quickfix.mentor.hint"}
MAX_LINES = 60  # a longer selection is cut: small models have small contexts
HOVER_BUDGET_S = 0.3  # hover shows the tutor's answer only if it is this quick

TITLES = {  # "Mentor: " first: told apart from the editor's own AI actions in its menus
    (Task.EXPLAIN, True): "Mentor: Explain this",
    (Task.HINT, True): "Mentor: Give me a hint",
    (Task.EXPLAIN, False): "Mentor: Explain the selected code",
    (Task.HINT, False): "Mentor: Give me a hint about the selected code",
}


class TutorFeature(Feature):
    """The tutor: its model host (built lazily from the settings), Explain/Hint as code actions
    and commands, its words in the hover, and the model's state in the status bar."""

    def __init__(self, server: MentorServer) -> None:
        super().__init__(server)
        self.host = TutorHost(server)

    def register(self) -> None:
        self.server.command(COMMANDS[Task.EXPLAIN])(explain)
        self.server.command(COMMANDS[Task.HINT])(hint)

    async def initialized(self) -> None:
        self.server.start_after_first_diagnostics(lambda: preload_model(self.server))

    def code_actions(
        self, params: lsp.CodeActionParams, document: OpenDocument
    ) -> list[lsp.CodeAction]:
        return tutor_actions(self.server, params, document)

    def resolve_code_action(self, action: lsp.CodeAction) -> lsp.CodeAction | None:
        return resolve_tutor_action(action)

    async def hover_note(
        self, document: OpenDocument, analysis: Analysis, finding: Finding, level: Level
    ) -> str | None:
        return await hover_explanation(self.server, document.uri, analysis, finding, level)

    def status(self) -> dict[str, Any]:
        return {"model": self.host.status_summary()}


def host_of(server: MentorServer) -> TutorHost:
    """The server's tutor host (the model, its limit and its state)."""
    return server.get_feature(TutorFeature).host


async def preload_model(server: MentorServer) -> None:
    """Once the first diagnostics are out, load a local model in the background: the student
    who then asks does not wait for the load (an Explain during it waits for it to finish).
    Only for a model file on this machine; an endpoint has nothing to load."""
    config = host_of(server).config()
    if config is None or config.uses_endpoint or config.model_file() is None:
        return
    tutor = host_of(server).tutor()
    if tutor is not None:
        tutor.engine.submit(None, priority=llm.Priority.BACKGROUND)


# -- code actions -------------------------------------------------------------------------


def tutor_actions(
    server: MentorServer, params: lsp.CodeActionParams, document: OpenDocument
) -> list[lsp.CodeAction]:
    wanted = params.context.only
    uri = params.text_document.uri
    actions = []
    for task in Task:
        if wanted and not any(KINDS[task].startswith(kind) for kind in wanted):
            continue
        mentor = [
            d
            for d in params.context.diagnostics
            if d.source == SOURCE and _current(d, document.version)
        ]
        for diagnostic in mentor[:1]:  # one pair per place, not one per overlapping finding
            target = _target(uri, diagnostic.range, str(diagnostic.code or ""))
            actions.append(_action(server, task, True, target, [diagnostic]))
        selection = not params.context.diagnostics and params.range.start != params.range.end
        if selection:
            actions.append(_action(server, task, False, _target(uri, params.range, ""), None))
    return actions


def _current(diagnostic: lsp.Diagnostic, version: int | None) -> bool:
    data: Any = diagnostic.data
    return isinstance(data, dict) and data.get("version") == version


def _target(uri: str, where: lsp.Range, code: str) -> dict[str, Any]:
    return {
        "uri": uri,
        "range": {
            "start": {"line": where.start.line, "character": where.start.character},
            "end": {"line": where.end.line, "character": where.end.character},
        },
        "code": code,
    }


def _action(
    server: MentorServer,
    task: Task,
    on_diagnostic: bool,
    target: dict[str, Any],
    diagnostics: list[lsp.Diagnostic] | None,
) -> lsp.CodeAction:
    title = TITLES[task, on_diagnostic]
    action = lsp.CodeAction(
        title=title,
        kind=KINDS[task],
        diagnostics=diagnostics,
        data={"tutor": task.value, "target": target},
    )
    if not server.client.code_action_resolve:
        action.command = _command(task, title, target)
    return action


def resolve_tutor_action(action: lsp.CodeAction) -> lsp.CodeAction | None:
    """Attach the command once the action is chosen; the model runs when it executes. None
    when the action is not the tutor's."""
    data: Any = action.data
    if not (isinstance(data, dict) and data.get("tutor") in COMMANDS_BY):
        return None
    if action.command is None:
        action.command = _command(Task(data["tutor"]), action.title, data.get("target"))
    return action


COMMANDS_BY = {task.value: task for task in Task}


def _command(task: Task, title: str, target: Any) -> lsp.Command:
    return lsp.Command(title=title, command=COMMANDS[task], arguments=[target])


# -- the commands ---------------------------------------------------------------------------


@guarded
async def explain(server: MentorServer, *args: Any) -> dict[str, Any] | None:
    return await answer(server, Task.EXPLAIN, args)


@guarded
async def hint(server: MentorServer, *args: Any) -> dict[str, Any] | None:
    return await answer(server, Task.HINT, args)


async def answer(server: MentorServer, task: Task, args: tuple[Any, ...]) -> dict[str, Any] | None:
    target = _read_target(args)
    if target is None:
        server.show(
            f"{COMMANDS[task]} needs a file and a range: "
            '{"uri": ..., "range": {"start": ..., "end": ...}}',
            lsp.MessageType.Error,
        )
        return None
    uri, where, code = target
    asked = await question_for(server, task, uri, where, code)
    if asked is None:
        server.show(f"{COMMANDS[task]}: {uri} is not open in the editor", lsp.MessageType.Error)
        return None
    question, document = asked
    progress = WorkDone(server)
    verb = "explaining" if task is Task.EXPLAIN else "thinking of a hint for"
    lines = _lines_label(question.focus)
    await progress.begin(f"Mentor is {verb} {lines}", cancellable=True)
    try:
        reply = await ask_tutor(server, question, progress, _changed(server, uri, document.version))
    except asyncio.CancelledError:
        progress.end("Cancelled")
        raise
    if reply.cancelled:
        progress.end("Cancelled")
        return {"cancelled": True, "markdown": reply.text, "source": reply.source.value}
    progress.end("Done")
    await show_answer(server, task, question, reply, uri)
    return {
        "cancelled": False,
        "markdown": reply.text,
        "source": reply.source.value,
        "note": reply.note,
    }


async def question_for(
    server: MentorServer, task: Task, uri: str, where: lsp.Range, code: str
) -> tuple[Question, OpenDocument] | None:
    """The question Explain/Hint asks about these lines of an open document (a hint after a
    "Check my work" of this very text is about its failing case); None when it is not open."""
    document = server.open_document(uri)
    result = await server.analysis_for(uri)
    if document is None or result is None:
        return None
    level = server.level_for(uri)
    question = build_question(server, task, result.analysis, level, where, code)
    question = with_assignment(server, uri, question)
    if task is Task.HINT:
        failing = _failing_case(server, document)
        if failing:
            server.log(f"the hint is about the failing test: {failing.splitlines()[0]}")
            question = replace(question, failing_test=failing)
    return question, document


def with_assignment(server: MentorServer, uri: str, question: Question) -> Question:
    """The question with the teacher's assignment for this file (as the chat has it), and the
    assignment's own "avoid" list honoured like the class's."""
    from mentor.models.chat.from_code import assignment_text
    from mentor.server.features.chat import assignment_of

    path = to_fs_path(uri) if uri.startswith("file:") else None
    assignment = assignment_of(server, Path(path)) if path else None
    if assignment is None:
        return question
    policy = question.policy
    if assignment.avoid:
        avoided = tuple(dict.fromkeys((*policy.avoid_concepts, *assignment.avoid)))
        policy = replace(policy, avoid_concepts=avoided)
    return replace(question, assignment=assignment_text(assignment), policy=policy)


async def ask_tutor(
    server: MentorServer,
    question: Question,
    progress: WorkDone,
    is_stale: Callable[[], bool],
    request: Any = None,
) -> Answer:
    """The tutor's answer to an Explain/Hint question, streamed to `progress`, within the
    teacher's hourly limit. `request`: the future of the request to stop with (the chat's);
    by default the current one's."""
    from mentor.models.llm.tutor import static_answer

    tutor = host_of(server).tutor()
    if tutor is None:
        return static_answer(question, note="the tutor is switched off (mentor.tutor.enabled)")
    limit = server.settings.tutor_max_requests_per_hour
    counted = limit > 0 and tutor.cached(question) is None  # a cached answer costs nothing
    if counted and not host_of(server).requests.take(limit):
        return limited_answer(server, question, limit)
    reply = await _ask_model(server, tutor, question, progress, is_stale, request)
    if counted and reply.source is llm.AnswerSource.STATIC and not reply.raw:
        host_of(server).requests.give_back()  # the model never answered (unavailable, failed)
    return reply


def limited_answer(server: MentorServer, question: Question, limit: int) -> Answer:
    """Mentor's own explanation, opened by a sentence saying the teacher's limit is reached."""
    from mentor.models.llm.tutor import static_answer

    static = static_answer(question, note=f"your teacher's limit of {limit} an hour")
    sentence = limit_sentence(limit, host_of(server).requests.next_possible(limit))
    return replace(static, text=f"{sentence}\n\n{static.text}")


async def _ask_model(
    server: MentorServer,
    tutor: Tutor,
    question: Question,
    progress: WorkDone,
    is_stale: Callable[[], bool],
    request: Any = None,
) -> Answer:
    loop = asyncio.get_running_loop()
    asked = tutor.ask(
        question,
        max_tokens=server.settings.tutor_max_tokens,
        priority=llm.Priority.INTERACTIVE,
        on_text=lambda text: loop.call_soon_threadsafe(progress.report, text),
        is_stale=is_stale,
    )
    _cancel_with_request(server, asked, request)
    client_cancel = progress.cancelled_by_client
    if client_cancel is not None:
        client_cancel.add_done_callback(lambda _: asked.cancel())
    try:
        return await asyncio.wrap_future(asked.future)
    except asyncio.CancelledError:
        asked.cancel()
        raise


def _cancel_with_request(server: MentorServer, asked: Asked, request: Any = None) -> None:
    """Honour $/cancelRequest for this command. pygls runs a command as an inner task of the
    workspace/executeCommand request and cancels only the outer future, so watch that one."""
    protocol = server.protocol
    if request is None and protocol.msg_id:
        request = protocol._request_futures.get(protocol.msg_id)
    if request is not None:
        request.add_done_callback(lambda done: asked.cancel() if done.cancelled() else None)


def _changed(server: MentorServer, uri: str, version: int | None) -> Callable[[], bool]:
    def changed() -> bool:
        document = server.open_document(uri)
        return document is None or document.version != version

    return changed


def _read_target(args: tuple[Any, ...]) -> tuple[str, lsp.Range, str] | None:
    if len(args) != 1 or not isinstance(args[0], dict):
        return None
    target = args[0]
    try:
        start, end = target["range"]["start"], target["range"]["end"]
        where = lsp.Range(
            start=lsp.Position(line=int(start["line"]), character=int(start["character"])),
            end=lsp.Position(line=int(end["line"]), character=int(end["character"])),
        )
        uri = str(target["uri"])
    except (KeyError, TypeError, ValueError):
        return None
    return uri, where, str(target.get("code") or "")


def _failing_case(server: MentorServer, document: TextDocument) -> str:
    from mentor.server.features.check_work import CheckWorkFeature

    try:
        checks = server.get_feature(CheckWorkFeature)
    except LookupError:  # a server built without Check my work
        return ""
    return checks.failing_case(document.uri, document.source)


def build_question(
    server: MentorServer, task: Task, analysis: Analysis, level: Level, where: lsp.Range, code: str
) -> Question:
    """The lines asked about, their enclosing function (or a few lines around them), and the
    finding there (if any)."""
    from mentor.models.llm.prompts import context_lines

    source = analysis.source
    start, _ = from_lsp_position(source, where.start, server.encoding)
    end, end_column = from_lsp_position(source, where.end, server.encoding)
    if end > start and end_column == 0:
        end -= 1  # a selection of whole lines ends at the start of the next one
    count = len(source.lines)
    start = max(1, min(start, count))
    end = max(start, min(end, count, start + MAX_LINES - 1))
    finding = find_finding(analysis, level, start, end, code)
    first, last = context_lines(source.text, start, end)
    last = min(last, count)
    return llm.Question(
        task=task,
        level=level,
        code="\n".join(source.lines[first - 1 : last]),
        first_line=first,
        focus=(start, end),
        grounding=llm.Grounding.from_finding(finding, level) if finding else None,
        policy=host_of(server).policy(),
    )


def find_finding(
    analysis: Analysis, level: Level, start: int, end: int, code: str = ""
) -> Finding | None:
    here = [
        finding
        for finding in analysis.findings
        if finding.severity(level) is not None
        and finding.span.line <= end
        and finding.span.end_line >= start
    ]
    chosen = [finding for finding in here if finding.code == code] if code else here
    return (chosen or here or [None])[0]


# -- showing the answer ---------------------------------------------------------------------


async def show_answer(
    server: MentorServer, task: Task, question: Question, reply: Answer, uri: str
) -> None:
    if server.client.show_document:
        page = _write_page(task, question, reply, uri)
        if page is not None:
            try:
                await server.window_show_document_async(
                    lsp.ShowDocumentParams(uri=page.as_uri(), take_focus=True)
                )
                return
            except Exception as error:  # the editor refused: fall back to a message
                log.info("showDocument failed: %r", error)
    server.window_show_message(
        lsp.ShowMessageParams(
            type=lsp.MessageType.Info, message=answer_message(task, question, reply, uri)
        )
    )


def answer_message(task: Task, question: Question, reply: Answer, uri: str) -> str:
    """The answer as a message for an editor that cannot show documents. It starts with the answer
    itself (an editor showing one line shows that one), then says what it is about and who wrote
    it, as the page does."""
    # A message is plain text: Markdown's escapes are left out.
    return f"{plain_text(reply.text)}\n\n{_title(task, question, uri)}. {_footer(reply)}"


def answers_folder() -> Path:
    return Path(platformdirs.user_cache_dir("mentor-lsp")) / "answers"


def _title(task: Task, question: Question, uri: str, *, markdown: bool = False) -> str:
    kind = "Explanation" if task is Task.EXPLAIN else "Hint"
    name = Path(uri).name
    # In Markdown the file name is code: `student.py` as text is a link to http://student.py
    # in a renderer with linkify on (VS Code's Markdown preview).
    shown = code_span(name) if markdown and name else name
    return f"{kind}: {shown}, {_lines_label(question.focus)}"


def _footer(reply: Answer, *, markdown: bool = False) -> str:
    note = safe_text(reply.note) if markdown else reply.note  # may quote the endpoint's error
    source = llm.AnswerSource
    return {
        source.MODEL: "Written by Mentor's tutor model; it can be wrong: check it.",
        source.CACHE: "Written by Mentor's tutor model earlier; it can be wrong: check it.",
        source.STATIC: "Mentor's own explanation" + (f" ({note})." if note else "."),
    }[reply.source]


def _write_page(task: Task, question: Question, reply: Answer, uri: str) -> Path | None:
    title = _title(task, question, uri, markdown=True)
    footer = _footer(reply, markdown=True)
    text = f"# {title}\n\n{reply.text}\n\n---\n\n*{footer}*\n"
    digest = hashlib.sha256(f"{task.value}:{uri}:{question.focus}".encode()).hexdigest()[:16]
    page = answers_folder() / f"{task.value}-{digest}.md"
    try:
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    except OSError as error:
        log.warning("cannot write the answer to %s: %s", page, error)
        return None
    return page


def _lines_label(focus: tuple[int, int]) -> str:
    return f"line {focus[0]}" if focus[0] == focus[1] else f"lines {focus[0]}–{focus[1]}"


# -- hover ----------------------------------------------------------------------------------

POINTER = "*Want more? Choose **Mentor: Explain this** among the quick fixes.*"


async def hover_explanation(
    server: MentorServer, uri: str, analysis: Analysis, finding: Finding, level: Level
) -> str | None:
    """The tutor's explanation if cached or ready within HOVER_BUDGET_S, else a pointer to the
    Explain action. Never loads the model (hover must stay fast) and never waits longer."""
    tutor = host_of(server).tutor()
    document = server.open_document(uri)
    if tutor is None or document is None:
        return None
    where = lsp.Range(
        start=lsp.Position(line=finding.span.line - 1, character=0),
        end=lsp.Position(line=finding.span.end_line - 1, character=0),
    )
    question = build_question(server, Task.EXPLAIN, analysis, level, where, finding.code)
    cached = tutor.cached(question)
    if cached is not None:
        return _from_tutor(cached)
    if tutor.status.state is not llm.EngineState.READY:
        return POINTER
    if server.settings.tutor_max_requests_per_hour > 0:
        return POINTER  # under a teacher's limit the model answers only the student's questions
    previous = host_of(server).hover_asked
    if previous is not None:
        previous.cancel()  # the cursor moved on: only the latest hover keeps the model busy
    asked = tutor.ask(
        question,
        max_tokens=server.settings.tutor_max_tokens,
        priority=llm.Priority.BACKGROUND,
        is_stale=_changed(server, uri, document.version),
    )
    host_of(server).hover_asked = asked
    try:
        reply = await asyncio.wait_for(
            asyncio.shield(asyncio.wrap_future(asked.future)), HOVER_BUDGET_S
        )
    except asyncio.TimeoutError:
        return POINTER  # it goes on in the background and fills the cache for the next hover
    if reply.cancelled or reply.source is llm.AnswerSource.STATIC:
        return POINTER
    return _from_tutor(reply.text)


def _from_tutor(text: str) -> str:
    return f"**Mentor's tutor** (a language model: it can be wrong)\n\n{text}"
