"""Which concepts a file uses: what a teacher reads next to the findings."""

from __future__ import annotations

from mentor.analyzers import Concept, analyze
from mentor.analyzers.concepts_used import concepts_used
from mentor.analyzers.sightings import sightings_of

PROGRAM = '''"""Grades of a class."""
import json


class Student:
    def __init__(self, name):
        self.name = name
        self.marks = []


def factorial(n):
    if n <= 1:
        return 1
    return n * factorial(n - 1)


def load(path):
    try:
        with open(path) as file:
            return json.load(file)
    except FileNotFoundError:
        return {}


counts = {}
for word in "a b a".split():
    counts[word] = counts.get(word, 0) + 1
squares = [n * n for n in range(5)]
total = 0
while total < 10:
    total += int(input("Number: "))
print(f"Total: {total}")
'''


def uses(text: str) -> dict[Concept, tuple[int, tuple[int, ...]]]:
    return {
        use.concept: (use.count, use.lines) for use in concepts_used(sightings_of(analyze(text)))
    }


def test_each_concept_is_found_where_it_is_used():
    found = uses(PROGRAM)
    assert found[Concept.LOOPS] == (2, (26, 30))
    assert found[Concept.CLASSES] == (1, (5,))
    assert found[Concept.FUNCTIONS] == (3, (6, 11, 17))
    assert found[Concept.RECURSION] == (1, (11,))
    assert found[Concept.COMPREHENSIONS][1] == (28,)
    assert found[Concept.EXCEPTIONS] == (2, (18, 21))  # the try, and its specific `except`
    assert found[Concept.FILES] == (1, (19,))
    assert found[Concept.MODULES] == (1, (2,))
    assert found[Concept.DICTS][1] == (22, 25, 27)  # `return {}` is a dict too
    assert found[Concept.INPUT_OUTPUT] == (2, (31, 32))
    assert found[Concept.TYPES] == (1, (31,))
    assert found[Concept.CONDITIONALS] == (1, (12,))
    assert Concept.SCOPE not in found and Concept.SYNTAX not in found


def test_concepts_come_in_the_enum_order():
    order = [use.concept for use in concepts_used(sightings_of(analyze(PROGRAM)))]
    assert order == sorted(order, key=list(Concept).index)


def test_docstrings_and_fstring_pieces_are_not_string_uses():
    assert Concept.STRINGS not in uses(
        '"""Module doc."""\ndef f():\n    """Doc."""\n    return 1\n'
    )
    assert uses('name = "Ada"\nprint(f"Hi {name}!")\n')[Concept.STRINGS] == (2, (1, 2))


def test_recursion_needs_the_function_to_call_itself():
    assert Concept.RECURSION in uses(
        "class Tree:\n    def size(self):\n        return 1 + sum(c.size() for c in self.kids)\n"
        "    def depth(self):\n        return 1 + self.depth()\n"
    )
    assert Concept.RECURSION not in uses(
        "def outer():\n    def inner():\n        return outer\n    return inner()\n"
    )


def test_global_and_nonlocal_are_scope():
    assert uses("count = 0\ndef bump():\n    global count\n    count += 1\n")[Concept.SCOPE] == (
        1,
        (3,),
    )


def test_code_that_does_not_parse_uses_no_concepts():
    assert concepts_used(sightings_of(analyze("for x in range(3)\n    print(x)\n"))) == ()
