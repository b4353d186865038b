"""The registry's contract: every rule is complete, named consistently and documented."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from mentor.analyzers import Level, Rule, RuleId, all_rules, analyze, get_rule
from mentor.analyzers.rule import Invalid, code
from mentor.analyzers.source import Span

DATA = Path(__file__).parent / "data"


def test_every_rule_id_has_exactly_one_rule():
    rules = all_rules()
    assert {rule.id for rule in rules} == set(RuleId)
    assert len({rule.name for rule in rules}) == len(rules)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.name)
def test_rule_is_complete(rule: Rule):
    assert re.fullmatch(r"MNT\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.concepts, "a rule names the concepts it teaches"
    docs = rule.docs
    for text in (rule.summary, docs.what, docs.why, docs.example, docs.better, docs.question):
        assert text.strip()
    assert rule.invalid and rule.valid, "tests are generated from examples: give some"
    for example in rule.invalid:
        assert example.at, f"{rule.name}: an invalid example states where it is flagged (at=)"
    assert get_rule(rule.code) is rule and get_rule(rule.name) is rule


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.name)
def test_messages_get_every_placeholder_they_use(rule: Rule):
    placeholders = {
        name
        for level in Level
        for _, name, _, _ in string.Formatter().parse(rule.messages.for_level(level))
        if name
    }
    for example in rule.invalid:
        for finding in analyze(example.code, example.path).findings:
            if finding.rule is rule:
                missing = placeholders - set(finding.args) - {"python", "line", "plain"}
                assert not missing, f"{rule.name} does not fill {missing}"


def _known_codes() -> dict[str, set[str]]:
    ruff = json.loads(
        subprocess.run(
            [str(Path(sys.executable).parent / "ruff"), "rule", "--all", "--output-format", "json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    from pylint import extensions
    from pylint.lint import PyLinter
    from pylint.lint.run import _cpu_count  # noqa: F401  (pylint is importable)

    linter = PyLinter()
    linter.load_default_plugins()
    # pylint's optional checkers (e.g. W2901 redefined-loop-name) are real codes too.
    linter.load_plugin_modules(
        [
            f"pylint.extensions.{module.name}"
            for module in pkgutil.iter_modules(extensions.__path__)
            if not module.name.startswith("_")
        ]
    )
    pylint_codes = {message.msgid for message in linter.msgs_store.messages}
    edulint = {
        line.split()[0]
        for line in (DATA / "edulint_codes.txt").read_text().splitlines()
        if line and not line.startswith("#")
    }
    return {"ruff": {rule["code"] for rule in ruff}, "pylint": pylint_codes, "edulint": edulint}


def test_equivalents_name_real_codes_of_real_tools():
    known = _known_codes()
    for rule in all_rules():
        for equivalent in rule.equivalents:
            tool, _, code = equivalent.partition(":")
            assert tool in known, f"{rule.name}: unknown tool {tool!r}"
            if tool == "edulint" and code.startswith(("C", "W", "E", "R0", "R1")):
                assert code in known["pylint"]  # EduLint reuses pylint's codes
            else:
                assert code in known[tool], f"{rule.name}: {equivalent} does not exist"


def test_an_invalid_example_with_a_malformed_range_is_refused():
    with pytest.raises(ValueError, match="line:column-end_line:end_column"):
        Invalid("x = = 1\n", at="1:4")
    assert Invalid("x = = 1\n", at="1:4-1:5").span == Span(1, 4, 1, 5)


def test_code_dedents_an_indented_example():
    text = code("""
        for name in names:
            print(name)
    """)
    assert text == "for name in names:\n    print(name)\n"


def test_each_syntax_rule_is_recorded_beside_its_classifier():
    import mentor.analyzers.syntax as syntax

    homes = {}
    for module_info in pkgutil.iter_modules(syntax.__path__):
        module = importlib.import_module(f"{syntax.__name__}.{module_info.name}")
        for value in vars(module).values():
            if isinstance(value, Rule):
                homes.setdefault(value.id, set()).add(module)
    assert {rule.id for rule in all_rules() if rule.syntax} == set(homes)
    for rule_id, modules in homes.items():
        # The record names its id once; the classifier that reports it names it again.
        defining = [m for m in modules if inspect.getsource(m).count(f"RuleId.{rule_id.name}") >= 2]
        assert defining, f"{rule_id.name}: its record is not in the module that classifies it"
