"""A teacher's policy, from the branded extension or a file, wins over the student's settings."""

from __future__ import annotations

import json
from pathlib import Path

from lsprotocol import types as lsp

from tests.lsp_support import MENTOR_LSP, codes, mentor_session

SOURCE = "try:\n    x = 1\nexcept:\n    pass\nif x == None:\n    pass\n"


async def test_policy_in_initialization_options_locks_settings(tmp_path: Path):
    (tmp_path / "a.py").write_text(SOURCE)
    student = {"mentor": {"hintLevel": "proficient", "rules": {"disable": ["bare-except"]}}}
    options = {"mentor": {}, "policy": {"mentor.rules.disable": [], "mentor.hintLevel": "novice"}}
    async with mentor_session(
        tmp_path, configuration=student, initialization_options=options
    ) as client:
        uri = client.open(tmp_path / "a.py")
        diagnostics = await client.diagnostics_for(uri)
        await client.wait_for(lambda: len(client.messages) >= 2)
    assert codes(diagnostics) == ["MNT202", "MNT501"]  # the teacher re-enabled bare-except
    bare = next(d for d in diagnostics if d.code == "MNT501")
    assert "catches every error, even your own typos" in bare.message  # novice words
    told = " ".join(m.message for m in client.messages)
    assert "mentor.hintLevel is set by your teacher" in told
    assert "mentor.rules.disable is set by your teacher" in told


async def test_policy_file_on_the_command_line(tmp_path: Path):
    (tmp_path / "a.py").write_text(SOURCE)
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"name": "CS101", "locked": {"mentor.rules.disable": ["MNT202"]}}))
    command = [MENTOR_LSP, "--policy", str(policy)]
    async with mentor_session(tmp_path, command=command) as client:
        uri = client.open(tmp_path / "a.py")
        assert codes(await client.diagnostics_for(uri)) == ["MNT501"]


async def test_status_notification_reports_the_level(tmp_path: Path):
    configuration = {"mentor": {"hintLevel": "developing"}}
    async with mentor_session(tmp_path, configuration=configuration) as client:
        await client.wait_for(lambda: bool(client.statuses))
        assert client.statuses[-1].level == "developing"
        client.set_configuration({"mentor": {"hintLevel": "proficient"}})
        client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
        await client.wait_for(lambda: len(client.statuses) >= 2)
    assert client.statuses[-1].level == "proficient"
