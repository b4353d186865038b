"""Lines, cyclomatic complexity and the best-practice score of a file."""

from __future__ import annotations

import pytest

from mentor.analyzers import Level, analyze
from mentor.analyzers.metrics import (
    SEVERITY_WEIGHTS,
    best_practice_score,
    count_lines,
    metrics,
    weighted_findings,
)

PROGRAM = '''"""Sorting marks."""

# Marks below this fail.
PASS = 50


def grade(mark, bonus):
    """A letter for a mark."""
    if mark >= 90 and bonus:
        return "A+"
    elif mark >= PASS:
        return "pass"
    for _ in range(3):
        mark += 1
    return "fail"


class Marks:
    def best(self, marks):
        def key(mark):
            return -mark if mark else 0
        return sorted(marks, key=key)[0]


if PASS:
    print(grade(95, True))
'''


def test_every_line_is_counted_once():
    lines = metrics(analyze(PROGRAM)).lines
    assert lines.total == 26
    assert (lines.comments, lines.docstrings) == (3, 0)  # one-line docstrings count as comments
    assert lines.code + lines.comments + lines.docstrings + lines.blank == lines.total


def test_complexity_per_function_and_for_the_file():
    found = metrics(analyze(PROGRAM))
    by_name = {f.name: (f.line, f.complexity, f.rank) for f in found.functions}
    # grade: 1 + if + and + elif + for
    assert by_name["grade"] == (7, 5, "A")
    assert by_name["Marks.best"] == (19, 1, "A")
    assert by_name["Marks.best.key"] == (20, 2, "A")  # the conditional expression
    # The whole file: 1 + every decision (4 in grade, 1 in key, the module's `if`).
    assert found.complexity == 7
    assert found.max_complexity == 5


def test_code_that_does_not_parse_still_has_lines_but_no_complexity():
    found = metrics(analyze("def f(:\n    # note\n\n    return 1\n"))
    assert found.complexity is None and found.functions == ()
    assert (found.lines.total, found.lines.comments, found.lines.blank) == (4, 1, 1)
    assert found.best_practice < 1


def test_a_clean_file_scores_one():
    assert metrics(analyze(PROGRAM)).best_practice == 1.0


def test_the_score_follows_the_documented_formula():
    text = "def f(items=[]):\n    return items\n" + "".join(f"x{i} = {i}\n" for i in range(18))
    analysis = analyze(text)
    found = metrics(analysis)
    (finding,) = analysis.findings
    weight = SEVERITY_WEIGHTS[finding.severity(Level.NOVICE)]
    assert found.weighted_findings == weight
    assert found.best_practice == pytest.approx(1 - 10 * weight / 20)


def test_severity_follows_the_level():
    analysis = analyze("xs = [1, 2]\nfor i in range(len(xs)):\n    print(xs[i])\n")
    (finding,) = analysis.findings
    novice, developing = (
        metrics(analysis, level).weighted_findings for level in (Level.NOVICE, Level.DEVELOPING)
    )
    assert novice == SEVERITY_WEIGHTS[finding.severity(Level.NOVICE)]
    assert developing == SEVERITY_WEIGHTS[finding.severity(Level.DEVELOPING)]


def test_findings_silent_at_the_level_weigh_nothing():
    analysis = analyze("def f():\n    return 1\n    print('never')\n")
    silent = [f for f in analysis.findings if f.severity(Level.NOVICE) is None]
    assert weighted_findings(silent, Level.NOVICE) == 0


def test_small_files_count_as_ten_lines_and_the_score_stays_in_range():
    assert best_practice_score(0.5, 2) == best_practice_score(0.5, 10) == 0.5
    assert best_practice_score(30.0, 40) == 0.0
    assert best_practice_score(0.0, 0) == 1.0


def test_multi_line_strings_are_docstring_lines():
    lines = count_lines('def f():\n    """One.\n\n    Two.\n    """\n    return 1\n')
    # The blank line inside the docstring is counted as blank.
    assert (lines.total, lines.code, lines.docstrings, lines.blank) == (6, 2, 3, 1)


def test_plain_line_counts_for_text_radon_cannot_read():
    lines = count_lines("x = (\n# c\n\n", parsed=False)
    assert (lines.total, lines.code, lines.comments, lines.blank) == (3, 1, 1, 1)
