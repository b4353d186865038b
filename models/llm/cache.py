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
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


class AnswerCache:
    """A small SQLite table; safe to use from several threads. A broken cache file is
    replaced (it only holds answers that can be generated again), never fatal."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_cache_path()
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        try:
            self._db = self._open()
        except sqlite3.Error as error:
            log.warning(
                "the tutor's cache at %s is unusable (%s); starting afresh", self.path, error
            )
            try:
                self.path.unlink(missing_ok=True)
                self._db = self._open()
            except (OSError, sqlite3.Error) as again:
                log.warning("running without the tutor's cache: %s", again)
        except OSError as error:
            log.warning("running without the tutor's cache: %s", error)

    @classmethod
    def in_memory(cls) -> AnswerCache:
        """A cache that forgets everything on close (for one-off checks)."""
        return cls(Path(":memory:"))

    def _open(self) -> sqlite3.Connection:
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=5.0)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(
            "CREATE TABLE IF NOT EXISTS answers ("
            " key TEXT PRIMARY KEY, model TEXT NOT NULL, answer TEXT NOT NULL,"
            " created REAL NOT NULL)"
        )
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        db.commit()
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
