"""A quick look at a GGUF file before llama.cpp opens it, for clear messages about bad files."""

from __future__ import annotations

import struct
from pathlib import Path

from mentor.models.llm.backend import ModelUnavailable

_MAGIC = b"GGUF"
_HEADER = struct.Struct("<4sIQQ")  # magic, version, tensor count, metadata count


def check_gguf(path: Path) -> None:
    """Raise ModelUnavailable unless `path` looks like a complete GGUF model file."""
    if not path.exists():
        raise ModelUnavailable(f"the model file {path} does not exist")
    if not path.is_file():
        raise ModelUnavailable(f"the model path {path} is not a file")
    try:
        with path.open("rb") as file:
            header = file.read(_HEADER.size)
    except OSError as error:
        raise ModelUnavailable(f"cannot read the model file {path}: {error.strerror}") from error
    if len(header) < _HEADER.size or header[:4] != _MAGIC:
        raise ModelUnavailable(
            f"{path.name} is not a GGUF model file (llama.cpp needs a .gguf file; convert other "
            "formats with llama.cpp's convert scripts)"
        )
    _, version, tensors, _ = _HEADER.unpack(header)
    if version not in (2, 3) or tensors == 0:
        raise ModelUnavailable(f"{path.name} is a GGUF file of an unknown version or empty")
