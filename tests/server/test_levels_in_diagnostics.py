"""Each finding is worded, and shown or hidden, for the level of the skills it is about."""

from __future__ import annotations

from dataclasses import replace

from mentor.analyzers import Level, Severity, analyze
from mentor.analyzers.rule import Severities
from mentor.server.convert import to_diagnostics

CODE = (
    "names = ['a']\nfor i in range(len(names)):\n    print(names[i])\n"
    "x = None\nif x == None:\n    pass\n"
)


def test_a_level_per_finding_words_each_one_for_its_own_level():
    analysis = analyze(CODE)
    levels = {"MNT101": Level.PROFICIENT, "MNT202": Level.NOVICE}
    diagnostics = to_diagnostics(analysis, lambda f: levels[f.code], 1, "utf-16")
    by_code = {d.code: d.message for d in diagnostics}
    for finding in analysis.findings:
        assert by_code[finding.code] == finding.message(levels[finding.code])


def test_a_style_rule_is_hidden_from_a_novice_in_that_skill_only():
    analysis = analyze(CODE)
    # make the loop rule a style rule: silent for novices, shown from developing on
    style = Severities(None, Severity.INFO, Severity.INFO)
    findings = tuple(
        replace(f, rule=replace(f.rule, severity=style)) if f.code == "MNT101" else f
        for f in analysis.findings
    )
    analysis = replace(analysis, findings=findings)
    novice = to_diagnostics(analysis, lambda f: Level.NOVICE, 1, "utf-16")
    mixed = to_diagnostics(
        analysis, lambda f: Level.DEVELOPING if f.code == "MNT101" else Level.NOVICE, 1, "utf-16"
    )
    assert [d.code for d in novice] == ["MNT202"]
    assert sorted(d.code for d in mixed) == ["MNT101", "MNT202"]
