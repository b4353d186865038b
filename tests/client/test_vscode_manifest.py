"""The VS Code extension contributes exactly the server's settings, with the server's defaults."""

from __future__ import annotations

import json
from pathlib import Path

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
