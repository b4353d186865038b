"""Check my work with real processes: the student's code runs against the teacher's tests, and
nothing it does (an endless loop, input(), a flood of output, os.system, a fork bomb, deleting
files, the network) hangs, floods or escapes the check."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentor.analyzers import Level
from mentor.analyzers.runtime import check as check_module
from mentor.analyzers.runtime.check import CheckLimits, check_work
from mentor.analyzers.runtime.check_report import (
    failing_case_text,
    summary_markdown,
    summary_text,
)
from mentor.models.assignments import AssignmentTests, FunctionCase, ScriptCase

TOTAL = AssignmentTests(
    "function",
    function="total",
    cases=(
        FunctionCase(([1, 2, 3],), 6),
        FunctionCase(([],), 0, name="an empty list"),
        FunctionCase(([5],), 5),
    ),
    time_limit_s=2,
)


def one(function: str, *args: object, expected: object = None, seconds: float = 2):
    return AssignmentTests(
        "function",
        function=function,
        cases=(FunctionCase(tuple(args), expected),),
        time_limit_s=seconds,
    )


def test_a_correct_function_passes_every_case():
    source = "def total(numbers):\n    result = 0\n    for n in numbers:\n        result += n\n"
    source += "    return result\n"
    result = check_work(source, "sum.py", TOTAL, title="Sum a list")
    assert [case.status for case in result.cases] == ["passed"] * 3
    assert summary_text(result, Level.NOVICE).splitlines()[1] == "All 3 checks pass."
    assert failing_case_text(result) == ""


def test_an_off_by_one_fails_with_input_expected_and_got():
    source = "def total(numbers):\n    s = 0\n    for i in range(len(numbers) - 1):\n"
    source += "        s += numbers[i]\n    return s\n"
    result = check_work(source, "sum.py", TOTAL, title="Sum a list")
    first, empty, single = result.cases
    assert (first.status, first.input, first.expected, first.got) == (
        "failed",
        "total([1, 2, 3])",
        "6",
        "3",
    )
    assert empty.passed and empty.name == "an empty list"
    assert single.status == "failed" and single.got == "0"
    markdown = summary_markdown(result, Level.NOVICE)
    assert "1 of 3 checks pass." in markdown
    assert "`total([1, 2, 3])` should give `6`, but it gave `3`." in markdown
    grounding = failing_case_text(result)
    assert "Call: total([1, 2, 3])" in grounding and "Expected: 6" in grounding
    assert "Got: 3" in grounding and "1 more case(s)" in grounding


def test_a_crash_is_an_error_with_the_students_line():
    source = "def total(numbers):\n    return sum(numbers) / len(numbers) * len(numbers)\n"
    result = check_work(source, "sum.py", TOTAL)
    empty = result.cases[1]
    assert empty.status == "error" and empty.line == 2
    assert empty.error.startswith("ZeroDivisionError")
    assert [c.status for c in result.cases] == ["passed", "error", "passed"]


def test_an_endless_loop_stops_at_the_time_limit():
    started = time.monotonic()
    result = check_work(
        "def total(n):\n    while True:\n        pass\n", "s.py", one("total", 1, seconds=0.5)
    )
    (case,) = result.cases
    assert case.status == "timeout" and "ran out of time" in case.error
    assert time.monotonic() - started < 0.5 + CheckLimits().startup_s + 5  # a loaded machine


def test_input_gets_nothing_and_cannot_wait():
    result = check_work("def total(n):\n    return int(input())\n", "s.py", one("total", 1))
    (case,) = result.cases
    assert case.status == "error" and "EOFError" in case.error and "input()" in case.error


def test_input_while_the_file_loads_is_reported_as_a_loading_problem():
    source = "name = input('name? ')\ndef total(n):\n    return n\n"
    (case,) = check_work(source, "s.py", one("total", 1, expected=1)).cases
    assert case.status == "error" and "while your file was loading" in case.error


def test_huge_output_is_cut_at_the_limit(tmp_path: Path):
    limits = CheckLimits(output_bytes=64 * 1024)
    source = "def total(n):\n    while True:\n        print('x' * 10000)\n"
    started = time.monotonic()
    (case,) = check_work(source, "s.py", one("total", 1), limits=limits).cases
    assert case.status == "output" and "printed too much" in case.error
    assert len(case.printed) <= 2000  # what the student is shown
    assert time.monotonic() - started < 10


def test_os_system_is_refused_and_the_command_does_not_run(tmp_path: Path):
    marker = tmp_path / "escaped"
    source = f"import os\ndef total(n):\n    os.system('touch {marker}')\n    return n\n"
    (case,) = check_work(source, "s.py", one("total", 1, expected=1)).cases
    assert case.status == "error" and "start other programs (os.system)" in case.error
    assert not marker.exists()


def test_subprocess_is_refused():
    source = "import subprocess\ndef total(n):\n    return subprocess.run(['true']).returncode\n"
    (case,) = check_work(source, "s.py", one("total", 1)).cases
    assert case.status == "error" and "a check does not let a program" in case.error


def test_a_fork_bomb_stops_at_the_first_fork():
    source = "import os\ndef total(n):\n    while True:\n        os.fork()\n"
    started = time.monotonic()
    (case,) = check_work(source, "s.py", one("total", 1)).cases
    assert case.status == "error" and "start other programs (os.fork)" in case.error
    assert time.monotonic() - started < 10


def test_files_can_be_made_and_deleted_only_in_the_checks_own_folder(tmp_path: Path):
    precious = tmp_path / "homework.py"
    precious.write_text("my work\n")
    source = (
        "import os, shutil\n"
        "def total(n):\n"
        "    with open('scratch.txt', 'w') as f:\n"
        "        f.write('mine')\n"
        "    os.remove('scratch.txt')\n"
        f"    os.remove({str(precious)!r})\n"
    )
    (case,) = check_work(source, "s.py", one("total", 1)).cases
    assert case.status == "error" and case.line == 6
    assert "change files outside its own folder (os.remove)" in case.error
    assert precious.read_text() == "my work\n"
    writes = f"def total(n):\n    open({str(precious)!r}, 'w').write('gone')\n"
    (case,) = check_work(writes, "s.py", one("total", 1)).cases
    assert "write files outside its own folder" in case.error
    assert precious.read_text() == "my work\n"


def test_too_much_memory_is_a_memory_error():
    (case,) = check_work(
        "def total(n):\n    return len([0] * 10**10)\n", "s.py", one("total", 1)
    ).cases
    assert case.status == "error" and case.error.startswith("MemoryError")


def test_the_network_is_refused():
    source = (
        "import socket\ndef total(n):\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
    )
    (case,) = check_work(source, "s.py", one("total", 1)).cases
    assert case.status == "error" and "use the network" in case.error


@pytest.mark.skipif(not check_module._namespace_prefix(), reason="no user namespaces here")
def test_the_network_namespace_holds_even_without_the_audit_hook():
    """The OS's wall alone: a process started the way cases are cannot reach a port that is
    listening on this machine's loopback."""
    with socket.create_server(("127.0.0.1", 0)) as listening:
        port = listening.getsockname()[1]
        probe = f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=2)"
        inside = subprocess.run(
            [*check_module._namespace_prefix(), sys.executable, "-I", "-c", probe],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert inside.returncode != 0 and "Error" in inside.stderr


def test_a_script_reads_its_input_and_its_output_is_compared():
    tests = AssignmentTests(
        "script",
        cases=(
            ScriptCase("3\n4\n", "7\n"),
            ScriptCase("10\n-2\n", "8  \n\n"),  # spaces at line ends and blank lines don't count
            ScriptCase("1\n", "1\n", name="only one number"),
        ),
    )
    source = "a = int(input())\nb = int(input())\nprint(a + b)\n"
    first, second, third = check_work(source, "add.py", tests).cases
    assert first.passed and second.passed
    assert third.status == "error" and "EOFError" in third.error and third.line == 2
    wrong = "a = input()\nb = input()\nprint(a + b)\n"
    result = check_work(wrong, "add.py", tests)
    assert result.cases[0].status == "failed" and result.cases[0].got == "34\n"
    grounding = failing_case_text(result)
    assert "Expected output:" in grounding and "34" in grounding


def test_pytest_style_tests_show_the_values_of_a_failed_assert():
    tests = AssignmentTests(
        "pytest",
        source=(
            "from fizz import fizzbuzz\n\n"
            "def test_three():\n    assert fizzbuzz(3) == 'Fizz'\n\n"
            "def test_fifteen():\n    assert 'FizzBuzz' == fizzbuzz(15), 'both'\n\n"
            "def test_plain_name():\n    assert fizzbuzz(1) == '1'\n"
        ),
        source_name="test_fizz.py",
    )
    source = (
        "def fizzbuzz(n):\n"
        "    if n % 3 == 0:\n        return 'Fizz'\n"
        "    if n % 15 == 0:\n        return 'FizzBuzz'\n"
        "    return str(n)\n"
    )
    three, fifteen, plain = check_work(source, "fizz.py", tests).cases
    assert three.passed and plain.passed
    assert (fifteen.status, fifteen.input, fifteen.expected, fifteen.got, fifteen.error) == (
        "failed",
        "fizzbuzz(15)",
        "'FizzBuzz'",
        "'Fizz'",
        "both",
    )


def test_a_missing_function_says_so():
    (case,) = check_work("def totl(n):\n    return n\n", "s.py", one("total", 1)).cases
    assert case.status == "error" and "no function named total" in case.error


def test_the_total_time_limit_leaves_the_rest_not_run():
    tests = AssignmentTests(
        "function", function="total", cases=(FunctionCase((1,), 1),) * 3, time_limit_s=0.3
    )
    limits = CheckLimits(total_s=0.1)
    result = check_work(
        "import time\ndef total(n):\n    time.sleep(5)\n", "s.py", tests, limits=limits
    )
    assert [c.status for c in result.cases] == ["timeout", "not run", "not run"]


@pytest.mark.skipif(not check_module._namespace_prefix(), reason="no user namespaces here")
def test_nothing_a_case_starts_outlives_it(tmp_path: Path):
    """The PID namespace's wall alone (no audit hook): a process the program started, in a
    session of its own, dies when the program ends."""
    marker = tmp_path / "survived"
    program = (
        "import os, time\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    time.sleep(1.5)\n"
        f"    open({str(marker)!r}, 'w').close()\n"
    )
    subprocess.run(
        [*check_module._namespace_prefix(), sys.executable, "-I", "-c", program], timeout=30
    )
    time.sleep(3)
    assert not marker.exists()


def test_a_huge_return_value_is_shown_short_and_a_repr_that_lies_cannot_pass():
    source = (
        "class Six:\n"
        "    def __eq__(self, other):\n        return True\n"
        "    def __repr__(self):\n        return '6'\n"
        "def total(n):\n    return [[[list(range(50))] * 50] * 50] * 50\n"
        "def fake(n):\n    return Six()\n"
    )
    (huge,) = check_work(source, "s.py", one("total", 1, expected=0)).cases
    assert huge.status == "failed" and len(huge.got) <= 2000
    (fake,) = check_work(source, "s.py", one("fake", 1, expected=6)).cases
    assert fake.status == "failed"  # an int was expected; an object that says "equal" is not one
