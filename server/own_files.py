"""Writing the files Mentor makes for the student (progress reports, exports) without ever
replacing a file Mentor did not write: an existing file is replaced only when its content shows
it is an earlier one of Mentor's, and then atomically (a temporary file renamed over it)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

# Mentor's reports and exports are small; a larger file is surely not one of them.
_MAX_OWN_FILE_BYTES = 4 * 1024 * 1024


class NotOurs(Exception):
    """The path holds something Mentor did not write; it was left as it was."""


def is_ours(path: Path, recognise: Callable[[str], bool]) -> bool:
    """Whether the existing file at `path` is one Mentor wrote (judged by its content)."""
    try:
        if not path.is_file() or path.stat().st_size > _MAX_OWN_FILE_BYTES:
            return False
        return recognise(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return False


def write_own_file(path: Path, text: str, recognise: Callable[[str], bool]) -> None:
    """Write `text` to `path`: a new file, or one `recognise` says Mentor wrote before.
    Raises NotOurs for any other file, OSError when the disk says no."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        if path.is_symlink() or not is_ours(path, recognise):
            raise NotOurs(f"{path} is not a file Mentor wrote; Mentor does not replace it")
        _replace(path, text)
        return
    try:
        file = path.open("x", encoding="utf-8")  # fails if a file appeared meanwhile
    except FileExistsError as error:
        raise NotOurs(f"{path} appeared while Mentor was writing; it was left as it was") from error
    try:
        with file:
            file.write(text)
    except OSError:
        with contextlib.suppress(OSError):
            path.unlink()  # the file is Mentor's own, just made: half a report is no report
        raise


def _replace(path: Path, text: str) -> None:
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
