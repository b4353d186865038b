"""The Mentor chat view in the real VS Code (code-server with the packaged .vsix, driven by
client-vscode/test/e2e/chat.e2e.mjs) with a slow OpenAI-compatible endpoint as the model: open
the view, ask, follow up with a quick reply, stop a streaming answer, Explain this into the view
and on from it, the conversations list, then Check my work on an assignment's file. The
extension is a teacher's .vsix (`npm run teacher`) whose policy has that assignment, so the
test also proves the view's script and styles are packaged in a teacher's build. Screenshots in
client-vscode/.e2e/artifacts/chat-*.png."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.e2e.test_vscode import ARTIFACTS, CLIENT, _run, prerequisites  # noqa: F401
from tests.support.slow_endpoint import slow_endpoint

SCREENSHOTS = (
    "chat-1-view",
    "chat-2-answer",
    "chat-3-why",
    "chat-4a-thinking",
    "chat-4-streaming",
    "chat-5-stopped",
    "chat-6-explain",
    "chat-7-explain-follow-up",
    "chat-8-conversations",
    "chat-9-check",
)
# The teacher's assignment for total.py (the e2e writes an off-by-one total() there).
POLICY = {
    "name": "CS101",
    "assignments": [
        {
            "files": "total.py",
            "title": "Sum a list",
            "description": "Write total(numbers) that returns the sum of the numbers.",
            "tests": {
                "function": "total",
                "timeLimit": 2,
                "cases": [{"args": [[1, 2, 3]], "expected": 6}, {"args": [[]], "expected": 0}],
            },
        }
    ],
}


def test_the_chat_view_asks_follows_up_stops_and_explains(
    prerequisites: None,  # noqa: F811
    tmp_path: Path,
) -> None:
    code_server = _run(["bash", str(CLIENT / "test/e2e/setup-code-server.sh")], timeout=1800)
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "MENTOR": str(Path(sys.executable).parent / "mentor"),
    }
    policy = tmp_path / "cs101.json"
    policy.write_text(json.dumps(POLICY), encoding="utf-8")
    vsix = CLIENT / ".e2e" / "mentor-cs101.vsix"
    teacher = ["node", "scripts/build-teacher-vsix.mjs", "--policy", str(policy)]
    teacher += ["--name", "CS101 Mentor", "--out", str(vsix)]
    _run(teacher, timeout=600, cwd=CLIENT, env=env)
    with zipfile.ZipFile(vsix) as packaged:
        names = set(packaged.namelist())
    for built in ("chat.js", "chat.css", "mentor.svg"):
        assert f"extension/dist/media/{built}" in names
    assert not any(name.startswith("extension/media/") for name in names)  # sources stay out
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
    print("\n".join(line for line in result.stdout.splitlines() if "measured:" in line))
    for screenshot in SCREENSHOTS:
        assert (ARTIFACTS / f"{screenshot}.png").stat().st_size > 10_000
