"""`mentor explain-error [FILE|-]`: explain a Python traceback given as text (pasted, or piped:
`python prog.py 2>&1 | mentor explain-error`), reading the files it names from `--root`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from mentor.analyzers import Level
from mentor.analyzers.runtime import Explanation

EXIT_EXPLAINED = 0
EXIT_NO_TRACEBACK = 1
_MAX_INPUT = 2_000_000  # characters: a traceback is small; a huge paste is cut, not refused
_MAX_SOURCE = 5_000_000  # bytes


def add_to(commands: Any) -> None:
    parser = commands.add_parser(
        "explain-error", help="explain a Python traceback (from a file, or - for stdin)"
    )
    parser.add_argument("file", nargs="?", default="-", metavar="FILE|-", help="default: stdin")
    parser.add_argument(
        "--level",
        choices=[level.value for level in Level],
        help="the learner's level: decides the wording (default: from the progress file of "
        "--root's workspace, novice without one)",
    )
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument(
        "--root", default=".", metavar="DIR", help="where the traceback's files are (default: .)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    from mentor.server.cli.common import UsageError

    root = Path(args.root)
    if not root.is_dir():
        raise UsageError(f"--root is not a folder: {args.root}")
    text = _read_input(args.file)
    from mentor.server.cli.learner_level import level_option
    from mentor.server.error_explain import explain_at_level

    found = explain_at_level(text, reader_for(root), level_option(args.level, root))
    explanation = found[0] if found is not None else None
    if explanation is None:
        message = (
            "the input is empty"
            if not text.strip()
            else "no Python traceback found in the input (it should contain lines like "
            "'Traceback (most recent call last):' and 'File \"prog.py\", line 3')"
        )
        if args.format == "json":
            json.dump({"error": None, "message": message}, out)
            out.write("\n")
        print(f"mentor: {message}", file=sys.stderr)
        return EXIT_NO_TRACEBACK
    if args.format == "json":
        json.dump(explanation.to_json(with_values=False), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        print_explanation(explanation, out)
    return EXIT_EXPLAINED


def _read_input(name: str) -> str:
    from mentor.server.cli.common import UsageError

    try:
        if name == "-":
            data = sys.stdin.buffer.read(_MAX_INPUT * 4)
        else:
            with open(name, "rb") as file:
                data = file.read(_MAX_INPUT * 4)
    except OSError as error:
        raise UsageError(f"cannot read {name}: {error.strerror}") from None
    return data.decode("utf-8", errors="replace")[-_MAX_INPUT:]


def reader_for(root: Path) -> Callable[[str], str | None]:
    """Read a file a traceback names: as written, then under `root`, then by its bare name
    under `root` (a traceback pasted from another computer names its folders)."""

    def read(name: str) -> str | None:
        path = Path(name)
        tries = [path] if path.is_absolute() else [root / path]
        tries.append(root / Path(name.replace("\\", "/")).name)
        for candidate in tries:
            try:
                if candidate.is_file() and candidate.stat().st_size <= _MAX_SOURCE:
                    return candidate.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
        return None

    return read


def print_explanation(explanation: Explanation, out: TextIO, heading: str = "") -> None:
    rule = "-" * 8
    title = f"{rule} {heading}: {explanation.cause} {rule}" if heading else f"[{explanation.cause}]"
    out.write(f"\n{title}\n" if heading else f"{title}\n")
    out.write(explanation.explanation + "\n")
    out.write(f"Think about it: {explanation.question}\n")
    out.flush()
