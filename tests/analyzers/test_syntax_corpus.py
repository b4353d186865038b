"""Every labelled beginner mistake of the corpus gets its cause, at the line where the fix goes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from mentor.analyzers import Level, all_rules, analyze
from mentor.analyzers.parsing import parses
from tests.support.syntax_corpus import Case, load_cases

CASES = load_cases()
SYNTAX_RULES = [rule for rule in all_rules() if rule.syntax]
SYNTAX_DOCS = Path(__file__).parents[2] / "docs" / "analysis.md"


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case_gets_its_cause_at_the_line_to_fix(case: Case):
    problem = analyze(case.code).syntax_error
    assert problem is not None, f"{case.id}: no syntax error found"
    assert (problem.cause, problem.span.line) == (case.cause, case.line), problem.explanation()
    for level in Level:
        assert problem.explanation(level).strip()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_windows_line_endings_and_accents_change_nothing(case: Case):
    # Saved on Windows, after a line with a non-ASCII name: same cause, same line.
    text = "café = 1\r\n" + case.code.replace("\n", "\r\n")
    problem = analyze(text).syntax_error
    assert (problem.cause, problem.span.line) == (case.cause, case.line + 1)
    if problem.fix is not None:
        assert parses(analyze(text).source.apply(problem.fix.edits))


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_an_offered_fix_makes_the_program_parse(case: Case):
    analysis = analyze(case.code)
    fix = analysis.syntax_error.fix
    if fix is None:
        pytest.skip("no fix offered")
    fixed = analysis.source.apply(fix.edits)
    assert parses(fixed)
    assert analyze(fixed).syntax_error is None, "the fix left Python unable to run the file"
    for line in case.code.splitlines():
        if line.strip().startswith("#"):
            assert line in fixed, "a fix lost a comment"


def test_the_corpus_is_large_and_covers_every_cause():
    assert len(CASES) >= 80
    counts = Counter(case.cause for case in CASES)
    for rule in SYNTAX_RULES:
        if "file-level" in rule.tags:
            continue  # e.g. binary-file: zero bytes have no place in a text corpus
        assert counts[rule.name] >= 2, f"too few cases of {rule.name}"
    assert set(counts) <= {rule.name for rule in SYNTAX_RULES}
    assert len({case.id for case in CASES}) == len(CASES)


def test_docs_document_every_cause():
    text = SYNTAX_DOCS.read_text(encoding="utf-8")
    section = text[text.index("## Syntax errors") :]
    for rule in SYNTAX_RULES:
        assert f"`{rule.name}`" in section, f"docs/analysis.md does not document {rule.name}"
