"""Build the Mentor language server: the shared state plus every feature module."""

from __future__ import annotations

import os
from typing import Any

from mentor.server.core import DEBUG_MODULES_ENV, MentorServer, loaded_modules
from mentor.server.features import FEATURES


def create_server() -> MentorServer:
    server = MentorServer()
    for feature in FEATURES:
        server.add_feature(feature)
    if os.environ.get(DEBUG_MODULES_ENV) == "1":
        server.feature("mentor/debugModules")(debug_modules)
    return server


def debug_modules(server: MentorServer, params: Any) -> dict[str, list[str] | None]:
    """The top-level modules imported when the first diagnostics went out, and now."""
    return {"atFirstDiagnostics": server.modules_at_first_diagnostics, "now": loaded_modules()}
