"""The project's own files stay in step: generated docs, README, packaging."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_every_package_folder_is_installed():
    """A sub-package missing from pyproject's list works editable and breaks a real install."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    for top, name in (
        ("server", "mentor.server"),
        ("analyzers", "mentor.analyzers"),
        ("models", "mentor.models"),
    ):
        for init in (ROOT / top).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT / top).parts
            assert ".".join((name, *relative)) in listed, (
                f"{init.parent} is not in pyproject packages"
            )
