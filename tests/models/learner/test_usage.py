"""Concept uses found in code: the correct and idiomatic half of the evidence."""

from __future__ import annotations

import ast
import textwrap

import pytest

from mentor.analyzers import Concept
from mentor.models.learner.evidence import Grade
from mentor.models.learner.usage import concept_uses

C, IDIOM = Grade.CORRECT, Grade.IDIOMATIC


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("for x in xs:\n    print(x)\n", {(Concept.LOOPS, C), (Concept.INPUT_OUTPUT, C)}),
        ("for i, x in enumerate(xs):\n    pass\n", {(Concept.LOOPS, IDIOM)}),
        ("for k, v in d.items():\n    pass\n", {(Concept.LOOPS, C), (Concept.DICTS, IDIOM)}),
        (
            "print([n * n for n in ns])\n",
            {(Concept.COMPREHENSIONS, IDIOM), (Concept.LISTS, C), (Concept.INPUT_OUTPUT, C)},
        ),
        ("with open('f') as f:\n    pass\n", {(Concept.FILES, IDIOM), (Concept.STRINGS, C)}),
        ("if x is None:\n    pass\n", {(Concept.CONDITIONALS, C), (Concept.BOOLEANS, IDIOM)}),
        ("if 0 < x < 10:\n    pass\n", {(Concept.CONDITIONALS, C), (Concept.BOOLEANS, IDIOM)}),
        ("name = f'{a}'\n", {(Concept.VARIABLES, C), (Concept.STRINGS, IDIOM)}),
        ("name = f'plain'\n", {(Concept.VARIABLES, C), (Concept.STRINGS, C)}),
        ("a, b = b, a\n", {(Concept.VARIABLES, IDIOM)}),
        ("n = int(text)\n", {(Concept.VARIABLES, C), (Concept.TYPES, C)}),
    ],
)
def test_uses_and_their_grades(code: str, expected: set):
    assert set(concept_uses(ast.parse(code))) == expected


def test_a_documented_recursive_function_with_a_return():
    code = textwrap.dedent(
        '''
        def fact(n):
            """n!"""
            if n == 0:
                return 1
            return n * fact(n - 1)
        '''
    )
    uses = concept_uses(ast.parse(code))
    assert uses[(Concept.FUNCTIONS, IDIOM)] == 1
    assert uses[(Concept.RECURSION, C)] == 1
    assert uses[(Concept.RETURN_VALUES, C)] == 2


def test_the_grades_are_the_teachers_report_s_idioms():
    """The learner model grades a use idiomatic exactly where the report names an idiom."""
    code = "for i in range(len(xs)):\n    pass\nfor i, x in enumerate(xs):\n    pass\n"
    uses = concept_uses(ast.parse(code))
    assert uses[(Concept.LOOPS, C)] == 1 and uses[(Concept.LOOPS, IDIOM)] == 1


def test_deeply_nested_code_does_not_exhaust_the_stack():
    code = "x = " + "[" * 90 + "]" * 90 + "\n"
    assert concept_uses(ast.parse(code))[(Concept.LISTS, C)] == 90
