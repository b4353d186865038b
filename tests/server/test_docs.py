"""Documentation generated from the registry stays in step with it."""

from __future__ import annotations

from pathlib import Path

from mentor.analyzers import all_rules
from mentor.server.reports import rules_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_docs_rules_md_is_current():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert rules_markdown(all_rules()) in text, (
        "docs/rules.md is stale: run `mentor rules --format markdown` and paste the table"
    )


def test_readme_starts_with_the_two_fresh_machine_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in first_block.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    assert "mentor analyze examples/" in commands[0]
    assert commands[1] == "bash .ci/run"
