"""The Mentor language server object: the state every feature shares, and nothing else."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from mentor.analyzers import Analysis, AnalysisSettings, DocumentAnalyzer, Level, Rule
from mentor.models.assignments import Assignment
from mentor.server.client import ClientSupport
from mentor.server.documents import is_python
from mentor.server.protocol import MentorProtocol
from mentor.server.settings import Settings, SettingsResult
from mentor.server.version import VERSION

log = logging.getLogger(__name__)

# Start-up work (the progress file, jedi's caches) waits for the first diagnostics this long.
FIRST_DIAGNOSTICS_WAIT_S = 5.0
# Set to 1 to answer `mentor/debugModules` (the top-level modules imported when the first
# diagnostics went out, and now): tests check that start-up stays light. Off by default.
DEBUG_MODULES_ENV = "MENTOR_DEBUG_MODULES"


def loaded_modules() -> list[str]:
    """The top-level packages in this process's `sys.modules`, sorted."""
    return sorted({name.partition(".")[0] for name in list(sys.modules)})


# A feature that follows edits gets (server, event, uri), event being "open", "change", "save"
# or "close": pygls allows one handler per LSP method and the diagnostics feature owns those.
DocumentListener = Callable[["MentorServer", str, str], None]


@dataclass
class PullState:
    """A document the client pulls diagnostics for (`textDocument/diagnostic`): the version and
    result id of the last report it got (None until the first answer)."""

    version: int | None = None
    result_id: str | None = None


@dataclass(frozen=True)
class DocumentAnalysis:
    """The analysis of one version of one open document."""

    uri: str
    version: int | None
    analysis: Analysis


class MentorServer(LanguageServer):
    """pygls server plus Mentor's shared state: settings, analyses, the analysis workers."""

    def __init__(self) -> None:
        super().__init__(
            name="mentor",
            version=VERSION,
            text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
            protocol_cls=MentorProtocol,
        )
        self.settings = Settings()
        self.client = ClientSupport()
        self.event_loop: asyncio.AbstractEventLoop | None = None  # set once serving
        self.initialization_options: Any = None
        self.policy: dict[str, Any] = {}  # a teacher's locked settings, in any key form
        self.policy_from_file = False  # `--policy FILE`: then no client can add to the policy
        # The teacher's assignments (the policy file's `assignments`), in the policy's order.
        self.assignments: list[Assignment] = []
        # The client said the workspace is trusted (initializationOptions `workspaceTrusted`);
        # a client that says nothing is taken as untrusted.
        self.workspace_trusted = False
        # Work features start once the client is ready (after `initialized` and the settings):
        # pygls allows one `initialized` handler, so features add their start-up here.
        self.startup: list[Callable[[MentorServer], Awaitable[None] | None]] = []
        # And finish their work here when the client asks the server to shut down.
        self.finish: list[Callable[[MentorServer], Awaitable[None]]] = []
        self.analyses: dict[str, DocumentAnalysis] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        # Analyses never run on the event loop, nor on pygls' own pool (which reads stdin).
        self.analysis_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="mentor-analysis")
        # One per open document: re-analyses reuse what an edit left unchanged.
        self.document_analyzers: dict[str, DocumentAnalyzer] = {}
        # Diagnostics of sources other than the static checker (e.g. "mentor-tutor"), by uri
        # and source, each for one document version; published together with the static ones.
        self.extra_diagnostics: dict[str, dict[str, tuple[int | None, list[lsp.Diagnostic]]]] = {}
        # Documents the client has pulled diagnostics for: they are not pushed any more.
        self.pulled: dict[str, PullState] = {}
        # Documents whose diagnostics were pushed (a first pull then clears the pushed copy).
        self.pushed: set[str] = set()
        # The analysis being computed per document, shared by a push and a pull of one version.
        self.analysing: dict[str, tuple[int | None, str, asyncio.Future[Analysis]]] = {}
        from mentor.server.tutor_host import TutorHost  # the tutor's model loads lazily

        self.tutor = TutorHost(self)
        self.document_listeners: list[DocumentListener] = []
        # Set once the client's settings are known (after `initialized`).
        self.settings_applied = asyncio.Event()
        # Set once the first diagnostics went out (pushed or pulled).
        self.first_diagnostics = asyncio.Event()
        self.modules_at_first_diagnostics: list[str] | None = None  # see DEBUG_MODULES_ENV
        self.background: set[asyncio.Task[None]] = set()
        # Set by the learner feature: the level for a rule (None: the document as a whole).
        self.learner_level: Callable[[Rule | None], Level] | None = None
        # Set by the learner feature: the learner's overall level (None: no progress file).
        self.learner_overall: Callable[[], Level | None] | None = None

    def first_diagnostics_sent(self) -> None:
        if self.first_diagnostics.is_set():
            return
        if os.environ.get(DEBUG_MODULES_ENV) == "1":
            self.modules_at_first_diagnostics = loaded_modules()
        self.first_diagnostics.set()

    async def after_first_diagnostics(self) -> None:
        """Wait until the first diagnostics went out (at most FIRST_DIAGNOSTICS_WAIT_S): work
        that is not needed for them starts then, so a student sees the first ones sooner."""
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.first_diagnostics.wait(), FIRST_DIAGNOSTICS_WAIT_S)

    def start_after_first_diagnostics(self, work: Callable[[], Awaitable[None]]) -> None:
        """Run `work` in the background once the first diagnostics went out (errors logged)."""

        async def run() -> None:
            await self.after_first_diagnostics()
            try:
                await work()
            except Exception:
                log.exception("start-up work %r failed", work)

        task = asyncio.get_running_loop().create_task(run())
        self.background.add(task)  # the loop keeps only weak references to tasks
        task.add_done_callback(self.background.discard)

    # -- settings and level -----------------------------------------------------------------

    def apply_settings(self, result: SettingsResult) -> None:
        self.settings = result.settings
        self.settings_applied.set()
        for problem in result.problems:
            self.show(problem, lsp.MessageType.Warning)

    def level_for(self, uri: str, rule: Rule | None = None) -> Level:
        """The learner level whose words, severities and hint depth a finding of `rule` (or,
        without one, the document) gets: the fixed `hintLevel`, else the learner model's."""
        fixed = self.settings.fixed_level
        if fixed is not None:
            return fixed
        if self.learner_level is not None:
            try:
                return self.learner_level(rule)
            except Exception:  # the learner model must never take diagnostics down
                log.exception("learner level failed")
        return Level.NOVICE

    @property
    def encoding(self) -> str:
        return self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16

    # -- analysis ---------------------------------------------------------------------------

    def open_document(self, uri: str) -> TextDocument | None:
        """The open document for `uri`, or None if the editor closed it (never read from disk)."""
        return self.workspace.text_documents.get(unquote(uri))

    async def analysis_for(self, uri: str) -> DocumentAnalysis | None:
        """The analysis of the document's current version, computed off the event loop."""
        document = self.open_document(uri)
        if document is None or not is_python(document):
            return None
        version, text = document.version, document.source
        cached = self.analyses.get(uri)
        if cached is not None and cached.version == version and cached.analysis.source.text == text:
            return cached
        running = self.analysing.get(uri)
        if running is None or running[:2] != (version, text) or running[2].cancelled():
            settings = AnalysisSettings(disabled=frozenset(self.settings.rules_disable))
            path = document.path if uri.startswith("file:") else None
            analyzer = self.document_analyzers.setdefault(uri, DocumentAnalyzer())
            future = asyncio.get_running_loop().run_in_executor(
                self.analysis_pool, analyzer.analyze, text, path, settings
            )
            running = self.analysing[uri] = (version, text, future)
            future.add_done_callback(lambda done: self._analysed(uri, done))
        # shielded: a cancelled push must not cancel the analysis a pull waits for
        analysis = await asyncio.shield(running[2])
        result = DocumentAnalysis(uri=uri, version=version, analysis=analysis)
        current = self.open_document(uri)
        if current is not None and current.version == version:
            self.analyses[uri] = result
        return result

    def _analysed(self, uri: str, future: asyncio.Future[Analysis]) -> None:
        running = self.analysing.get(uri)
        if running is not None and running[2] is future:
            del self.analysing[uri]

    def notify_document_listeners(self, event: str, uri: str) -> None:
        for listener in self.document_listeners:
            try:
                listener(self, event, uri)
            except Exception:  # one listener's bug must not stop the others, nor diagnostics
                log.exception("document listener %r failed on %s", listener, event)

    def forget(self, uri: str) -> None:
        self.analyses.pop(uri, None)
        analyzer = self.document_analyzers.pop(uri, None)
        if analyzer is not None:  # off the loop: an analysis of it may be running
            self.analysis_pool.submit(analyzer.forget)
        self.extra_diagnostics.pop(uri, None)
        self.pulled.pop(uri, None)
        self.pushed.discard(uri)
        self.analysing.pop(uri, None)
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()

    def report_bad_bytes(self, count: int) -> None:
        """Called from the reader thread when a message held bytes that were not UTF-8."""
        message = (
            f"the editor sent {count} byte(s) that are not UTF-8 text; they are shown as \ufffd. "
            "Save the file as UTF-8."
        )
        if self.event_loop is not None:
            self.event_loop.call_soon_threadsafe(self.show, message, lsp.MessageType.Warning)

    # -- talking to the user ----------------------------------------------------------------

    def show(self, message: str, kind: lsp.MessageType = lsp.MessageType.Info) -> None:
        self.window_show_message(lsp.ShowMessageParams(type=kind, message=f"Mentor: {message}"))
        self.log(message, kind)

    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Log) -> None:
        log.info(message)
        self.window_log_message(lsp.LogMessageParams(type=kind, message=message))
