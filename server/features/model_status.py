"""`mentor.modelStatus`: which model, which backend, how many GPU layers, and how fast a short
generation runs (it loads the model if needed)."""

from __future__ import annotations

import asyncio
from typing import Any

from lsprotocol import types as lsp

from mentor.server.core import MentorServer
from mentor.server.errors import guarded
from mentor.server.feature import Feature
from mentor.server.features.tutor import host_of

COMMAND = "mentor.modelStatus"


class ModelStatusFeature(Feature):
    def register(self) -> None:
        self.server.command(COMMAND)(model_status)


@guarded
async def model_status(server: MentorServer, *args: Any) -> dict[str, Any]:
    tutor = host_of(server).tutor()
    if tutor is None:
        report = {"ok": False, "state": "off", "message": "the tutor is switched off"}
        server.show("the tutor is switched off (mentor.tutor.enabled).")
        return report
    check = await asyncio.get_running_loop().run_in_executor(None, tutor.check)
    report = check.to_json()
    if check.ok:
        server.show(summary(report), lsp.MessageType.Info)
    else:
        host_of(server).announce_unavailable(check.message)
    return report


def summary(report: dict[str, Any]) -> str:
    layers = report.get("gpu_layers")
    where = (
        "CPU" if not layers else ("all layers on the GPU" if layers < 0 else f"{layers} GPU layers")
    )
    if report.get("backend") == "endpoint":
        where = "remote endpoint"
    speed = report.get("tokens_per_s")
    first = report.get("first_token_s")
    return (
        f"tutor model {report.get('model')} ({report.get('backend')}, {where}): "
        f"first token {first} s, {speed} tokens/s."
    )
