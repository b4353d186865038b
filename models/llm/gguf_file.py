"""A quick look at a GGUF file before llama.cpp opens it, for clear messages about bad files:
the header, and the architecture named in the metadata (read without loading any tensor)."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

from mentor.models.llm.backend import ModelUnavailable

_MAGIC = b"GGUF"
_HEADER = struct.Struct("<4sIQQ")  # magic, version, tensor count, metadata count
_STRING = 8
_ARRAY = 9
# Sizes of GGUF's fixed-size metadata value types, by type number (uint8 ... float64).
_FIXED = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
_ARCHITECTURE_KEY = "general.architecture"

# Text-model architectures of llama.cpp (llama-arch.cpp, as in llama-cpp-python 0.3.x). A name
# outside this list is a model this build cannot run, or not a language model at all.
KNOWN_ARCHITECTURES = frozenset(
    [
        "llama",
        "llama4",
        "deci",
        "falcon",
        "falcon-h1",
        "grok",
        "gpt2",
        "gptj",
        "gptneox",
        "mpt",
        "baichuan",
        "starcoder",
        "refact",
        "bloom",
        "stablelm",
        "qwen",
        "qwen2",
        "qwen2moe",
        "qwen3",
        "qwen3moe",
        "phi2",
        "phi3",
        "phimoe",
        "plamo",
        "plamo2",
        "codeshell",
        "orion",
        "internlm2",
        "minicpm",
        "minicpm3",
        "gemma",
        "gemma2",
        "gemma3",
        "gemma3n",
        "starcoder2",
        "mamba",
        "mamba2",
        "xverse",
        "command-r",
        "cohere2",
        "dbrx",
        "olmo",
        "olmo2",
        "olmoe",
        "openelm",
        "arctic",
        "deepseek",
        "deepseek2",
        "chatglm",
        "glm4",
        "glm4moe",
        "bitnet",
        "t5",
        "jais",
        "nemotron",
        "exaone",
        "exaone4",
        "granite",
        "granitemoe",
        "granitehybrid",
        "chameleon",
        "plm",
        "bailingmoe",
        "dots1",
        "arcee",
        "ernie4_5",
        "ernie4_5-moe",
        "hunyuan-moe",
        "hunyuan-dense",
        "smollm3",
        "gpt-oss",
        "lfm2",
        "mistral3",
        "seed_oss",
        "apertus",
    ]
)


def check_gguf(path: Path) -> str:
    """Raise ModelUnavailable unless `path` looks like a complete GGUF language model file of an
    architecture llama.cpp knows; returns that architecture."""
    if path.suffix == ".partial":
        raise ModelUnavailable(
            f"{path.name} is an install that did not finish: run `mentor model install` again"
        )
    return gguf_architecture(path)


def gguf_architecture(path: Path) -> str:
    """check_gguf for any file name (the installer checks its `.partial` before renaming it)."""
    if not path.exists():
        raise ModelUnavailable(f"the model file {path} does not exist")
    if not path.is_file():
        raise ModelUnavailable(f"the model path {path} is not a file")
    try:
        with path.open("rb") as file:
            header = file.read(_HEADER.size)
            if len(header) < _HEADER.size or header[:4] != _MAGIC:
                raise ModelUnavailable(
                    f"{path.name} is not a GGUF model file (llama.cpp needs a .gguf file; "
                    "convert other formats with llama.cpp's convert scripts)"
                )
            _, version, tensors, entries = _HEADER.unpack(header)
            if version not in (2, 3) or tensors == 0:
                raise ModelUnavailable(f"{path.name} is a GGUF file of an unknown version or empty")
            architecture = _read_architecture(file, entries)
    except OSError as error:
        raise ModelUnavailable(f"cannot read the model file {path}: {error.strerror}") from error
    if architecture is None:
        raise ModelUnavailable(f"{path.name} does not say which model architecture it is")
    if architecture not in KNOWN_ARCHITECTURES:
        raise ModelUnavailable(
            f"{path.name} is a model of architecture {architecture!r}, which llama.cpp does "
            "not know; use a GGUF of a text model such as Qwen2.5-Coder or Llama"
        )
    return architecture


def _read_architecture(file: BinaryIO, entries: int) -> str | None:
    """The value of general.architecture, scanning the metadata (it usually comes first)."""
    for _ in range(min(entries, 10_000)):
        key = _read_string(file)
        (kind,) = _unpack(file, "<I")
        if key == _ARCHITECTURE_KEY:
            return _read_string(file) if kind == _STRING else None
        _skip_value(file, kind)
    return None


def _skip_value(file: BinaryIO, kind: int) -> None:
    if kind in _FIXED:
        file.seek(_FIXED[kind], 1)
    elif kind == _STRING:
        (length,) = _unpack(file, "<Q")
        file.seek(length, 1)
    elif kind == _ARRAY:
        item_kind, count = _unpack(file, "<IQ")
        if item_kind in _FIXED:
            file.seek(_FIXED[item_kind] * count, 1)
        else:
            for _ in range(count):
                _skip_value(file, item_kind)
    else:
        raise ModelUnavailable(f"the GGUF metadata has an unknown value type {kind}")


def _read_string(file: BinaryIO) -> str:
    (length,) = _unpack(file, "<Q")
    if length > 1 << 20:
        raise ModelUnavailable("the GGUF metadata is damaged (a name longer than 1 MB)")
    data = file.read(length)
    if len(data) < length:
        raise ModelUnavailable("the GGUF metadata is cut short: the file is incomplete")
    return data.decode("utf-8", errors="replace")


def _unpack(file: BinaryIO, layout: str) -> tuple[int, ...]:
    size = struct.calcsize(layout)
    data = file.read(size)
    if len(data) < size:
        raise ModelUnavailable("the GGUF metadata is cut short: the file is incomplete")
    return struct.unpack(layout, data)
