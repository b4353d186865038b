"""The teacher's limit on tutor questions (`mentor.tutor.maxRequestsPerHour`): model requests
in the last hour, counted per workspace, and the time the next one is possible.

The count is kept in a small JSON file in Mentor's state folder (one per workspace), so
restarting the editor does not start the hour again. It is a classroom agreement, not a lock:
the file is the student's own, and a file that is unreadable or not Mentor's counts nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import Counter, deque
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import platformdirs
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from mentor.server.own_files import NotOurs, is_ours, write_own_file

log = logging.getLogger(__name__)

HOUR_S = 3600.0
KIND = "mentor tutor requests"  # marks the file as Mentor's
MAX_KEPT = 10_000  # no teacher allows more an hour; a longer list is not Mentor's


class HourlyLimit:
    """A sliding hour of model requests. Cached and static answers are never counted: only
    `take()` counts, and `give_back()` undoes a request the model never served. With `file`
    (called for the path, None until the workspace is known) the count survives a restart."""

    def __init__(
        self,
        clock: Callable[[], float] = time.time,
        file: Callable[[], Path | None] | None = None,
    ) -> None:
        self._clock = clock
        self._file = file
        self._loaded_from: Path | None = None
        self._taken: deque[float] = deque()

    def take(self, limit: int) -> bool:
        """Count one request if the limit allows it (limit 0: no limit, nothing counted)."""
        if limit <= 0:
            return True
        now = self._clock()
        self._load()
        self._forget(now)
        if len(self._taken) >= limit:
            return False
        self._taken.append(now)
        self._save()
        return True

    def give_back(self) -> None:
        if self._taken:
            self._taken.pop()
            self._save()

    def next_possible(self, limit: int) -> datetime:
        """When the oldest counted request leaves the hour (now if the limit is not reached)."""
        now = self._clock()
        self._load()
        self._forget(now)
        if limit <= 0 or len(self._taken) < limit:
            return datetime.fromtimestamp(now)
        return datetime.fromtimestamp(self._taken[len(self._taken) - limit] + HOUR_S)

    def _forget(self, now: float) -> None:
        while self._taken and self._taken[0] <= now - HOUR_S:
            self._taken.popleft()

    def _path(self) -> Path | None:
        try:
            return self._file() if self._file is not None else None
        except Exception:  # the workspace is not known yet, or oddly named
            log.debug("no file for the hourly count", exc_info=True)
            return None

    def _load(self) -> None:
        """Once per file: the requests of the last hour another run of the server counted."""
        path = self._path()
        if path is None or path == self._loaded_from:
            return
        self._loaded_from = path
        now = self._clock()
        stored = read_requests(path)
        recent = [t for t in stored if now - HOUR_S < t <= now + 60.0]
        counted_before = Counter(self._taken) - Counter(recent)  # before the file was known
        self._taken = deque(sorted([*recent, *counted_before.elements()]))

    def _save(self) -> None:
        path = self._path()
        if path is None:
            return
        self._loaded_from = path
        text = json.dumps({"kind": KIND, "taken": list(self._taken)})
        try:
            write_own_file(path, text, _is_requests_file)
        except (OSError, NotOurs) as error:
            log.warning("the hourly tutor count could not be kept: %s", error)


def read_requests(path: Path) -> list[float]:
    """The request times in a count file; nothing for a file that is not a valid one."""
    if not is_ours(path, _is_requests_file):
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [float(t) for t in data["taken"]]
    except (OSError, ValueError, KeyError, TypeError):  # changed since it was checked
        return []


def _is_requests_file(text: str) -> bool:
    try:
        data = json.loads(text)
    except ValueError:
        return False
    if not isinstance(data, dict) or data.get("kind") != KIND:
        return False
    taken = data.get("taken")
    return (
        isinstance(taken, list)
        and len(taken) <= MAX_KEPT
        and all(isinstance(t, int | float) and not isinstance(t, bool) for t in taken)
        and all(t == t and abs(t) < 1e12 for t in taken)  # no NaN, no absurd times
    )


def requests_file(workspace: Path | None) -> Path | None:
    """The count file of a workspace, in Mentor's state folder; None without a workspace."""
    if workspace is None:
        return None
    key = hashlib.sha256(str(workspace.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    folder = platformdirs.user_state_path("mentor", appauthor=False) / "tutor-requests"
    return folder / f"{key[:24]}.json"


def workspace_root(server: LanguageServer) -> Path | None:
    """The workspace's root folder (the first folder when the client names only folders)."""
    try:
        workspace = server.workspace
    except RuntimeError:  # pygls raises before `initialize`
        return None
    root = workspace.root_path or next(
        (to_fs_path(folder.uri) for folder in workspace.folders.values()), None
    )
    return Path(root) if root else None


def limit_sentence(limit: int, next_at: datetime) -> str:
    questions = "tutor question" if limit == 1 else "tutor questions"
    return (
        f"Your teacher allows {limit} {questions} an hour; the next one is possible at "
        f"{next_at:%H:%M}. Here is Mentor's own explanation:"
    )
