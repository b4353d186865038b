"""Idiomatic Python a student already writes: the positive evidence next to misconceptions.

An idiom is a construct an experienced Python programmer would choose over the beginner's long
way round (`enumerate` over `range(len(...))`, `with open(...)` over `open`/`close`, a chained
comparison over `a < b and b < c`...). Finding them tells a teacher what a student masters, and
lets the competence estimate weigh good habits, not only mistakes. `sightings` finds them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from mentor.analyzers.concepts import Concept

if TYPE_CHECKING:
    from mentor.analyzers.sightings import Sighting


class Idiom(str, Enum):
    """An idiomatic construct; the value is its stable kebab-case name."""

    ENUMERATE = "enumerate"
    ZIP = "zip"
    DICT_ITEMS = "dict-items"
    COMPREHENSION = "comprehension"
    WITH_OPEN = "with-open"
    F_STRING = "f-string"
    STR_JOIN = "str-join"
    CHAINED_COMPARISON = "chained-comparison"
    IS_NONE = "is-none"
    MEMBERSHIP_TEST = "membership-test"
    TUPLE_UNPACKING = "tuple-unpacking"
    BUILTIN_REDUCTION = "builtin-reduction"
    DICT_GET_DEFAULT = "dict-get-default"
    SPECIFIC_EXCEPT = "specific-except"
    RETURN_CONDITION = "return-condition"
    DOCSTRING = "docstring"
    MAIN_GUARD = "main-guard"

    @property
    def concept(self) -> Concept:
        return _CONCEPTS[self]

    @property
    def label(self) -> str:
        return _LABELS[self]


_CONCEPTS = {
    Idiom.ENUMERATE: Concept.LOOPS,
    Idiom.ZIP: Concept.LOOPS,
    Idiom.DICT_ITEMS: Concept.DICTS,
    Idiom.COMPREHENSION: Concept.COMPREHENSIONS,
    Idiom.WITH_OPEN: Concept.FILES,
    Idiom.F_STRING: Concept.STRINGS,
    Idiom.STR_JOIN: Concept.STRINGS,
    Idiom.CHAINED_COMPARISON: Concept.BOOLEANS,
    Idiom.IS_NONE: Concept.BOOLEANS,
    Idiom.MEMBERSHIP_TEST: Concept.CONDITIONALS,
    Idiom.TUPLE_UNPACKING: Concept.VARIABLES,
    Idiom.BUILTIN_REDUCTION: Concept.LISTS,
    Idiom.DICT_GET_DEFAULT: Concept.DICTS,
    Idiom.SPECIFIC_EXCEPT: Concept.EXCEPTIONS,
    Idiom.RETURN_CONDITION: Concept.RETURN_VALUES,
    Idiom.DOCSTRING: Concept.FUNCTIONS,
    Idiom.MAIN_GUARD: Concept.MODULES,
}

_LABELS = {
    Idiom.ENUMERATE: "enumerate() for position and item",
    Idiom.ZIP: "zip() to walk sequences side by side",
    Idiom.DICT_ITEMS: "looping over dict.items()",
    Idiom.COMPREHENSION: "a comprehension",
    Idiom.WITH_OPEN: "with open(...) that closes the file",
    Idiom.F_STRING: "an f-string",
    Idiom.STR_JOIN: "str.join to build text",
    Idiom.CHAINED_COMPARISON: "a chained comparison (a < b < c)",
    Idiom.IS_NONE: "`is None` to test for None",
    Idiom.MEMBERSHIP_TEST: "`in` to test membership",
    Idiom.TUPLE_UNPACKING: "tuple unpacking",
    Idiom.BUILTIN_REDUCTION: "sum/min/max/any/all/sorted instead of a hand-written loop",
    Idiom.DICT_GET_DEFAULT: "dict.get with a default",
    Idiom.SPECIFIC_EXCEPT: "catching a specific exception",
    Idiom.RETURN_CONDITION: "returning a condition directly",
    Idiom.DOCSTRING: "a docstring",
    Idiom.MAIN_GUARD: "if __name__ == '__main__'",
}


@dataclass(frozen=True)
class IdiomUse:
    idiom: Idiom
    line: int


def idioms_used(found: Iterable[Sighting]) -> tuple[IdiomUse, ...]:
    """Each idiom of the sightings once per line, in source order."""
    uses = {IdiomUse(s.idiom, s.line) for s in found if s.idiom is not None}
    return tuple(sorted(uses, key=lambda use: (use.line, use.idiom.value)))
