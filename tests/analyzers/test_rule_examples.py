"""Tests generated from every rule's VALID and INVALID examples (after Fixit)."""

from __future__ import annotations

import re

import pytest

from mentor.analyzers import Finding, Level, Rule, all_rules, analyze
from mentor.analyzers.parsing import parses

INVALID = [(rule, example) for rule in all_rules() for example in rule.invalid]
VALID = [(rule, code) for rule in all_rules() for code in rule.valid]


def _ids(pairs):
    return [f"{rule.name}-{index}" for index, (rule, _) in enumerate(pairs)]


def _findings_of(rule: Rule, code: str, path: str | None = None) -> list[Finding]:
    return [finding for finding in analyze(code, path).findings if finding.rule is rule]


@pytest.mark.parametrize(("rule", "example"), INVALID, ids=_ids(INVALID))
def test_invalid_example_is_flagged(rule: Rule, example):
    found = _findings_of(rule, example.code, example.path)
    assert found, f"{rule.name} missed:\n{example.code}"
    assert [finding.span for finding in found] == [example.span], (
        f"{rule.name} flagged another range than {example.at}:\n{example.code}"
    )
    if example.message is not None:
        assert found[0].message(Level.DEVELOPING) == example.message
    for finding in found:
        for level in Level:
            message = finding.message(level)
            assert message.strip()
            assert not re.search(r"\{[a-z_]+\}", message), message  # a placeholder left


@pytest.mark.parametrize(
    ("rule", "example"),
    [p for p in INVALID if p[1].fixed is not None],
    ids=_ids([p for p in INVALID if p[1].fixed is not None]),
)
def test_fix_gives_the_expected_code(rule: Rule, example):
    analysis = analyze(example.code, example.path)
    (finding,) = [f for f in analysis.findings if f.rule is rule][:1]
    assert finding.fix is not None, f"{rule.name} offers no fix for:\n{example.code}"
    fixed = analysis.source.apply(finding.fix.edits)
    assert fixed == example.fixed
    assert parses(fixed)
    assert rule not in {f.rule for f in analyze(fixed, example.path).findings}, "not fixed"


@pytest.mark.parametrize(("rule", "code"), VALID, ids=_ids(VALID))
def test_valid_example_is_not_flagged(rule: Rule, code: str):
    assert parses(code) or rule.syntax
    assert not _findings_of(rule, code), f"{rule.name} flagged valid code:\n{code}"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.name)
def test_rule_documentation_examples_behave(rule: Rule):
    """The docs' own example triggers the rule and its 'better' form does not."""
    if "file-level" in rule.tags:
        pytest.skip("the example stands for a whole file")
    example_path = rule.docs.example_path
    assert _findings_of(rule, rule.docs.example, example_path), f"{rule.name}: docs example"
    assert not _findings_of(rule, rule.docs.better)
    assert parses(rule.docs.better)


def test_every_fix_in_every_example_parses_and_keeps_comments():
    for rule, example in INVALID:
        analysis = analyze(example.code, example.path)
        for finding in analysis.findings:
            if finding.fix is None:
                continue
            fixed = analysis.source.apply(finding.fix.edits)
            assert parses(fixed), (rule.name, example.code)
            for line in example.code.splitlines():
                if line.strip().startswith("#"):
                    assert line.strip() in fixed, (rule.name, "lost a comment")


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.name)
def test_rule_offers_a_fix_exactly_when_it_says_so(rule: Rule):
    fixes = []
    for example in rule.invalid:
        analysis = analyze(example.code, example.path)
        for finding in analysis.findings:
            if finding.rule is rule and finding.fix is not None:
                fixes.append((example, analysis.source.apply(finding.fix.edits)))
    if not rule.fixable:
        assert not fixes, f"{rule.name} offers a fix but does not say fixable=True"
        assert all(example.fixed is None for example in rule.invalid)
        return
    assert fixes, f"{rule.name} says fixable=True but fixes none of its invalid examples"
    for example, fixed in fixes:
        assert parses(fixed), (rule.name, example.code, fixed)
