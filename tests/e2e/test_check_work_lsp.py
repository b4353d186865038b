"""Check my work through the real server: `mentor.checkWork` with the teacher's policy file,
against passing, failing, crashing, endless and input-reading programs."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp

from tests.support.lsp_support import MENTOR_LSP, MentorClient, mentor_session

POLICY = {
    "name": "CS101",
    "assignments": [
        {
            "files": "week1/*.py",
            "title": "Sum a list",
            "description": "Write total(numbers) that returns the sum of the numbers.",
            "tests": {
                "function": "total",
                "timeLimit": 1,
                "cases": [
                    {"args": [[1, 2, 3]], "expected": 6},
                    {"args": [[]], "expected": 0, "name": "an empty list"},
                ],
            },
        },
        {
            "files": "week2/add.py",
            "title": "Add two numbers",
            "tests": {"cases": [{"stdin": "3\n4\n", "stdout": "7\n"}]},
        },
    ],
}


async def check(client: MentorClient, uri: str) -> dict[str, Any]:
    return await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command="mentor.checkWork", arguments=[{"uri": uri}])
    )


def session(tmp_path: Path, **options: Any):
    policy = tmp_path / "cs101.json"
    policy.write_text(json.dumps(POLICY))
    return mentor_session(tmp_path, command=[MENTOR_LSP, "--policy", str(policy)], **options)


async def test_check_my_work_says_which_cases_pass_for_the_editors_text(tmp_path: Path):
    (tmp_path / "week1").mkdir()
    path = tmp_path / "week1" / "sum.py"
    path.write_text("def total(numbers):\n    return 0\n")  # on disk; the editor's text differs
    async with session(tmp_path) as client:
        uri = client.open(path, "def total(numbers):\n    return sum(numbers[1:])\n")
        answer = await check(client, uri)
        assert answer["ran"] is True and (answer["passed"], answer["total"]) == (1, 2)
        first, empty = answer["cases"]
        assert (first["status"], first["input"], first["expected"], first["got"]) == (
            "failed",
            "total([1, 2, 3])",
            "6",
            "5",
        )
        assert empty["passed"] and empty["name"] == "an empty list"
        assert "1 of 2 checks pass." in answer["markdown"]
        assert "`total([1, 2, 3])` should give `6`, but it gave `5`." in answer["markdown"]
        await client.wait_for(
            lambda: any("1 of 2 checks pass" in m.message for m in client.messages)
        )

        client.replace_all(uri, "def total(numbers):\n    return sum(numbers)\n")
        assert (await check(client, uri))["passed"] == 2


async def test_a_crash_an_endless_loop_and_input_cannot_hang_the_server(tmp_path: Path):
    (tmp_path / "week1").mkdir()
    async with session(tmp_path) as client:
        crash = client.open(
            tmp_path / "week1" / "crash.py",
            "def total(numbers):\n    return 1 / len(numbers) * 0 + sum(numbers)\n",
        )
        first, empty = (await check(client, crash))["cases"]
        assert first["passed"] and empty["status"] == "error" and empty["line"] == 2
        assert empty["error"].startswith("ZeroDivisionError")

        started = time.monotonic()
        endless = client.open(
            tmp_path / "week1" / "loop.py", "def total(numbers):\n    while True:\n        pass\n"
        )
        answer = await check(client, endless)
        assert [case["status"] for case in answer["cases"]] == ["timeout", "timeout"]
        assert time.monotonic() - started < 30  # two cases of 1 s each, plus startup, loaded

        reading = client.open(
            tmp_path / "week1" / "ask.py",
            "def total(numbers):\n    return int(input('how many? '))\n",
        )
        first, _ = (await check(client, reading))["cases"]
        assert first["status"] == "error" and "EOFError" in first["error"]

        # The server still answers everything else.
        hover = await client.text_document_hover_async(
            lsp.HoverParams(lsp.TextDocumentIdentifier(uri=reading), lsp.Position(1, 15))
        )
        assert hover is not None


async def test_a_script_case_and_a_file_without_an_assignment(tmp_path: Path):
    (tmp_path / "week2").mkdir()
    async with session(tmp_path) as client:
        add = client.open(tmp_path / "week2" / "add.py", "a = input()\nb = input()\nprint(a + b)\n")
        (case,) = (await check(client, add))["cases"]
        assert (case["status"], case["input"], case["expected"], case["got"]) == (
            "failed",
            "3\n4\n",
            "7\n",
            "34\n",
        )
        other = client.open(tmp_path / "notes.py", "x = 1\n")
        answer = await check(client, other)
        assert answer == {
            "ran": False,
            "reason": "Check my work: the teacher's policy has no assignment for this file.",
        }
        assert (await check(client, "not a uri"))["ran"] is False
        bad = await client.workspace_execute_command_async(
            lsp.ExecuteCommandParams(command="mentor.checkWork", arguments=[42])
        )
        assert bad["ran"] is False


async def test_a_hint_after_a_failed_check_is_about_the_failing_case(tmp_path: Path):
    (tmp_path / "week1").mkdir()
    source = "def total(numbers):\n    s = 0\n    for i in range(len(numbers) - 1):\n"
    source += "        s += numbers[i]\n    return s\n"
    about = "the hint is about the failing test: A test from the teacher does not pass: total"
    offline = {"tutor": {"enabled": False}}
    async with session(tmp_path, initialization_options=offline) as client:
        uri = client.open(tmp_path / "week1" / "sum.py", source)
        hint = lsp.ExecuteCommandParams(
            command="mentor.hint",
            arguments=[{"uri": uri, "range": {"start": {"line": 2, "character": 0},
                                              "end": {"line": 2, "character": 40}}}],
        )  # fmt: skip
        await client.workspace_execute_command_async(hint)
        assert not client.logged(about)  # no check yet: nothing to ground on
        await check(client, uri)
        await client.workspace_execute_command_async(hint)
        assert client.logged(about + "([1, 2, 3])")
        client.log_messages.clear()
        client.replace_all(uri, source.replace("- 1", ""))  # changed since the check
        await client.workspace_execute_command_async(hint)
        assert not client.logged(about)
