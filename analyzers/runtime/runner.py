"""Run a student's program exactly as `python PROGRAM.py ARGS` would, and when it stops on an
uncaught exception, also record the failing frame's values for Mentor.

Started by path (`python runner.py PROGRAM.py ARGS`), not with `-m`, so that nothing of Mentor
is imported into the student's process: stdlib only. The program gets `sys.argv`,
`sys.path[0]` (its own folder), `__main__` and its exit status as under plain Python; the
traceback on stderr is Python's own, without this file's frames. The side channel is a JSON
file named by MENTOR_RUN_RESULT, which is removed from the environment before the program runs.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import json
import os
import reprlib
import signal
import sys
import traceback
import types

RESULT_VARIABLE = "MENTOR_RUN_RESULT"
_SIZED = (list, tuple, str, dict, set, frozenset, range, bytes)
_LIMITS = reprlib.Repr()
_LIMITS.maxstring = 60
_LIMITS.maxother = 60
_LIMITS.maxlist = _LIMITS.maxtuple = _LIMITS.maxdict = _LIMITS.maxset = 8
_MAX_KEYS = 50
_MISSING = object()
_VALUES_SECONDS = 2.0


def main() -> None:
    result_path = os.environ.pop(RESULT_VARIABLE, "")
    if len(sys.argv) < 2:
        print("usage: runner.py PROGRAM.py [ARGS...]", file=sys.stderr)
        raise SystemExit(2)
    program = os.path.abspath(sys.argv[1])  # Python 3.9+: the main script's __file__ is absolute
    sys.argv = sys.argv[1:]
    sys.path[0] = os.path.dirname(os.path.realpath(program))
    try:
        with open(program, "rb") as file:
            source = file.read()
    except OSError as error:
        name = os.path.basename(sys.executable)
        print(f"{name}: can't open file {program!r}: [Errno {error.errno}] {error.strerror}",
              file=sys.stderr)  # fmt: skip
        raise SystemExit(2) from None
    # A fresh __main__ for the program (this file keeps its own globals).
    main_module = types.ModuleType("__main__")
    main_module.__dict__.update(
        __file__=program, __builtins__=builtins, __loader__=None, __spec__=None,
        __package__=None, __cached__=None,
    )  # fmt: skip
    sys.modules["__main__"] = main_module
    namespace = main_module.__dict__
    try:
        code = compile(source, program, "exec")
        exec(code, namespace)
    except SystemExit:
        raise
    except BaseException as error:  # every uncaught exception is reported like Python does
        _report(error, program, result_path)
        if isinstance(error, KeyboardInterrupt):
            _die_of_sigint()
        raise SystemExit(1) from None


def _report(error: BaseException, program: str, result_path: str) -> None:
    trimmed = _without_runner_frames(error.__traceback__)
    error.__traceback__ = trimmed
    text = "".join(traceback.format_exception(type(error), error, trimmed))
    # Python's own hook prints what python would (3.13: in colour on a terminal), or the
    # program's hook if it installed one.
    try:
        sys.excepthook(type(error), error, trimmed)
    except Exception:
        sys.stderr.write(text)
    sys.stderr.flush()
    if not result_path:
        return
    record: dict[str, object] = {"traceback": text, "cwd": os.getcwd()}
    # A __repr__ of the program's that never ends must not keep the program from ending.
    alarm = hasattr(signal, "SIGALRM")
    if alarm:
        signal.signal(signal.SIGALRM, _give_up)
        signal.setitimer(signal.ITIMER_REAL, _VALUES_SECONDS, 0.5)  # and each repr after
    try:
        frame = _student_frame(trimmed, program)
        if frame is not None:
            record.update(_frame_values(frame))
    except BaseException as failure:  # the values are a bonus: never let them hide the error
        record["values_error"] = repr(failure)
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        with open(result_path, "w", encoding="utf-8") as file:
            json.dump(record, file)
    except OSError:
        pass


class _TooSlow(Exception):
    pass


def _give_up(signum: int, frame: object) -> None:
    raise _TooSlow


def _without_runner_frames(tb: types.TracebackType | None) -> types.TracebackType | None:
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    return tb


def _student_frame(tb: types.TracebackType | None, program: str) -> types.FrameType | None:
    """The innermost frame in the program's own folder (not the library's)."""
    folder = os.path.dirname(os.path.realpath(program))
    library = {os.path.realpath(p) for p in sys.path[1:] if p}
    found = None
    while tb is not None:
        name = os.path.realpath(tb.tb_frame.f_code.co_filename)
        inside = name.startswith(folder + os.sep) or name == os.path.realpath(program)
        if inside and not any(name.startswith(p + os.sep) for p in library if len(p) > len(folder)):
            found = (tb.tb_frame, tb.tb_lineno)
        tb = tb.tb_next
    if found is None:
        return None
    frame, line = found
    frame.f_locals  # noqa: B018 (materialise the locals before they can change)
    setattr(_student_frame, "line", line)  # noqa: B010
    return frame


def _frame_values(frame: types.FrameType) -> dict[str, object]:
    line = getattr(_student_frame, "line", frame.f_lineno)
    tree = _statement_at(frame.f_code.co_filename, line)
    values: dict[str, str] = {}
    keys: dict[str, list[str]] = {}
    if tree is None:
        return {"line": line, "values": values, "keys": keys}
    scope = {**frame.f_globals, **frame.f_locals}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in scope and node.id not in values:
            value = scope[node.id]
            if value is getattr(builtins, node.id, _MISSING) or isinstance(
                value, types.ModuleType | types.FunctionType | type | types.BuiltinFunctionType
            ):
                continue
            values[node.id] = _short(value)
            if type(value) in _SIZED:
                values[f"len({node.id})"] = str(len(value))
            if type(value) is dict:
                keys[node.id] = [_short(key) for key in list(value)[:_MAX_KEYS]]
        elif isinstance(node, ast.Subscript | ast.BinOp):
            part = node.slice if isinstance(node, ast.Subscript) else node.right
            text = ast.unparse(part)
            if (
                text not in values
                and _is_arithmetic(part, scope)
                and not isinstance(part, ast.Constant)
            ):
                with contextlib.suppress(Exception):  # a value it cannot compute is left out
                    expression = compile(ast.Expression(part), "<value>", "eval")
                    values[text] = _short(eval(expression, {"__builtins__": {}}, scope))
    return {"line": line, "values": values, "keys": keys}


def _is_arithmetic(node: ast.AST, scope: dict[str, object]) -> bool:
    """Only plain numbers (names holding an int or float, literals) and + - * / // % of them:
    safe to compute again, as it runs none of the program's code."""
    if isinstance(node, ast.Name):
        return type(scope.get(node.id)) in (int, float, bool)
    if isinstance(node, ast.Constant):
        return type(node.value) in (int, float)
    if isinstance(node, ast.UnaryOp):
        return _is_arithmetic(node.operand, scope)
    if isinstance(node, ast.BinOp) and isinstance(
        node.op, ast.Add | ast.Sub | ast.Mult | ast.FloorDiv | ast.Mod | ast.Div
    ):
        return _is_arithmetic(node.left, scope) and _is_arithmetic(node.right, scope)
    return False


def _statement_at(filename: str, line: int) -> ast.AST | None:
    try:
        with open(filename, "rb") as file:
            tree = ast.parse(file.read())
    except (OSError, SyntaxError, ValueError):
        return None
    best = None
    for node in ast.walk(tree):
        inside = isinstance(node, ast.stmt) and node.lineno <= line <= (node.end_lineno or 0)
        if inside and (best is None or node.lineno >= best.lineno):
            best = node
    if isinstance(best, ast.If | ast.While):
        return best.test
    if isinstance(best, ast.For):
        return best.iter
    if isinstance(best, ast.FunctionDef | ast.ClassDef | ast.With | ast.Try):
        return None
    return best


def _short(value: object) -> str:
    try:
        return _LIMITS.repr(value)
    except Exception:
        return f"<{type(value).__name__}>"


def _die_of_sigint() -> None:
    """End like Python after an uncaught KeyboardInterrupt: killed by SIGINT (status 130)."""
    sys.stdout.flush()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGINT)


if __name__ == "__main__":
    main()
