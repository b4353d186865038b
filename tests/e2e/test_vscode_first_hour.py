"""The first hour in the real VS Code (code-server with the packaged .vsix, driven by
client-vscode/test/e2e/firsthour.e2e.mjs): "Install Mentor" from the notification into the
editor's own Python (a fresh venv; the shell profile's `python3` is another one), the server
starting without a manual restart, the interpreter quick pick, the tutor install offer, and a
teacher's locked setting marked in Settings and undone with one message. Offline: Mentor's wheel
is in the .vsix, its dependencies and the model's chunk wheels come from folders built here.
Screenshots: client-vscode/.e2e/artifacts/first-*.png and lock-*.png."""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.test_vscode import ARTIFACTS, CLIENT, _run, prerequisites  # noqa: F401
from tests.support.llm_fixture import NEEDS_SMOLLM2, SMOLLM2

MENTOR = str(Path(sys.executable).parent / "mentor")
ENV = {**os.environ, "PYTHON": sys.executable, "MENTOR": MENTOR}


def _e2e(scenario: str, vsix: Path, *extra: str) -> None:
    code_server = _run(["bash", str(CLIENT / "test/e2e/setup-code-server.sh")], timeout=1800)
    command = [
        "node",
        "test/e2e/firsthour.e2e.mjs",
        "--scenario",
        scenario,
        "--code-server",
        code_server.stdout.strip().splitlines()[-1],
        "--vsix",
        str(vsix),
        "--python",
        sys.executable,
        "--artifacts",
        str(ARTIFACTS),
        *extra,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1200, cwd=CLIENT)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert "[e2e] all steps passed" in result.stdout


def _dependencies() -> list[str]:
    """Mentor's own requirements (no extras), as pip would resolve them from the index."""
    required = importlib.metadata.requires("mentor-lsp") or []
    return [line for line in required if "extra ==" not in line]


@pytest.fixture(scope="module")
def vsix(prerequisites: None) -> Path:  # noqa: F811
    packaged = CLIENT / ".e2e" / "mentor-vscode.vsix"
    _run(["node", "scripts/package.mjs", "--out", str(packaged)], timeout=600, cwd=CLIENT, env=ENV)
    return packaged


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What pip would fetch for Mentor, in a folder, so the tests run offline."""
    folder = tmp_path_factory.mktemp("wheelhouse")
    command = [sys.executable, "-m", "pip", "wheel", "-q", "--wheel-dir", str(folder)]
    _run([*command, *_dependencies()], timeout=600)
    return folder


@pytest.mark.skipif(SMOLLM2 is None, reason=NEEDS_SMOLLM2)
def test_install_mentor_from_the_notification_into_the_editors_python(
    vsix: Path, wheelhouse: Path, tmp_path: Path
) -> None:
    from tests.models.llm.test_model_install import build

    student = tmp_path / "student-venv"  # the editor's python3: a fresh venv without Mentor
    _run([sys.executable, "-m", "venv", str(student)], timeout=300)
    # The default model's chunk wheels, with SmolLM2's bytes standing in for Qwen's 1.1 GB.
    chunked = build(tmp_path / "model", "qwen2.5-coder-1.5b", SMOLLM2.read_bytes(), "llama")
    env_file = tmp_path / "env.json"
    env_file.write_text(
        json.dumps(
            {
                "PIP_NO_INDEX": "1",
                "PIP_FIND_LINKS": str(wheelhouse),
                "MENTOR_MODEL_SOURCE": str(chunked.wheels),
                "MENTOR_MODEL_CATALOG": str(chunked.catalog),
            }
        )
    )
    _e2e(
        "install",
        vsix,
        "--student-python",
        str(student / "bin" / "python3"),
        "--env-file",
        str(env_file),
    )
    screenshots = (
        "1-not-installed",
        "2-installing",
        "3-ready",
        "4-choose-interpreter",
        "5-tutor-offer",
        "6-tutor-installed",
    )
    for screenshot in screenshots:
        assert (ARTIFACTS / f"first-{screenshot}.png").stat().st_size > 10_000


SYSTEM_PYTHON = Path("/usr/bin/python3")


@pytest.mark.skipif(not SYSTEM_PYTHON.exists(), reason="needs the system's /usr/bin/python3")
def test_a_system_python_is_left_alone_and_mentor_makes_a_venv(
    vsix: Path, wheelhouse: Path, tmp_path: Path
) -> None:
    env_file = tmp_path / "env.json"
    env_file.write_text(json.dumps({"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheelhouse)}))
    options = ("--student-python", str(SYSTEM_PYTHON), "--env-file", str(env_file))
    _e2e("venv", vsix, *options)
    for screenshot in ("venv-1-offer", "venv-2-ready"):
        assert (ARTIFACTS / f"{screenshot}.png").stat().st_size > 10_000


def test_a_locked_setting_is_marked_and_a_change_undone_with_one_message(
    prerequisites: None,  # noqa: F811
    tmp_path: Path,
) -> None:
    policy = tmp_path / "cs101.json"
    policy.write_text(json.dumps({"locked": {"mentor.hintLevel": "novice"}}))
    vsix = CLIENT / ".e2e" / "mentor-cs101.vsix"
    _run(
        [
            *("node", "scripts/build-teacher-vsix.mjs", "--policy", str(policy)),
            *("--name", "CS101", "--id", "cs101", "--out", str(vsix)),
        ],
        timeout=600,
        cwd=CLIENT,
        env=ENV,
    )
    _e2e("lock", vsix)
    for screenshot in ("lock-1-settings", "lock-2-reverted"):
        assert (ARTIFACTS / f"{screenshot}.png").stat().st_size > 10_000
