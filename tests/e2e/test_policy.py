"""A teacher's policy, from the branded extension or a file, wins over the student's settings."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from lsprotocol import types as lsp

from tests.support.lsp_support import MENTOR_LSP, codes, mentor_session

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


async def test_each_lock_warning_is_shown_once_not_at_every_settings_change(tmp_path: Path):
    student = {"mentor": {"hintLevel": "proficient", "avoidConcepts": [], "diagnostics": {}}}
    options = {
        "mentor": student["mentor"],
        "policy": {"mentor.hintLevel": "novice", "mentor.avoidConcepts": ["lambda"]},
    }
    async with mentor_session(
        tmp_path, configuration=student, initialization_options=options
    ) as client:
        await client.wait_for(lambda: bool(client.statuses))
        # the student changes an unrelated setting twice: the settings are read again each time
        for delay in (300, 400):
            student["mentor"]["diagnostics"] = {"delayMs": delay}
            client.set_configuration(student)
            client.workspace_did_change_configuration(
                lsp.DidChangeConfigurationParams(settings=None)
            )
            count = len(client.statuses)
            await client.wait_for(lambda count=count: len(client.statuses) > count)
    told = [m.message for m in client.messages if "your teacher" in m.message]
    once = 'Mentor: mentor.hintLevel is set by your teacher to "novice"; yours is not used.'
    assert told == [once]


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


def _policy_file(tmp_path: Path, locked: dict) -> Path:
    policy = tmp_path / "cs101.json"
    policy.write_text(json.dumps({"name": "CS101", "locked": locked}))
    return policy


TEACHER = {"mentor.rules.disable": [], "mentor.hintLevel": "novice"}
STUDENT_FORMS = {
    "bare": {"rules.disable": ["bare-except"], "hintLevel": "proficient"},
    "prefixed": {"mentor.rules.disable": ["bare-except"], "mentor.hintLevel": "proficient"},
    "nested": {"mentor": {"rules": {"disable": ["bare-except"]}, "hintLevel": "proficient"}},
}
# Where a client can put them: its own policy (the first key keeps its place in a dict merge,
# so a bare key after the teacher's prefixed one came last and won), initializationOptions,
# and the answer to workspace/configuration.
ATTACKS = {
    "policy, bare key after the teacher's": {
        "initialization_options": {
            "policy": {
                "mentor.rules.disable": [],
                "rules.disable": ["bare-except"],
                "mentor.hintLevel": "novice",
                "hintLevel": "proficient",
            }
        }
    },
    **{
        f"policy, {form}": {"initialization_options": {"policy": keys}}
        for form, keys in STUDENT_FORMS.items()
    },
    **{
        f"initializationOptions, {form}": {"initialization_options": {"mentor": keys}}
        for form, keys in STUDENT_FORMS.items()
    },
    **{
        f"workspace/configuration, {form}": {"configuration": {"mentor": keys}}
        for form, keys in STUDENT_FORMS.items()
    },
}


@pytest.mark.parametrize("attack", ATTACKS)
async def test_no_client_key_form_beats_the_policy_file(tmp_path: Path, attack: str):
    (tmp_path / "a.py").write_text(SOURCE)
    command = [MENTOR_LSP, "--policy", str(_policy_file(tmp_path, TEACHER))]
    async with mentor_session(tmp_path, command=command, **ATTACKS[attack]) as client:
        uri = client.open(tmp_path / "a.py")
        diagnostics = await client.diagnostics_for(uri)
        await client.wait_for(lambda: bool(client.statuses))
        # a later push of the same keys changes nothing either
        client.workspace_did_change_configuration(
            lsp.DidChangeConfigurationParams(settings={"mentor": STUDENT_FORMS["bare"]})
        )
        await client.wait_for(lambda: len(client.statuses) >= 2)
        after = await client.diagnostics_for(uri)
    for published in (diagnostics, after):
        bare = next(d for d in published if d.code == "MNT501")  # still reported
        assert "catches every error, even your own typos" in bare.message  # novice words
    assert {status.level for status in client.statuses} == {"novice"}


async def test_an_invalid_locked_value_fails_closed_and_both_student_and_check_say_so(
    tmp_path: Path,
):
    (tmp_path / "a.py").write_text(SOURCE)
    policy = _policy_file(tmp_path, {"mentor.hintLevel": "beginner", "mentor.allowSolutions": 1})
    student = {"mentor": {"hintLevel": "proficient", "allowSolutions": True}}
    command = [MENTOR_LSP, "--policy", str(policy)]
    async with mentor_session(tmp_path, command=command, configuration=student) as client:
        uri = client.open(tmp_path / "a.py")
        diagnostics = await client.diagnostics_for(uri)
        await client.wait_for(lambda: bool(client.statuses))
    # neither the student's proficient nor the default auto: the most restrictive, novice
    assert client.statuses[-1].level == "novice"
    bare = next(d for d in diagnostics if d.code == "MNT501")
    assert "catches every error, even your own typos" in bare.message
    told = [m.message for m in client.messages if m.type == lsp.MessageType.Warning]
    hint = next(m for m in told if "mentor.hintLevel" in m)
    assert '"beginner"' in hint and "most restrictive" in hint and '"novice"' in hint
    allow = next(m for m in told if "mentor.allowSolutions" in m)
    assert "most restrictive" in allow and "false" in allow

    check = subprocess.run(
        [str(Path(MENTOR_LSP).parent / "mentor"), "policy", "check", str(policy)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.returncode == 2
    assert "mentor.hintLevel" in check.stderr and "most restrictive" in check.stderr
    assert "mentor.allowSolutions" in check.stderr


@pytest.mark.parametrize(
    "locked",
    [
        {"mentor.rules": {"disable": []}, "mentor.hintLevel": "novice"},  # was "no such setting"
        {"rules.disable": [], "hintLevel": "novice"},  # the server refused to start
    ],
)
async def test_the_policy_file_is_read_in_every_key_form(tmp_path: Path, locked: dict):
    (tmp_path / "a.py").write_text(SOURCE)
    command = [MENTOR_LSP, "--policy", str(_policy_file(tmp_path, locked))]
    student = {"mentor": STUDENT_FORMS["nested"]}
    async with mentor_session(tmp_path, command=command, configuration=student) as client:
        uri = client.open(tmp_path / "a.py")
        diagnostics = await client.diagnostics_for(uri)
        await client.wait_for(lambda: bool(client.statuses))
    assert "MNT501" in codes(diagnostics)
    assert client.statuses[-1].level == "novice"


def test_policy_check_prints_one_line_per_problem_with_json_values_and_the_real_reason(
    tmp_path: Path,
):
    locked = {
        "mentor.interpreter": "/usr/bin/python3",  # the extension's setting: no lock can hold it
        "mentor.hintLevel": "expert",
        "allowSolutions": "no",
        "rules": {"disable": ["nope"]},
        "mentor.noSuchThing": 1,
    }
    mentor = str(Path(MENTOR_LSP).parent / "mentor")
    check = subprocess.run(
        [mentor, "policy", "check", str(_policy_file(tmp_path, locked))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.returncode == 2
    header, *lines = check.stderr.strip().splitlines()
    assert header.endswith("cs101.json: 5 problems:")
    assert len(lines) == 5 and all(line.startswith("  - ") for line in lines)
    assert not any(".;" in line or "the teacher's policy" in line for line in lines)
    by_key = {line.split()[1]: line for line in lines}
    assert "cannot be locked" in by_key['"mentor.interpreter"']
    assert "the Python that starts Mentor" in by_key['"mentor.interpreter"']
    assert "not a Mentor setting" in by_key['"mentor.noSuchThing"']
    assert 'no rule is called "nope"' in by_key["mentor.rules.disable:"]
    assert "mentor.allowSolutions = false" in by_key["mentor.allowSolutions:"]  # JSON, not False

    valid = {"mentor.allowSolutions": False, "avoidConcepts": ["comprehensions"]}
    check = subprocess.run(
        [mentor, "policy", "check", str(_policy_file(tmp_path, valid))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.returncode == 0, check.stderr
    assert check.stdout.splitlines()[1:] == [
        "  mentor.allowSolutions = false",
        '  mentor.avoidConcepts = ["comprehensions"]',
    ]
