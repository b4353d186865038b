"""Where a workspace's conversations live: Mentor's own data folder, never the source tree
(a student zips and hands in that folder; what they asked the tutor is theirs)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import platformdirs


def chats_folder() -> Path:
    return platformdirs.user_data_path("mentor", appauthor=False) / "chats"


def chat_path(workspace: Path | None) -> Path:
    """The conversation file for `workspace` (None: files opened outside any folder)."""
    if workspace is None:
        return chats_folder() / "no-workspace.sqlite3"
    resolved = workspace.expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:16]
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", resolved.name).strip("-.")[:40] or "workspace"
    return chats_folder() / f"{slug}-{digest}.sqlite3"
