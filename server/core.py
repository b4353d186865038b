"""The Mentor language server object: the state every feature shares, and nothing else."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from mentor.analyzers import Analysis, AnalysisSettings, Level, Rule
from mentor.models.assignments import Assignment
from mentor.server.client import ClientSupport
from mentor.server.documents import DocumentAnalysis, OpenDocument, is_python
from mentor.server.feature import Feature
from mentor.server.protocol import MentorProtocol
from mentor.server.settings import Settings, SettingsResult
from mentor.server.version import VERSION

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Feature)

# Start-up work (the progress file, jedi's caches) waits for the first diagnostics this long.
FIRST_DIAGNOSTICS_WAIT_S = 5.0
# Set to 1 to answer `mentor/debugModules` (the top-level modules imported when the first
# diagnostics went out, and now): tests check that start-up stays light. Off by default.
DEBUG_MODULES_ENV = "MENTOR_DEBUG_MODULES"


def loaded_modules() -> list[str]:
    """The top-level packages in this process's `sys.modules`, sorted."""
    return sorted({name.partition(".")[0] for name in list(sys.modules)})


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
        self.shown_settings_problems: set[str] = set()  # see apply_settings
        self.policy_from_file = False  # `--policy FILE`: then no client can add to the policy
        # The teacher's assignments (the policy file's `assignments`), in the policy's order.
        self.assignments: list[Assignment] = []
        # The client said the workspace is trusted (initializationOptions `workspaceTrusted`);
        # a client that says nothing is taken as untrusted.
        self.workspace_trusted = False
        # One record per open document (see OpenDocument): analyses, pending work, diagnostics.
        self.documents: dict[str, OpenDocument] = {}
        # Analyses never run on the event loop, nor on pygls' own pool (which reads stdin).
        self.analysis_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="mentor-analysis")
        self.features: list[Feature] = []
        # Set once the client's settings are known (after `initialized`).
        self.settings_applied = asyncio.Event()
        # Set once the first diagnostics went out (pushed or pulled).
        self.first_diagnostics = asyncio.Event()
        self.modules_at_first_diagnostics: list[str] | None = None  # see DEBUG_MODULES_ENV
        self.background: set[asyncio.Task[None]] = set()

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
        # Each problem is shown once: not again when the settings are read again (every change
        # of any setting); again only after it was gone.
        for problem in result.problems:
            if problem not in self.shown_settings_problems:
                self.show(problem, lsp.MessageType.Warning)
        self.shown_settings_problems = set(result.problems)

    def level_for(self, uri: str, rule: Rule | None = None) -> Level:
        """The learner level whose words, severities and hint depth a finding of `rule` (or,
        without one, the document) gets: the fixed `hintLevel`, else the learner model's."""
        fixed = self.settings.fixed_level
        if fixed is not None:
            return fixed
        for level in self.call_features("level_for", rule):
            if level is not None:
                return level
        return Level.NOVICE

    def overall_level(self) -> Level | None:
        """The fixed `hintLevel`, else the learner model's overall level (None: not known)."""
        if self.settings.fixed_level is not None:
            return self.settings.fixed_level
        return next((lvl for lvl in self.call_features("overall_level") if lvl is not None), None)

    @property
    def encoding(self) -> str:
        return self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16

    # -- features ---------------------------------------------------------------------------

    def add_feature(self, kind: type[Feature]) -> Feature:
        feature = kind(self)
        self.features.append(feature)
        feature.register()
        return feature

    def get_feature(self, kind: type[F]) -> F:
        """The server's feature of type `kind` (named so: pygls' `feature` registers handlers)."""
        for feature in self.features:
            if isinstance(feature, kind):
                return feature
        raise LookupError(f"no {kind.__name__} in this server")

    def call_features(self, hook: str, *args: Any) -> list[Any]:
        """Call `hook` on every feature, in order; one that raises is logged and left out."""
        results = []
        for feature in self.features:
            try:
                results.append(getattr(feature, hook)(*args))
            except Exception as error:
                self._feature_failed(feature, hook, error)
        return results

    async def await_features(self, hook: str, *args: Any) -> None:
        """Await async `hook` on every feature, in turn; one that raises is logged."""
        for feature in self.features:
            try:
                await getattr(feature, hook)(*args)
            except Exception as error:
                self._feature_failed(feature, hook, error)

    def _feature_failed(self, feature: Feature, hook: str, error: BaseException) -> None:
        log.error("%s.%s failed", type(feature).__name__, hook, exc_info=error)
        with contextlib.suppress(Exception):  # the connection itself may be gone
            self.log(f"{type(feature).__name__}.{hook} failed: {type(error).__name__}: {error}")

    # -- documents and their analysis -------------------------------------------------------

    def open_document(self, uri: str) -> TextDocument | None:
        """The open document for `uri`, or None if the editor closed it (never read from disk)."""
        return self.workspace.text_documents.get(unquote(uri))

    def document(self, uri: str) -> OpenDocument | None:
        """Mentor's record of the open document `uri` (made when first needed), or None when
        the editor has not opened it."""
        text_document = self.open_document(uri)
        if text_document is None:
            return None
        record = self.documents.get(uri)
        if record is None or record.text_document is not text_document:  # (re)opened
            if record is not None:
                self.drop_document(uri)
            record = self.documents[uri] = OpenDocument(uri=uri, text_document=text_document)
        return record

    def drop_document(self, uri: str) -> None:
        """The editor closed `uri`: stop its work and forget its record."""
        record = self.documents.pop(uri, None)
        if record is None:
            return
        self.analysis_pool.submit(record.analyzer.forget)  # off the loop: it may be running
        if record.pending is not None:
            record.pending.cancel()
        if record.snapshot_timer is not None:
            record.snapshot_timer.cancel()

    def republish(self, uri: str) -> None:
        """Check `uri` again now and deliver its diagnostics (e.g. another source's changed)."""
        from mentor.server.publishing import schedule

        schedule(self, uri, delay=0)

    async def analysis_for(self, uri: str) -> DocumentAnalysis | None:
        """The analysis of the document's current version, computed off the event loop."""
        record = self.document(uri)
        if record is None or not is_python(record.text_document):
            return None
        version, text = record.version, record.text
        cached = record.analysis
        if cached is not None and cached.version == version and cached.analysis.source.text == text:
            return cached
        running = record.analysing
        if running is None or running[:2] != (version, text) or running[2].cancelled():
            settings = AnalysisSettings(disabled=frozenset(self.settings.rules_disable))
            future = asyncio.get_running_loop().run_in_executor(
                self.analysis_pool, record.analyzer.analyze, text, record.path, settings
            )
            running = record.analysing = (version, text, future)
            future.add_done_callback(lambda done: _analysed(record, done))
        # shielded: a cancelled push must not cancel the analysis a pull waits for
        analysis = await asyncio.shield(running[2])
        result = DocumentAnalysis(uri=uri, version=version, analysis=analysis)
        if self.documents.get(uri) is record and record.version == version:
            record.analysis = result
        return result

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


def _analysed(record: OpenDocument, future: asyncio.Future[Analysis]) -> None:
    if record.analysing is not None and record.analysing[2] is future:
        record.analysing = None
