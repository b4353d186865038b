"""How well Mentor explains runtime errors, on the corpus of real runs, next to friendly-traceback.

Per cause: the share of tracebacks (every Python version recorded: 3.10 to 3.13, and the
hand-written ones) where Mentor names the labelled cause, the failing line and the culprit
expression, from the traceback alone (as `mentor explain-error` sees it) and with the failing
frame's values (as `mentor run` sees it). In the same run, each program is
run again under friendly-traceback (its own process, same stdin and Ctrl+C), and for both tools
the bench counts how often the explanation names the failing expression and shows a value of a
name in it. friendly-traceback has no cause labels, so its cause is not scored; "specific" is
the share where it gives a cause at all (not "does not know the cause of this error").

    python bench/runtime_accuracy.py [--no-peer]
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the corpus lives with the tests

from mentor.analyzers.runtime import explain_traceback  # noqa: E402
from tests.support.runtime_corpus import Case, load_cases, run_program  # noqa: E402

_FRIENDLY = """
import os, runpy, sys
import friendly_traceback
program = sys.argv[1]
sys.argv = sys.argv[1:]
sys.path[0] = os.path.dirname(os.path.realpath(program))
try:
    runpy.run_path(program, run_name="__main__")
except BaseException:
    friendly_traceback.explain_traceback(redirect="capture")
    sys.__stdout__.write("\\n@@FRIENDLY@@\\n" + friendly_traceback.get_output())
"""


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def names_expression(text: str, culprit: str) -> bool:
    return squeeze(culprit) in squeeze(text)


def shows_a_value(text: str, case: Case) -> bool | None:
    """A value of a name in the culprit appears with its name ("i = 3", "i: 3"); None when
    no name in it had a value (a typo'd name, a literal)."""
    try:
        names = {
            n.id for n in ast.walk(ast.parse(case.culprit, mode="eval")) if isinstance(n, ast.Name)
        }
    except SyntaxError:
        names = set(re.findall(r"[A-Za-z_]\w*", case.culprit))
    known = [(name, case.values[name]) for name in names if name in case.values]
    if not known:
        return None
    return any(
        re.search(rf"\b{re.escape(name)}\s*[:=]\s*{re.escape(value[:30])}", text)
        for name, value in known
    )


def friendly_text(case: Case) -> str:
    stdout, _, _ = run_program(case.folder, [sys.executable, "-c", _FRIENDLY])
    return stdout.split("@@FRIENDLY@@", 1)[-1] if "@@FRIENDLY@@" in stdout else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-peer", action="store_true", help="skip friendly-traceback")
    options = parser.parse_args()
    peer = not options.no_peer and importlib.util.find_spec("friendly_traceback") is not None
    if not options.no_peer and not peer:
        print("friendly-traceback is not installed (pip install friendly-traceback): no peer")
    cases = load_cases()
    rows: dict[str, list[list[bool | None]]] = defaultdict(list)
    seconds: list[float] = []
    for case in cases:
        start = time.perf_counter()
        pasted = explain_traceback(case.traceback, case.read)
        seconds.append(time.perf_counter() - start)
        ran = explain_traceback(case.traceback, case.read, values=case.values, keys=case.keys)
        assert pasted is not None and ran is not None
        right = (case.cause, case.line, case.culprit)
        row = [
            (pasted.cause, pasted.line, pasted.culprit) == right,
            (ran.cause, ran.line, ran.culprit) == right,
        ]
        # Side by side only on this Python's runs (friendly-traceback runs them again here);
        # hand-written tracebacks have no run and no values.
        this_python = case.python == f"{sys.version_info.major}.{sys.version_info.minor}"
        if not case.source_case and this_python:
            row += [
                names_expression(ran.explanation, case.culprit),
                shows_a_value(ran.explanation, case),
            ]
        if peer and not case.source_case and this_python:
            friendly = friendly_text(case)
            row += [
                names_expression(friendly, case.culprit),
                shows_a_value(friendly, case),
                bool(friendly) and "does not know the cause" not in friendly,
            ]
        rows[case.cause].append(row)
    _print(rows, peer, len(cases))
    holdout = [case for case in cases if case.holdout]
    if holdout:
        right = sum(
            (found.cause, found.line, found.culprit) == (case.cause, case.line, case.culprit)
            for case in holdout
            if (found := explain_traceback(case.traceback, case.read)) is not None
        )
        print(f"\nheld-out programs (written after the classifier): {right}/{len(holdout)} "
              f"cause, line and culprit right from the pasted traceback")  # fmt: skip
    seconds.sort()
    print(f"\nexplain_traceback: median {seconds[len(seconds) // 2] * 1000:.2f} ms, "
          f"max {seconds[-1] * 1000:.2f} ms per traceback")  # fmt: skip


def _print(rows: dict[str, list[list[bool | None]]], peer: bool, total: int) -> None:
    headers = ["pasted", "run", "names expr", "values"]
    if peer:
        headers += ["FT expr", "FT values", "FT specific"]
    print(f"{total} tracebacks; a share's (n) counts the programs it applies to\n")
    print(f"{'cause':<27}{'n':>4} " + " ".join(f"{h:>12}" for h in headers))
    columns: list[list[bool | None]] = [[] for _ in headers]
    for cause in sorted(rows):
        cells = []
        for index in range(len(headers)):
            marks = [row[index] for row in rows[cause] if index < len(row)]
            columns[index].extend(marks)
            cells.append(f"{_share(marks):>12}")
        print(f"{cause:<27}{len(rows[cause]):>4} " + " ".join(cells))
    print(f"{'all':<27}{total:>4} " + " ".join(f"{_share(marks):>12}" for marks in columns))


def _share(marks: list[bool | None]) -> str:
    scored = [mark for mark in marks if mark is not None]
    return f"{100 * sum(scored) / len(scored):.0f}% ({len(scored)})" if scored else "-"


if __name__ == "__main__":
    main()
