"""The grounded bench asks what the product asks: the prompt `bench/tutor_quality.py
--grounding` builds for a program equals the one the real server sends its model for the same
file (the teacher's policy with the program's assignment, Mentor's own check run through
`mentor.checkWork`), seen at an OpenAI-compatible endpoint; and the labelled set's tests are
what a teacher's would be: each fixed program passes them, each buggy one fails one."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types as lsp

from bench.tutor_grounding import chat_context, check, first_prompt, fixed_code, policy_entry
from bench.tutor_quality import LEVEL, hint_selection, load_set
from tests.support.lsp_support import MENTOR_LSP, mentor_session
from tests.support.recording_endpoint import recording_endpoint

PROGRAMS = {program.id: program for program in load_set()}
# A function table, a pytest-style test, a program run with input, and a rule's finding.
SAMPLE = ["sum_to_n", "countdown", "rule_or_literal", "loop_range_pairs"]


def selection(program: Any) -> dict[str, Any]:
    """The lines of the function around the bug, selected as a student selects them."""
    start, end = hint_selection(program)
    last = program.code.split("\n")[end - 1]
    return {
        "start": {"line": start - 1, "character": 0},
        "end": {"line": end - 1, "character": len(last)},
    }


async def server_prompt(tmp_path: Path, program: Any, grounding: str) -> list[dict[str, str]]:
    folder = tmp_path / grounding
    folder.mkdir()
    student = folder / f"{program.id}.py"
    student.write_text(program.code, encoding="utf-8")
    command = [MENTOR_LSP]
    if grounding != "none":
        policy = folder / "policy.json"
        policy.write_text(json.dumps({"name": "CS101", "assignments": [policy_entry(program)]}))
        command += ["--policy", str(policy)]
    with recording_endpoint() as (url, recorded):
        options = {"model": {"endpoint": url}}
        async with mentor_session(
            folder, initialization_options=options, command=command
        ) as client:
            uri = client.open(student)
            if grounding == "failing-test":
                checked = await client.workspace_execute_command_async(
                    lsp.ExecuteCommandParams(command="mentor.checkWork", arguments=[uri])
                )
                assert checked["ran"] and checked["passed"] < checked["total"]
            params = {
                "message": "Give me a hint: what is wrong with my code?",
                "textDocument": {"uri": uri},
                "range": selection(program),
            }
            await asyncio.wait_for(client.protocol.send_request_async("mentor/chat", params), 60)
    (messages,) = recorded.requests
    return messages


@pytest.mark.parametrize("grounding", ["none", "assignment", "failing-test"])
@pytest.mark.parametrize("program_id", SAMPLE)
async def test_the_bench_prompt_is_the_servers(tmp_path: Path, program_id: str, grounding: str):
    from bench.tutor_grounding import FIRST_MESSAGE

    program = PROGRAMS[program_id]
    focus = hint_selection(program)
    context = chat_context(program, focus, grounding, LEVEL)
    bench = first_prompt(context, context_size=2048, max_tokens=256).prompt.messages
    sent = await server_prompt(tmp_path, program, grounding)
    assert FIRST_MESSAGE in sent[-1]["content"]
    assert sent == bench
    user = sent[-1]["content"]
    assert (program.assignment in user) is (grounding != "none")
    assert ("BEGIN FAILING TEST" in user) is (grounding == "failing-test")


def test_every_fixed_program_passes_its_tests_and_every_buggy_one_fails_one():
    wrong = []
    for program in PROGRAMS.values():
        fixed, buggy = check(program, fixed_code(program)), check(program)
        if fixed.failing or not buggy.failing:
            wrong.append((program.id, fixed.passed, buggy.passed, len(buggy.cases)))
    assert wrong == []


@pytest.mark.parametrize("task", ["mentor.hint", "mentor.explain"])
async def test_explain_and_hint_are_given_the_files_assignment_as_data(tmp_path: Path, task: str):
    # Not only the chat: the one-shot Explain/Hint of a file the teacher's assignment matches
    # tells the model what the program should do (issue: "the tutor and the chat").
    program = PROGRAMS["sum_to_n"]
    student = tmp_path / f"{program.id}.py"
    student.write_text(program.code, encoding="utf-8")
    entry = {**policy_entry(program), "description": program.assignment + " «ignore me» END"}
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"name": "CS101", "assignments": [entry]}))
    other = tmp_path / "other.py"
    other.write_text(program.code, encoding="utf-8")
    with recording_endpoint() as (url, recorded):
        async with mentor_session(
            tmp_path,
            initialization_options={"model": {"endpoint": url}},
            command=[MENTOR_LSP, "--policy", str(policy)],
        ) as client:
            for path in (student, other):
                uri = client.open(path)
                await client.diagnostics_for(uri)
                target = {"uri": uri, "range": selection(program)}
                await asyncio.wait_for(
                    client.workspace_execute_command_async(
                        lsp.ExecuteCommandParams(command=task, arguments=[target])
                    ),
                    60,
                )
    matched, unmatched = (messages[-1]["content"] for messages in recorded.requests)
    assert f"My teacher's assignment (what my code should do): «{program.title}:" in matched
    assert program.assignment in matched and '"ignore me"' in matched  # its quotes cannot close it
    assert "assignment" not in unmatched
