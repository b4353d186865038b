"""One SQLite file per workspace: the learner's evidence, counts and document memories.

- WAL mode: readers never wait for a writer, and a committed transaction survives the process
  being killed (`synchronous=NORMAL` is durable against a crash of the process; only a power
  cut may lose the last transactions).
- Every snapshot is one `BEGIN IMMEDIATE` transaction that reads the counts it changes and
  writes them back: two editor windows (two server processes) on one workspace take turns and
  neither overwrites the other's evidence.
- `PRAGMA user_version` is the schema version; `MIGRATIONS[n]` takes a file from version n to
  n + 1. A file from a newer Mentor is left untouched. A current file that lost tables gets
  them back (empty).
- Mentor writes only into its own files (`mentor.models.sqlite_files`): a new file is marked
  with Mentor's application id; an existing file that is not Mentor's (not SQLite, another
  application's, or unmarked with tables of its own) raises `ForeignFile` and is left exactly
  as it was. An unmarked file with only Mentor's tables (made before files were marked) is
  adopted and marked.
- A damaged file that was Mentor's (marked, adopted, or in Mentor's own data folder) is moved
  aside and a fresh one started, with a notice for the user. A file that cannot be written (a
  read-only file or folder) is opened read-only: its levels are read, writes raise
  `StoreError`. A locked file raises `StoreBusy` after a short wait, never hangs.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from mentor.models.learner.evidence import Cause, Grade, Observation
from mentor.models.learner.runs import RunMemory, RunResult
from mentor.models.learner.snapshots import DocumentMemory, SnapshotResult
from mentor.models.learner.tracker import LearnerState, Tally, Tracker
from mentor.models.sqlite_files import (
    FileKind,
    create_marked,
    header_user_version,
    identify,
    mark,
    read_only_uri,
    table_names,
)


class _Memory(Protocol):
    def to_json(self) -> dict[str, Any]: ...


class _Result(Protocol):
    @property
    def observations(self) -> tuple[Observation, ...]: ...
    @property
    def memory(self) -> _Memory: ...


_Recorded = TypeVar("_Recorded", bound=_Result)

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 1500
# A new file gets a database's name only: its text (file names the workspace chose) must never
# land in a file another program reads as code (a `.pth`, a shell profile, an autostart entry).
NEW_FILE_SUFFIXES = (".sqlite3", ".sqlite", ".db")

_EVENTS = """CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,            -- seconds since the epoch
    document TEXT NOT NULL,      -- workspace-relative path of the file
    skill TEXT NOT NULL,         -- a Concept value
    grade INTEGER NOT NULL,      -- 0 error, 1 misconception, 2 correct, 3 idiomatic
    weight REAL NOT NULL,
    item TEXT NOT NULL,          -- a rule name, or use:<concept>
    cause TEXT NOT NULL,         -- a Cause value
    mastery REAL NOT NULL        -- the skill's mastery right after this event
)"""
_EVENTS_INDEX = "CREATE INDEX IF NOT EXISTS events_by_skill ON events (skill, at)"
# kind: 'overall' (key ''), 'skill' (a Concept value) or 'item' (rule name / use:...)
_TALLIES = """CREATE TABLE IF NOT EXISTS tallies (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID"""
_DOCUMENTS = """CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY,
    memory TEXT NOT NULL,
    updated REAL NOT NULL
)"""

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (_EVENTS, _EVENTS_INDEX, _TALLIES, _DOCUMENTS),  # 0 -> 1: the first schema
)
# The current schema's tables, each with what creates it: a file that lost one gets it back.
TABLES: dict[str, tuple[str, ...]] = {
    "events": (_EVENTS, _EVENTS_INDEX),
    "tallies": (_TALLIES,),
    "documents": (_DOCUMENTS,),
}
SCHEMA_VERSION = len(MIGRATIONS)

_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


class StoreError(Exception):
    """The progress file cannot be used now; the message is for the user."""


class StoreBusy(StoreError):
    """Another process holds the file's lock for longer than Mentor waits."""


class NewerSchema(StoreError):
    """The file was written by a newer Mentor: left untouched."""


class ForeignFile(StoreError):
    """The path holds a file Mentor did not make: left exactly as it was."""

    def __init__(self, path: Path, kind: FileKind) -> None:
        what = {
            FileKind.EMPTY: "an empty file",
            FileKind.NOT_A_FILE: "not a file",
            FileKind.NOT_SQLITE: "not a Mentor progress file (not SQLite)",
            FileKind.OTHER_APPLICATION: "another application's database",
            FileKind.UNMARKED: "a database with tables that are not Mentor's",
        }.get(kind, "not a Mentor progress file")
        message = f"{path} is {what}; Mentor did not make it and left it untouched"
        if kind is FileKind.MISSING:
            names = ", ".join(NEW_FILE_SUFFIXES)
            message = f"{path} is not a name for a new progress file (it must end in {names})"
        super().__init__(message)
        self.path = path
        self.kind = kind


@dataclass(frozen=True)
class Event:
    """One stored observation, with the skill's mastery after it."""

    id: int
    at: float
    document: str
    skill: str
    grade: Grade
    weight: float
    item: str
    cause: Cause
    mastery: float


class LearnerStore:
    """The progress file of one workspace. Thread-safe: one connection behind a lock."""

    def __init__(
        self, connection: sqlite3.Connection, path: Path, *, read_only: bool = False
    ) -> None:
        self._db = connection
        self._lock = threading.Lock()
        self.path = path
        self.read_only = read_only  # a read-only file or folder: levels are read, never written
        self.in_memory = str(path) == ":memory:"

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, mentors_folder: bool = False) -> tuple[LearnerStore, str | None]:
        """Open (or create) the file; returns the store and a notice for the user, if any.

        `mentors_folder`: the path is Mentor's own choice in its data folder (no setting named
        it), so whatever is there is Mentor's: an unreadable file there is a damaged one.
        Raises ForeignFile for a file Mentor did not make, StoreError when it cannot be used.
        """
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create {path.parent}: {error.strerror or error}") from error
        kind = identify(path)
        if kind is FileKind.MISSING and path.suffix.lower() not in NEW_FILE_SUFFIXES:
            raise ForeignFile(path, kind)  # never a new `.pth`, `.bashrc` or `.desktop` file
        if kind is FileKind.MISSING:
            _create(path)
            kind = identify(path)  # Mentor's, unless another program got there first
        damaged = kind is FileKind.NOT_SQLITE and mentors_folder
        adopt = (kind is FileKind.UNMARKED and _made_by_mentor(path)) or (
            kind is FileKind.EMPTY and mentors_folder  # an interrupted first start
        )
        if not (kind is FileKind.MENTOR or adopt or damaged):
            raise ForeignFile(path, kind)
        if not damaged:
            try:
                return cls._connect(path, adopt=adopt), None
            except sqlite3.DatabaseError as error:
                if not _is_corruption(error):
                    raise _as_store_error(error, path) from error
        try:
            moved = _move_aside(path)  # only ever a file that was Mentor's
            _create(path)
            store = cls._connect(path)
        except (OSError, sqlite3.DatabaseError) as error:
            raise _as_store_error(error, path) from error
        where = f"; the damaged file was kept as {moved}" if moved else ""
        return store, f"the progress file {path} was damaged and a fresh one was started{where}."

    @classmethod
    def in_memory(cls) -> LearnerStore:
        """A store that keeps this session's progress in memory only."""
        db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        mark(db)
        _migrate(db)
        return cls(db, Path(":memory:"))

    @classmethod
    def _connect(cls, path: Path, *, adopt: bool = False) -> LearnerStore:
        try:
            return cls(_connect(path, adopt=adopt), path)
        except sqlite3.OperationalError as error:
            if not _cannot_write(error):
                raise
        return cls(_connect_read_only(path), path, read_only=True)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- writing ------------------------------------------------------------------------

    def record_snapshot(
        self,
        document: str,
        snapshot: Callable[[DocumentMemory | None], SnapshotResult],
        tracker: Tracker,
        now: float,
    ) -> tuple[SnapshotResult, list[Event]]:
        """Read the document's memory, compare the snapshot with it, apply the evidence to the
        stored counts and save the new memory, all in one transaction: two windows on one file
        never count the same change twice. Constant work per observation: only the tallies it
        touches are read."""
        return self.record(
            document, document, lambda text: snapshot(None if text is None else _memory(text)),
            tracker, now,
        )  # fmt: skip

    def record_run(
        self,
        program: str,
        run: Callable[[RunMemory | None], RunResult],
        tracker: Tracker,
        now: float,
    ) -> tuple[RunResult, list[Event]]:
        """Like `record_snapshot`, for one run of `program` (its memory is kept apart from the
        document's, under `run:<program>`)."""
        return self.record(
            f"run:{program}", program,
            lambda text: run(None if text is None else RunMemory.from_json(_json(text))),
            tracker, now,
        )  # fmt: skip

    def record(
        self,
        memory_key: str,
        document: str,
        step: Callable[[str | None], _Recorded],
        tracker: Tracker,
        now: float,
    ) -> tuple[_Recorded, list[Event]]:
        """In one transaction: the memory stored under `memory_key` (its JSON text, None the
        first time) through `step`, its observations applied and stored as events of
        `document`, and the new memory saved."""
        with self._transaction() as db:
            row = db.execute(
                "SELECT memory FROM documents WHERE path = ?", (memory_key,)
            ).fetchone()
            result = step(row[0] if row else None)
            observations = list(result.observations)
            state = _load_state(db, observations)
            events = []
            for obs in observations:
                tracker.observe(state, (obs.skill.value,), obs.item, obs.grade.credit, obs.weight)
                mastery = tracker.mastery(state, obs.skill.value)
                cursor = db.execute(
                    "INSERT INTO events (at, document, skill, grade, weight, item, cause, mastery)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        now,
                        document,
                        obs.skill.value,
                        int(obs.grade),
                        obs.weight,
                        obs.item,
                        obs.cause.value,
                        mastery,
                    ),
                )
                events.append(
                    Event(
                        cursor.lastrowid or 0,
                        now,
                        document,
                        obs.skill.value,
                        obs.grade,
                        obs.weight,
                        obs.item,
                        obs.cause,
                        mastery,
                    )
                )
            if observations:
                _save_state(db, state)
            db.execute(
                "INSERT INTO documents (path, memory, updated) VALUES (?, ?, ?) "
                "ON CONFLICT (path) DO UPDATE SET memory = excluded.memory, "
                "updated = excluded.updated",
                (memory_key, json.dumps(result.memory.to_json()), now),
            )
        return result, events

    def record_observations(
        self, document: str, observations: list[Observation], tracker: Tracker, now: float
    ) -> list[Event]:
        """Evidence that comes from no snapshot (a hint the student asked for), in one
        transaction like a snapshot's."""
        with self._transaction() as db:
            state = _load_state(db, observations)
            events = []
            for obs in observations:
                tracker.observe(state, (obs.skill.value,), obs.item, obs.grade.credit, obs.weight)
                mastery = tracker.mastery(state, obs.skill.value)
                row = (now, document, obs.skill.value, int(obs.grade), obs.weight, obs.item)
                cursor = db.execute(
                    "INSERT INTO events (at, document, skill, grade, weight, item, cause, mastery)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (*row, obs.cause.value, mastery),
                )
                events.append(Event(cursor.lastrowid or 0, *row[:3], obs.grade, obs.weight,
                                    obs.item, obs.cause, mastery))  # fmt: skip
            if observations:
                _save_state(db, state)
        return events

    def reset(self) -> None:
        """Delete every record of this workspace's progress (the file itself stays)."""
        with self._transaction() as db:
            for table in ("events", "tallies", "documents"):
                db.execute(f"DELETE FROM {table}")

    # -- reading ------------------------------------------------------------------------

    def document_memory(self, document: str) -> DocumentMemory | None:
        row = self._read("SELECT memory FROM documents WHERE path = ?", (document,))
        return _memory(row[0][0]) if row else None

    def learner_state(self) -> LearnerState:
        """The whole learner: overall, every skill and every item."""
        state = LearnerState()
        for kind, key, text in self._read("SELECT kind, key, state FROM tallies", ()):
            _put(state, kind, key, text)
        return state

    def evidence_span(self) -> tuple[float, float, int] | None:
        """(first event's time, last event's time, most events of one skill); None: none yet."""
        rows = self._read(
            "SELECT MIN(at), MAX(at), (SELECT MAX(n) FROM "
            "(SELECT COUNT(*) AS n FROM events GROUP BY skill)) FROM events",
            (),
        )
        if not rows or rows[0][0] is None:
            return None
        first, last, most = rows[0]
        return float(first), float(last), int(most or 0)

    def events(self) -> list[Event]:
        rows = self._read(
            "SELECT id, at, document, skill, grade, weight, item, cause, mastery FROM events "
            "ORDER BY at, id",
            (),
        )
        events = []
        for row in rows:
            try:
                events.append(
                    Event(
                        row[0],
                        row[1],
                        row[2],
                        row[3],
                        Grade(row[4]),
                        row[5],
                        row[6],
                        Cause(row[7]),
                        row[8],
                    )
                )
            except ValueError:
                continue  # a grade or cause this version does not know
        return events

    # -- plumbing -----------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise StoreError(
                f"the progress file {self.path} is readonly (the file or its folder cannot be "
                "written)"
            )
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                raise _as_store_error(error, self.path) from error
            try:
                yield self._db
            except BaseException as error:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                if isinstance(error, sqlite3.OperationalError):  # read-only file, full disk
                    raise _as_store_error(error, self.path) from error
                raise
            try:
                self._db.execute("COMMIT")
            except sqlite3.OperationalError as error:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                raise _as_store_error(error, self.path) from error

    def _read(self, sql: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._db.execute(sql, args).fetchall()
            except sqlite3.OperationalError as error:
                raise _as_store_error(error, self.path) from error


def _create(path: Path) -> None:
    """A new, marked file at the current schema (in WAL mode once opened)."""
    try:
        create_marked(path, _migrate)
    except (OSError, sqlite3.Error) as error:
        reason = error.strerror if isinstance(error, OSError) else None
        raise StoreError(f"cannot create the progress file {path}: {reason or error}") from error


def _made_by_mentor(path: Path) -> bool:
    """An unmarked file from before Mentor marked its files: Mentor's schema version and only
    Mentor's tables (some may be missing; they are made again)."""
    try:
        version = header_user_version(path)
    except OSError:
        return False
    names = table_names(path)
    return 1 <= version <= SCHEMA_VERSION and bool(names) and names <= TABLES.keys()


def _connect(path: Path, *, adopt: bool = False) -> sqlite3.Connection:
    db = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _check(db)
        _refuse_newer(db)  # before anything writes to the file
        if adopt:  # before WAL: the mark goes into the file's own header
            mark(db)
        if db.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise sqlite3.OperationalError("the file system does not support WAL mode")
        db.execute("PRAGMA synchronous = NORMAL")
        _migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Open a file that cannot be written: read-only, and immutable when even the WAL index
    cannot be made (a read-only folder, where no other process can write the file either)."""
    for immutable in (False, True):
        db = sqlite3.connect(
            read_only_uri(path, immutable=immutable),
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        try:
            _check(db)
            _refuse_newer(db)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION or _missing_tables(db):
                raise StoreError(
                    f"the progress file {path} is readonly and needs an update it cannot get"
                )
            return db
        except sqlite3.OperationalError as error:
            db.close()
            if immutable or not _cannot_write(error):
                raise
        except BaseException:
            db.close()
            raise
    raise AssertionError("unreachable")


def _check(db: sqlite3.Connection) -> None:
    check = db.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise sqlite3.DatabaseError(f"database disk image is malformed: {check}")


def _cannot_write(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


def _missing_tables(db: sqlite3.Connection) -> list[str]:
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [name for name in TABLES if name not in names]


def _refuse_newer(db: sqlite3.Connection) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise NewerSchema(
            f"the progress file has schema version {version}, newer than this Mentor's "
            f"({SCHEMA_VERSION}); it was left untouched and progress is not tracked"
        )


def _migrate(db: sqlite3.Connection) -> None:
    """Take the file to the current schema, and make again any table it lost."""
    if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION and not _missing_tables(
        db
    ):
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the lock: another window may have migrated it meanwhile.
        _refuse_newer(db)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        for step in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[step]:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {step + 1}")
        for name in _missing_tables(db):
            log.warning("the progress file had no %s table; it was made again", name)
            for statement in TABLES[name]:
                db.execute(statement)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _memory(text: str) -> DocumentMemory:
    return DocumentMemory.from_json(_json(text))


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _load_state(db: sqlite3.Connection, observations: list[Observation]) -> LearnerState:
    """Only the tallies these observations touch: the overall one, their skills, their items."""
    state = LearnerState()
    wanted = [("overall", "")]
    wanted += [("skill", skill) for skill in {obs.skill.value for obs in observations}]
    wanted += [("item", item) for item in {obs.item for obs in observations}]
    for kind, key in wanted:
        row = db.execute(
            "SELECT state FROM tallies WHERE kind = ? AND key = ?", (kind, key)
        ).fetchone()
        if row:
            _put(state, kind, key, row[0])
    return state


def _save_state(db: sqlite3.Connection, state: LearnerState) -> None:
    rows = [("overall", "", json.dumps(state.overall.to_json()))]
    rows += [("skill", k, json.dumps(t.to_json())) for k, t in state.skills.items()]
    rows += [("item", k, json.dumps(v)) for k, v in state.items.items()]
    db.executemany(
        "INSERT INTO tallies (kind, key, state) VALUES (?, ?, ?) "
        "ON CONFLICT (kind, key) DO UPDATE SET state = excluded.state",
        rows,
    )


def _put(state: LearnerState, kind: str, key: str, text: str) -> None:
    try:
        value = json.loads(text)
    except ValueError:
        return
    if kind == "overall":
        state.overall = Tally.from_json(value)
    elif kind == "skill":
        state.skills[key] = Tally.from_json(value)
    elif kind == "item" and isinstance(value, (int, float)):
        state.items[key] = float(value)


def _is_corruption(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return True
    text = str(error).lower()
    return "not a database" in text or "malformed" in text


def _as_store_error(error: sqlite3.Error, path: Path) -> StoreError:
    if isinstance(error, StoreError):
        return error
    text = str(error)
    if "locked" in text or "busy" in text:
        return StoreBusy(f"the progress file {path} is locked by another program")
    return StoreError(f"the progress file {path} cannot be used: {text}")


def _move_aside(path: Path) -> Path | None:
    """Rename a damaged file (and its WAL files) so nothing in it is lost; None if gone."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    moved = None
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        with contextlib.suppress(FileNotFoundError):
            source.replace(Path(f"{target}{suffix}"))
            if not suffix:
                moved = target
    return moved
