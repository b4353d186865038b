"""Hover's words: the rule's example in the student's names, keyword pages for the level."""

from __future__ import annotations

import re

import pytest
from lsprotocol import types as lsp

from mentor.analyzers import Level, all_rules, analyze, get_rule
from mentor.server.client import ClientSupport
from mentor.server.hover_content import finding_section, keyword_page

TEMPLATED = [rule for rule in all_rules() if rule.docs.names]


def test_some_rules_declare_their_example_names():
    assert {"range-len-loop", "chained-comparison"} <= {rule.name for rule in TEMPLATED}


@pytest.mark.parametrize("rule", TEMPLATED, ids=lambda rule: rule.name)
def test_a_templated_rule_shows_its_better_form_with_the_students_names(rule):
    for name, arg in rule.docs.names:  # each template name is one of the example's names
        assert re.search(rf"\b{name}\b", rule.docs.example + rule.docs.better), (name, arg)
    code = rule.docs.example
    for name, _ in rule.docs.names:  # the student wrote the same code with other names
        code = re.sub(rf"\b{name}\b", f"my_{name}", code)
    [finding] = [f for f in analyze(code).findings if f.rule is rule]
    text = finding_section(finding, Level.NOVICE)
    assert "with your names" in text
    for name, _ in rule.docs.names:
        assert f"my_{name}" in text
        assert not re.search(rf"(?<!my_)\b{name}\b", text.split("```python")[1]), text


def test_an_untemplated_rule_labels_its_example_as_not_the_students_code():
    rule = get_rule("singleton-comparison")
    [finding] = [f for f in analyze("x = 1\nif x == None:\n    pass\n").findings if f.rule is rule]
    text = finding_section(finding, Level.NOVICE)
    assert "(not your code)" in text and rule.docs.better.rstrip() in text


FOR_PAGE = """The "for" statement
*******************

The "for" statement is used to iterate over the elements of a sequence
(such as a string, tuple or list) or other iterable object:

   for_stmt ::= "for" target_list "in" starred_list ":" suite
                ["else" ":" suite]

The "starred_list" expression is evaluated once.
"""


def test_a_keyword_page_has_the_grammar_line_only_for_a_proficient_learner():
    novice = keyword_page(FOR_PAGE, Level.NOVICE)
    assert novice == (
        '**The "for" statement**\n\nThe "for" statement is used to iterate over the elements '
        "of a sequence (such as a string, tuple or list) or other iterable object."
    )
    proficient = keyword_page(FOR_PAGE, Level.PROFICIENT)
    assert 'for_stmt ::= "for" target_list "in" starred_list ":" suite' in proficient
    assert "*****" not in proficient


@pytest.mark.parametrize(
    ("name", "shows"),
    [
        ("Visual Studio Code", True),
        ("code-server", True),  # vscode-languageclient sends the application's name
        ("VSCodium", True),
        ("Neovim", False),
        ("Emacs", False),
    ],
)
def test_only_vscode_editors_count_as_showing_the_diagnostic_in_the_hover(name, shows):
    support = ClientSupport.from_capabilities(lsp.ClientCapabilities(), lsp.ClientInfo(name=name))
    assert support.shows_diagnostics_in_hover is shows
