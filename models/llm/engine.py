"""The one worker thread that owns the model: loads it lazily, runs one generation at a time,
interactive requests before background ones, and stops a cancelled request between tokens."""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from enum import Enum, IntEnum

from mentor.models.llm.backend import (
    Backend,
    BackendInfo,
    ChatMessage,
    GenerationOptions,
    ModelUnavailable,
)

log = logging.getLogger(__name__)


class Priority(IntEnum):
    INTERACTIVE = 0  # someone is waiting: explain, hint, model check
    BACKGROUND = 1  # nobody is waiting: review on save, warming the hover cache


class EngineState(str, Enum):
    IDLE = "idle"  # not loaded yet: the server preloads it, or the first request loads it
    LOADING = "loading"
    READY = "ready"
    UNAVAILABLE = "unavailable"  # static-only mode; `message` says why


@dataclass(frozen=True)
class EngineStatus:
    state: EngineState
    message: str
    info: BackendInfo


@dataclass(frozen=True)
class Generated:
    """The outcome of one request."""

    text: str
    pieces: int  # streamed pieces, about one token each
    cancelled: bool
    first_piece_s: float | None  # from the start of the generation (after waiting in the queue)
    seconds: float
    finished_at: float  # time.perf_counter() when the worker let go of the request


class Job:
    """A request in the engine's queue. `cancel()` is safe from any thread."""

    def __init__(
        self,
        messages: list[ChatMessage] | None,
        options: GenerationOptions,
        priority: Priority,
        on_text: Callable[[str], None] | None = None,
        is_stale: Callable[[], bool] | None = None,
    ) -> None:
        self.messages = messages
        self.options = options
        self.priority = priority
        self.on_text = on_text
        self.is_stale = is_stale
        self.future: Future[Generated] = Future()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        if self._cancel.is_set():
            return True
        try:
            return bool(self.is_stale and self.is_stale())
        except Exception:  # a broken predicate must not keep the model busy
            log.exception("staleness check failed")
            return True


class _Preempted(Exception):
    """A background generation gave way to an interactive request; it runs again later."""


_STOP = object()


class Engine:
    """Owns a Backend on one thread. Callbacks (`on_status`, `on_text`) run on that thread."""

    def __init__(
        self, backend: Backend, on_status: Callable[[EngineStatus], None] | None = None
    ) -> None:
        self.backend = backend
        self._on_status = on_status or (lambda status: None)
        self._queue: queue.PriorityQueue[tuple[int, int, object]] = queue.PriorityQueue()
        self._order = itertools.count()
        self._interactive_waiting = 0
        self._lock = threading.Lock()
        self._status = EngineStatus(
            EngineState.IDLE,
            "the model loads in the background or when the tutor is first asked",
            backend.info,
        )
        self._thread = threading.Thread(target=self._run, name="mentor-llm", daemon=True)
        self._thread.start()

    @property
    def status(self) -> EngineStatus:
        return self._status

    def submit(
        self,
        messages: list[ChatMessage] | None,
        options: GenerationOptions | None = None,
        priority: Priority = Priority.INTERACTIVE,
        on_text: Callable[[str], None] | None = None,
        is_stale: Callable[[], bool] | None = None,
    ) -> Job:
        """Queue a generation (`messages=None`: only make sure the model is loaded)."""
        job = Job(messages, options or GenerationOptions(), priority, on_text, is_stale)
        self._put(job)
        return job

    def close(self, timeout: float = 10.0) -> None:
        """Stop after the current piece of work and release the model."""
        self._queue.put((-1, next(self._order), _STOP))
        self._thread.join(timeout)

    # -- the worker thread ---------------------------------------------------------------

    def _put(self, job: Job) -> None:
        if job.priority is Priority.INTERACTIVE:
            with self._lock:
                self._interactive_waiting += 1
        self._queue.put((int(job.priority), next(self._order), job))

    def _run(self) -> None:
        while True:
            _, _, item = self._queue.get()
            if item is _STOP:
                self._release()
                return
            assert isinstance(item, Job)
            if item.priority is Priority.INTERACTIVE:
                with self._lock:
                    self._interactive_waiting -= 1
            try:
                self._serve(item)
            except Exception as error:  # never let one request kill the worker
                log.exception("the tutor's model failed")
                if not item.future.done():
                    item.future.set_exception(error)

    def _serve(self, job: Job) -> None:
        if job.cancelled:  # skipped before it starts: no model time spent
            job.future.set_result(_nothing(cancelled=True))
            return
        if not self._ensure_loaded():
            job.future.set_exception(ModelUnavailable(self._status.message))
            return
        if job.messages is None:
            job.future.set_result(_nothing(cancelled=False))
            return
        try:
            job.future.set_result(self._generate(job))
        except _Preempted:
            self._put(job)  # back in line behind the interactive request
        except ModelUnavailable as error:
            job.future.set_exception(error)

    def _ensure_loaded(self) -> bool:
        if self._status.state is EngineState.READY:
            return True
        if self._status.state is EngineState.UNAVAILABLE:
            return False
        self._set(EngineState.LOADING, "loading the model")
        started = time.perf_counter()
        try:
            self.backend.load(lambda message: self._set(EngineState.LOADING, message))
        except ModelUnavailable as error:
            self._set(EngineState.UNAVAILABLE, str(error))
            return False
        except Exception as error:  # e.g. a llama.cpp bug: still static-only, never a crash
            log.exception("loading the model failed")
            self._set(EngineState.UNAVAILABLE, f"loading the model failed: {error}")
            return False
        ready = f"ready in {time.perf_counter() - started:.1f} s"
        memory = self.backend.info.memory_bytes
        if memory is not None:
            size = f"{memory / 1e9:.1f} GB" if memory >= 1e9 else f"{memory / 1e6:.0f} MB"
            ready += f", {size} of memory"
        self._set(EngineState.READY, ready)
        return True

    def _generate(self, job: Job) -> Generated:
        assert job.messages is not None
        started = time.perf_counter()
        pieces: list[str] = []
        first: float | None = None
        cancelled = False
        stream = self.backend.stream(job.messages, job.options)
        try:
            for piece in stream:
                if job.cancelled:
                    cancelled = True
                    break
                if job.priority is Priority.BACKGROUND and self._interactive_waiting:
                    raise _Preempted
                if first is None:
                    first = time.perf_counter() - started
                pieces.append(piece)
                if job.on_text is not None:
                    job.on_text(piece)
        finally:
            stream.close()  # type: ignore[attr-defined]
        now = time.perf_counter()
        return Generated("".join(pieces), len(pieces), cancelled, first, now - started, now)

    def _set(self, state: EngineState, message: str) -> None:
        self._status = EngineStatus(state, message, self.backend.info)
        try:
            self._on_status(self._status)
        except Exception:
            log.exception("status callback failed")

    def _release(self) -> None:
        try:
            self.backend.close()
        except Exception:
            log.exception("closing the model failed")


def _nothing(cancelled: bool) -> Generated:
    return Generated("", 0, cancelled, None, 0.0, time.perf_counter())
