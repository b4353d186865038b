"""The Python concepts a learner masters, shared by rules, reports and the learner model."""

from __future__ import annotations

from enum import Enum


class Concept(str, Enum):
    """A skill the learner model tracks. The value is the stable name stored on disk."""

    SYNTAX = "syntax"
    VARIABLES = "variables"
    TYPES = "types-and-conversion"
    INPUT_OUTPUT = "input-output"
    BOOLEANS = "booleans-and-comparisons"
    CONDITIONALS = "conditionals"
    LOOPS = "loops"
    FUNCTIONS = "functions"
    RETURN_VALUES = "return-values"
    LISTS = "lists"
    DICTS = "dicts"
    STRINGS = "strings"
    COMPREHENSIONS = "comprehensions"
    EXCEPTIONS = "exceptions"
    CLASSES = "classes"
    RECURSION = "recursion"
    FILES = "files"
    MODULES = "modules"
    SCOPE = "scope"

    @property
    def label(self) -> str:
        """A human-readable name, e.g. "types and conversion"."""
        return self.value.replace("-", " ")
