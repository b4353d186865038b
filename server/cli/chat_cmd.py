"""`mentor chat [FILE]`: the conversation with the tutor in a terminal, beside any editor
(Neovim's `:terminal mentor chat %`, Emacs, Helix). The same conversations, hint ladder and
guardrails as the editor's chat: the file is read again before every answer (the editor may
have changed it), with Mentor's findings in it as context. Without a model Mentor answers with
its own explanations, and says so once."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import Any, TextIO

from mentor.server.cli.common import EXIT_OK, UsageError

KEYS = {
    "w": "Why?",
    "s": "I'm still stuck",
    "n": "New question",
}
HELP = (
    "Type your question. Keys (alone on a line): w = Why?  s = I'm still stuck  "
    "+ = that helped  - = that did not help  n = new question  c = check my work (runs your "
    "file against the teacher's tests)  l = list conversations  h = this help  "
    "q = quit (Ctrl-D too; Ctrl-C stops an answer)."
)
MAX_FILE_BYTES = 2_000_000


def add_to(commands: Any) -> None:
    parser = commands.add_parser(
        "chat", help="talk with the tutor about a file in the terminal (any editor beside it)"
    )
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE", help="the Python file")
    parser.add_argument("--line", type=int, default=0, help="the line to ask about")
    parser.add_argument(
        "--workspace", type=Path, default=Path("."), help="the workspace folder (default: .)"
    )
    parser.add_argument("--resume", metavar="ID", help="go on with a conversation (or 'last')")
    parser.add_argument("--list", action="store_true", help="list the conversations and exit")
    parser.add_argument("--forget", metavar="ID", help="forget one conversation and exit")
    parser.add_argument("--forget-all", action="store_true", help="forget every conversation")
    parser.add_argument(
        "--feedback", action="store_true", help="the helpful / not helpful marks, by model and rung"
    )
    parser.add_argument("--policy", type=Path, help="a teacher's policy file (locked settings)")
    parser.add_argument("--model", default="", help="a GGUF file (default: the installed one)")
    parser.add_argument("--endpoint", default="", help="an OpenAI-compatible server URL instead")
    parser.add_argument("--no-model", action="store_true", help="Mentor's own answers only")
    parser.add_argument("--level", choices=["novice", "developing", "proficient"], default="novice")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    from mentor.models.chat import ChatService, ChatStoreError, chat_path

    if not args.workspace.is_dir():
        raise UsageError(f"no such folder: {args.workspace}")
    if args.file is not None and not args.file.is_file():
        raise UsageError(f"no such file: {args.file}")
    try:
        service, notice = ChatService.open(chat_path(args.workspace))
    except ChatStoreError as error:
        print(f"mentor: {error}; this conversation is not kept", file=sys.stderr)
        service, notice = ChatService.in_memory(), None
    if notice:
        print(f"mentor: {notice}", file=sys.stderr)
    try:
        if args.list or args.forget or args.forget_all or args.feedback:
            return _memory_command(args, service, out)
        return Chat(args, service, out).loop()
    finally:
        service.close()


def _memory_command(args: argparse.Namespace, service: Any, out: TextIO) -> int:
    if args.forget_all:
        print(f"forgot {service.forget(everything=True)} conversation(s)", file=out)
    elif args.feedback:
        _print_feedback(service.feedback(), out)
    elif args.forget:
        print(f"forgot {service.forget(args.forget)} conversation(s)", file=out)
    else:
        _print_list(service, out)
    return EXIT_OK


def _print_feedback(counts: Any, out: TextIO) -> None:
    """Which models, prompts and rungs the student found helpful (counts only)."""
    print(
        f"answers: {counts.helpful} helpful, {counts.not_helpful} not helpful, "
        f"{counts.unmarked} unmarked",
        file=out,
    )
    for model, yes, no in counts.by_model:
        print(f"  {model}: {yes} helpful, {no} not", file=out)
    for depth, yes, no in counts.by_depth:
        print(f"  step {depth}: {yes} helpful, {no} not", file=out)


def _print_list(service: Any, out: TextIO) -> None:
    import datetime as dt

    conversations = service.conversations()
    if not conversations:
        print("no conversations yet", file=out)
    for c in conversations:
        when = dt.datetime.fromtimestamp(c.updated).strftime("%Y-%m-%d %H:%M")
        print(f"{c.id}  {when}  {c.turns:>3} turns  {c.title}", file=out)


class Chat:
    def __init__(self, args: argparse.Namespace, service: Any, out: TextIO) -> None:
        self.args = args
        self.service = service
        self.out = out
        self.settings = _settings(args)
        self.conversation: str | None = self._resumed()
        self.last_answer: str | None = None
        self.failing_test = ""  # the first failing case of the last "check my work"
        self.tutor = self._tutor()

    # -- set-up ---------------------------------------------------------------------------

    def _resumed(self) -> str | None:
        wanted = self.args.resume
        if not wanted:
            return None
        conversations = self.service.conversations()
        if wanted == "last":
            if not conversations:
                raise UsageError("no conversation to resume yet")
            return conversations[0].id
        if not any(c.id == wanted for c in conversations):
            raise UsageError(f"no conversation {wanted!r} (`mentor chat --list` lists them)")
        return wanted

    def _tutor(self) -> Any:
        from mentor.models.llm import ModelConfig, Priority, Tutor
        from mentor.models.llm.cache import AnswerCache

        settings = self.settings
        if self.args.no_model or not settings.tutor_enabled:
            self.say("No tutor model: Mentor answers with its own explanations.")
            return None
        config = ModelConfig(
            path=settings.model_path,
            gpu_layers=settings.model_gpu_layers,
            context_size=settings.model_context_size,
            threads=settings.model_threads,
            endpoint=settings.model_endpoint,
            name=settings.model_name,
        ).with_installed_model()
        if not config.uses_endpoint and config.model_file() is None:
            self.say(
                "No tutor model is installed (`mentor model install` puts one in place): "
                "Mentor answers with its own explanations."
            )
            return None
        tutor = Tutor(config, cache=AnswerCache.in_memory())
        tutor.engine.submit(None, priority=Priority.BACKGROUND)  # loads while the student types
        self.say(f"Tutor model: {config.label()} (it can be wrong: check what it says).")
        return tutor

    # -- the conversation -----------------------------------------------------------------

    def loop(self) -> int:
        name = self.args.file.name if self.args.file else "no file"
        self.say(f"Mentor chat about {name}. {HELP}")
        if self.conversation:
            self._show_history()
        try:
            while True:
                try:
                    line = input("you> ")
                except EOFError:
                    self.say("")
                    break
                key = line.strip()
                if key in ("q", "quit", "exit"):
                    break
                if key in ("h", "?", "help"):
                    self.say(HELP)
                elif key in ("+", "-"):
                    self._mark(key == "+")
                elif key == "l":
                    _print_list(self.service, self.out)
                elif key == "c":
                    self._check()
                elif key:
                    self._ask(KEYS.get(key, line))
        finally:
            if self.tutor is not None:
                self.tutor.close()
        return EXIT_OK

    def _ask(self, message: str) -> None:
        from mentor.models.chat import answered, ask_model, static
        from mentor.models.chat.ladder import RUNG_NAMES, cap

        if message == "New question":
            self.conversation = None
            self.say("New question: what do you want to ask?")
            return
        built = self._context()
        context = built[1] if built else None
        settings = self.settings
        prepared = self.service.prepare(
            self.conversation,
            message,
            context,
            max_hint_depth=settings.tutor_max_hint_depth,
            context_size=settings.model_context_size,
            max_tokens=settings.tutor_max_tokens,
        )
        self.conversation = prepared.conversation.id
        printer = _Streamer(self.out)
        if self.tutor is None:
            asked = answered(static(prepared.context, prepared.rung, "no model"))
        else:
            asked = ask_model(
                self.tutor,
                prepared.prompt,
                prepared.context,
                prepared.rung,
                max_tokens=settings.tutor_max_tokens,
                on_text=printer.update,
            )
        self.out.write("mentor> ")
        self.out.flush()
        try:
            reply = _wait(asked)
        except KeyboardInterrupt:
            asked.cancel()
            reply = _wait(asked)
        printer.finish(reply.text)
        if reply.cancelled:
            self.say("(stopped)")
        model = self.tutor.config.label() if self.tutor is not None else ""
        model = model if reply.source != "static" else ""
        result = self.service.finish(prepared, reply.text, reply.source, reply.note, model)
        self.last_answer = result.turn_id
        top = cap(settings.tutor_max_hint_depth, prepared.context.policy.allow_solutions)
        rung = prepared.rung
        source = "Mentor's own answer" if reply.source == "static" else "the tutor model"
        self.say(f"[step {int(rung)} of {int(top)}: {RUNG_NAMES[rung]}; {source}. + / - to mark]")
        if prepared.climbed:
            _help_evidence(self.args, prepared.context)

    def _context(self) -> tuple[Any, Any] | None:
        from mentor.analyzers import Level, analyze
        from mentor.models.chat.from_code import context_from_analysis
        from mentor.models.llm import Policy

        path = self.args.file
        if path is None:
            return None
        try:
            data = path.read_bytes()[:MAX_FILE_BYTES]
        except OSError as error:
            self.say(f"(cannot read {path}: {error.strerror}; asking without the code)")
            return None
        analysis = analyze(data.decode("utf-8", errors="replace"), str(path))
        settings = self.settings
        line = self.args.line
        policy = Policy(settings.allow_solutions, settings.avoid_concepts)
        context = context_from_analysis(
            analysis,
            Level(self.args.level),
            policy,
            file_name=path.name,
            focus=(line, line) if line > 0 else None,
            assignment=_assignment(self.args, path),
            failing_test=self.failing_test,
            document=_document_key(self.args.workspace, path),
        )
        return analysis, context

    def _check(self) -> None:
        """Check my work: the student asked, so their file runs against the teacher's tests
        (limited processes, `analyzers/runtime/check.py`); the first failing case then
        grounds the next answers."""
        from mentor.analyzers import Level
        from mentor.analyzers.runtime.check import check_work
        from mentor.analyzers.runtime.check_report import failing_case_text, summary_text

        path = self.args.file
        assignment = _assignment(self.args, path) if path is not None else None
        if assignment is None or assignment.tests is None:
            self.say("(no tests to check against: the teacher's --policy has none for this file)")
            return
        try:
            source = path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            self.say(f"(cannot read {path}: {error.strerror})")
            return
        result = check_work(source, path.name, assignment.tests, title=assignment.title)
        self.out.write(summary_text(result, Level(self.args.level)))
        self.failing_test = failing_case_text(result)
        if self.failing_test:
            self.say("Ask about the failing case: the next answers know it.")

    def _mark(self, helpful: bool) -> None:
        if self.last_answer is None:
            self.say("(nothing to mark yet)")
            return
        self.service.mark(self.last_answer, helpful)
        self.say("Thanks: marked helpful." if helpful else "Thanks: marked not helpful.")

    def _show_history(self) -> None:
        from mentor.models.llm.markdown_guard import plain_text

        for turn in self.service.history(self.conversation):
            who = "you" if turn.role == "student" else "mentor"
            self.say(f"{who}> {plain_text(turn.text)}")

    def say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()


class _Streamer:
    """Writes the answer as it grows. The guard may rewrite what it showed (a code block cut):
    then the rest waits for the end, which is written whole."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.shown = ""
        self.lock = threading.Lock()

    def update(self, text: str) -> None:
        from mentor.models.llm.markdown_guard import plain_text

        plain = plain_text(text)
        with self.lock:
            if plain.startswith(self.shown) and len(plain) > len(self.shown):
                self.out.write(plain[len(self.shown) :])
                self.out.flush()
                self.shown = plain

    def finish(self, text: str) -> None:
        from mentor.models.llm.markdown_guard import plain_text

        plain = plain_text(text)
        with self.lock:
            if plain.startswith(self.shown):
                self.out.write(plain[len(self.shown) :] + "\n")
            else:
                self.out.write(f"\n{plain}\n" if self.shown else f"{plain}\n")
            self.out.flush()
            self.shown = plain


def _wait(asked: Any) -> Any:
    # A timeout in the wait keeps Ctrl-C deliverable on every platform.
    import concurrent.futures

    while True:
        try:
            return asked.future.result(timeout=0.2)
        except concurrent.futures.TimeoutError:
            continue


def _settings(args: argparse.Namespace) -> Any:
    from mentor.server.settings import parse_settings

    own: dict[str, Any] = {}
    if args.model:
        own["model.path"] = args.model
    if args.endpoint:
        own["model.endpoint"] = args.endpoint
    policy: dict[str, Any] = {}
    if args.policy is not None:
        from mentor.server.policy import PolicyError, load_policy

        try:
            policy = load_policy(args.policy)
        except PolicyError as error:
            raise UsageError(str(error)) from error
    result = parse_settings(own, policy)
    for problem in result.problems:
        print(f"mentor: {problem}", file=sys.stderr)
    return result.settings


def _assignment(args: argparse.Namespace, path: Path) -> Any:
    """The policy's assignment for this file, or None (`mentor policy check` reports bad ones)."""
    if args.policy is None:
        return None
    from mentor.models.assignments import assignment_for, assignments_from_policy
    from mentor.server.policy import PolicyError, read_policy

    try:
        whole = read_policy(args.policy)
    except PolicyError:
        return None
    assignments, _ = assignments_from_policy(whole, args.policy.parent)
    return assignment_for(path.resolve(), assignments, args.workspace.resolve())


def _help_evidence(args: argparse.Namespace, context: Any) -> None:
    """One more rung needed on a finding: weak evidence in the workspace's progress file."""
    from mentor.analyzers import Concept
    from mentor.models.learner import LearnerService, StoreError, database_path

    if not context.skills or not context.document:
        return
    try:
        service, _ = LearnerService.open(database_path(args.workspace), mentors_folder=True)
    except StoreError:
        return
    try:
        service.help_asked(context.document, context.rule, [Concept(s) for s in context.skills])
    except StoreError:
        pass
    finally:
        service.close()


def _document_key(workspace: Path, path: Path) -> str:
    """The file as the progress file names it: relative to the workspace when inside it."""
    try:
        return path.resolve().relative_to(workspace.resolve()).as_posix()
    except ValueError:
        return str(path.resolve())
