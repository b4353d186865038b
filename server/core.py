"""The Mentor language server object: the state every feature shares, and nothing else."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from mentor.analyzers import Analysis, AnalysisSettings, DocumentAnalyzer, Level, Rule
from mentor.server.client import ClientSupport
from mentor.server.documents import is_python
from mentor.server.protocol import MentorProtocol
from mentor.server.settings import Settings, SettingsResult
from mentor.server.version import VERSION

log = logging.getLogger(__name__)

# A feature that follows edits gets (server, event, uri), event being "open", "change", "save"
# or "close": pygls allows one handler per LSP method and the diagnostics feature owns those.
DocumentListener = Callable[["MentorServer", str, str], None]


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
        from mentor.server.tutor_host import TutorHost  # the tutor's model loads lazily

        self.tutor = TutorHost(self)
        self.document_listeners: list[DocumentListener] = []
        # Set once the client's settings are known (after `initialized`).
        self.settings_applied = asyncio.Event()
        # Set by the learner feature: the level for a rule (None: the document as a whole).
        self.learner_level: Callable[[Rule | None], Level] | None = None
        # Set by the learner feature: the learner's overall level (None: no progress file).
        self.learner_overall: Callable[[], Level | None] | None = None

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
        settings = AnalysisSettings(disabled=frozenset(self.settings.rules_disable))
        path = document.path if uri.startswith("file:") else None
        analyzer = self.document_analyzers.setdefault(uri, DocumentAnalyzer())
        loop = asyncio.get_running_loop()
        analysis = await loop.run_in_executor(
            self.analysis_pool, analyzer.analyze, text, path, settings
        )
        result = DocumentAnalysis(uri=uri, version=version, analysis=analysis)
        current = self.open_document(uri)
        if current is not None and current.version == version:
            self.analyses[uri] = result
        return result

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
