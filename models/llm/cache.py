"""Answers the tutor already gave, in SQLite: the same question never costs model time twice.

Keyed by model, prompt version, task, normalized code, level, grounding and the teacher's policy:
a different model, prompt, level or policy never answers from another's entry.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
from pathlib import Path

import platformdirs

from mentor.models.llm.prompts import PROMPT_VERSION, Question, normalize_code
from mentor.models.sqlite_files import (
    FileKind,
    NotMentors,
    create_marked,
    identify,
    mark,
    table_names,
)

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1


def default_cache_path() -> Path:
    return Path(platformdirs.user_cache_dir("mentor-lsp")) / "tutor" / "answers.sqlite3"


def cache_key(model_id: str, question: Question) -> str:
    grounding = question.grounding
    parts = {
        "model": model_id,
        "prompt": PROMPT_VERSION,
        "task": question.task.value,
        "level": question.level.value,
        "code": normalize_code(question.code),
        "focus": [question.focus[0] - question.first_line, question.focus[1] - question.first_line],
        "rule": grounding.code if grounding else None,
        "message": grounding.message if grounding else None,
        "solutions": question.policy.allow_solutions,
        "avoid": sorted(question.policy.avoid_concepts),
        "failing_test": question.failing_test,
        "assignment": question.assignment,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


class AnswerCache:
    """A small SQLite table; safe to use from several threads. A broken cache file is
    replaced (it only holds answers that can be generated again), never fatal. The file is
    marked as Mentor's (`sqlite_files`); another application's database at the path (no
    setting chooses it, but the cache folder is shared) is left as it was."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_cache_path()
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        try:
            self._db = self._open()
        except NotMentors as error:  # never replaced: it is not Mentor's to replace
            log.warning("running without the tutor's cache: %s", error)
        except sqlite3.Error as error:
            log.warning(
                "the tutor's cache at %s is unusable (%s); starting afresh", self.path, error
            )
            try:
                self.path.unlink(missing_ok=True)  # Mentor's own file: answers can be redone
                self._db = self._open()
            except (NotMentors, OSError, sqlite3.Error) as again:
                log.warning("running without the tutor's cache: %s", again)
        except OSError as error:
            log.warning("running without the tutor's cache: %s", error)

    @classmethod
    def in_memory(cls) -> AnswerCache:
        """A cache that forgets everything on close (for one-off checks)."""
        return cls(Path(":memory:"))

    def _open(self) -> sqlite3.Connection:
        """Connect to the cache file, made (and marked) when missing; a file that is not
        Mentor's raises NotMentors and is left as it was."""
        adopt = False
        if str(self.path) != ":memory:":
            kind = identify(self.path)
            if kind in (FileKind.MISSING, FileKind.EMPTY):
                if kind is FileKind.EMPTY:  # an interrupted first start in Mentor's cache folder
                    self.path.unlink()
                self.path.parent.mkdir(parents=True, exist_ok=True)
                create_marked(self.path, _create_table)
            elif kind is FileKind.UNMARKED:  # from before Mentor marked its files
                names = table_names(self.path)
                adopt = names == {"answers"}
                if not adopt:
                    raise NotMentors(f"{self.path} holds tables that are not Mentor's")
            elif kind is FileKind.NOT_SQLITE:  # in Mentor's cache folder: a damaged cache
                raise sqlite3.DatabaseError(f"{self.path} is not a database")
            elif kind is not FileKind.MENTOR:
                raise NotMentors(f"{self.path} is {kind.value}, not Mentor's tutor cache")
        db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=5.0)
        try:
            if adopt or str(self.path) == ":memory:":
                mark(db)
            db.execute("PRAGMA journal_mode=WAL")
            _create_table(db)
            db.commit()
        except BaseException:
            db.close()
            raise
        return db

    def get(self, key: str) -> str | None:
        if self._db is None:
            return None
        with self._lock:
            try:
                row = self._db.execute(
                    "SELECT answer FROM answers WHERE key = ?", (key,)
                ).fetchone()
            except sqlite3.Error as error:
                log.warning("reading the tutor's cache failed: %s", error)
                return None
        return row[0] if row else None

    def put(self, key: str, model_id: str, answer: str) -> None:
        if self._db is None:
            return
        with self._lock:
            try:
                self._db.execute(
                    "INSERT OR REPLACE INTO answers (key, model, answer, created) VALUES (?,?,?,?)",
                    (key, model_id, answer, time.time()),
                )
                self._db.commit()
            except sqlite3.Error as error:
                log.warning("writing the tutor's cache failed: %s", error)

    def close(self) -> None:
        if self._db is not None:
            with self._lock:
                self._db.close()
                self._db = None


def _create_table(db: sqlite3.Connection) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS answers ("
        " key TEXT PRIMARY KEY, model TEXT NOT NULL, answer TEXT NOT NULL,"
        " created REAL NOT NULL)"
    )
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
