"""`npm run teacher` builds a branded .vsix with the class policy baked in; refuses a bad one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

CLIENT = Path(__file__).resolve().parents[2] / "client-vscode"


@pytest.fixture
def npm_ready() -> None:
    if not (CLIENT / "node_modules").is_dir():
        message = "client-vscode/node_modules is missing: run `bash .ci/run` (or npm ci there)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _teacher(tmp_path: Path, policy: dict) -> subprocess.CompletedProcess[str]:
    policy_file = tmp_path / "cs101.json"
    policy_file.write_text(json.dumps(policy))
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "MENTOR": str(Path(sys.executable).parent / "mentor"),
    }
    command = [
        "npm",
        "run",
        "--silent",
        "teacher",
        "--",
        "--policy",
        str(policy_file),
        "--name",
        "CS101 Mentor",
        "--out",
        str(tmp_path / "cs101.vsix"),
    ]
    return subprocess.run(command, cwd=CLIENT, env=env, capture_output=True, text=True, timeout=600)


def test_branded_vsix_carries_the_policy(tmp_path: Path, npm_ready: None):
    locked = {"mentor.hintLevel": "novice", "mentor.rules.disable": ["bare-except"]}
    result = _teacher(tmp_path, {"locked": locked})
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(tmp_path / "cs101.vsix") as vsix:
        policy = json.loads(vsix.read("extension/policy.json"))
        manifest = json.loads(vsix.read("extension/package.json"))
        names = vsix.namelist()
    assert policy == {"locked": locked, "name": "CS101 Mentor"}
    assert manifest["displayName"] == "CS101 Mentor"
    assert manifest["name"] == "mentor-vscode-cs101-mentor"
    assert any(name.startswith("extension/wheels/mentor_lsp-") for name in names)
    assert "extension/dist/extension.js" in names


def test_locked_settings_say_so_in_the_settings_ui(tmp_path: Path, npm_ready: None):
    # nested and bare key forms name the same settings; the baked-in policy uses one form
    locked = {"mentor": {"hintLevel": "novice"}, "tutor.enabled": False}
    result = _teacher(tmp_path, {"locked": locked})
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(tmp_path / "cs101.vsix") as vsix:
        policy = json.loads(vsix.read("extension/policy.json"))
        settings = json.loads(vsix.read("extension/package.json"))["contributes"]["configuration"]
    properties = settings["properties"]
    assert policy["locked"] == {"mentor.hintLevel": "novice", "mentor.tutor.enabled": False}
    level = properties["mentor.hintLevel"]
    assert level["markdownDescription"].startswith('**Locked by your teacher: `"novice"`.**')
    assert level["default"] == "novice"  # Settings shows the value in force
    assert properties["mentor.tutor.enabled"]["markdownDescription"].startswith(
        "**Locked by your teacher: `false`.**"
    )
    assert "Locked" not in properties["mentor.rules.disable"]["markdownDescription"]


def test_an_assignments_tests_file_is_baked_into_the_policy(tmp_path: Path, npm_ready: None):
    tests = "def test_total():\n    assert total([1, 2]) == 3\n"
    (tmp_path / "week1_tests.py").write_text(tests)
    assignment = {"files": "week1/*.py", "title": "Sum", "tests": {"file": "week1_tests.py"}}
    result = _teacher(tmp_path, {"assignments": [assignment]})
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(tmp_path / "cs101.vsix") as vsix:
        policy = json.loads(vsix.read("extension/policy.json"))
    assert policy["assignments"][0]["tests"] == {"code": tests}


def test_a_bad_policy_builds_nothing(tmp_path: Path, npm_ready: None):
    result = _teacher(tmp_path, {"locked": {"mentor.hintLevel": "genius"}})
    assert result.returncode == 2
    assert "genius" in result.stderr
    assert not (tmp_path / "cs101.vsix").exists()
