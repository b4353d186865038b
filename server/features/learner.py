"""The learner model in the server: snapshots when code settles, levels for `hintLevel: auto`,
and the `mentor.fixApplied` command that quick fixes carry.

Snapshots are taken on save and after `mentor.learner.snapshotDelayMs` without edits, never per
keystroke. All disk work runs on one worker thread of its own, never on the event loop: a locked
progress file delays the evidence, never the diagnostics.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp
from pygls.uris import to_fs_path

from mentor.analyzers import Concept, Level, Rule
from mentor.server.core import MentorServer
from mentor.server.documents import OpenDocument
from mentor.server.feature import Feature
from mentor.server.status import publish_status

if TYPE_CHECKING:  # the learner model loads when the progress file opens, after start-up
    from mentor.models.learner import LearnerService, SnapshotOutcome

log = logging.getLogger(__name__)

SETTINGS_WAIT_S = 10.0
DATABASE_SETTING = "mentor.learner.database"
REPUBLISH_S = 0.5  # new levels reach the open documents' wording within this


class LearnerSession:
    """The learner model of the server's workspace, opened lazily, reopened on new settings."""

    def __init__(self, server: MentorServer) -> None:
        self.server = server
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mentor-learner")
        self.service: LearnerService | None = None
        self.path: Path | None = None
        self.failed_path: Path | None = None  # not retried until the settings change
        self.opening: asyncio.Task[None] | None = None
        self.snapshots: set[asyncio.Task[None]] = set()  # running (the loop keeps weak refs)
        self.finished = False  # the editor is closing: no new snapshots
        self.storage_problem_told = False
        self.republish_timer: asyncio.TimerHandle | None = None
        self.republish_skills: set[Concept] | None = set()  # None: every skill

    # -- where and whether ----------------------------------------------------------------

    @property
    def workspace(self) -> Path | None:
        """The workspace's root folder (the first folder when the client names only folders)."""
        try:
            workspace = self.server.workspace
        except RuntimeError:  # pygls raises before `initialize`
            return None
        root = workspace.root_path or next(
            (to_fs_path(folder.uri) for folder in workspace.folders.values()), None
        )
        return Path(root) if root else None

    def wanted_path(self) -> Path | None:
        from mentor.models.learner import database_path

        settings = self.server.settings
        if not settings.learner_enabled:
            return None
        return database_path(self.workspace, settings.learner_database)

    @property
    def in_mentors_folder(self) -> bool:
        """No setting chose the file: it is in Mentor's own data folder, where all is Mentor's."""
        return not self.server.settings.learner_database.strip()

    def untrusted_path(self) -> str | None:
        """Why the configured file is not used (a relative or `~` path from a client that did
        not say the workspace is trusted), or None."""
        from mentor.models.learner import needs_trust

        configured = self.server.settings.learner_database
        if self.server.workspace_trusted or not needs_trust(configured):
            return None
        return (
            f"{DATABASE_SETTING} is {configured.strip()!r}, a relative or ~ path, which Mentor "
            "takes only in a trusted workspace (a workspace's own settings could point it at "
            "your files)"
        )

    def document_key(self, uri: str) -> str:
        """The document's path relative to the workspace (what the progress file stores)."""
        fs_path = to_fs_path(uri) if uri.startswith("file:") else None
        if fs_path is None:
            return uri
        path = Path(fs_path)
        workspace = self.workspace
        if workspace is not None:
            try:
                return path.resolve().relative_to(workspace.resolve()).as_posix()
            except ValueError:
                pass
        return str(path)

    async def ready(self) -> LearnerService | None:
        """The service for the current settings, opened on the worker thread when needed."""
        try:  # where the file lives, and whether there is one, are settings
            await asyncio.wait_for(self.server.settings_applied.wait(), SETTINGS_WAIT_S)
        except asyncio.TimeoutError:
            return None
        wanted = self.wanted_path()
        if wanted != self.path:
            await self.run(self._close)
            self.path, self.failed_path = wanted, None
        if self.service is None and wanted is not None and wanted != self.failed_path:
            notice = await self.run(self._open, wanted)
            if notice is not None:  # told on the event loop, never from the worker thread
                self.server.show(notice, lsp.MessageType.Warning)
            if self.service is not None:
                where = "in memory" if self.service.store.in_memory else f"progress file {wanted}"
                self.server.log(f"learner model: {where}")
        return self.service

    def _open(self, path: Path) -> str | None:
        """Open the file (on the worker thread); returns what the user must be told."""
        from mentor.models.learner import ForeignFile, LearnerService, StoreBusy, StoreError

        if self.service is not None:  # a second caller that waited for the first one's opening
            return None
        refused = self.untrusted_path()
        try:
            if refused is None:
                self.service, notice = LearnerService.open(
                    path, mentors_folder=self.in_mentors_folder
                )
                return notice
        except StoreBusy as error:
            log.info("progress file busy, will retry: %s", error)
            return None
        except ForeignFile as error:
            refused = f"{error} ({DATABASE_SETTING} names it)"
        except StoreError as error:
            self.failed_path = path
            return f"progress is not tracked in this session: {error}"
        # A file Mentor may not use: nothing is written to it, and this session's progress is
        # kept in memory (levels still adapt; they are gone when the editor closes).
        self.service = LearnerService.in_memory()
        return (
            f"your progress is kept in memory only, for this session: {refused}. To save it, "
            f"set {DATABASE_SETTING} to an absolute path of a new file in your user settings, "
            "or leave it empty for Mentor's own folder."
        )

    def report_stem(self) -> Path:
        """Where the progress report goes (`<stem>-report.md`): beside the progress file when
        Mentor writes that file, else in Mentor's own folder, never beside a file it refused."""
        service = self.service
        store = service.store if service is not None else None
        if store is not None and self.path is not None and not (store.in_memory or store.read_only):
            return self.path.with_suffix("")
        from mentor.models.learner import database_path

        return database_path(self.workspace).with_suffix("")

    def _close(self) -> None:
        if self.service is not None:
            self.service.close()
            self.service = None

    async def run(self, fn: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self.pool, fn, *args)

    # -- snapshots ------------------------------------------------------------------------

    def on_document(self, document: OpenDocument, event: str) -> None:
        if self.finished:
            return
        if self.service is None and self.opening is None and event == "open":
            # Open the progress file now, not at the first snapshot: the levels it holds decide
            # the wording of the diagnostics going out for this document.
            self.opening = asyncio.get_running_loop().create_task(self._open_early())
        if event == "close":
            self._cancel(document)
        elif event == "save":
            self.later(document, 0.0)
        else:  # open or change: wait until the code settles
            self.later(document, self.server.settings.learner_snapshot_delay_ms / 1000)

    async def _open_early(self) -> None:
        await self.server.after_first_diagnostics()  # opening it must not delay them
        try:
            service = await self.ready()
        except Exception:
            log.exception("opening the progress file failed")
            return
        if service is not None and service.levels():
            self.republish()
        publish_status(self.server)

    def republish(self, changed: set[Concept] | None = None) -> None:
        """Word the open documents' diagnostics again for new levels (`changed`: the skills
        whose level changed; None: all). Changes within REPUBLISH_S are gathered into one pass,
        so a student with many open files does not pay one pass per snapshot."""
        if self.server.settings.fixed_level is not None:
            return
        if changed is None:
            self.republish_skills = None
        elif self.republish_skills is not None:
            self.republish_skills |= changed
        if self.republish_timer is None:
            loop = asyncio.get_running_loop()
            self.republish_timer = loop.call_later(REPUBLISH_S, self._republish_now)

    def _republish_now(self) -> None:
        skills, self.republish_skills, self.republish_timer = self.republish_skills, set(), None
        for uri in list(self.server.workspace.text_documents):
            record = self.server.document(uri)
            if record is None or record.pending is not None:
                continue  # a check is on its way and will use the new levels
            cached = record.analysis
            if skills is not None and cached is not None:
                concepts = {c for f in cached.analysis.findings for c in f.rule.concepts}
                if not concepts & skills:
                    continue  # no finding of this document is worded by a changed skill
            self.server.republish(uri)

    def later(self, document: OpenDocument, delay: float) -> None:
        self._cancel(document)
        if not self.finished:
            loop = asyncio.get_running_loop()
            document.snapshot_timer = loop.call_later(delay, self._start_snapshot, document)

    def _start_snapshot(self, document: OpenDocument) -> None:
        document.snapshot_timer = None
        task = asyncio.get_running_loop().create_task(self.snapshot(document))
        self.snapshots.add(task)
        task.add_done_callback(self.snapshots.discard)

    async def finish(self) -> None:
        """The editor is closing: take now the snapshots that wait for the code to settle, let
        the running ones end, and close the progress file, so the last edits count too."""
        for document in list(self.server.documents.values()):
            if document.snapshot_timer is not None:
                self._cancel(document)
                self._start_snapshot(document)
        self.finished = True
        if self.republish_timer is not None:
            self.republish_timer.cancel()
            self.republish_timer = None
        running = [task for task in (self.opening, *self.snapshots) if task is not None]
        try:
            await asyncio.gather(*running)
        finally:
            await self.run(self._close)

    def _cancel(self, document: OpenDocument) -> None:
        timer, document.snapshot_timer = document.snapshot_timer, None
        if timer is not None:
            timer.cancel()

    async def snapshot(self, document: OpenDocument) -> None:
        try:
            await self._snapshot(document)
        except Exception:  # the learner model must never take the server down
            log.exception("snapshot of %s failed", document.uri)

    async def _snapshot(self, document: OpenDocument) -> None:
        uri = document.uri
        service = await self.ready()
        if service is None:
            return
        result = await self.server.analysis_for(uri)
        if result is None:
            return
        fixes, document.quick_fixed = document.quick_fixed, set()
        before = service.levels()
        outcome = await self.run(service.snapshot, self.document_key(uri), result.analysis, fixes)
        if outcome.stored:
            summary = "; ".join(
                f"{obs.skill.value} {obs.cause.value} ({obs.item})" for obs in outcome.observations
            )
            self.server.log(
                f"learner: snapshot of {self.document_key(uri)} stored: "
                f"{len(outcome.observations)} observations. {summary}"
            )
        else:
            reason = outcome.problem or "the progress file is busy"
            self.server.log(
                f"learner: snapshot of {self.document_key(uri)} waits: {reason} "
                f"({service.waiting} snapshots wait)"
            )
        self.tell_storage_problem(outcome)
        still_open = self.server.documents.get(uri) is document
        if outcome.recheck_after is not None and document.snapshot_timer is None and still_open:
            self.later(document, outcome.recheck_after + 0.5)
        after = service.levels()
        if after != before:
            self.republish(
                {c for c in before.keys() | after.keys() if before.get(c) != after.get(c)}
            )
            publish_status(self.server)

    def tell_storage_problem(self, outcome: SnapshotOutcome) -> None:
        """Say once that progress cannot be saved (disk full, read-only file), and once more
        when it can again: the student should know, but not at every save."""
        if outcome.problem is not None and not self.storage_problem_told:
            self.storage_problem_told = True
            self.server.show(
                f"your progress cannot be saved right now ({outcome.problem}). Mentor keeps it "
                "in memory and saves it as soon as it can; your code is not affected.",
                lsp.MessageType.Warning,
            )
        elif outcome.stored and self.storage_problem_told:
            self.storage_problem_told = False
            self.server.show("your progress is saved again.", lsp.MessageType.Info)

    # -- levels ---------------------------------------------------------------------------

    def overall_level(self) -> Level | None:
        return self.service.overall_level() if self.service is not None else None

    def getting_to_know(self) -> bool:
        service = self.service
        if service is None or self.server.settings.fixed_level is not None:
            return False
        from mentor.models.learner.levels import first_session  # loaded with the service

        try:
            span = service.store.evidence_span()
        except Exception as error:  # a busy or broken progress file: no claim either way
            self.server.log(f"learner: evidence span unavailable ({error})")
            return False
        return span is None or first_session(*span)

    def level_for(self, rule: Rule | None) -> Level:
        service = self.service
        if service is None:
            return Level.NOVICE
        if rule is None:
            return service.overall_level()
        return service.level_for(rule.concepts)


class LearnerFeature(Feature):
    """The learner model: snapshots of the open documents, the levels diagnostics are worded
    for, and the overall level in the status bar."""

    def __init__(self, server: MentorServer) -> None:
        super().__init__(server)
        self.session = LearnerSession(server)

    def document_opened(self, document: OpenDocument) -> None:
        self.session.on_document(document, "open")

    def document_changed(self, document: OpenDocument) -> None:
        self.session.on_document(document, "change")

    def document_saved(self, document: OpenDocument) -> None:
        self.session.on_document(document, "save")

    def document_closed(self, document: OpenDocument) -> None:
        self.session.on_document(document, "close")

    async def shutdown(self) -> None:
        await self.session.finish()

    def level_for(self, rule: Rule | None) -> Level | None:
        return self.session.level_for(rule)

    def overall_level(self) -> Level | None:
        return self.session.overall_level()

    def status(self) -> dict[str, Any]:
        """`gettingToKnow`: the learner model has too little evidence for a level (the test of
        the report's first session), so a status bar shows no verdict. False with a fixed
        hintLevel (the level shown is the teacher's or the student's choice, not a verdict)."""
        return {"gettingToKnow": self.session.getting_to_know()}


def session_of(server: MentorServer) -> LearnerSession:
    return server.get_feature(LearnerFeature).session
