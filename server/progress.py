"""Work-done progress ($/progress) for long work: begin, report, end, and the client's cancel.

Uses the client's token when a request carried one, else creates one when the client supports
server-initiated progress, else does nothing (the work still runs, just without a progress bar).
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from concurrent.futures import Future
from typing import Any

from lsprotocol import types as lsp

log = logging.getLogger(__name__)

CREATE_TIMEOUT_S = 5.0
REPORT_INTERVAL_S = 0.05  # streamed text is coalesced: at most ~20 reports a second


class WorkDone:
    def __init__(self, server: Any, token: lsp.ProgressToken | None = None) -> None:
        self.server = server
        self.token = token
        self._last_report = 0.0
        self._pending: str | None = None
        self._flush: asyncio.TimerHandle | None = None

    async def begin(self, title: str, message: str = "", cancellable: bool = False) -> None:
        if self.token is None and self.server.client.work_done_progress:
            token = f"mentor-{uuid.uuid4()}"
            try:
                await asyncio.wait_for(
                    self.server.work_done_progress.create_async(token), CREATE_TIMEOUT_S
                )
                self.token = token
            except Exception as error:  # the editor refused or did not answer: no progress bar
                log.info("work done progress refused: %r", error)
        if self.token is None:
            return
        self.server.work_done_progress.begin(
            self.token,
            lsp.WorkDoneProgressBegin(
                title=title, message=message or None, cancellable=cancellable
            ),
        )

    @property
    def cancelled_by_client(self) -> Future[Any] | None:
        """A future the client's `window/workDoneProgress/cancel` cancels (None: no token)."""
        if self.token is None:
            return None
        return self.server.work_done_progress.tokens.get(self.token)

    def report(self, message: str) -> None:
        """Report now, or shortly if the last report was very recent (latest message wins)."""
        if self.token is None:
            return
        self._pending = message
        wait = self._last_report + REPORT_INTERVAL_S - time.monotonic()
        if wait <= 0:
            self._send_pending()
        elif self._flush is None:
            self._flush = asyncio.get_running_loop().call_later(wait, self._send_pending)

    def _send_pending(self) -> None:
        self._flush = None
        if self._pending is None or self.token is None:
            return
        self.server.work_done_progress.report(
            self.token, lsp.WorkDoneProgressReport(message=self._pending)
        )
        self._pending = None
        self._last_report = time.monotonic()

    def end(self, message: str = "") -> None:
        if self.token is None:
            return
        if self._flush is not None:
            self._flush.cancel()
        self._send_pending()
        self.server.work_done_progress.end(
            self.token, lsp.WorkDoneProgressEnd(message=message or None)
        )
        self.server.work_done_progress.tokens.pop(self.token, None)  # pygls never forgets them
        self.token = None
