"""The tutor's first hint grounded as the product grounds it (`bench/tutor_quality.py
--grounding`): with nothing but the code, with the teacher's assignment for the file, and with
the assignment and the first case of Mentor's own check that fails.

Everything a prompt is made of comes from the product's own functions, never a copy:
the assignment is read by `assignments_from_policy` from a policy entry for the program's file,
the check is `analyzers.runtime.check.check_work` and its failing case
`check_report.failing_case_text` (what `CheckWorkFeature.failing_case` gives the server), the
context is `context_from_analysis` and the prompt `ChatService.prepare` (what `mentor/chat`
builds). `tests/bench/test_tutor_grounding.py` checks that the server sends these very prompts.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentor.analyzers import Level, analyze
from mentor.analyzers.runtime.check import CheckResult, check_work
from mentor.analyzers.runtime.check_report import failing_case_text
from mentor.models.assignments import Assignment, assignments_from_policy
from mentor.models.chat.context import ChatContext
from mentor.models.llm.guardrails import Policy

GROUNDINGS = ("none", "assignment", "failing-test")
# The student's first message of the conversation (the chat's first rung answers it).
FIRST_MESSAGE = "Give me a hint: what is wrong with my code?"


def file_name(program: Any) -> str:
    return f"{program.id}.py"


def policy_entry(program: Any) -> dict[str, Any]:
    """The policy's `assignments` entry a teacher would write for the program's file."""
    return {
        "files": file_name(program),
        "title": program.title,
        "description": program.assignment,
        "tests": program.tests,
    }


def assignment_of(program: Any) -> Assignment:
    """The program's assignment as the server reads it from a policy file."""
    found, problems = assignments_from_policy({"assignments": [policy_entry(program)]}, None)
    if problems or len(found) != 1:
        raise ValueError(f"{program.id}: the assignment is not valid: {problems}")
    return found[0]


def fixed_code(program: Any) -> str:
    """The program with its bug fixed (`fix`: {line: new text}, "" leaves the line empty)."""
    lines = program.code.split("\n")
    for number, text in sorted(program.fix.items(), key=lambda item: -int(item[0])):
        lines[int(number) - 1] = text
    return "\n".join(lines)


def check(program: Any, code: str | None = None) -> CheckResult:
    """Mentor's Check my work of the program (or of `code`) against its assignment's tests."""
    assignment = assignment_of(program)
    assert assignment.tests is not None
    return check_work(
        program.code if code is None else code,
        file_name(program),
        assignment.tests,
        title=assignment.title,
    )


def chat_context(program: Any, focus: tuple[int, int], grounding: str, level: Level) -> ChatContext:
    """What `mentor/chat` knows of the program's file, for a selection of `focus`."""
    from mentor.models.chat.from_code import context_from_analysis

    assignment = assignment_of(program) if grounding != "none" else None
    failing = failing_case_text(check(program)) if grounding == "failing-test" else ""
    return context_from_analysis(
        analyze(program.code),
        level,
        Policy(),
        file_name=file_name(program),
        focus=focus,
        assignment=assignment,
        failing_test=failing,
    )


def first_prompt(context: ChatContext, *, context_size: int, max_tokens: int) -> Any:
    """The prompt of a new conversation's first answer (`ChatService.prepare`)."""
    from mentor.models.chat import ChatService

    service = ChatService.in_memory()
    try:
        return service.prepare(
            None, FIRST_MESSAGE, context, context_size=context_size, max_tokens=max_tokens
        )
    finally:
        service.close()


# -- judging by hand ---------------------------------------------------------------------------


def answer_key(program: str, grounding: str, text: str) -> str:
    """A judgement belongs to one answer: a changed answer needs reading again."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return f"{program}|{grounding}|{digest}"


@dataclass(frozen=True)
class Judged:
    points: str  # "yes", "partly" or "no": the hint points at the bug
    misleading: bool
    note: str = ""


def load_judged(path: Path | None) -> dict[str, Judged]:
    """Hand judgements (JSON lines: {key, points, misleading, note}); none without a file."""
    if path is None or not path.exists():
        return {}
    judged = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            judged[entry["key"]] = Judged(
                entry["points"], bool(entry["misleading"]), entry.get("note", "")
            )
    return judged
