"""The per-file competence estimate and the evidence behind it."""

from __future__ import annotations

from mentor.analyzers import Concept, Level, analyze
from mentor.analyzers.competence import Evidence, combined, competence, estimate, gather_evidence
from mentor.analyzers.idioms import Idiom

IDIOMATIC = '''"""Word statistics."""
from collections import Counter


class Text:
    def __init__(self, words):
        self.words = words

    def longest(self):
        """The longest word, or None."""
        return max(self.words, key=len) if self.words else None


def read_words(path):
    """Every word of a file."""
    try:
        with open(path, encoding="utf-8") as file:
            return [word for line in file for word in line.split()]
    except FileNotFoundError:
        return []


def report(words):
    counts = Counter(words)
    for rank, (word, count) in enumerate(counts.most_common(3), start=1):
        print(f"{rank}. {word}: {count}")
    return {word: len(word) for word in words if 3 <= len(word) <= 10}


if __name__ == "__main__":
    report(read_words("book.txt"))
'''

MISTAKES = """def average(list):
    total = 0
    for i in range(len(list)):
        total += list[i]
    return total / len(list)
    print("done")


def add(item, basket=[]):
    basket.append(item)
    return basket


grades = []
count = input("How many grades? ")
for n in range(count):
    grades = grades.append(int(input("Grade: ")))
if average(grades) == None:
    print("no grades")
"""


def test_idiomatic_code_with_many_concepts_is_proficient():
    estimate = competence(analyze(IDIOMATIC))
    assert estimate.level is Level.PROFICIENT, estimate.reason
    assert {Concept.CLASSES, Concept.COMPREHENSIONS, Concept.FILES} <= set(estimate.correct)
    assert {Idiom.WITH_OPEN, Idiom.ENUMERATE, Idiom.F_STRING} <= set(estimate.idioms)
    assert estimate.misconceptions == ()


def test_many_misconceptions_make_a_novice_and_are_listed_as_evidence():
    estimate = competence(analyze(MISTAKES, "grades.py"))
    assert estimate.level is Level.NOVICE
    names = {m.name for m in estimate.misconceptions}
    assert {"range-len-loop", "mutable-default-argument", "input-used-as-number"} <= names
    loop = next(m for m in estimate.misconceptions if m.name == "range-len-loop")
    assert loop.line == 3 and loop.path == "grades.py" and Concept.LOOPS in loop.concepts
    assert estimate.grades[Concept.LOOPS] < 2 and estimate.score < 1.8
    assert "misconception" in estimate.reason


def test_code_in_between_is_developing():
    text = IDIOMATIC.replace(
        "    for rank, (word, count) in enumerate(counts.most_common(3), start=1):\n",
        "    ranked = counts.most_common(3)\n    for rank in range(len(ranked)):\n"
        "        word, count = ranked[rank]\n",
    ).replace("def read_words(path):", "def read_words(path, seen=[]):")
    estimate = competence(analyze(text))
    assert estimate.level is Level.DEVELOPING, estimate.reason


def test_code_that_does_not_parse_is_novice_with_the_cause():
    estimate = competence(analyze("x = 1\nif x = 1:\n    print(x)\n"))
    assert estimate.level is Level.NOVICE
    assert estimate.syntax_errors == ("assign-in-condition",)
    assert estimate.grades == {Concept.SYNTAX: 0}
    assert "does not parse" in estimate.reason


def test_too_little_code_is_novice_whatever_it_shows():
    estimate = competence(analyze('print("Hello")\n'))
    assert estimate.level is Level.NOVICE
    assert "too little code" in estimate.reason


def test_a_long_file_cannot_drown_a_mistake():
    text = "names = ['a']\n" + "for name in names:\n    print(name)\n" * 50
    text += "for i in range(len(names)):\n    print(names[i])\n"
    grade = competence(analyze(text)).grades[Concept.LOOPS]
    assert grade == (1 + 2 * 3) / 4  # one misconception, at most three correct uses


def test_evidence_of_several_files_adds_up():
    first = gather_evidence(analyze(IDIOMATIC))
    second = gather_evidence(analyze(MISTAKES))
    both = first + second
    assert both.uses[Concept.LOOPS] == first.uses[Concept.LOOPS] + second.uses[Concept.LOOPS]
    assert both.misconceptions == first.misconceptions + second.misconceptions
    assert combined([first, second]) == both
    assert estimate(both).score < estimate(first).score
    assert estimate(Evidence()).level is Level.NOVICE
