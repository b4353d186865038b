"""Where a workspace's progress file lives: in the user's data folder, never in the student's
source tree (a student zips and hands in that folder; progress is theirs to share or not)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import platformdirs

FILE_SUFFIX = ".sqlite3"


def progress_folder() -> Path:
    return platformdirs.user_data_path("mentor", appauthor=False) / "progress"


def database_path(workspace: Path | None, configured: str = "") -> Path:
    """The progress file for `workspace` (None: files opened outside any folder).

    `configured` (the `mentor.learner.database` setting) wins when set; a relative path is
    taken relative to the workspace.
    """
    if configured.strip():
        path = Path(configured.strip()).expanduser()
        if not path.is_absolute() and workspace is not None:
            path = workspace / path
        return path
    if workspace is None:
        return progress_folder() / f"no-workspace{FILE_SUFFIX}"
    resolved = workspace.expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:16]
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", resolved.name).strip("-.")[:40] or "workspace"
    return progress_folder() / f"{slug}-{digest}{FILE_SUFFIX}"


def needs_trust(configured: str) -> bool:
    """Whether a `mentor.learner.database` value is relative or starts with `~`: a cloned
    repository's workspace settings could aim such a path at the user's own files, so the
    server takes it only from a client that says the workspace is trusted."""
    text = configured.strip()
    return bool(text) and (text.startswith("~") or not Path(text).is_absolute())
