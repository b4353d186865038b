"""One SQLite file per workspace: the learner's evidence, counts and document memories.

- WAL mode: readers never wait for a writer, and a committed transaction survives the process
  being killed (`synchronous=NORMAL` is durable against a crash of the process; only a power
  cut may lose the last transactions).
- Every snapshot is one `BEGIN IMMEDIATE` transaction that reads the counts it changes and
  writes them back: two editor windows (two server processes) on one workspace take turns and
  neither overwrites the other's evidence.
- `PRAGMA user_version` is the schema version; `MIGRATIONS[n]` takes a file from version n to
  n + 1. A file from a newer Mentor is left untouched.
- A file that is not a database or is damaged is moved aside and a fresh one started, with a
  notice for the user. A locked file raises `StoreBusy` after a short wait, never hangs.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentor.models.learner.evidence import Cause, Grade, Observation
from mentor.models.learner.snapshots import DocumentMemory, SnapshotResult
from mentor.models.learner.tracker import LearnerState, Tally, Tracker

BUSY_TIMEOUT_MS = 1500

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 0 -> 1: the first schema
    (
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at REAL NOT NULL,            -- seconds since the epoch
            document TEXT NOT NULL,      -- workspace-relative path of the file
            skill TEXT NOT NULL,         -- a Concept value
            grade INTEGER NOT NULL,      -- 0 error, 1 misconception, 2 correct, 3 idiomatic
            weight REAL NOT NULL,
            item TEXT NOT NULL,          -- a rule name, or use:<concept>
            cause TEXT NOT NULL,         -- a Cause value
            mastery REAL NOT NULL        -- the skill's mastery right after this event
        )""",
        "CREATE INDEX events_by_skill ON events (skill, at)",
        # kind: 'overall' (key ''), 'skill' (a Concept value) or 'item' (rule name / use:...)
        """CREATE TABLE tallies (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            state TEXT NOT NULL,
            PRIMARY KEY (kind, key)
        ) WITHOUT ROWID""",
        """CREATE TABLE documents (
            path TEXT PRIMARY KEY,
            memory TEXT NOT NULL,
            updated REAL NOT NULL
        )""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


class StoreError(Exception):
    """The progress file cannot be used now; the message is for the user."""


class StoreBusy(StoreError):
    """Another process holds the file's lock for longer than Mentor waits."""


class NewerSchema(StoreError):
    """The file was written by a newer Mentor: left untouched."""


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

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self._lock = threading.Lock()
        self.path = path

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> tuple[LearnerStore, str | None]:
        """Open (or create) the file; returns the store and a notice for the user, if any."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create {path.parent}: {error.strerror or error}") from error
        try:
            return cls(_connect(path), path), None
        except sqlite3.DatabaseError as error:
            if not _is_corruption(error):
                raise _as_store_error(error, path) from error
        moved = _move_aside(path)
        try:
            store = cls(_connect(path), path)
        except sqlite3.DatabaseError as error:
            raise _as_store_error(error, path) from error
        where = f"; the damaged file was kept as {moved}" if moved else ""
        return store, f"the progress file {path} was damaged and a fresh one was started{where}."

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
        with self._transaction() as db:
            row = db.execute("SELECT memory FROM documents WHERE path = ?", (document,)).fetchone()
            result = snapshot(_memory(row[0]) if row else None)
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
                (document, json.dumps(result.memory.to_json()), now),
            )
        return result, events

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


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        check = db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed: {check}")
        _refuse_newer(db)  # before anything writes to the file
        if db.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise sqlite3.OperationalError("the file system does not support WAL mode")
        db.execute("PRAGMA synchronous = NORMAL")
        _migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def _refuse_newer(db: sqlite3.Connection) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise NewerSchema(
            f"the progress file has schema version {version}, newer than this Mentor's "
            f"({SCHEMA_VERSION}); it was left untouched and progress is not tracked"
        )


def _migrate(db: sqlite3.Connection) -> None:
    if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
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
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _memory(text: str) -> DocumentMemory:
    try:
        return DocumentMemory.from_json(json.loads(text))
    except ValueError:
        return DocumentMemory()


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
