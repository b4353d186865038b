"""Where `mentor run` leaves the outcome of the last run for the editor to pick up: next to the
workspace's progress file in the user's data folder (`models.learner.location`), never in the
student's source tree."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from mentor.models.learner.location import database_path


def run_result_path(workspace: Path) -> Path:
    """The workspace's run file, named like its progress file (`runs/<name>-<hash>.json`)."""
    progress = database_path(workspace)
    return progress.parent.parent / "runs" / progress.with_suffix(".json").name


def save(workspace: Path, program: Path, outcome: dict[str, Any]) -> Path | None:
    """Write the outcome atomically; a read-only data folder only loses the record."""
    path = run_result_path(workspace)
    record = {
        "workspace": str(workspace.resolve()),
        "program": str(program.resolve()),
        "finished_at": time.time(),
        **outcome,
    }
    temporary = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(record, file, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        return None
    return path


def load(workspace: Path) -> dict[str, Any] | None:
    try:
        record = json.loads(run_result_path(workspace).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None
