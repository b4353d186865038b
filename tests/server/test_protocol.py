"""The protocol forgets each notification once it is handled (pygls 2.1 kept them forever)."""

from __future__ import annotations

import asyncio

from mentor.server.app import create_server


async def test_notifications_leave_no_futures_behind():
    server = create_server()
    handled: list[int] = []

    @server.feature("mentor/test-async")
    async def async_notification(ls, params) -> None:
        await asyncio.sleep(0)
        handled.append(1)

    @server.feature("mentor/test-generator")
    def generator_notification(ls, params):
        handled.append(2)
        yield from ()

    for _ in range(100):
        server.protocol._handle_notification("mentor/test-async", None)
        server.protocol._handle_notification("mentor/test-generator", None)
    while len(handled) < 200:
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.01)
    assert server.protocol._request_futures == {}
