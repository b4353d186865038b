"""Idiomatic constructs: the good habits the competence estimate gives credit for."""

from __future__ import annotations

from mentor.analyzers import Concept, analyze
from mentor.analyzers.idioms import Idiom, idioms_used
from mentor.analyzers.sightings import sightings_of


def idioms(text: str) -> set[tuple[Idiom, int]]:
    return {(use.idiom, use.line) for use in idioms_used(sightings_of(analyze(text)))}


def test_idioms_are_found_with_their_line():
    found = idioms(
        "def mean(xs):\n"
        '    """The mean."""\n'
        "    return sum(xs) / len(xs)\n"
        "for i, name in enumerate(names):\n"
        "    print(f'{i}: {name}')\n"
        "with open('a.txt') as file:\n"
        "    lines = [line.strip() for line in file]\n"
        "if 0 <= x < 10 and y is None and z in (1, 2):\n"
        "    a, b = b, a\n"
        "try:\n"
        "    n = int(s)\n"
        "except ValueError:\n"
        "    n = counts.get(s, 0)\n"
    )
    assert found >= {
        (Idiom.DOCSTRING, 1),
        (Idiom.BUILTIN_REDUCTION, 3),
        (Idiom.ENUMERATE, 4),
        (Idiom.F_STRING, 5),
        (Idiom.WITH_OPEN, 6),
        (Idiom.COMPREHENSION, 7),
        (Idiom.CHAINED_COMPARISON, 8),
        (Idiom.IS_NONE, 8),
        (Idiom.MEMBERSHIP_TEST, 8),
        (Idiom.TUPLE_UNPACKING, 9),
        (Idiom.SPECIFIC_EXCEPT, 12),
        (Idiom.DICT_GET_DEFAULT, 13),
    }


def test_the_long_way_round_is_not_an_idiom():
    found = idioms(
        "for i in range(len(xs)):\n"
        "    print(xs[i])\n"
        "f = open('a.txt')\n"
        "if x > 0 and x < 10:\n"
        "    pass\n"
        "try:\n"
        "    pass\n"
        "except Exception:\n"
        "    pass\n"
        "print('plain text')\n"
    )
    assert found == set()


def test_every_idiom_teaches_a_concept_and_has_a_label():
    for idiom in Idiom:
        assert isinstance(idiom.concept, Concept)
        assert idiom.label


def test_code_that_does_not_parse_has_no_idioms():
    assert idioms_used(sightings_of(analyze("print(f'{x}'\n"))) == ()
