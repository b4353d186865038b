"""The server's tutor: built from the settings when first needed, rebuilt when the model
settings change, loading reported with $/progress, and static-only mode announced once."""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import threading
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp

from mentor.models import llm
from mentor.server.progress import WorkDone
from mentor.server.status import publish_status
from mentor.server.tutor_limit import HourlyLimit, requests_file, workspace_root

if TYPE_CHECKING:
    from mentor.models.llm import Asked, EngineStatus, ModelConfig, Policy, Tutor
    from mentor.models.llm.cache import AnswerCache
    from mentor.server.core import MentorServer

log = logging.getLogger(__name__)

STATIC_ONLY = (
    "Mentor works on without it: diagnostics, hover and quick fixes are unchanged, and "
    "Explain/Hint use Mentor's own explanations."
)


class TutorHost:
    def __init__(self, server: MentorServer) -> None:
        self.server = server
        self._tutor: Tutor | None = None
        self._config: ModelConfig | None = None
        self._cache: AnswerCache | None = None
        self._loading: WorkDone | None = None
        self._loading_begun: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._announced: set[tuple[ModelConfig, str]] = set()
        self.hover_asked: Asked | None = None  # the one background question a hover started
        self.last_status: EngineStatus | None = None  # of the current tutor
        # The teacher's hourly limit: kept when the model settings change and across restarts
        # (a file per workspace in Mentor's state folder).
        self.requests = HourlyLimit(file=lambda: requests_file(workspace_root(server)))

    def status_summary(self) -> dict[str, Any] | None:
        """The model's state for status bars: idle (loads after the first diagnostics, or
        when first asked), loading, ready or failed; None when the tutor is switched off."""
        config = self.config()
        if config is None:
            return None
        status = self.last_status if config == self._config else None
        state = status.state if status is not None else llm.EngineState.IDLE
        return {
            "state": "failed" if state is llm.EngineState.UNAVAILABLE else state.value,
            "name": config.label(),
            "message": status.message if status is not None else None,
            "install": _install_offer(config),
        }

    # -- what the settings ask for ------------------------------------------------------

    def config(self) -> ModelConfig | None:
        settings = self.server.settings
        if not settings.tutor_enabled:
            return None
        return llm.ModelConfig(
            path=settings.model_path,
            gpu_layers=settings.model_gpu_layers,
            context_size=settings.model_context_size,
            threads=settings.model_threads,
            endpoint=settings.model_endpoint,
            name=settings.model_name,
        ).with_installed_model()

    def policy(self) -> Policy:
        settings = self.server.settings
        return llm.Policy(
            allow_solutions=settings.allow_solutions, avoid_concepts=settings.avoid_concepts
        )

    def tutor(self) -> Tutor | None:
        """The tutor for the current settings (None when switched off). Cheap: the model
        itself loads on the engine's thread with the first question."""
        config = self.config()
        if config != self._config:
            self._replace(config)
        return self._tutor

    def current(self) -> Tutor | None:
        """The tutor if one exists, without creating it (for hover: never start a load)."""
        return self._tutor if self.config() == self._config else None

    def _replace(self, config: ModelConfig | None) -> None:
        old, self._tutor, self._config = self._tutor, None, config
        self.last_status = None
        if old is not None:
            # Closing waits for the current generation to stop: not on the event loop.
            threading.Thread(target=old.close, name="mentor-llm-close", daemon=True).start()
        if config is None:
            return
        if self._cache is None:
            from mentor.models.llm.cache import AnswerCache  # sqlite: only with a tutor

            self._cache = AnswerCache()
        loop = asyncio.get_running_loop()
        self._tutor = llm.Tutor(
            config,
            cache=self._cache,
            on_status=lambda status: loop.call_soon_threadsafe(self._on_status, config, status),
        )

    # -- loading, on the event loop -------------------------------------------------------

    def _on_status(self, config: ModelConfig, status: EngineStatus) -> None:
        if config != self._config:
            return  # a replaced tutor's news
        changed = self.last_status is None or self.last_status.state is not status.state
        self.last_status = status
        if changed:
            publish_status(self.server)
        if status.state is llm.EngineState.LOADING:
            if self._loading is None:
                self._loading = WorkDone(self.server)
                self._loading_begun = self._spawn(
                    self._loading.begin("Mentor: loading the tutor model", status.message)
                )
            elif self._loading_begun is not None and self._loading_begun.done():
                self._loading.report(status.message)
            return
        if self._loading is not None and self._loading_begun is not None:
            self._spawn(self._end_loading(self._loading, self._loading_begun, status.message))
            self._loading = self._loading_begun = None
        if status.state is llm.EngineState.READY:
            self.server.log(f"tutor model {config.label()}: {status.message}")
        elif status.state is llm.EngineState.UNAVAILABLE:
            self.announce_unavailable(status.message)

    async def _end_loading(
        self, loading: WorkDone, begun: asyncio.Task[None], message: str
    ) -> None:
        await begun  # the editor may still be creating the progress token
        loading.end(message)

    def _spawn(self, work: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def announce_unavailable(self, reason: str) -> None:
        """Tell the user once per model why the tutor is off, and that Mentor goes on."""
        key = (self._config or llm.ModelConfig(), reason)
        if key in self._announced:
            return
        self._announced.add(key)
        self.server.show(
            f"the tutor model is not available: {reason}. {STATIC_ONLY}", lsp.MessageType.Warning
        )

    def close(self) -> None:
        self._replace(None)


def _install_offer(config: ModelConfig) -> dict[str, Any] | None:
    """What an editor may offer to install when no model is configured or installed and
    llama-cpp-python could run one (static mode that `mentor model install` would end): the
    default model's name and download size."""
    if config.uses_endpoint or config.model_file() is not None:
        return None
    if importlib.util.find_spec("llama_cpp") is None:
        return None  # a model file could not run in this Python: no 1 GB download for nothing
    from mentor.models.llm.catalog import DEFAULT_MODEL, find

    model = find(DEFAULT_MODEL)
    return {"model": model.name, "size": model.size} if model is not None else None
