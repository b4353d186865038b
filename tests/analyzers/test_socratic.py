"""Socratic prompts: a question about the student's own line, for the findings that matter most."""

from __future__ import annotations

from dataclasses import replace

from mentor.analyzers import Level, analyze, get_rule
from mentor.analyzers.socratic import prompt_for, socratic_prompts

PROGRAM = """def add(item, basket=[]):
    basket.append(item)
    return basket
count = input("How many? ")
for n in range(count):
    print(n)
try:
    add(1)
except:
    pass
names = ["Ada"]
for i in range(len(names)):
    print(names[i])
"""


def test_one_prompt_per_top_finding_most_severe_first():
    analysis = analyze(PROGRAM)
    prompts = socratic_prompts(analysis, Level.NOVICE, limit=3)
    assert [p.name for p in prompts] == [
        "input-used-as-number",  # error
        "mutable-default-argument",  # warning, line 1
        "bare-except",  # warning, line 9
    ]
    first = prompts[0]
    assert first.line == 5
    assert first.question.startswith("Line 5 (`for n in range(count):`): ")
    assert get_rule("input-used-as-number").docs.question in first.question


def test_the_limit_and_the_level_decide_which_findings_get_a_question():
    analysis = analyze(PROGRAM)
    assert len(socratic_prompts(analysis, Level.NOVICE, limit=10)) == len(
        {f.code for f in analysis.findings}
    )
    assert len(socratic_prompts(analysis, Level.NOVICE, limit=1)) == 1


def test_a_repeated_mistake_gets_one_question():
    analysis = analyze("try:\n    pass\nexcept:\n    pass\ntry:\n    pass\nexcept:\n    pass\n")
    assert [p.line for p in socratic_prompts(analysis)] == [3]


def test_placeholders_take_the_findings_specifics_and_code_braces_stay():
    analysis = analyze("def add(item, basket=[]):\n    basket.append(item)\n    return basket\n")
    (finding,) = analysis.findings
    rule = replace(
        finding.rule,
        docs=replace(
            finding.rule.docs, question="What is in `{default}` after two calls of `{function}`?"
        ),
    )
    prompt = prompt_for(analysis, replace(finding, rule=rule))
    assert prompt.question.endswith("What is in `[]` after two calls of `add`?")
    rule = replace(rule, docs=replace(rule.docs, question="Would `{}` or `{unknown}` help?"))
    assert prompt_for(analysis, replace(finding, rule=rule)).question.endswith(
        "Would `{}` or `{unknown}` help?"
    )


def test_a_rule_without_a_question_still_gets_one():
    analysis = analyze("def add(item, basket=[]):\n    basket.append(item)\n    return basket\n")
    (finding,) = analysis.findings
    rule = replace(finding.rule, docs=replace(finding.rule.docs, question=""))
    question = prompt_for(analysis, replace(finding, rule=rule)).question
    assert question.startswith("Line 1") and "?" in question


def test_code_that_does_not_parse_gets_the_syntax_question():
    (prompt,) = socratic_prompts(analyze("x = 1\nif x = 1:\n    pass\n"))
    assert prompt.name == "assign-in-condition" and prompt.line == 2
