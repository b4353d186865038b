"""Parsing student code with `ast`: fast (about 1 ms for 500 lines) and never executes it."""

from __future__ import annotations

import ast
import threading
import warnings

# Everything `ast.parse` raises on bad input, besides SyntaxError: null bytes (ValueError on
# older Pythons), deep nesting (RecursionError), and huge inputs (MemoryError).
PARSE_ERRORS = (SyntaxError, ValueError, RecursionError, MemoryError)

# `warnings.catch_warnings` changes process-wide state; analyses run on worker threads.
_WARNINGS_LOCK = threading.Lock()


def parse(text: str, path: str | None = None) -> ast.Module:
    """`ast.parse` without the SyntaxWarnings Python would print about student code."""
    with _WARNINGS_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text, filename=path or "<student code>")


def parses(text: str) -> bool:
    """Whether `text` is valid Python."""
    try:
        parse(text)
    except PARSE_ERRORS:
        return False
    return True
