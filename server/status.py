"""`mentor/status`: tells the editor the learner's level (and, with the tutor, the model's state),
for status bars. Sent after start-up and whenever the settings change."""

from __future__ import annotations

from typing import Any

from mentor.server.core import MentorServer

STATUS_NOTIFICATION = "mentor/status"


def status_payload(server: MentorServer) -> dict[str, Any]:
    level = server.settings.fixed_level
    return {"level": level.value if level else None, "model": None}


def publish_status(server: MentorServer) -> None:
    server.protocol.notify(STATUS_NOTIFICATION, status_payload(server))
