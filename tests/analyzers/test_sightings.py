"""The one concept detector: concept, whether the use is idiomatic, and line."""

from __future__ import annotations

import ast
import textwrap

from mentor.analyzers import Concept, analyze
from mentor.analyzers.concepts_used import concepts_used
from mentor.analyzers.idioms import Idiom
from mentor.analyzers.sightings import sightings, sightings_of

# A student's word counter, as written in a first course (not written for this test's rules).
WORDS = textwrap.dedent(
    '''\
    """Count the words of a file."""
    import sys


    def count_words(path):
        """How often each word appears."""
        counts = {}
        with open(path, encoding="utf-8") as file:
            for line in file:
                for word in line.lower().split():
                    counts[word] = counts.get(word, 0) + 1
        return counts


    def show(counts):
        for rank, (word, n) in enumerate(sorted(counts.items()), start=1):
            print(f"{rank}. {word}: {n}")
        if "the" in counts and counts["the"] is not None:
            print("the:", counts["the"])


    if __name__ == "__main__":
        show(count_words(sys.argv[1]))
    '''
)


def found(code: str) -> set[tuple[Concept, bool, int]]:
    return {(s.concept, s.idiomatic, s.line) for s in sightings(ast.parse(code))}


def test_a_real_program_s_concepts_idioms_and_lines():
    seen = found(WORDS)
    assert {
        (Concept.MODULES, False, 2),
        (Concept.FUNCTIONS, True, 5),  # documented
        (Concept.DICTS, False, 7),
        (Concept.FILES, True, 8),  # with open(...)
        (Concept.LOOPS, False, 9),
        (Concept.STRINGS, False, 10),  # .lower()
        (Concept.DICTS, True, 11),  # .get with a default
        (Concept.RETURN_VALUES, False, 12),
        (Concept.FUNCTIONS, False, 15),  # no docstring
        (Concept.LOOPS, True, 16),  # enumerate
        (Concept.LISTS, True, 16),  # sorted(...)
        (Concept.STRINGS, True, 17),  # an f-string with placeholders
        (Concept.CONDITIONALS, True, 18),  # "the" in counts
        (Concept.BOOLEANS, True, 18),  # ... is not None
        (Concept.CONDITIONALS, False, 18),
        (Concept.CONDITIONALS, False, 22),
        (Concept.MODULES, True, 22),  # the main guard
    } <= seen
    assert (Concept.STRINGS, False, 1) not in seen  # a docstring is no use of strings
    assert not any(line == 20 for _, _, line in seen)


def test_each_idiomatic_sighting_names_an_idiom_of_its_own_concept():
    for sighting in sightings(ast.parse(WORDS)):
        assert sighting.idiomatic == (sighting.idiom is not None)
        if sighting.idiom is not None:
            assert sighting.idiom.concept is sighting.concept


def test_the_long_way_round_is_a_plain_use():
    seen = found(
        "f = open('a.txt')\nfor i in range(len(xs)):\n    print(xs[i])\nif x > 0 and x < 10:\n"
        "    pass\ntry:\n    pass\nexcept Exception:\n    pass\n"
    )
    assert not any(idiomatic for _, idiomatic, _ in seen)
    assert {
        (Concept.FILES, False, 1),
        (Concept.LOOPS, False, 2),
        (Concept.EXCEPTIONS, False, 6),
    } <= seen
    assert (Concept.EXCEPTIONS, False, 8) not in seen  # a broad except is no extra use


def test_recursion_only_for_a_call_in_the_function_s_own_body():
    assert (Concept.RECURSION, False, 1) in found("def f(n):\n    return f(n - 1) if n else 0\n")
    assert not any(
        concept is Concept.RECURSION
        for concept, _, _ in found(
            "def outer():\n    def inner():\n        return outer\n    return inner()\n"
        )
    )
    assert not any(
        concept is Concept.RECURSION
        for concept, _, _ in found("def size(t):\n    return sum(k.size() for k in t.kids)\n")
    )


def test_the_report_counts_the_detector_s_sightings():
    analysis = analyze(WORDS)
    counts = {use.concept: use.count for use in concepts_used(sightings_of(analysis))}
    assert counts[Concept.LOOPS] == 3  # two `for` loops and the enumerate loop
    assert counts[Concept.FILES] == 1


def test_an_idiom_in_a_comprehension_clause():
    seen = {
        (s.idiom, s.line) for s in sightings(ast.parse("pairs = [\n    p for p in zip(a, b)\n]\n"))
    }
    assert (Idiom.ZIP, 2) in seen and (Idiom.COMPREHENSION, 1) in seen


def test_deep_nesting_is_walked_without_recursion():
    code = "x = " + "[" * 90 + "]" * 90 + "\n"
    assert sum(1 for s in sightings(ast.parse(code)) if s.concept is Concept.LISTS) == 90
