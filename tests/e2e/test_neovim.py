"""Headless Neovim 0.7 (Debian's) as a real client of the real `mentor-lsp` process."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.e2e.editor_support import BEGINNER, assert_explains_the_loop
from tests.support.llm_fixture import SMOLLM2
from tests.support.lsp_support import MENTOR_LSP
from tests.support.programs import required_program

SCRIPT = Path(__file__).parent / "editors" / "neovim_session.lua"


@pytest.fixture
def nvim() -> str:
    return required_program("nvim", "apt-get install neovim")


def test_neovim_gets_diagnostics_hover_an_explanation_and_a_quick_fix(tmp_path: Path, nvim: str):
    student = tmp_path / "homework.py"
    student.write_text(BEGINNER)
    result_file = tmp_path / "result.json"
    env = {
        **os.environ,
        "MENTOR_FILE": str(student),
        "MENTOR_LSP": MENTOR_LSP,
        "MENTOR_RESULT": str(result_file),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),  # no model the developer installed
        "MENTOR_MODEL_PATH": str(SMOLLM2 or ""),
    }
    command = [nvim, "--headless", "-u", "NONE", "-i", "NONE", "-c", f"luafile {SCRIPT}"]
    subprocess.run(command, env=env, cwd=tmp_path, timeout=600, capture_output=True, check=False)
    result = json.loads(result_file.read_text())

    assert "error" not in result, result
    assert result["steps"] == [
        "attached",
        "diagnostics",
        "hover",
        "explained",
        "fixed",
        "rechecked",
    ]
    loop = next(d for d in result["diagnostics"] if d["code"] == "MNT101")
    assert (loop["lnum"], loop["col"], loop["source"]) == (1, 0, "mentor")
    assert "for name in names" in loop["message"]
    assert "range-len-loop" in result["hover"]
    # docs/editors.md's `K` opens Mentor's hover (not pydoc) in a floating window
    [hover_float] = result["hover_float"]
    assert "**Why?**" in hover_float and "range-len-loop" in hover_float

    # The explain mapping offers the one action; the statusline follows the answer to "Done";
    # Neovim 0.7 cannot show documents, so the answer comes as a message.
    assert result["menu"] == ["Mentor: Explain this"]
    assert "error" not in result["explained"], result["explained"]
    explaining = result["progress"]["Mentor is explaining line 2"]
    assert explaining["ended"] == "Done"
    # printed as "LSP[mentor][Info] <the answer's first line>…" (after the warning that the
    # tutor's model is not available, when there is none): the answer itself is what shows
    [shown] = [m for m in result["shown"] if "Explanation: homework.py" in m["message"]]
    assert shown["type"] == 3  # Info
    answer = result["explained"]["answer"]
    assert_explains_the_loop(shown["message"], answer["markdown"], answer["source"])
    # and docs/editors.md's handler shows the whole answer in a floating window
    [answer_float] = result["answer_float"]
    assert answer_float.startswith(answer["markdown"].strip().splitlines()[0])
    assert answer["markdown"].strip().splitlines()[-1] in answer_float
    if answer["source"] == "model":
        assert explaining["streamed"].strip()  # the answer grew in the statusline as it came

    assert result["action_title"].startswith("Loop over the items")
    assert "for name in names:\n    # greet\n    print(name)" in result["text"]
    assert result["after"] == ["MNT202"]
