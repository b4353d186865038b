"""Emacs 28 with eglot (Debian's emacs-nox and elpa-eglot), batch mode, against `mentor-lsp`."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.e2e.editor_support import BEGINNER, assert_explains_the_loop
from tests.support.lsp_support import MENTOR_LSP
from tests.support.programs import required_program

SCRIPT = Path(__file__).parent / "editors" / "emacs_session.el"


@pytest.fixture
def emacs() -> str:
    return required_program("emacs", "apt-get install emacs-nox elpa-eglot")


def test_emacs_eglot_gets_diagnostics_hover_an_explanation_and_a_quick_fix(
    tmp_path: Path, emacs: str
):
    student = tmp_path / "homework.py"
    student.write_text(BEGINNER)
    result_file = tmp_path / "result.json"
    env = {
        **os.environ,
        "MENTOR_FILE": str(student),
        "MENTOR_LSP": MENTOR_LSP,
        "MENTOR_RESULT": str(result_file),
        "HOME": str(tmp_path),  # no user init files, no ~/.emacs.d writes
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    # -q (not -Q): site-start must run so Debian's elpa-eglot is found.
    command = [emacs, "--batch", "-q", "-l", str(SCRIPT)]
    run = subprocess.run(
        command, env=env, cwd=tmp_path, timeout=600, capture_output=True, text=True
    )
    assert result_file.exists(), run.stderr[-3000:]
    result = json.loads(result_file.read_text())

    assert "error" not in result, (result, run.stderr[-3000:])
    assert result["steps"] == [
        "connected",
        "diagnostics",
        "hover",
        "explained",
        "fixed",
        "rechecked",
    ]
    loop = next(d for d in result["diagnostics"] if "for name in names" in d["text"])
    assert loop["line"] == 2
    assert "range-len-loop" in result["hover"]

    # Eglot 1.9 cannot show documents (nor progress): the answer comes in the echo area.
    explained = result["explained"]
    assert explained["command"] == "mentor.explain"
    prefix = "[eglot] Server reports (type=3): "
    [shown] = [message for message in result["shown"] if message.startswith(prefix)]
    assert_explains_the_loop(shown.removeprefix(prefix), explained["markdown"], explained["source"])
    assert shown in run.stderr  # batch Emacs prints its echo area on stderr
    assert result["action_title"].startswith("Loop over the items")
    assert "for name in names:\n    # greet\n    print(name)" in result["text"]
