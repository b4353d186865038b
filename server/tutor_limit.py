"""The teacher's limit on tutor questions (`mentor.tutor.maxRequestsPerHour`): model requests
in the last hour, counted per workspace (one server), and the time the next one is possible."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from datetime import datetime

HOUR_S = 3600.0


class HourlyLimit:
    """A sliding hour of model requests. Cached and static answers are never counted: only
    `take()` counts, and `give_back()` undoes a request the model never served."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._taken: deque[float] = deque()

    def take(self, limit: int) -> bool:
        """Count one request if the limit allows it (limit 0: no limit, nothing counted)."""
        if limit <= 0:
            return True
        now = self._clock()
        self._forget(now)
        if len(self._taken) >= limit:
            return False
        self._taken.append(now)
        return True

    def give_back(self) -> None:
        if self._taken:
            self._taken.pop()

    def next_possible(self, limit: int) -> datetime:
        """When the oldest counted request leaves the hour (now if the limit is not reached)."""
        now = self._clock()
        self._forget(now)
        if limit <= 0 or len(self._taken) < limit:
            return datetime.fromtimestamp(now)
        return datetime.fromtimestamp(self._taken[len(self._taken) - limit] + HOUR_S)

    def _forget(self, now: float) -> None:
        while self._taken and self._taken[0] <= now - HOUR_S:
            self._taken.popleft()


def limit_sentence(limit: int, next_at: datetime) -> str:
    questions = "tutor question" if limit == 1 else "tutor questions"
    return (
        f"Your teacher allows {limit} {questions} an hour; the next one is possible at "
        f"{next_at:%H:%M}. Here is Mentor's own explanation:"
    )
