"""`mentor/status`: tells the editor the learner's level and the tutor model's state, for status
bars. Sent after start-up, when the settings change, when the model's state changes and when the
learner's levels change."""

from __future__ import annotations

from typing import Any

from mentor.server.core import MentorServer

STATUS_NOTIFICATION = "mentor/status"


def status_payload(server: MentorServer) -> dict[str, Any]:
    """`level`: the fixed hintLevel, else the learner model's overall level (None without
    either); `model`: None when the tutor is off, else its state, name and last message; then
    whatever else features add (their `status` hook)."""
    payload: dict[str, Any] = {"model": None}
    for fields in server.call_features("status"):
        payload.update(fields)
    level = server.overall_level()
    payload["level"] = level.value if level else None
    return payload


def publish_status(server: MentorServer) -> None:
    server.protocol.notify(STATUS_NOTIFICATION, status_payload(server))
