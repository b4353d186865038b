"""`mentor chat` in a real terminal (a pty, as Neovim's :terminal gives it): the keys, the
ladder, the helpful mark, resume, and the clear message without a model."""

from __future__ import annotations

import os
import pty
import select
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from mentor.models.chat.context import CHAT_PROMPT_VERSION

MENTOR = str(Path(sys.executable).parent / "mentor")
LOOP = textwrap.dedent(
    """\
    def greet(names):
        for i in range(len(names)):
            print("Hello", names[i])
    """
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


class Terminal:
    def __init__(self, args: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, close_fds=True
        )
        os.close(slave)
        self.output = ""

    def expect(self, text: str, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} not seen in:\n{self.output}")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self.output += os.read(self.master, 4096).decode("utf-8", "replace")
                except OSError:  # the process closed the terminal
                    break
        return self.output

    def type(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode())

    def close(self) -> int:
        try:
            return self.process.wait(30)
        finally:
            os.close(self.master)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "TERM": "dumb"}


def test_the_terminal_chat_climbs_with_the_keys_and_marks_answers(tmp_path: Path, env):
    (tmp_path / "greet.py").write_text(LOOP, encoding="utf-8")
    terminal = Terminal([MENTOR, "chat", "greet.py", "--no-model"], tmp_path, env)
    terminal.expect("No tutor model: Mentor answers with its own explanations.")
    terminal.expect("you> ")
    terminal.type("What is wrong with my loop?")
    terminal.expect("[step 1 of 3: a question about the idea")
    terminal.type("w")  # Why?
    terminal.expect("[step 2 of 3: where to look")
    terminal.type("s")  # I'm still stuck
    out = terminal.expect("[step 3 of 3: what goes wrong there")
    terminal.type("+")
    terminal.expect("marked helpful")
    terminal.type("q")
    assert terminal.close() == 0
    assert "line 2" in out.split("[step 1")[1]  # the second answer points at the line
    (chats,) = (tmp_path / "data" / "mentor" / "chats").glob("*.sqlite3")
    with sqlite3.connect(chats) as db:
        rows = db.execute("SELECT role, depth, helpful FROM turns ORDER BY seq").fetchall()
    assert [r for r in rows if r[0] == "mentor"] == [
        ("mentor", 1, None),
        ("mentor", 2, None),
        ("mentor", 3, 1),
    ]
    (progress,) = (tmp_path / "data" / "mentor" / "progress").glob("*.sqlite3")
    with sqlite3.connect(progress) as db:
        rungs = db.execute(
            "SELECT COUNT(DISTINCT id), COUNT(DISTINCT skill) FROM events "
            "WHERE cause = 'help-asked' AND document = 'greet.py'"
        ).fetchone()
    assert rungs[0] == 3 * rungs[1]  # weak evidence once per rung needed, per skill


def test_resume_the_last_conversation_and_list_forget(tmp_path: Path, env):
    (tmp_path / "greet.py").write_text(LOOP, encoding="utf-8")
    first = Terminal([MENTOR, "chat", "greet.py", "--no-model"], tmp_path, env)
    first.expect("you> ")
    first.type("What is wrong with my loop?")
    first.expect("[step 1 of 3")
    first.type("q")
    first.close()
    again = Terminal([MENTOR, "chat", "greet.py", "--no-model", "--resume", "last"], tmp_path, env)
    again.expect("you> What is wrong with my loop?")  # the history is shown again
    again.type("I'm still stuck")
    again.expect("[step 2 of 3")
    again.type("q")
    again.close()
    listed = subprocess.run(
        [MENTOR, "chat", "--list"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert "4 turns  What is wrong with my loop?" in listed.stdout
    forgot = subprocess.run(
        [MENTOR, "chat", "--forget-all"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert "forgot 1 conversation" in forgot.stdout


def test_check_my_work_grounds_the_next_answers_on_the_failing_case(tmp_path: Path, env):
    import json

    (tmp_path / "total.py").write_text(
        "def total(numbers):\n    result = 0\n    for i in range(1, len(numbers)):\n"
        "        result += numbers[i]\n    return result\n",
        encoding="utf-8",
    )
    policy = tmp_path / "policy.json"
    assignment = {
        "files": "total.py",
        "title": "Sum a list",
        "description": "Write total(numbers) that adds up every number.",
        "tests": {"function": "total", "cases": [{"args": [[1, 2, 3]], "expected": 6}]},
    }
    policy.write_text(json.dumps({"name": "CS101", "assignments": [assignment]}))
    args = [MENTOR, "chat", "total.py", "--no-model", "--policy", str(policy)]
    terminal = Terminal(args, tmp_path, env)
    terminal.expect("you> ")
    terminal.type("c")  # the student asks: only then does their code run
    terminal.expect("Ask about the failing case")
    terminal.type("why does it not add up?")
    terminal.expect("[step 1 of 3")
    terminal.type("s")
    terminal.expect("[step 2 of 3")
    terminal.type("s")
    out = terminal.expect("[step 3 of 3")
    terminal.type("q")
    terminal.close()
    third = out.split("[step 2 of 3")[1]
    assert "total([1, 2, 3])" in third and "6" in third  # the failing case's own values


def test_the_export_carries_the_feedback_counts_and_no_text(tmp_path: Path, env):
    import json

    (tmp_path / "greet.py").write_text(LOOP, encoding="utf-8")
    terminal = Terminal([MENTOR, "chat", "greet.py", "--no-model"], tmp_path, env)
    terminal.expect("you> ")
    terminal.type("my secret: aardvark. what is wrong?")
    terminal.expect("[step 1 of 3")
    terminal.type("-")
    terminal.expect("marked not helpful")
    terminal.type("q")
    terminal.close()
    exported = subprocess.run(
        [MENTOR, "report", ".", "--export", "json"],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    feedback = json.loads(exported.stdout)["tutor_feedback"]
    assert (feedback["helpful"], feedback["not_helpful"]) == (0, 1)
    assert "aardvark" not in exported.stdout
    report = subprocess.run(
        [MENTOR, "chat", "--feedback"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert f"static · chat prompt {CHAT_PROMPT_VERSION}: 0 helpful, 1 not" in report.stdout
