"""Which SQLite files are Mentor's: every file Mentor creates carries Mentor's
`PRAGMA application_id`, and Mentor writes into no other file.

A path may name anything a workspace setting chose (the user's thesis, another program's
database), so a file is judged by its 100-byte header, read without opening it as a database:
nothing is written, no `-wal`/`-shm` file appears beside it. A new file is built under a
temporary name and linked into place only if nothing is there yet, so the target path never
holds a half-made file and a file that appears meanwhile is never replaced.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from urllib.parse import quote

# "MNTR": the application id of every SQLite file Mentor creates (progress, tutor answers).
MENTOR_APPLICATION_ID = 0x4D4E5452

_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
_USER_VERSION_AT = 60
_APPLICATION_ID_AT = 68


class FileKind(Enum):
    MISSING = "missing"
    EMPTY = "empty"  # zero bytes: not provably anyone's
    NOT_A_FILE = "not a file"  # a folder, a device, a socket
    NOT_SQLITE = "not SQLite"
    MENTOR = "Mentor's"
    OTHER_APPLICATION = "another application's"
    UNMARKED = "unmarked"  # SQLite without an application id: its tables decide


class NotMentors(Exception):
    """The path holds a file Mentor did not create; it was left untouched."""


def identify(path: Path) -> FileKind:
    """What is at `path`, from its header alone (nothing is opened as a database)."""
    try:
        if not path.exists():
            return FileKind.MISSING
        if not path.is_file():
            return FileKind.NOT_A_FILE
        with path.open("rb") as file:
            header = file.read(_HEADER_SIZE)
    except OSError:
        return FileKind.NOT_A_FILE
    if not header:
        return FileKind.EMPTY
    if len(header) < _HEADER_SIZE or not header.startswith(_MAGIC):
        return FileKind.NOT_SQLITE
    application_id = int.from_bytes(header[_APPLICATION_ID_AT : _APPLICATION_ID_AT + 4], "big")
    if application_id == MENTOR_APPLICATION_ID:
        return FileKind.MENTOR
    return FileKind.UNMARKED if application_id == 0 else FileKind.OTHER_APPLICATION


def header_user_version(path: Path) -> int:
    with path.open("rb") as file:
        header = file.read(_HEADER_SIZE)
    return int.from_bytes(header[_USER_VERSION_AT : _USER_VERSION_AT + 4], "big", signed=True)


def table_names(path: Path) -> set[str] | None:
    """The tables of an existing SQLite file, read as an immutable file (no lock, no journal,
    no side files); None when it cannot be read."""
    try:
        db = sqlite3.connect(read_only_uri(path, immutable=True), uri=True)
    except sqlite3.Error:
        return None
    try:
        rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    except sqlite3.Error:
        return None
    finally:
        db.close()
    return {str(name) for (name,) in rows if not str(name).startswith("sqlite_")}


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """A `file:` URI that opens `path` read-only (immutable: also without locks or -shm)."""
    uri = f"file:{quote(str(path.absolute()))}?mode=ro"
    return uri + "&immutable=1" if immutable else uri


def mark(db: sqlite3.Connection) -> None:
    db.execute(f"PRAGMA application_id = {MENTOR_APPLICATION_ID}")


def create_marked(path: Path, setup: Callable[[sqlite3.Connection], None]) -> bool:
    """Build a new Mentor file at `path`: marked, then `setup` (its tables), under a temporary
    name, linked into place only if `path` is still free. False: another process (a second
    window) made one first; that file is left as it is. Raises OSError or sqlite3.Error."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(descriptor)
    try:
        db = sqlite3.connect(temporary, isolation_level=None)
        try:
            mark(db)  # written to the header in rollback mode: never only in a WAL file
            setup(db)
        finally:
            db.close()
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: the small race is accepted there
            if path.exists():
                return False
            os.replace(temporary, path)
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
