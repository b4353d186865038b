"""The Mentor chat view in the real VS Code (code-server with the packaged .vsix, driven by
client-vscode/test/e2e/chat.e2e.mjs) with a slow OpenAI-compatible endpoint as the model: open
the view, ask, follow up with a quick reply, stop a streaming answer, Explain this into the view
and on from it, the conversations list. Screenshots in client-vscode/.e2e/artifacts/chat-*.png."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.test_vscode import ARTIFACTS, CLIENT, _run, prerequisites  # noqa: F401
from tests.support.slow_endpoint import slow_endpoint

SCREENSHOTS = (
    "chat-1-view",
    "chat-2-answer",
    "chat-3-why",
    "chat-4-streaming",
    "chat-5-stopped",
    "chat-6-explain",
    "chat-7-explain-follow-up",
    "chat-8-conversations",
)


def test_the_chat_view_asks_follows_up_stops_and_explains(prerequisites: None) -> None:  # noqa: F811
    code_server = _run(["bash", str(CLIENT / "test/e2e/setup-code-server.sh")], timeout=1800)
    vsix = CLIENT / ".e2e" / "mentor-vscode.vsix"
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "MENTOR": str(Path(sys.executable).parent / "mentor"),
    }
    _run(["node", "scripts/package.mjs", "--out", str(vsix)], timeout=600, cwd=CLIENT, env=env)
    with slow_endpoint(long_when="everything") as url:
        result = subprocess.run(
            [
                "node",
                "test/e2e/chat.e2e.mjs",
                "--code-server",
                code_server.stdout.strip().splitlines()[-1],
                "--vsix",
                str(vsix),
                "--python",
                sys.executable,
                "--endpoint",
                url,
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
    for screenshot in SCREENSHOTS:
        assert (ARTIFACTS / f"{screenshot}.png").stat().st_size > 10_000
