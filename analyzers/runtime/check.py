"""Check my work: run a student's file against the teacher's tests, one fresh process per case,
only when the student asks (`mentor check FILE`, the `mentor.checkWork` command).

Each case runs `check_harness.py` with this interpreter in a temporary folder of its own (a copy
of the student's file, nothing else), stdin empty (or the case's input), a minimal environment,
and limits: wall time per case, CPU time, address space (RLIMIT_AS), file and output size
(RLIMIT_FSIZE, and the output files watched from here), no new processes (RLIMIT_NPROC), and an
audit hook inside the child. Where `unshare` can make a user, network and PID namespace, the
child also has no network at all and every process it could start dies with it. What is and is
not guaranteed: docs/teachers.md#what-a-check-guarantees.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from mentor.models.assignments import AssignmentTests, FunctionCase, ScriptCase

HARNESS = Path(__file__).with_name("check_harness.py")
MAX_SHOWN = 2000  # characters of output or input kept per case for the student to read

Status = Literal["passed", "failed", "error", "timeout", "output", "not run"]


@dataclass(frozen=True)
class CheckLimits:
    memory_bytes: int = 512 * 1024 * 1024
    output_bytes: int = 256 * 1024  # what one case may print (and the size of any file it writes)
    total_s: float = 60.0  # all cases together; the rest are "not run"
    startup_s: float = 3.0  # wall time for the interpreter to start, on top of a case's limit


@dataclass(frozen=True)
class CaseResult:
    name: str  # what the student reads first: the call, the test's name or "input 2"
    status: Status
    input: str = ""  # the call (`total([1, 2])`), the stdin given, or the test's failing line
    expected: str = ""  # Python's repr of the expected value, or the expected output
    got: str = ""  # the value returned, or what the program printed
    error: str = ""  # one line: the exception, or why the case stopped
    line: int = 0  # the line of the student's file where it stopped (0: not known)
    printed: str = ""  # what a function printed while it ran (clipped)

    @property
    def passed(self) -> bool:
        return self.status == "passed"


@dataclass(frozen=True)
class CheckResult:
    title: str  # the assignment's
    kind: str  # "function", "script" or "pytest"
    cases: tuple[CaseResult, ...]
    isolation: str  # how the OS kept the program in (network), in plain words
    function: str = ""
    seconds: float = 0.0

    @property
    def passed(self) -> int:
        return sum(case.passed for case in self.cases)

    @property
    def failing(self) -> tuple[CaseResult, ...]:
        return tuple(case for case in self.cases if not case.passed)

    def to_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "kind": self.kind,
            "passed": self.passed,
            "total": len(self.cases),
            "isolation": self.isolation,
            "cases": [{**case.__dict__, "passed": case.passed} for case in self.cases],
        }


@dataclass
class _Run:
    """One case's process and what came back."""

    returncode: int | None
    result: dict[str, object] | None
    stdout: str
    timed_out: bool
    too_much_output: bool
    extra: dict[str, object] = field(default_factory=dict)


def check_work(
    source: str,
    file_name: str,
    tests: AssignmentTests,
    *,
    title: str = "",
    limits: CheckLimits | None = None,
    python: str | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> CheckResult:
    """Run every case of `tests` against `source` (the student's file as they see it, saved or
    not) and say which pass. Never raises for anything the student's code does."""
    limits = limits or CheckLimits()
    python = python or sys.executable
    name = _safe_name(file_name)
    started = time.monotonic()
    cases: list[CaseResult] = []
    specs = _case_specs(tests, name)
    with tempfile.TemporaryDirectory(prefix="mentor-check-") as top:
        for number, (label, spec, describe) in enumerate(specs):
            if cancelled() or time.monotonic() - started > limits.total_s:
                cases.append(CaseResult(label, "not run", error="the check took too long"))
                continue
            folder = Path(top) / f"case{number}"
            run = _run_case(folder, name, source, spec, tests.time_limit_s, limits, python)
            cases.append(describe(run))
    return CheckResult(
        title=title,
        kind=tests.kind,
        cases=tuple(cases),
        isolation=isolation(),
        function=tests.function,
        seconds=time.monotonic() - started,
    )


def test_function_names(source: str) -> list[str]:
    """The `test_*` functions of pytest-style test code, in order."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test")
    ]


# --- the cases -----------------------------------------------------------------------------

Describe = Callable[[_Run], CaseResult]


def _case_specs(tests: AssignmentTests, name: str) -> list[tuple[str, dict[str, object], Describe]]:
    module = name.removesuffix(".py") if name.removesuffix(".py").isidentifier() else "solution"
    found: list[tuple[str, dict[str, object], Describe]] = []
    if tests.kind == "pytest":
        for test in test_function_names(tests.source):
            spec = {"kind": "pytest", "module": module, "source": tests.source,
                    "source_name": tests.source_name, "test": test}  # fmt: skip
            found.append((test, spec, functools.partial(_describe_test, test)))
        return found
    for number, case in enumerate(tests.cases, 1):
        if isinstance(case, FunctionCase):
            call = f"{tests.function}({', '.join(map(_python_repr, case.args))})"
            spec = {"kind": "function", "module": module, "function": tests.function,
                    "args": list(case.args), "expected": case.expected}  # fmt: skip
            found.append((case.name or call, spec, functools.partial(_describe_call, case, call)))
        else:
            assert isinstance(case, ScriptCase)
            label = case.name or f"input {number}"
            spec = {"kind": "script", "argv": list(case.argv), "stdin": case.stdin}
            found.append((label, spec, functools.partial(_describe_script, case, label)))
    return found


def _describe_call(case: FunctionCase, call: str, run: _Run) -> CaseResult:
    expected = _python_repr(case.expected)
    stopped = _stopped(run)
    base = {"name": case.name or call, "input": call, "expected": expected,
            "printed": _clip(run.stdout)}  # fmt: skip
    if stopped is not None:
        return CaseResult(**base, status=stopped[0], error=stopped[1])  # type: ignore[arg-type]
    result = run.result or {}
    status = str(result.get("status"))
    if status in ("passed", "failed"):
        return CaseResult(**base, status=status, got=str(result.get("got", "")))  # type: ignore[arg-type]
    return CaseResult(**base, status="error", **_error_of(result))


def _describe_script(case: ScriptCase, label: str, run: _Run) -> CaseResult:
    base = {"name": label, "input": _clip(case.stdin), "expected": _clip(case.stdout),
            "got": _clip(run.stdout)}  # fmt: skip
    stopped = _stopped(run)
    if stopped is not None:
        return CaseResult(**base, status=stopped[0], error=stopped[1])  # type: ignore[arg-type]
    result = run.result or {}
    if result.get("status") == "error":
        return CaseResult(**base, status="error", **_error_of(result))
    same = _normal_output(run.stdout) == _normal_output(case.stdout)
    return CaseResult(**base, status="passed" if same else "failed")


def _describe_test(test: str, run: _Run) -> CaseResult:
    stopped = _stopped(run)
    printed = _clip(run.stdout)
    if stopped is not None:
        return CaseResult(test, stopped[0], error=stopped[1], printed=printed)
    result = run.result or {}
    status = result.get("status")
    if status == "passed":
        return CaseResult(test, "passed", printed=printed)
    if status == "failed":
        return CaseResult(
            test,
            "failed",
            input=str(result.get("input", "")),
            expected=str(result.get("expected", "")),
            got=str(result.get("got", "")),
            error=str(result.get("message", "")),
            line=_int(result.get("line")),
            printed=printed,
        )
    return CaseResult(test, "error", printed=printed, **_error_of(result))


def _stopped(run: _Run) -> tuple[Status, str] | None:
    """Why the process stopped before it could report, if it did."""
    if run.timed_out:
        return "timeout", "it ran out of time (an endless loop, or waiting for something?)"
    if run.too_much_output:
        return "output", "it printed too much (more than a check allows)"
    if run.result is not None:
        if run.result.get("output_error"):
            return "output", "it printed too much (more than a check allows)"
        return None
    code = run.returncode or 0
    if code > 128 and code - 128 in signal.Signals._value2member_map_:
        code = 128 - code  # killed inside a PID namespace: its init reports the signal so
    if code < 0:
        kind = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else code
        if -code == getattr(signal, "SIGXCPU", None):
            return (
                "timeout",
                "it ran out of time (an endless loop?): it used all the computing time a "
                "check allows",
            )
        if -code == getattr(signal, "SIGXFSZ", None):
            return "output", "it printed or wrote more than a check allows"
        return "error", f"the program was stopped by the system ({kind})"
    return "error", f"the program ended before the check could finish (exit status {code})"


def _error_of(result: dict[str, object]) -> dict[str, object]:
    error = str(result.get("error") or "the program stopped with an error")
    if result.get("when") == "loading":
        error = f"{error} (while your file was loading, before the test could start)"
    return {"error": error, "line": _int(result.get("line"))}


# --- one process ---------------------------------------------------------------------------


def _run_case(
    folder: Path,
    name: str,
    source: str,
    spec: dict[str, object],
    time_limit_s: float,
    limits: CheckLimits,
    python: str,
) -> _Run:
    work = folder / "work"
    work.mkdir(parents=True)
    program = work / name
    program.write_text(source, encoding="utf-8")
    stdin_text = spec.pop("stdin", None)
    spec_path, result_path = folder / "spec.json", folder / "result.json"
    spec.update(
        program=str(program),
        work=str(work),
        result=str(result_path),
        limits={
            "memory_bytes": limits.memory_bytes,
            "cpu_seconds": max(1, int(time_limit_s + 0.999)),
            "output_bytes": limits.output_bytes,
        },
    )
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    out_path, err_path = folder / "stdout", folder / "stderr"
    stdin_path = folder / "stdin"
    stdin_path.write_text(str(stdin_text or ""), encoding="utf-8")
    command = [*_namespace_prefix(), python, "-I", "-B", "-X", "utf8", str(HARNESS), str(spec_path)]
    with open(out_path, "wb") as out, open(err_path, "wb") as err, open(stdin_path, "rb") as stdin:
        try:
            process = subprocess.Popen(
                command, stdin=stdin, stdout=out, stderr=err, cwd=work, env=_environment(work),
                **_own_group(),
            )  # fmt: skip
        except OSError as error:
            return _Run(None, {"status": "error", "error": f"cannot start Python: {error}"}, "",
                        False, False)  # fmt: skip
        timed_out, too_much = _wait(process, time_limit_s + limits.startup_s, out_path, limits)
    result = None
    with contextlib.suppress(OSError, ValueError):
        result = json.loads(result_path.read_text(encoding="utf-8", errors="replace"))
        if not isinstance(result, dict):
            result = None
    with open(out_path, "rb") as file:
        printed = file.read(limits.output_bytes).decode("utf-8", "replace")
    return _Run(process.returncode, result, printed, timed_out, too_much)


def _wait(
    process: subprocess.Popen[bytes], seconds: float, out_path: Path, limits: CheckLimits
) -> tuple[bool, bool]:
    """Wait for the case, watching its output; stop it (and everything it started) at a limit."""
    deadline = time.monotonic() + seconds
    timed_out = too_much = False
    while True:
        try:
            process.wait(timeout=0.05)
            break
        except subprocess.TimeoutExpired:
            pass
        with contextlib.suppress(OSError):
            too_much = out_path.stat().st_size >= limits.output_bytes
        timed_out = time.monotonic() > deadline
        if timed_out or too_much:
            break
    _kill_group(process)
    return timed_out, too_much


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill the case's whole process group, whether it ended or not: nothing it started may
    outlive the check."""
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    else:
        with contextlib.suppress(OSError):
            process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


def _own_group() -> dict[str, object]:
    if os.name == "posix":
        return {"start_new_session": True}
    return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}


def _environment(work: Path) -> dict[str, str]:
    """Nothing of the student's or Mentor's environment (keys, tokens) reaches the program."""
    env = {"HOME": str(work), "TMPDIR": str(work), "TEMP": str(work), "TMP": str(work),
           "LANG": "C.UTF-8", "PATH": os.defpath}  # fmt: skip
    if os.name == "nt":
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", "C:\\Windows")
    return env


@functools.cache
def _namespace_prefix() -> tuple[str, ...]:
    """`unshare` with a new user, network and PID namespace, when this OS allows it (Linux with
    unprivileged user namespaces); empty otherwise."""
    unshare = shutil.which("unshare")
    if sys.platform != "linux" or unshare is None:
        return ()
    prefix = (unshare, "--user", "--map-root-user", "--net", "--pid", "--fork", "--kill-child")
    try:
        probe = subprocess.run(
            [*prefix, sys.executable, "-I", "-c", "pass"], capture_output=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return ()
    return prefix if probe.returncode == 0 else ()


def isolation() -> str:
    """What the OS adds to the check's own limits, in plain words."""
    if _namespace_prefix():
        return "no network (a network namespace), and nothing the program starts outlives it"
    if sys.platform == "linux":
        return (
            "this system does not allow user namespaces (`unshare`), so the network is blocked "
            "only by Python's audit hook, which a program loading native code could get past"
        )
    return (
        "the network is blocked only by Python's audit hook on this system, which a program "
        "loading native code could get past"
    )


# --- small helpers -------------------------------------------------------------------------


def _normal_output(text: str) -> str:
    """Spaces at the ends of lines and blank lines at the end do not count."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _python_repr(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 300 else text[:299] + "…"


def _safe_name(file_name: str) -> str:
    name = Path(file_name).name
    if not name.endswith(".py") or name.startswith(".") or len(name) > 100:
        return "solution.py"
    return name


def _clip(text: str) -> str:
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
