"""Mentor in the real VS Code: code-server with the packaged .vsix, driven by playwright-core in
Debian's Chromium (client-vscode/test/e2e/vscode.e2e.mjs does the clicking): squiggles, hover, quick
fix, then the progress report crediting the fix. Screenshots are kept in
client-vscode/.e2e/artifacts/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "client-vscode"
ARTIFACTS = CLIENT / ".e2e" / "artifacts"


def _missing_prerequisites() -> list[str]:
    missing = []
    if not (CLIENT / "node_modules").is_dir():
        missing.append("client-vscode/node_modules (npm ci)")
    if not Path(os.environ.get("MENTOR_CHROMIUM", "/usr/bin/chromium")).exists():
        missing.append("Debian's chromium")
    if shutil.which("npm") is None:
        missing.append("npm")
    return missing


@pytest.fixture(scope="module")
def prerequisites() -> None:
    missing = _missing_prerequisites()
    if missing:
        message = f"VS Code end-to-end test needs {', '.join(missing)}: run `bash .ci/run`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _run(command: list[str], timeout: int, **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, **kwargs)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def test_squiggles_hover_quick_fix_and_report_in_real_vscode(prerequisites: None) -> None:
    code_server = _run(["bash", str(CLIENT / "test/e2e/setup-code-server.sh")], timeout=1800)
    vsix = CLIENT / ".e2e" / "mentor-vscode.vsix"
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "MENTOR": str(Path(sys.executable).parent / "mentor"),
    }
    _run(["node", "scripts/package.mjs", "--out", str(vsix)], timeout=600, cwd=CLIENT, env=env)
    result = subprocess.run(
        [
            "node",
            "test/e2e/vscode.e2e.mjs",
            "--code-server",
            code_server.stdout.strip().splitlines()[-1],
            "--vsix",
            str(vsix),
            "--python",
            sys.executable,
            "--artifacts",
            str(ARTIFACTS),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=CLIENT,
    )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert "[e2e] all steps passed" in result.stdout
    screenshots = ("1-squiggles", "2-hover", "3-quick-fix", "4-fixed", "5-report")
    for screenshot in screenshots:
        assert (ARTIFACTS / f"{screenshot}.png").stat().st_size > 10_000
