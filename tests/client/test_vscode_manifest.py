"""The VS Code extension contributes exactly the server's settings, with the server's defaults."""

from __future__ import annotations

import json
from pathlib import Path

from mentor.models.llm.prompts import Task
from mentor.server.features.tutor import TITLES
from mentor.server.settings import settings_schema

MANIFEST = Path(__file__).resolve().parents[2] / "client-vscode" / "package.json"
EXTENSION_ONLY = {"mentor.interpreter"}


def _contributed() -> dict[str, dict]:
    return json.loads(MANIFEST.read_text())["contributes"]["configuration"]["properties"]


def test_every_server_setting_is_contributed_with_the_same_default_and_type():
    contributed = _contributed()
    for setting in settings_schema():
        prop = contributed.get(setting["key"])
        assert prop is not None, f"{setting['key']} missing: run `npm run sync-settings`"
        assert prop["default"] == setting["default"], setting["key"]
        assert prop["type"] == setting["type"], setting["key"]
        assert prop.get("enum", []) == list(setting["choices"]), setting["key"]
        assert prop["markdownDescription"] == setting["description"]
        assert len(prop.get("enumDescriptions", [])) == len(setting["choices"])


def test_no_setting_is_contributed_that_the_server_does_not_read():
    server_keys = {setting["key"] for setting in settings_schema()}
    assert set(_contributed()) - server_keys == EXTENSION_ONLY


def test_restricted_settings_in_untrusted_workspaces_exist():
    manifest = json.loads(MANIFEST.read_text())
    restricted = manifest["capabilities"]["untrustedWorkspaces"]["restrictedConfigurations"]
    # what names a program, a file Mentor loads or writes, or where code is sent
    for key in ("mentor.interpreter", "mentor.model.path", "mentor.model.endpoint"):
        assert key in restricted
    assert "mentor.learner.database" in restricted  # a workspace aimed it at the user's files
    known = {setting["key"] for setting in settings_schema()} | EXTENSION_ONLY
    assert set(restricted) <= known


def _commands() -> dict[str, dict]:
    commands = json.loads(MANIFEST.read_text())["contributes"]["commands"]
    return {command["command"]: command for command in commands}


def _shown_title(command: dict) -> str:
    """The title as VS Code shows it in the command palette: category, colon, title."""
    category = command.get("category")
    return f"{category}: {command['title']}" if category else command["title"]


def test_every_command_reads_mentor_in_the_palette():
    for name, command in _commands().items():
        shown = _shown_title(command)
        assert shown.startswith("Mentor: "), name
        assert not shown.startswith("Mentor: Mentor:"), name


def test_context_menu_entries_say_mentor_and_sit_in_a_group_near_the_top():
    commands = _commands()
    entries = json.loads(MANIFEST.read_text())["contributes"]["menus"]["editor/context"]
    assert {entry["command"] for entry in entries} == {
        "mentor.explainSelection",
        "mentor.hintSelection",
    }
    for entry in entries:
        # a context menu shows the title alone, without the category
        assert commands[entry["command"]]["title"].startswith("Mentor: "), entry["command"]
        group, _, order = entry["group"].partition("@")
        assert group == "0_mentor" and order.isdigit()
        # VS Code sorts groups by name; its own start at "1_modification"; "navigation" is first
        assert group < "1_modification"


def test_the_context_menu_and_the_quick_fix_menu_use_the_same_words():
    commands = _commands()
    assert commands["mentor.explainSelection"]["title"] == TITLES[Task.EXPLAIN, True]
    assert commands["mentor.hintSelection"]["title"] == TITLES[Task.HINT, True]
    for title in TITLES.values():
        assert title.startswith("Mentor: ")
