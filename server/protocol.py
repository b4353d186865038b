"""pygls' language-server protocol, without its per-notification memory leak.

pygls (2.1) stores a future in `_request_futures` for every notification whose handler is a
generator (the built-in didOpen/didChange/didClose/didSave handlers are) or a coroutine, and only
requests ever remove theirs: a long session of edits grows without bound (about 2 KB an edit,
measured with bench/load.py). Each such future is removed here once it is done. Requests keep
pygls' own bookkeeping, which a `$/cancelRequest` relies on.
"""

from __future__ import annotations

import asyncio
import contextlib
from concurrent.futures import Future
from functools import partial
from typing import Any

from pygls.protocol import LanguageServerProtocol


class MentorProtocol(LanguageServerProtocol):
    def _execute_handler(
        self,
        msg_id: Any,
        handler: Any,
        callback: Any,
        args: tuple[Any, ...] | None = None,
        kwargs: dict[str, Any] | None = None,
    ) -> None:
        if not _answers_a_request(callback):
            callback = partial(self._forget_then, self._serving_loop(), msg_id, callback)
        super()._execute_handler(msg_id, handler, callback, args, kwargs)

    def _forget_then(
        self,
        loop: asyncio.AbstractEventLoop | None,
        msg_id: Any,
        callback: Any,
        future: Future[Any],
    ) -> None:
        # Later, on the event loop: this may run inside pygls' own loop over the futures (at
        # shutdown it cancels them all), or on a worker thread.
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._forget, msg_id, future)
        if future.cancelled():
            # A handler cancelled as the server stops (`exit` while `initialized` still ran):
            # there is nothing to go on with, and pygls would log the cancellation as an error.
            return
        callback(future)

    def _serving_loop(self) -> asyncio.AbstractEventLoop | None:
        """The event loop pygls serves on (also when called from a worker thread)."""
        with contextlib.suppress(RuntimeError):  # a worker thread has no running loop
            self._loop_seen = asyncio.get_running_loop()
        return getattr(self, "_loop_seen", None)

    def _forget(self, msg_id: Any, future: Future[Any]) -> None:
        if self._request_futures.get(msg_id) is future:
            del self._request_futures[msg_id]


def _answers_a_request(callback: Any) -> bool:
    """Whether pygls will send this handler's result as a response (and clean up after it)."""
    function = callback.func if isinstance(callback, partial) else callback
    return getattr(function, "__func__", None) is LanguageServerProtocol._send_handler_result
