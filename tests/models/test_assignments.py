"""The teacher's assignments read from a policy: valid ones kept, each bad one reported and
dropped alone, and the file each one is for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mentor.models.assignments import (
    MAX_DESCRIPTION,
    FunctionCase,
    ScriptCase,
    assignment_for,
    assignments_from_policy,
)

MENTOR = str(Path(sys.executable).parent / "mentor")

SUM = {
    "files": "week1/sum*.py",
    "title": "Sum a list",
    "description": "Write total(numbers) that returns the sum of the numbers.",
    "avoid": ["sum"],
    "tests": {"function": "total", "cases": [{"args": [[1, 2, 3]], "expected": 6}]},
}


def test_a_valid_assignment_is_read_with_its_tests():
    (assignment,), problems = assignments_from_policy({"assignments": [SUM]}, None)
    assert problems == []
    assert (assignment.files, assignment.title, assignment.avoid) == (
        "week1/sum*.py",
        "Sum a list",
        ("sum",),
    )
    assert assignment.tests is not None and assignment.tests.kind == "function"
    assert assignment.tests.function == "total"
    assert assignment.tests.cases == (FunctionCase(args=([1, 2, 3],), expected=6),)


def test_a_policy_without_assignments_has_none_and_no_problem():
    assert assignments_from_policy({"locked": {}}, None) == ([], [])


def test_script_cases_and_inline_test_functions_are_read():
    script = {
        "files": "echo.py",
        "title": "Echo",
        "tests": {"cases": [{"stdin": "hi\n", "stdout": "hi\n"}]},
    }
    code = {
        "files": "f.py",
        "title": "F",
        "tests": {"code": "def test_f():\n    assert f(1) == 2\n"},
    }
    (first, second), problems = assignments_from_policy({"assignments": [script, code]}, None)
    assert problems == []
    assert first.tests.kind == "script" and first.tests.cases == (ScriptCase("hi\n", "hi\n"),)
    assert second.tests.kind == "pytest" and "def test_f" in second.tests.source


def test_a_tests_file_is_read_from_the_policy_folder_and_not_outside_it(tmp_path: Path):
    (tmp_path / "class").mkdir()
    (tmp_path / "class" / "test_sum.py").write_text("def test_one():\n    assert total([1]) == 1\n")
    (tmp_path / "secret.py").write_text("def test_x(): pass\n")
    inside = {"files": "a.py", "title": "A", "tests": {"file": "test_sum.py"}}
    outside = {"files": "b.py", "title": "B", "tests": {"file": "../secret.py"}}
    (a, b), problems = assignments_from_policy(
        {"assignments": [inside, outside]}, tmp_path / "class"
    )
    assert a.tests.source.startswith("def test_one") and a.tests.source_name == "test_sum.py"
    assert b.tests is None  # kept, without its tests
    assert problems == [
        'assignment 2 ("B"): "tests": \'../secret.py\' is outside the policy file\'s folder; '
        "the assignment is used without tests"
    ]


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ("week1/*.py", "must be an object"),
        ({"title": "No files"}, '"files" must be a glob'),
        ({"files": 3, "title": "T"}, '"files" must be a glob'),
        ({"files": "/etc/*.py", "title": "T"}, "is absolute"),
        ({"files": "../*.py", "title": "T"}, "goes up with .."),
        ({"files": "week[1.py", "title": "T"}, "is not a glob: a [ is never closed"),
        ({"files": "x" * 5000, "title": "T"}, "5000 characters long"),
        ({"files": "a.py"}, '"title" must be non-empty text'),
        ({"files": "a.py", "title": ["T"]}, '"title" must be non-empty text'),
        (
            {"files": "a.py", "title": "T", "description": "d" * (MAX_DESCRIPTION + 1)},
            "at most 4000",
        ),
    ],
)
def test_a_bad_assignment_is_dropped_with_a_clear_problem_and_the_others_stay(entry, says):
    found, problems = assignments_from_policy({"assignments": [entry, SUM]}, None)
    assert [a.title for a in found] == ["Sum a list"]
    assert len(problems) >= 1 and problems[0].startswith("assignment 1")
    assert says in problems[0]
    assert "not used" in " ".join(problems)


@pytest.mark.parametrize(
    ("tests", "says"),
    [
        ("def test(): pass", "must be an object"),
        ({"cases": []}, '"cases" must be a non-empty list'),
        ({"function": "total()", "cases": [{"args": [], "expected": 1}]}, "name of a function"),
        ({"function": "total", "cases": [{"args": 1, "expected": 1}]}, "case 1"),
        ({"function": "total", "cases": [{"args": []}]}, 'must be {"args"'),
        ({"cases": [{"stdin": 5, "stdout": "x"}]}, "must be text"),
        ({"code": "def test_x(:\n"}, "does not parse"),
        ({"code": "x = 1\n"}, "no test_... function"),
        ({"file": "t.py"}, "needs a policy file"),
        ({"code": "def test_a(): pass", "cases": []}, "exactly one of"),
        ({"code": "def test_a(): pass", "timeLimit": 999}, '"timeLimit"'),
        ({"function": "f", "cases": [{"args": ["x" * 30000], "expected": 1}]}, "at most 20000"),
    ],
)
def test_bad_tests_drop_only_the_tests(tests, says):
    (assignment,), problems = assignments_from_policy(
        {"assignments": [{**SUM, "tests": tests}]}, None
    )
    assert assignment.tests is None and assignment.description.startswith("Write total")
    (problem,) = problems
    assert says in problem and "used without tests" in problem


def test_bad_avoid_drops_only_avoid_and_not_a_list_is_reported():
    (assignment,), problems = assignments_from_policy(
        {"assignments": [{**SUM, "avoid": "sum"}]}, None
    )
    assert assignment.avoid == () and assignment.tests is not None
    assert '"avoid": must be a list' in problems[0]
    assert assignments_from_policy({"assignments": {"files": "a"}}, None)[1] == [
        '"assignments" must be a list of assignments ({"files": ..., "title": ...})'
    ]


def test_the_first_matching_assignment_is_the_files_one(tmp_path: Path):
    policy = {
        "assignments": [
            {"files": "week1/sum*.py", "title": "Sum"},
            {"files": "**/loops/*.py", "title": "Loops"},
            {"files": "fizz?.py", "title": "Fizz"},
            {"files": ["a.py", "week[0-9]/b.py"], "title": "Two globs"},
        ]
    }
    assignments, problems = assignments_from_policy(policy, None)
    assert problems == []

    def title(relative: str, root: Path | None = tmp_path) -> str | None:
        found = assignment_for(tmp_path / relative, assignments, root)
        return found.title if found else None

    assert title("week1/sum_list.py") == "Sum"
    assert title("week2/sum_list.py") is None  # `*` does not cross folders
    assert title("a/b/loops/x.py") == "Loops" and title("loops/x.py") == "Loops"
    assert title("deep/fizz1.py") == "Fizz"  # a glob without "/" matches the name too
    assert title("week3/b.py") == "Two globs" and title("weekX/b.py") is None
    # Without a workspace root, the path's tail is matched.
    assert title("week1/sum.py", root=None) == "Sum"


def test_policy_check_lists_the_assignments_and_their_problems(tmp_path: Path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"locked": {}, "assignments": [SUM]}))
    result = subprocess.run([MENTOR, "policy", "check", str(good)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "1 assignment, all valid" in result.stdout
    assert "week1/sum*.py: Sum a list (1 function test)" in result.stdout

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"assignments": [SUM, {"files": "[", "title": "Broken"}]}))
    result = subprocess.run([MENTOR, "policy", "check", str(bad)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "1 problem" in result.stderr and "assignment 2" in result.stderr
    assert "a [ is never closed" in result.stderr
