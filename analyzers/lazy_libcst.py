"""libcst, imported when a fix first needs it.

Importing libcst costs about 200 ms, as much as the rest of the analysis of a beginner's file,
and most files never need it: it only builds the fixes that rewrite a node through libcst
(most fixes edit text at `ast` positions). The rule modules import `cst` from here, so libcst
loads at the first such fix, not when the rules load (start-up: docs/speed.md).
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any


class _LazyModule(ModuleType):
    """A stand-in for a module that imports it at the first attribute read."""

    def __getattr__(self, name: str) -> Any:
        value = getattr(importlib.import_module(self.__name__), name)
        setattr(self, name, value)  # later reads skip __getattr__
        return value


if TYPE_CHECKING:
    import libcst as cst
else:
    cst = _LazyModule("libcst")
