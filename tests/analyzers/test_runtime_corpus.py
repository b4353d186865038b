"""Every runtime cause is held to the corpus of real runs: cause, line and culprit right."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from mentor.analyzers import Level
from mentor.analyzers.runtime import CAUSE_NAMES, explain_traceback
from mentor.analyzers.runtime.causes import causes_markdown
from tests.support.runtime_corpus import Case, load_cases

CASES = load_cases()
DOCS = Path(__file__).parents[2] / "docs" / "runtime-errors.md"
_MARKERS = re.compile(r"\s*[~^]+[~^ ]*")


def _key(case: Case, text: str, with_values: bool = True):
    values = case.values if with_values else None
    keys = case.keys if with_values else None
    found = explain_traceback(text, case.read, values=values, keys=keys)
    assert found is not None, f"{case.id}: no traceback found"
    return found, (found.cause, found.line, found.culprit)


@pytest.mark.parametrize("case", CASES, ids=[f"{case.python}-{case.id}" for case in CASES])
def test_case_gets_its_cause_line_and_culprit(case: Case):
    found, key = _key(case, case.traceback)
    assert key == (case.cause, case.line, case.culprit), found.explanation
    assert f"`{case.culprit}`" in found.explanation  # the explanation names the expression
    for level in Level:
        again = explain_traceback(case.traceback, case.read, level, case.values, case.keys)
        assert again is not None and again.explanation.strip() and "?" not in again.question[:1]


@pytest.mark.parametrize("case", CASES, ids=[f"{case.python}-{case.id}" for case in CASES])
def test_same_answer_without_values_or_markers(case: Case):
    # Pasted text has no values; Python 3.10 (and many pastes) have no ^^^ markers.
    bare = "\n".join(line for line in case.traceback.splitlines() if not _MARKERS.fullmatch(line))
    for text in (case.traceback, bare):
        found, key = _key(case, text, with_values=False)
        assert key == (case.cause, case.line, case.culprit), found.explanation


def test_values_of_the_failing_line_are_shown():
    case = next(case for case in CASES if case.id == "range_off_by_one_loop")
    found = explain_traceback(case.traceback, case.read, values=case.values)
    assert found is not None
    assert found.values["i + 1"] == "4" and found.values["len(values)"] == "4"
    assert "position 4" in found.explanation and "has 4 items" in found.explanation
    assert "one past the end" in found.explanation  # the off-by-one pattern is named


def test_every_cause_has_at_least_two_programs_and_is_documented():
    counts = Counter(case.cause for case in CASES if not case.source_case)
    for name in CAUSE_NAMES:
        assert counts[name] >= 2, f"{name}: {counts[name]} programs"
    assert causes_markdown() in DOCS.read_text(encoding="utf-8"), f"{DOCS.name}: stale table"
