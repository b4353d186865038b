"""Runtime errors in the real VS Code (code-server with the packaged .vsix, driven by
client-vscode/test/e2e/runtime.e2e.mjs): "Run with Mentor" in the integrated terminal, the
mentor-run diagnostic, and a Ctrl+click on a traceback link opening the explanation at the line.
Screenshots are kept in client-vscode/.e2e/artifacts/run-*.png."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.test_vscode import ARTIFACTS, CLIENT, _run, prerequisites  # noqa: F401


def test_a_traceback_link_in_the_terminal_opens_the_explanation(prerequisites: None) -> None:  # noqa: F811
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
            "test/e2e/runtime.e2e.mjs",
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
    for screenshot in ("run-1-terminal", "run-2-link", "run-3-explanation"):
        assert (ARTIFACTS / f"{screenshot}.png").stat().st_size > 10_000
