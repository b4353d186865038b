"""Run ONE case of a teacher's tests against a student's file, inside the limits, and write the
outcome as JSON. The parent (`check.py`) starts one fresh process per case, on the student's
request only.

Started by path (`python -I -B -X utf8 check_harness.py SPEC.json`), so nothing of Mentor is
imported here: stdlib only. The order matters: the spec is read and the result file opened
first, then the limits are set and the audit hook installed, and only then does any of the
student's (or the teacher's test) code run. The audit hook is a guard rail, not a sandbox (a
program that loads native code could get past it); the limits and the OS's namespaces are the
real walls. See docs/teachers.md#what-a-check-guarantees.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import errno
import json
import math
import os
import reprlib
import signal
import sys
import traceback
import types

try:
    import resource
except ImportError:  # Windows: the parent's time and output limits, and the audit hook
    resource = None  # type: ignore[assignment]

_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 200
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = _SHORT.maxset = 20
_SHORT.maxlevel = 4
MAX_ERROR = 2000

# Events a check never lets through, and the words the student sees for them.
_STARTS_PROGRAMS = "start other programs"
_BLOCKED = {
    "os.system": _STARTS_PROGRAMS,
    "os.exec": _STARTS_PROGRAMS,
    "os.posix_spawn": _STARTS_PROGRAMS,
    "os.spawn": _STARTS_PROGRAMS,
    "os.fork": _STARTS_PROGRAMS,
    "os.forkpty": _STARTS_PROGRAMS,
    "os.startfile": _STARTS_PROGRAMS,
    "subprocess.Popen": _STARTS_PROGRAMS,
    "pty.spawn": _STARTS_PROGRAMS,
    "os.kill": "send signals to other programs",
    "os.killpg": "send signals to other programs",
    "signal.pthread_kill": "send signals to other programs",
    "socket.__new__": "use the network",
    "socket.connect": "use the network",
    "socket.bind": "use the network",
    "socket.getaddrinfo": "use the network",
    "socket.gethostbyname": "use the network",
    "socket.sethostname": "use the network",
    "ctypes.dlopen": "load native code",
    "ctypes.dlsym": "load native code",
    "ctypes.cdata": "load native code",
    "sys.setprofile": "replace Mentor's checking",
    "sys.settrace": "replace Mentor's checking",
}
_BLOCKED_IMPORTS = {"ctypes", "_ctypes", "_posixsubprocess", "cffi", "_cffi_backend"}
# Events that change a file system path: (the argument positions of the paths, of the folder
# descriptors). Paths must be inside the work folder; a folder descriptor is not allowed.
_CHANGES_PATH = {
    "os.remove": ((0,), (1,)), "os.rmdir": ((0,), (1,)), "os.rename": ((0, 1), (2, 3)),
    "os.link": ((0, 1), (2, 3)), "os.symlink": ((1,), (2,)), "os.truncate": ((0,), ()),
    "os.chmod": ((0,), (2,)), "os.chown": ((0,), (3,)), "os.mkdir": ((0,), (2,)),
    "os.utime": ((0,), (3,)), "os.chflags": ((0,), ()), "os.setxattr": ((0,), ()),
    "os.removexattr": ((0,), ()), "shutil.rmtree": ((0,), (1,)), "shutil.chown": ((0,), ()),
}  # fmt: skip
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class CheckBlocked(PermissionError):
    """What the student's program tried is not allowed during a check."""


def main() -> None:
    if os.getpid() == 1:
        _stay_out_of_init()
    with open(sys.argv[1], encoding="utf-8") as file:
        spec = json.load(file)
    os.remove(sys.argv[1])
    result_fd = os.open(spec["result"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    work = os.path.realpath(spec["work"])
    os.chdir(work)
    sys.path[:0] = [work]
    _limit(spec["limits"])
    sys.addaudithook(_guard(work))
    try:
        outcome = _run(spec)
    except BaseException as error:  # a bug of Mentor's own must still say something
        outcome = {"status": "error", "error": f"Mentor could not run the check: {error!r}"}
    try:
        sys.stdout.flush()
    except BaseException:
        outcome.setdefault("output_error", True)  # the output limit stopped a write
    data = json.dumps(outcome, default=_short).encode("utf-8", "replace")
    os.write(result_fd, data)
    os.close(result_fd)
    os._exit(0)  # the student's atexit handlers and finalizers do not run: the check is over


def _stay_out_of_init() -> None:
    """In a new PID namespace this process is its init, which the kernel does not stop for
    signals it has no handler for (the CPU limit's SIGXCPU among them): run the case in a child
    and end as it ended. When this process ends, the kernel kills all the namespace's others."""
    child = os.fork()
    if child == 0:
        return
    _, status = os.waitpid(child, 0)
    os._exit(
        os.waitstatus_to_exitcode(status) % 256
        if os.WIFEXITED(status)
        else 128 + os.WTERMSIG(status)
    )


def _limit(limits: dict[str, int]) -> None:
    if resource is None:
        return
    seconds = int(limits["cpu_seconds"])
    output = int(limits["output_bytes"])
    _lower("RLIMIT_AS", int(limits["memory_bytes"]))  # not enforced on macOS
    _lower("RLIMIT_CPU", seconds, seconds + 1)
    # The output and every file the program writes; a write past it fails (EFBIG) instead of
    # killing the process, so the case still reports what happened.
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    _lower("RLIMIT_FSIZE", output)
    _lower("RLIMIT_CORE", 0)
    # No new process or thread (a fork bomb stops at the first fork). Root is exempt; the audit
    # hook, the PID namespace and the process group kill cover that case.
    _lower("RLIMIT_NPROC", 0)
    _lower("RLIMIT_NOFILE", 64)


def _lower(name: str, soft: int, hard: int | None = None) -> None:
    """Lower a limit, never above what the system already allows (raising it would fail)."""
    which = getattr(resource, name, None)
    if which is None:
        return
    with contextlib.suppress(ValueError, OSError):
        _, current = resource.getrlimit(which)
        cap = (lambda v: v) if current == resource.RLIM_INFINITY else (lambda v: min(v, current))
        resource.setrlimit(which, (cap(soft), cap(hard if hard is not None else soft)))


def _guard(work: str):
    inside = work + os.sep

    def allowed_path(path: object) -> bool:
        if isinstance(path, int) or path is None:
            return True  # an open descriptor: where it points was checked when it was opened
        try:
            real = os.path.realpath(os.fsdecode(os.fspath(path)))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False
        return real == work or real.startswith(inside)

    def hook(event: str, args: tuple[object, ...]) -> None:
        reason = _BLOCKED.get(event)
        if reason is None and event == "import" and args and args[0] in _BLOCKED_IMPORTS:
            reason = "load native code or start other programs"
        if reason is None and event == "open" and len(args) >= 3:
            path, mode, flags = args[0], args[1], args[2]
            writes = (isinstance(flags, int) and flags & _WRITE_FLAGS) or (
                isinstance(mode, str) and any(c in mode for c in "wax+")
            )
            if writes and not allowed_path(path):
                reason = "write files outside its own folder"
        if reason is None and event in _CHANGES_PATH:
            paths, folders = _CHANGES_PATH[event]
            if not all(allowed_path(args[i]) for i in paths if i < len(args)):
                reason = "change files outside its own folder"
            elif any(args[i] not in (None, -1, -100) for i in folders if i < len(args)):
                reason = "change files through a folder descriptor"
        if reason is not None:
            raise CheckBlocked(f"a check does not let a program {reason} ({event})")

    return hook


# --- running one case ----------------------------------------------------------------------


def _run(spec: dict[str, object]) -> dict[str, object]:
    kind = spec["kind"]
    program = str(spec["program"])
    if kind == "script":
        return _run_script(program, list(spec.get("argv") or []))  # type: ignore[arg-type]
    module, failure = _load(program, str(spec["module"]))
    if failure is not None:
        return failure
    assert module is not None
    if kind == "function":
        return _call(module, str(spec["function"]), list(spec["args"]), spec["expected"])  # type: ignore[arg-type]
    return _test_function(module, str(spec["source"]), str(spec["source_name"]), str(spec["test"]))


def _run_script(program: str, argv: list[str]) -> dict[str, object]:
    sys.argv = [program, *argv]
    main_module = types.ModuleType("__main__")
    main_module.__dict__.update(__file__=program, __builtins__=builtins)
    sys.modules["__main__"] = main_module
    try:
        code = compile(_read(program), program, "exec")
        exec(code, main_module.__dict__)
    except SystemExit as done:
        code_ = done.code
        if code_ is None or code_ == 0:
            return {"status": "ran", "exit_code": 0}
        if isinstance(code_, int):
            return {"status": "ran", "exit_code": code_}
        return {"status": "ran", "exit_code": 1, "error": str(code_)[:MAX_ERROR]}
    except BaseException as error:
        return {"status": "error", **_error(error, [program])}
    return {"status": "ran", "exit_code": 0}


def _load(program: str, name: str) -> tuple[types.ModuleType | None, dict[str, object] | None]:
    """The student's file as a module (`__name__` is its own name, not "__main__", so the part
    under `if __name__ == "__main__":` does not run)."""
    module = types.ModuleType(name)
    module.__dict__.update(__file__=program, __builtins__=builtins)
    sys.modules[name] = sys.modules["solution"] = module
    try:
        exec(compile(_read(program), program, "exec"), module.__dict__)
    except SystemExit:
        stopped = "the file called exit() while loading"
        return None, {"status": "error", "when": "loading", "error": stopped}
    except BaseException as error:
        return None, {"status": "error", "when": "loading", **_error(error, [program])}
    return module, None


def _call(
    module: types.ModuleType, function: str, args: list[object], expected: object
) -> dict[str, object]:
    target = module.__dict__.get(function)
    if not callable(target):
        return {"status": "error", "when": "missing", "error": f"no function named {function}"}
    try:
        got = target(*args)
    except SystemExit:
        return {"status": "error", "error": "the function called exit()"}
    except BaseException as error:
        return {"status": "error", **_error(error, [module.__file__])}
    return {"status": "passed" if _same(got, expected) else "failed", "got": _short(got)}


def _same(got: object, expected: object) -> bool:
    """JSON has no tuples and floats are rarely exact: (1, 2) equals [1, 2], 0.1+0.2 equals 0.3."""
    if isinstance(expected, float) and isinstance(got, int | float) and not isinstance(got, bool):
        return math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(expected, list) and isinstance(got, list | tuple):
        return len(got) == len(expected) and all(map(_same, got, expected))
    if isinstance(expected, dict) and isinstance(got, dict):
        return got.keys() == expected.keys() and all(_same(got[k], expected[k]) for k in got)
    if isinstance(expected, bool) != isinstance(got, bool):
        return False  # True is not 1 for a student's answer
    # Only a value of the expected kind (a number for a number, text for text) can be equal: an
    # object whose __eq__ says True to everything does not pass.
    family = (int, float) if isinstance(expected, int | float) else type(expected)
    if not isinstance(got, family) or isinstance(expected, list | dict):
        return False
    try:
        return bool(got == expected)
    except BaseException:
        return False


def _test_function(
    module: types.ModuleType, source: str, source_name: str, test: str
) -> dict[str, object]:
    """Run one `test_*` function of the teacher's test code. `assert got == expected` is
    rewritten so that a failure says both values (as pytest does)."""
    namespace: dict[str, object] = {
        name: value for name, value in module.__dict__.items() if not name.startswith("__")
    }
    namespace.update(__name__="mentor_tests", __file__=source_name, __builtins__=builtins)
    namespace["_mentor_failed"] = _failed
    try:
        tree = _CaptureAsserts().visit(ast.parse(source, source_name))
        exec(compile(ast.fix_missing_locations(tree), source_name, "exec"), namespace)
        target = namespace[test]
        target()  # type: ignore[operator]
    except _Failed as failure:
        return {"status": "failed", **failure.values}
    except AssertionError as error:
        text = str(error)
        return {"status": "failed", "message": text[:MAX_ERROR], **_where(error, source_name)}
    except SystemExit:
        return {"status": "error", "error": "the code called exit()"}
    except BaseException as error:
        return {"status": "error", **_error(error, [module.__file__, source_name])}
    return {"status": "passed"}


class _Failed(AssertionError):
    def __init__(self, values: dict[str, object]) -> None:
        super().__init__(values.get("message", ""))
        self.values = values


def _failed(got: object, expected: object, source: str, message: object) -> None:
    raise _Failed(
        {
            "input": source,
            "got": _short(got),
            "expected": _short(expected),
            "message": "" if message is None else str(message)[:MAX_ERROR],
        }
    )


_LITERAL = (ast.Constant, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.UnaryOp)


class _CaptureAsserts(ast.NodeTransformer):
    """`assert A == B, msg` -> compute A and B once; on a mismatch, report both and A's source
    (the call being tested). A literal on the left is the expected value: `assert 6 == f()`."""

    def visit_Assert(self, node: ast.Assert) -> ast.AST | list[ast.stmt]:
        test = node.test
        if not (
            isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)
        ):
            return node
        got, expected = test.left, test.comparators[0]
        if isinstance(got, _LITERAL) and not isinstance(expected, _LITERAL):
            got, expected = expected, got
        load = lambda name: ast.Name(name, ast.Load())  # noqa: E731
        store = lambda name: ast.Name(name, ast.Store())  # noqa: E731
        report = ast.Call(
            load("_mentor_failed"),
            [load("_mentor_got"), load("_mentor_expected"), ast.Constant(ast.unparse(got)),
             node.msg or ast.Constant(None)],
            [],
        )  # fmt: skip
        mismatch = ast.UnaryOp(
            ast.Not(), ast.Compare(load("_mentor_got"), [ast.Eq()], [load("_mentor_expected")])
        )
        statements: list[ast.stmt] = [
            ast.Assign([store("_mentor_got")], got),
            ast.Assign([store("_mentor_expected")], expected),
            ast.If(mismatch, [ast.Expr(report)], []),
        ]
        for statement in statements:
            ast.copy_location(statement, node)
        return statements


# --- describing what happened --------------------------------------------------------------


def _error(error: BaseException, files: list[str | None]) -> dict[str, object]:
    """The exception in one line, and the line of the student's (or test's) file it came from."""
    kind = type(error).__name__
    text = f"{kind}: {error}" if str(error) else kind
    if isinstance(error, EOFError):
        text += " (the code called input(), and a check gives it no more input)"
    elif isinstance(error, MemoryError):
        text = "MemoryError: the code used more memory than a check allows"
    elif isinstance(error, RecursionError):
        text = "RecursionError: a function kept calling itself without stopping"
    out: dict[str, object] = {"error": text[:MAX_ERROR], "error_type": kind}
    if isinstance(error, OSError) and error.errno == errno.EFBIG:
        out["output_error"] = True  # the output (or a file) reached the check's limit
    lines = [
        (os.path.basename(frame.filename), frame.lineno)
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename in files or os.path.basename(frame.filename) in files
    ]
    if lines:
        out["file"], out["line"] = lines[-1]
    return out


def _where(error: BaseException, source_name: str) -> dict[str, object]:
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename == source_name:
            return {"file": source_name, "line": frame.lineno, "input": (frame.line or "")[:200]}
    return {}


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def _short(value: object) -> str:
    try:
        text = _SHORT.repr(value)
        return text if len(text) <= MAX_ERROR else text[: MAX_ERROR - 3] + "..."
    except BaseException:
        return f"<{type(value).__name__}>"


if __name__ == "__main__":
    main()
