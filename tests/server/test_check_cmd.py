"""`mentor check FILE` as a student types it: a real process, the teacher's policy file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

MENTOR = str(Path(sys.executable).parent / "mentor")

POLICY = {
    "assignments": [
        {
            "files": "week1/sum*.py",
            "title": "Sum a list",
            "tests": {
                "function": "total",
                "cases": [{"args": [[1, 2, 3]], "expected": 6}, {"args": [[]], "expected": 0}],
            },
        },
        {"files": "notes.py", "title": "No tests here"},
    ]
}


def check(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "policy.json").write_text(json.dumps(POLICY))
    return subprocess.run(
        [MENTOR, "check", *args, "--policy", "policy.json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )


def test_check_says_which_cases_fail_and_exits_1(tmp_path: Path):
    (tmp_path / "week1").mkdir()
    program = tmp_path / "week1" / "sum.py"
    program.write_text("def total(xs):\n    return sum(xs[:-1])\n")
    result = check(tmp_path, "week1/sum.py")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "Check my work: Sum a list",
        "1 of 2 checks pass.",
        "  FAIL  total([1, 2, 3]) should give 6, but it gave 3.",
    ]
    assert result.stdout.count("total([1, 2, 3])") == 1
    program.write_text("def total(xs):\n    return sum(xs)\n")
    result = check(tmp_path, "week1/sum.py", "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["passed"] == 2


def test_no_assignment_or_no_tests_is_a_usage_error(tmp_path: Path):
    (tmp_path / "other.py").write_text("x = 1\n")
    (tmp_path / "notes.py").write_text("x = 1\n")
    result = check(tmp_path, "other.py")
    assert result.returncode == 2 and "no assignment for other.py" in result.stderr
    result = check(tmp_path, "notes.py")
    assert result.returncode == 2 and '"No tests here" has no tests' in result.stderr
