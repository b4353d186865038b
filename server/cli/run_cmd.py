"""`mentor run PROGRAM.py [ARGS...]`: run the student's program as `python PROGRAM.py` would,
and when it stops on an error, explain it (with the failing line's values).

The program runs under `analyzers/runtime/runner.py` with this same interpreter, in the current
folder, with the terminal's stdin/stdout/stderr. Only the side channel (a temporary file) is
read back, so what the program prints (even a fake traceback) is never mistaken for a crash.
The outcome is also written to the workspace's run file (`run_results`) for the editor.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

from mentor.analyzers import Level
from mentor.analyzers.runtime import runner
from mentor.server.cli import run_results
from mentor.server.cli.common import UsageError
from mentor.server.cli.explain_error_cmd import print_explanation, reader_for
from mentor.server.cli.learner_level import level_option
from mentor.server.error_explain import explain_at_level

_SIGINT_STATUS = 128 + signal.SIGINT


def add_to(commands: Any) -> None:
    parser = commands.add_parser(
        "run", help="run a Python program; if it stops with an error, explain it"
    )
    parser.add_argument(
        "--level",
        choices=[level.value for level in Level],
        help="the learner's level: decides the wording (default: from the workspace's progress "
        "file, novice without one)",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the outcome as JSON to FILE")
    parser.add_argument("program", metavar="PROGRAM.py", help="the program to run")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="arguments for the program")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    program = Path(args.program)
    if not program.is_file():
        raise UsageError(f"no such program: {args.program}")
    status, record = _run_program(args.program, list(args.args))
    explanation = None
    if record is not None:
        found = explain_at_level(
            str(record.get("traceback", "")),
            reader_for(Path.cwd()),
            level_option(args.level, Path.cwd()),
            values=_strings(record.get("values")),
            keys={str(k): list(map(str, v)) for k, v in dict(record.get("keys") or {}).items()},
            cwd=str(record.get("cwd") or os.getcwd()),
        )
        explanation = found[0] if found is not None else None
    if explanation is not None:
        sys.stderr.flush()
        print_explanation(explanation, sys.stderr, heading="Mentor")
    outcome = {
        "exit_code": status,
        "error": explanation.to_json(with_values=True) if explanation is not None else None,
    }
    if args.json:
        try:
            Path(args.json).write_text(json.dumps(outcome, indent=2, ensure_ascii=False) + "\n")
        except OSError as error:
            print(f"mentor: cannot write {args.json}: {error.strerror}", file=sys.stderr)
    run_results.save(Path.cwd(), program, outcome)
    if status == _SIGINT_STATUS:
        out.flush()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)  # end as the program did, so the shell sees it
    return status


def _run_program(program: str, arguments: list[str]) -> tuple[int, dict[str, Any] | None]:
    """Run it; the exit status as a shell reports it, and the runner's record of an error."""
    handle, result_path = tempfile.mkstemp(prefix="mentor-run-", suffix=".json")
    os.close(handle)
    environment = {**os.environ, runner.RESULT_VARIABLE: result_path}
    command = [sys.executable, runner.__file__, program, *arguments]
    # Ctrl+C is the program's to get. Not SIG_IGN: the program would inherit it and ignore
    # Ctrl+C too (a caught signal is reset to the default in the new process).
    previous = signal.getsignal(signal.SIGINT)
    if previous is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, _ignore)
    try:
        returncode = subprocess.call(command, env=environment)
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        text = Path(result_path).read_text(encoding="utf-8")
        record = json.loads(text) if text.strip() else None
    except (OSError, ValueError):
        record = None
    finally:
        Path(result_path).unlink(missing_ok=True)
    status = 128 - returncode if returncode < 0 else returncode
    return status, record if isinstance(record, dict) else None


def _ignore(signum: int, frame: object) -> None:
    del signum, frame


def _strings(value: object) -> dict[str, str]:
    return {str(k): str(v) for k, v in dict(value or {}).items()} if isinstance(value, dict) else {}
