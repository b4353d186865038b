"""The teacher's assignments: which files they are for, what the task is, and its tests.

Read from the policy file's `assignments` key (docs/teachers.md#assignments):

    {"assignments": [{"files": "week1/sum*.py", "title": "Sum a list",
                      "description": "Write total(numbers) ...", "avoid": ["sum"],
                      "tests": {"function": "total",
                                "cases": [{"args": [[1, 2]], "expected": 3}]}}]}

The policy is the teacher's, but a client or a copied file may hand over anything: each entry is
checked on its own, a bad one is reported in plain words and dropped, and the others are kept.
A bad optional part (`tests`, `avoid`) drops only that part.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

MAX_ASSIGNMENTS = 200
MAX_GLOB = 300
MAX_TITLE = 200
MAX_DESCRIPTION = 4000  # the tutor's prompt has little room: a page of text at most
MAX_AVOID = 50
MAX_AVOID_ITEM = 100
MAX_CASES = 100
MAX_CASE_JSON = 20_000  # the arguments and expected value of one case, as JSON
MAX_STREAM = 100_000  # a script case's stdin or expected stdout
MAX_TEST_SOURCE = 200_000  # pytest-style test code, inline or in a file
DEFAULT_TIME_LIMIT_S = 5.0
MAX_TIME_LIMIT_S = 30.0
_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*\Z")

TestsKind = Literal["function", "script", "pytest"]


@dataclass(frozen=True)
class FunctionCase:
    """Call the student's function with `args`; it should return `expected` (JSON values)."""

    args: tuple[Any, ...]
    expected: Any
    name: str = ""


@dataclass(frozen=True)
class ScriptCase:
    """Run the student's file as a program with `stdin`; it should print `stdout`."""

    stdin: str
    stdout: str
    argv: tuple[str, ...] = ()
    name: str = ""


@dataclass(frozen=True)
class AssignmentTests:
    """One of three forms: a table of calls of one function, a table of program runs
    (stdin/stdout), or pytest-style `test_*` functions (source text)."""

    kind: TestsKind
    function: str = ""  # kind "function"
    cases: tuple[FunctionCase | ScriptCase, ...] = ()  # kinds "function" and "script"
    source: str = ""  # kind "pytest": the test file's text
    source_name: str = "tests.py"  # kind "pytest": the name tracebacks show
    time_limit_s: float = DEFAULT_TIME_LIMIT_S  # per case


@dataclass(frozen=True)
class Assignment:
    files: (
        str  # glob, matched against the file's path relative to the workspace root (and its name)
    )
    title: str
    description: str
    tests: AssignmentTests | None
    avoid: tuple[str, ...]  # e.g. names/constructs the teacher does not want used
    patterns: tuple[str, ...] = field(default=(), compare=False, repr=False)  # `files`, each


def assignments_from_policy(
    policy: Mapping[str, Any], base: Path | None
) -> tuple[list[Assignment], list[str]]:
    """The valid assignments of a whole policy object, and what is wrong, in plain words.
    `base` is the policy file's folder (tests files are read from it); None when the policy did
    not come from a file."""
    raw = policy.get("assignments") if isinstance(policy, Mapping) else None
    if raw is None:
        return [], []
    if not isinstance(raw, list):
        return [], ['"assignments" must be a list of assignments ({"files": ..., "title": ...})']
    problems: list[str] = []
    if len(raw) > MAX_ASSIGNMENTS:
        problems.append(
            f'"assignments" has {len(raw)} entries; only the first {MAX_ASSIGNMENTS} are used'
        )
    found: list[Assignment] = []
    for index, entry in enumerate(raw[:MAX_ASSIGNMENTS]):
        assignment, own = _assignment(entry, base)
        label = f"assignment {index + 1}"
        if assignment is not None:
            label += f' ("{_clip(assignment.title, 60)}")'
        problems += [f"{label}: {problem}" for problem in own]
        if assignment is not None:
            found.append(assignment)
    return found, problems


def assignment_for(
    path: Path, assignments: Sequence[Assignment], root: Path | None
) -> Assignment | None:
    """The first assignment (in the policy's order) whose `files` matches `path`."""
    candidates = _candidates(path, root)
    for assignment in assignments:
        for pattern in assignment.patterns or (assignment.files,):
            if any(_glob_regex(pattern).match(candidate) for candidate in candidates):
                return assignment
    return None


# --- reading one entry ---------------------------------------------------------------------


def _assignment(entry: Any, base: Path | None) -> tuple[Assignment | None, list[str]]:
    if not isinstance(entry, Mapping):
        return None, [
            'must be an object such as {"files": "week1/*.py", "title": "..."}; '
            "this assignment is not used"
        ]
    problems: list[str] = []
    unknown = sorted(str(key)[:40] for key in entry if key not in _KEYS)
    if unknown:
        problems.append(f"unknown key(s) ignored: {', '.join(unknown)}")
    patterns, files_problem = _files(entry.get("files"))
    title = _text(entry.get("title"), "title", MAX_TITLE, required=True)
    description = _text(entry.get("description", ""), "description", MAX_DESCRIPTION)
    fatal = [p for p in (files_problem, title[1], description[1]) if p]
    if fatal:
        return None, ["; ".join(fatal) + "; this assignment is not used", *problems]
    tests = None
    if entry.get("tests") is not None:
        tests, tests_problem = _tests(entry["tests"], base)
        if tests_problem:
            problems.append(f'"tests": {tests_problem}; the assignment is used without tests')
    avoid, avoid_problem = _avoid(entry.get("avoid", []))
    if avoid_problem:
        problems.append(f'"avoid": {avoid_problem}; the assignment is used without it')
    files = patterns[0] if len(patterns) == 1 else json.dumps(list(patterns))
    return Assignment(files, title[0], description[0], tests, avoid, patterns), problems


_KEYS = {"files", "title", "description", "tests", "avoid"}


def _files(raw: Any) -> tuple[tuple[str, ...], str]:
    patterns = [raw] if isinstance(raw, str) else raw
    if not isinstance(patterns, list) or not patterns or len(patterns) > 20:
        return (), '"files" must be a glob such as "week1/*.py" (or a list of up to 20)'
    for pattern in patterns:
        problem = _glob_problem(pattern)
        if problem:
            return (), f'"files": {problem}'
    return tuple(patterns), ""


def _glob_problem(pattern: Any) -> str:
    if not isinstance(pattern, str) or not pattern.strip():
        return 'each glob must be non-empty text such as "week1/*.py"'
    if len(pattern) > MAX_GLOB:
        return f"a glob is {len(pattern)} characters long (at most {MAX_GLOB})"
    if "\0" in pattern or "\\" in pattern:
        return f"{_clip(pattern, 60)!r} holds a backslash or NUL; write paths with /"
    if pattern.startswith("/") or re.match(r"[A-Za-z]:", pattern):
        return f"{_clip(pattern, 60)!r} is absolute; write it relative to the workspace folder"
    if any(part == ".." for part in pattern.split("/")):
        return f"{_clip(pattern, 60)!r} goes up with ..; write it relative to the workspace folder"
    try:
        _glob_regex(pattern)
    except ValueError as error:
        return f"{_clip(pattern, 60)!r} is not a glob: {error}"
    return ""


def _text(raw: Any, name: str, limit: int, *, required: bool = False) -> tuple[str, str]:
    if not isinstance(raw, str) or (required and not raw.strip()):
        return "", f'"{name}" must be {"non-empty " if required else ""}text'
    if len(raw) > limit:
        return "", f'"{name}" is {len(raw)} characters long (at most {limit})'
    if "\0" in raw:
        return "", f'"{name}" holds a NUL character'
    return raw.strip(), ""


def _avoid(raw: Any) -> tuple[tuple[str, ...], str]:
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        return (), 'must be a list of names or constructs, such as ["sum", "while"]'
    if len(raw) > MAX_AVOID:
        return (), f"has {len(raw)} entries (at most {MAX_AVOID})"
    if any(len(item) > MAX_AVOID_ITEM or not item.strip() for item in raw):
        return (), f"each entry must be non-empty and at most {MAX_AVOID_ITEM} characters"
    return tuple(item.strip() for item in raw), ""


# --- tests ---------------------------------------------------------------------------------


def _tests(raw: Any, base: Path | None) -> tuple[AssignmentTests | None, str]:
    if not isinstance(raw, Mapping):
        return None, 'must be an object: {"function": ..., "cases": [...]}, {"cases": [...]}, ' + (
            '{"file": "tests.py"} or {"code": "def test_...(): ..."}'
        )
    limit = raw.get("timeLimit", DEFAULT_TIME_LIMIT_S)
    if (
        isinstance(limit, bool)
        or not isinstance(limit, int | float)
        or not 0.1 <= limit <= MAX_TIME_LIMIT_S
    ):
        return None, f'"timeLimit" must be seconds per case, from 0.1 to {MAX_TIME_LIMIT_S:g}'
    forms = [key for key in ("cases", "file", "code") if key in raw]
    if len(forms) != 1:
        return None, 'give exactly one of "cases" (a table), "file" or "code" (test functions)'
    unknown = sorted(str(k)[:40] for k in raw if k not in {"function", "timeLimit", *forms})
    if unknown:
        return None, f"unknown key(s): {', '.join(unknown)}"
    if forms[0] == "cases":
        return _table(raw, float(limit))
    source, name, problem = _test_source(raw, base)
    if problem:
        return None, problem
    return AssignmentTests("pytest", source=source, source_name=name, time_limit_s=limit), ""


def _table(raw: Mapping[str, Any], limit: float) -> tuple[AssignmentTests | None, str]:
    cases = raw["cases"]
    if not isinstance(cases, list) or not cases:
        return None, '"cases" must be a non-empty list'
    if len(cases) > MAX_CASES:
        return None, f'"cases" has {len(cases)} entries (at most {MAX_CASES})'
    function = raw.get("function")
    if function is not None and (not isinstance(function, str) or not _NAME.match(function)):
        return None, '"function" must be the name of a function, such as "total"'
    parsed: list[FunctionCase | ScriptCase] = []
    for number, case in enumerate(cases, 1):
        one, problem = (_function_case if function else _script_case)(case)
        if problem:
            return None, f"case {number}: {problem}"
        assert one is not None
        parsed.append(one)
    kind: TestsKind = "function" if function else "script"
    return AssignmentTests(
        kind, function=function or "", cases=tuple(parsed), time_limit_s=limit
    ), ""


def _case_name(case: Mapping[str, Any]) -> tuple[str, str]:
    name = case.get("name", "")
    if not isinstance(name, str) or len(name) > MAX_TITLE:
        return "", f'"name" must be text of at most {MAX_TITLE} characters'
    return name, ""


def _function_case(case: Any) -> tuple[FunctionCase | None, str]:
    if not isinstance(case, Mapping) or "args" not in case or "expected" not in case:
        return None, 'must be {"args": [...], "expected": ...}'
    if not isinstance(case["args"], list):
        return None, '"args" must be a list of the arguments, such as [[1, 2, 3]]'
    if set(case) - {"args", "expected", "name"}:
        return None, 'only "args", "expected" and "name" are allowed'
    try:
        size = len(json.dumps([case["args"], case["expected"]]))
    except (TypeError, ValueError, RecursionError):
        return None, "the arguments and expected value must be plain JSON"
    if size > MAX_CASE_JSON:
        return None, f"is {size} characters of JSON (at most {MAX_CASE_JSON})"
    name, problem = _case_name(case)
    return (
        (None, problem)
        if problem
        else (FunctionCase(tuple(case["args"]), case["expected"], name), "")
    )


def _script_case(case: Any) -> tuple[ScriptCase | None, str]:
    if not isinstance(case, Mapping) or "stdout" not in case:
        return None, 'must be {"stdin": "...", "stdout": "..."} (or add "function" to test one)'
    if set(case) - {"stdin", "stdout", "argv", "name"}:
        return None, 'only "stdin", "stdout", "argv" and "name" are allowed'
    stdin, stdout, argv = case.get("stdin", ""), case["stdout"], case.get("argv", [])
    if not isinstance(stdin, str) or not isinstance(stdout, str):
        return None, '"stdin" and "stdout" must be text'
    if len(stdin) > MAX_STREAM or len(stdout) > MAX_STREAM:
        return None, f'"stdin" and "stdout" may hold at most {MAX_STREAM} characters each'
    if not isinstance(argv, list) or not all(isinstance(a, str) and "\0" not in a for a in argv):
        return None, '"argv" must be a list of text arguments'
    name, problem = _case_name(case)
    return (None, problem) if problem else (ScriptCase(stdin, stdout, tuple(argv), name), "")


def _test_source(raw: Mapping[str, Any], base: Path | None) -> tuple[str, str, str]:
    if "code" in raw:
        code = raw["code"]
        if not isinstance(code, str) or not code.strip():
            return "", "", '"code" must be the text of test functions'
        if len(code) > MAX_TEST_SOURCE:
            return "", "", f'"code" is {len(code)} characters (at most {MAX_TEST_SOURCE})'
        return code, "tests.py", _syntax_problem(code)
    name = raw["file"]
    if not isinstance(name, str) or not name.endswith(".py") or "\0" in name:
        return "", "", '"file" must name a .py file next to the policy file'
    if base is None:
        return "", "", '"file" needs a policy file to be read from (use "code" instead)'
    path = (base / name).resolve()
    if not path.is_relative_to(base.resolve()):
        return "", "", f"{_clip(name, 60)!r} is outside the policy file's folder"
    try:
        if path.stat().st_size > MAX_TEST_SOURCE:
            return "", "", f"{_clip(name, 60)!r} is larger than {MAX_TEST_SOURCE} bytes"
        code = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "it is not UTF-8 text"
        return "", "", f"cannot read {_clip(name, 60)!r}: {reason}"
    return code, path.name, _syntax_problem(code)


def _syntax_problem(code: str) -> str:
    import ast

    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError) as error:
        return f"the test code does not parse (line {getattr(error, 'lineno', '?')}: {error})"
    if not any(
        isinstance(node, ast.FunctionDef) and node.name.startswith("test") for node in tree.body
    ):
        return "the test code has no test_... function"
    return ""


# --- matching ------------------------------------------------------------------------------


def _candidates(path: Path, root: Path | None) -> list[str]:
    """The path relative to the workspace root (when inside it) and the file's name; without a
    root, every tail of the path (so "week1/*.py" still matches .../week1/sum.py)."""
    posix = PurePosixPath(path.as_posix())
    found = [posix.name]
    if root is not None:
        try:
            found.insert(0, path.resolve().relative_to(root.resolve()).as_posix())
        except (ValueError, OSError):
            pass
        else:
            return found
    parts = posix.parts[1:] if posix.is_absolute() else posix.parts
    found += ["/".join(parts[start:]) for start in range(len(parts) - 1)]
    return found


_CACHE: dict[str, re.Pattern[str]] = {}


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """`*` and `?` stay within one folder, `**` spans folders, `[abc]` is a set.
    Raises ValueError for an unclosed `[`."""
    cached = _CACHE.get(pattern)
    if cached is not None:
        return cached
    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", i + 2 if pattern[i + 1 : i + 2] in ("!", "]") else i + 1)
            if end < 0:
                raise ValueError("a [ is never closed")
            body = pattern[i + 1 : end]
            negate = body.startswith("!")
            body = re.escape(body[1:] if negate else body).replace("\\-", "-")
            out.append(f"[{'^' if negate else ''}{body}]")
            i = end
        else:
            out.append(re.escape(char))
        i += 1
    compiled = re.compile("".join(out) + r"\Z")
    if len(_CACHE) < 1000:
        _CACHE[pattern] = compiled
    return compiled


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
