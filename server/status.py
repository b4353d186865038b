"""`mentor/status`: tells the editor the learner's level and the tutor model's state, for status
bars. Sent after start-up, when the settings change, when the model's state changes and when the
learner's levels change."""

from __future__ import annotations

import logging
from typing import Any

from mentor.server.core import MentorServer

STATUS_NOTIFICATION = "mentor/status"
log = logging.getLogger(__name__)


def status_payload(server: MentorServer) -> dict[str, Any]:
    """`level`: the fixed hintLevel, else the learner model's overall level (None without
    either); `model`: None when the tutor is off, else its state, name and last message."""
    level = server.settings.fixed_level
    if level is None and server.learner_overall is not None:
        try:
            level = server.learner_overall()
        except Exception:  # the status bar must never take anything down
            log.exception("learner level for the status failed")
    return {"level": level.value if level else None, "model": server.tutor.status_summary()}


def publish_status(server: MentorServer) -> None:
    server.protocol.notify(STATUS_NOTIFICATION, status_payload(server))
