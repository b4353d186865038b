"""One SQLite file per workspace for the conversations with the tutor, with the care the
progress file gets (`mentor.models.learner.store`): marked as Mentor's (`PRAGMA
application_id`), WAL, a schema version, in Mentor's own data folder (never in the source tree),
thread-safe behind one lock. A damaged file is moved aside and a fresh one started; a file that
is not Mentor's is never opened for writing (`ForeignChatFile`): the caller keeps the
conversations in memory instead.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentor.models.sqlite_files import FileKind, create_marked, identify, mark

BUSY_TIMEOUT_MS = 1500
MAX_TITLE = 80

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS conversations (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created REAL NOT NULL,
        updated REAL NOT NULL,
        task TEXT NOT NULL DEFAULT ''   -- what the student said their task is (data)
    )""",
    """CREATE TABLE IF NOT EXISTS turns (
        id TEXT PRIMARY KEY,
        conversation TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        at REAL NOT NULL,
        role TEXT NOT NULL,             -- 'student' or 'mentor'
        text TEXT NOT NULL,             -- the student's words, or the guarded answer
        depth INTEGER NOT NULL,         -- the ladder's rung of an answer (0 for the student)
        problem TEXT NOT NULL,          -- what the turn is about: file, line, finding
        source TEXT NOT NULL,           -- 'model', 'static', 'endpoint' ('' for the student)
        helpful INTEGER,                -- the student's mark on an answer: 1, 0 or NULL
        model TEXT NOT NULL DEFAULT ''  -- who answered: the model and the chat prompt's version
    )""",
    "CREATE INDEX IF NOT EXISTS turns_by_conversation ON turns (conversation, seq)",
)
SCHEMA_VERSION = 1
TABLES = ("conversations", "turns")


class ChatStoreError(Exception):
    """The conversation file cannot be used; the message is for the user."""


class ForeignChatFile(ChatStoreError):
    """The path holds a file Mentor did not make: left untouched."""


@dataclass(frozen=True)
class Conversation:
    id: str
    title: str
    created: float
    updated: float
    turns: int
    task: str = ""


@dataclass(frozen=True)
class Turn:
    id: str
    conversation: str
    seq: int
    at: float
    role: str  # "student" or "mentor"
    text: str
    depth: int
    problem: str
    source: str
    helpful: bool | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "role": self.role,
            "text": self.text,
            "depth": self.depth,
            "helpful": self.helpful,
        }


@dataclass(frozen=True)
class FeedbackCounts:
    """The student's marks on answers: counts only, never the text (for the export)."""

    helpful: int = 0
    not_helpful: int = 0
    unmarked: int = 0
    by_depth: tuple[tuple[int, int, int], ...] = ()  # (depth, helpful, not helpful)
    by_model: tuple[tuple[str, int, int], ...] = ()  # (who answered, helpful, not helpful)

    def to_json(self) -> dict[str, Any]:
        return {
            "helpful": self.helpful,
            "not_helpful": self.not_helpful,
            "unmarked": self.unmarked,
            "by_depth": [
                {"depth": depth, "helpful": yes, "not_helpful": no}
                for depth, yes, no in self.by_depth
            ],
            "by_model": [
                {"model": model, "helpful": yes, "not_helpful": no}
                for model, yes, no in self.by_model
            ],
        }


class ChatStore:
    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self._db = db
        self._lock = threading.Lock()
        self.path = path
        self.in_memory = str(path) == ":memory:"

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> tuple[ChatStore, str | None]:
        """Open or create the file at `path` (in Mentor's own folder: whatever is there is
        Mentor's, so an unreadable file is a damaged one). Returns the store and a notice."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ChatStoreError(f"cannot create {path.parent}: {error.strerror}") from error
        kind = identify(path)
        if kind in (FileKind.MISSING, FileKind.EMPTY):
            if kind is FileKind.EMPTY:
                _move_aside(path)
            _create(path)
            kind = identify(path)
        if kind in (FileKind.OTHER_APPLICATION, FileKind.UNMARKED, FileKind.NOT_A_FILE):
            raise ForeignChatFile(f"{path} is not Mentor's conversation file; left untouched")
        if kind is FileKind.MENTOR:
            try:
                return cls(_connect(path), path), None
            except sqlite3.DatabaseError as error:
                if not _is_corruption(error):
                    raise _as_error(error, path) from error
        moved = _move_aside(path)
        try:
            _create(path)
            store = cls(_connect(path), path)
        except (OSError, sqlite3.DatabaseError) as error:
            raise _as_error(error, path) from error
        return store, (
            f"the conversation file {path} was damaged and a fresh one was started"
            + (f"; the damaged file was kept as {moved}" if moved else "")
        )

    @classmethod
    def in_memory(cls) -> ChatStore:
        db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        mark(db)
        _setup(db)
        db.execute("PRAGMA foreign_keys = ON")
        return cls(db, Path(":memory:"))

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- conversations ------------------------------------------------------------------

    def new_conversation(self, title: str, now: float | None = None) -> Conversation:
        at = time.time() if now is None else now
        conversation = Conversation(uuid.uuid4().hex, _title(title), at, at, 0)
        with self._transaction() as db:
            db.execute(
                "INSERT INTO conversations (id, title, created, updated) VALUES (?, ?, ?, ?)",
                (conversation.id, conversation.title, at, at),
            )
        return conversation

    def conversation(self, conversation_id: str) -> Conversation | None:
        rows = self._read(
            "SELECT c.id, c.title, c.created, c.updated, COUNT(t.id), c.task FROM conversations c "
            "LEFT JOIN turns t ON t.conversation = c.id WHERE c.id = ? GROUP BY c.id",
            (conversation_id,),
        )
        return Conversation(*rows[0]) if rows else None

    def conversations(self) -> list[Conversation]:
        """Every conversation, the latest first."""
        rows = self._read(
            "SELECT c.id, c.title, c.created, c.updated, COUNT(t.id), c.task FROM conversations c "
            "LEFT JOIN turns t ON t.conversation = c.id GROUP BY c.id ORDER BY c.updated DESC",
            (),
        )
        return [Conversation(*row) for row in rows]

    def set_task(self, conversation_id: str, task: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE conversations SET task = ? WHERE id = ?", (task, conversation_id))

    def forget(self, conversation_id: str) -> bool:
        """Delete one conversation and its turns; False if there was none."""
        with self._transaction() as db:
            db.execute("DELETE FROM turns WHERE conversation = ?", (conversation_id,))
            cursor = db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
            deleted = cursor.rowcount > 0
        self._checkpoint()
        return deleted

    def forget_all(self) -> int:
        with self._transaction() as db:
            db.execute("DELETE FROM turns")
            count = db.execute("DELETE FROM conversations").rowcount
        self._checkpoint()
        return count

    # -- turns --------------------------------------------------------------------------

    def add_turn(
        self,
        conversation_id: str,
        role: str,
        text: str,
        *,
        depth: int = 0,
        problem: str = "",
        source: str = "",
        model: str = "",
        now: float | None = None,
    ) -> Turn:
        at = time.time() if now is None else now
        with self._transaction() as db:
            row = db.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM turns WHERE conversation = ?",
                (conversation_id,),
            ).fetchone()
            turn = Turn(
                uuid.uuid4().hex, conversation_id, row[0], at, role, text, depth, problem,
                source, None,
            )  # fmt: skip
            db.execute(
                "INSERT INTO turns (id, conversation, seq, at, role, text, depth, problem, source,"
                " model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (turn.id, conversation_id, turn.seq, at, role, text, depth, problem, source,
                 model),
            )  # fmt: skip
            db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (at, conversation_id))
        return turn

    def turns(self, conversation_id: str) -> list[Turn]:
        rows = self._read(
            "SELECT id, conversation, seq, at, role, text, depth, problem, source, helpful "
            "FROM turns WHERE conversation = ? ORDER BY seq",
            (conversation_id,),
        )
        return [Turn(*row[:9], helpful=None if row[9] is None else bool(row[9])) for row in rows]

    def mark(self, turn_id: str, helpful: bool) -> bool:
        """The student's mark on one of Mentor's answers; False if there is no such answer."""
        with self._transaction() as db:
            cursor = db.execute(
                "UPDATE turns SET helpful = ? WHERE id = ? AND role = 'mentor'",
                (int(helpful), turn_id),
            )
            return cursor.rowcount > 0

    def feedback(self) -> FeedbackCounts:
        rows = self._read(
            "SELECT depth, helpful, COUNT(*) FROM turns WHERE role = 'mentor' "
            "GROUP BY depth, helpful ORDER BY depth",
            (),
        )
        helpful = sum(count for _, mark_, count in rows if mark_ == 1)
        not_helpful = sum(count for _, mark_, count in rows if mark_ == 0)
        unmarked = sum(count for _, mark_, count in rows if mark_ is None)
        depths = sorted({depth for depth, _, _ in rows})
        by_depth = tuple(
            (
                depth,
                sum(c for d, m, c in rows if d == depth and m == 1),
                sum(c for d, m, c in rows if d == depth and m == 0),
            )
            for depth in depths
        )
        models = self._read(
            "SELECT model, SUM(helpful = 1), SUM(helpful = 0) FROM turns WHERE role = 'mentor' "
            "AND helpful IS NOT NULL GROUP BY model ORDER BY model",
            (),
        )
        by_model = tuple((str(m), int(yes or 0), int(no or 0)) for m, yes, no in models)
        return FeedbackCounts(helpful, not_helpful, unmarked, by_depth, by_model)

    # -- plumbing -----------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise _as_error(error, self.path) from error
            try:
                yield self._db
            except BaseException as error:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error):
                    raise _as_error(error, self.path) from error
                raise
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error as error:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                raise _as_error(error, self.path) from error

    def _read(self, sql: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._db.execute(sql, args).fetchall()
            except sqlite3.Error as error:
                raise _as_error(error, self.path) from error

    def _checkpoint(self) -> None:
        """After a deletion: the forgotten text leaves the WAL file too, not only the table."""
        if self.in_memory:
            return
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _title(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= MAX_TITLE else line[: MAX_TITLE - 1].rstrip() + "…"


def _setup(db: sqlite3.Connection) -> None:
    for statement in _SCHEMA:
        db.execute(statement)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _create(path: Path) -> None:
    try:
        create_marked(path, _setup)
    except (OSError, sqlite3.Error) as error:
        raise ChatStoreError(f"cannot create the conversation file {path}: {error}") from error


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        check = db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed: {check}")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise ChatStoreError(
                f"the conversation file {path} is from a newer Mentor; it was left untouched"
            )
        if db.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise sqlite3.OperationalError("the file system does not support WAL mode")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        # A file that lost a table gets it back (CREATE ... IF NOT EXISTS), under the lock.
        db.execute("BEGIN IMMEDIATE")
        try:
            _setup(db)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    except BaseException:
        db.close()
        raise
    return db


def _is_corruption(error: sqlite3.DatabaseError) -> bool:
    text = str(error).lower()
    return "not a database" in text or "malformed" in text


def _as_error(error: Exception, path: Path) -> ChatStoreError:
    if isinstance(error, ChatStoreError):
        return error
    text = str(error)
    if "locked" in text or "busy" in text:
        return ChatStoreError(f"the conversation file {path} is locked by another program")
    return ChatStoreError(f"the conversation file {path} cannot be used: {text}")


def _move_aside(path: Path) -> Path | None:
    target = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
    moved = None
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").replace(Path(f"{target}{suffix}"))
            if not suffix:
                moved = target
    return moved
