"""Isolation of features: one feature's exception is logged and never takes the others down."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])


def guarded(handler: F) -> F:
    """Log a handler's exception (and tell the client's log) and answer None instead of failing."""

    def report(server: Any, error: BaseException) -> None:
        log.exception("feature %s failed", handler.__name__, exc_info=error)
        with contextlib.suppress(Exception):  # the connection itself may be gone
            server.log(f"{handler.__name__} failed: {type(error).__name__}: {error}")

    if asyncio.iscoroutinefunction(handler):

        @functools.wraps(handler)
        async def run_async(server: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return await handler(server, *args, **kwargs)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                report(server, error)
                return None

        return run_async  # type: ignore[return-value]

    @functools.wraps(handler)
    def run(server: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return handler(server, *args, **kwargs)
        except Exception as error:
            report(server, error)
            return None

    return run  # type: ignore[return-value]


def guarded_method(method: Callable[..., Any]) -> Callable[..., Any]:
    """A feature's bound method as a guarded pygls handler: pygls passes the server first (it
    looks for a first parameter named `ls`), the feature already holds it."""
    if asyncio.iscoroutinefunction(method):

        async def run_async(ls: Any, *args: Any) -> Any:
            return await method(*args)

        handler: Callable[..., Any] = run_async
    else:

        def run(ls: Any, *args: Any) -> Any:
            return method(*args)

        handler = run
    handler.__name__ = handler.__qualname__ = method.__name__
    return guarded(handler)
