"""Reading student files from disk for the command line: never trusting them to be text."""

from __future__ import annotations

import io
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

MAX_FILE_BYTES = 20 * 1024 * 1024
_SKIPPED_FOLDERS = {".git", ".hg", ".svn", "__pycache__", ".venv", "venv", "node_modules", ".tox"}


@dataclass(frozen=True)
class SourceFile:
    """A file's text, or why it has none (binary, not UTF-8, too large, unreadable)."""

    text: str = ""
    error: str | None = None


@dataclass
class FoundFiles:
    found: list[Path] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)


def find_python_files(paths: Iterable[Path]) -> FoundFiles:
    """Files named directly (whatever their suffix) and `.py` files under folders, sorted."""
    result = FoundFiles()
    for path in paths:
        if path.is_file():
            result.found.append(path)
        elif path.is_dir():
            result.found.extend(
                sorted(
                    candidate
                    for candidate in path.rglob("*.py")
                    if candidate.is_file()
                    and not any(
                        part in _SKIPPED_FOLDERS for part in candidate.relative_to(path).parts
                    )
                )
            )
        else:
            result.missing.append(path)
    return result


def read_source(path: Path) -> SourceFile:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return SourceFile(
                error=f"the file is {size // (1024 * 1024)} MB; Mentor reads files up to "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB"
            )
        data = path.read_bytes()
    except OSError as error:
        return SourceFile(error=f"cannot read the file: {error.strerror or error}")
    return decode_source(data)


def decode_source(data: bytes) -> SourceFile:
    """Decode Python source as Python does (BOM, `# -*- coding -*-`, else UTF-8)."""
    if b"\x00" in data[:8192]:
        return SourceFile(error="this is a binary file, not Python text")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        # Raised for an unknown `coding:` name, and for bytes that are not UTF-8 in the first
        # two lines: decoding as UTF-8 tells which of the two it was.
        encoding, cookie_error = "utf-8", str(error)
    else:
        cookie_error = None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return SourceFile(
            error=f"line {line} is not valid {encoding} text (byte 0x{data[error.start]:02x}); "
            "save the file as UTF-8"
        )
    if cookie_error is not None:
        return SourceFile(error=f"the file's encoding declaration is not valid: {cookie_error}")
    return SourceFile(text=text.removeprefix("\ufeff"))
