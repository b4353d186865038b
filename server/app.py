"""Build the Mentor language server: the shared state plus every feature module."""

from __future__ import annotations

from mentor.server.core import MentorServer
from mentor.server.features import FEATURES


def create_server() -> MentorServer:
    server = MentorServer()
    for feature in FEATURES:
        feature.register(server)
    return server
