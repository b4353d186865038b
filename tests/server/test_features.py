"""The Feature base: every feature is found by its type, and a feature whose hook raises is
logged and left out while the other features' hooks still run (what a feature author relies
on; the LSP tests show the same through the real server)."""

from __future__ import annotations

import asyncio

from mentor.analyzers import Level
from mentor.server.app import create_server
from mentor.server.feature import Feature
from mentor.server.features import FEATURES
from mentor.server.features.learner import LearnerFeature
from mentor.server.features.tutor import TutorFeature


class Broken(Feature):
    def level_for(self, rule):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug in one feature")

    def status(self):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug in one feature")

    async def initialized(self) -> None:
        raise RuntimeError("a bug in one feature")


class Counting(Feature):
    def __init__(self, server) -> None:  # type: ignore[no-untyped-def]
        super().__init__(server)
        self.started = 0

    def level_for(self, rule):  # type: ignore[no-untyped-def]
        return Level.PROFICIENT

    def status(self):  # type: ignore[no-untyped-def]
        return {"counting": True}

    async def initialized(self) -> None:
        self.started += 1


def test_every_feature_is_found_by_its_type() -> None:
    server = create_server()
    assert [type(feature) for feature in server.features] == list(FEATURES)
    assert isinstance(server.get_feature(TutorFeature), TutorFeature)
    assert server.get_feature(LearnerFeature).session is not None


def test_a_raising_hook_is_logged_and_the_next_feature_still_answers() -> None:
    server = create_server()
    server.features.insert(0, Broken(server))
    counting = Counting(server)
    server.features.insert(1, counting)
    logged: list[str] = []
    server.log = lambda message, kind=None: logged.append(message)  # type: ignore[method-assign]

    assert server.level_for("file:///a.py") is Level.PROFICIENT
    assert server.call_features("status")[:1] == [{"counting": True}]
    asyncio.run(server.await_features("initialized"))
    assert counting.started == 1
    assert sum("Broken." in line and "a bug in one feature" in line for line in logged) == 3
