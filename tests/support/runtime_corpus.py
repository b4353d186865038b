"""The runtime-error corpus: buggy beginner programs, each run for real, and what it printed.

Each folder under tests/analyzers/data/runtime_programs holds one program (plus any files it
needs) and its label (`label.json`: cause, culprit expression, failing line; stdin to feed;
seconds after which to press Ctrl+C). `python -m tests.support.runtime_corpus` runs every
program in its own process (time and memory limits, a temporary folder, the program one folder
below the working folder as students often run them) under Mentor's runner and records the
traceback and the failing frame's values in tests/analyzers/corpus/runtime/<python version>.json.
Hand-written tracebacks in the formats of other Python versions live in
tests/analyzers/corpus/runtime/versions.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentor.analyzers.runtime import runner

CORPUS = Path(__file__).parents[1] / "analyzers" / "corpus" / "runtime"
# The programs live outside corpus/, whose .py files are the rules' labelled corpus.
PROGRAMS = Path(__file__).parents[1] / "analyzers" / "data" / "runtime_programs"
RUN_FOLDER = "prog"  # the program's folder, below the working folder
TIME_LIMIT = 10.0
MEMORY_LIMIT = 1 << 30


@dataclass(frozen=True)
class Case:
    id: str
    cause: str
    culprit: str
    line: int
    program: str
    traceback: str
    values: dict[str, str] = field(default_factory=dict)
    keys: dict[str, list[str]] = field(default_factory=dict)
    python: str = ""
    source_case: str = ""  # a hand-written traceback of another case's program
    holdout: bool = False  # written after the classifier, to measure it on unseen mistakes

    @property
    def folder(self) -> Path:
        return PROGRAMS / (self.source_case or self.id)

    def read(self, name: str) -> str | None:
        """Read a file the traceback names, from the case's folder."""
        relative = Path(name)
        if relative.is_absolute():  # a module the program imported: Python names it in full
            relative = Path(relative.name)
        if relative.parts[:1] == (RUN_FOLDER,):
            relative = Path(*relative.parts[1:])
        path = self.folder / relative
        return path.read_text(encoding="utf-8") if path.is_file() else None


def load_cases() -> list[Case]:
    """Every recorded case, of every Python version recorded (and the hand-written ones)."""
    cases = []
    for path in sorted(CORPUS.glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            cases.append(Case(**record))
    return cases


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_program(folder: Path, launcher: list[str]) -> tuple[str, str, dict[str, Any]]:
    """Run the case's program (`launcher PROGRAM`) as its label says: its stdout, its stderr
    and what Mentor's runner recorded (when the launcher is the runner)."""
    label = json.loads((folder / "label.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="mentor-corpus-") as work:
        shutil.copytree(folder, Path(work) / RUN_FOLDER, ignore=shutil.ignore_patterns("*.json"))
        result = Path(work) / "result.json"
        env = {**os.environ, runner.RESULT_VARIABLE: str(result), "PYTHONDONTWRITEBYTECODE": "1"}
        command = [*launcher, f"{RUN_FOLDER}/{label['program']}"]
        keep_open = label.get("stdin") == "-"
        process = subprocess.Popen(
            command,
            cwd=work,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=_limits,
        )
        stdin, process.stdin = process.stdin, None  # written here, not by communicate()
        if not keep_open:
            stdin.write(label.get("stdin", "").encode())  # type: ignore[union-attr]
            stdin.close()  # type: ignore[union-attr]
        if "interrupt" in label:
            time.sleep(label["interrupt"])
            process.send_signal(signal.SIGINT)
        try:
            stdout, stderr = process.communicate(timeout=TIME_LIMIT)
        except subprocess.TimeoutExpired:
            process.kill()
            raise RuntimeError(f"{folder.name}: ran past {TIME_LIMIT} s") from None
        stdin.close()  # type: ignore[union-attr]
        record = json.loads(result.read_text(encoding="utf-8")) if result.exists() else {}
    return stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"), record


def run_case(folder: Path, python: str = sys.executable, version: str = "") -> dict[str, Any]:
    label = json.loads((folder / "label.json").read_text(encoding="utf-8"))
    _, stderr, record = run_program(folder, [python, runner.__file__])
    traceback = record.get("traceback", "")
    if not traceback or traceback not in stderr:
        raise RuntimeError(f"{folder.name}: no traceback recorded\n{stderr}")
    return {
        "id": folder.name,
        "cause": label["cause"],
        "culprit": label["culprit"],
        "line": label["line"],
        "program": label["program"],
        "traceback": traceback,
        "values": record.get("values", {}),
        "keys": record.get("keys", {}),
        "python": version or f"{sys.version_info.major}.{sys.version_info.minor}",
        "holdout": bool(label.get("holdout")),
    }


def main() -> None:
    """`python -m tests.support.runtime_corpus [--python /path/to/python3.12]`: the
    programs run under that interpreter (the runner needs only its standard library)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--python", default=sys.executable, help="the interpreter to run with")
    python = parser.parse_args().python
    version = subprocess.run(
        [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    folders = sorted(path for path in PROGRAMS.iterdir() if (path / "label.json").exists())
    records = [run_case(folder, python, version) for folder in folders]
    out = CORPUS / f"python{version}.json"
    out.write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(records)} programs run with Python {version}: {out}")


if __name__ == "__main__":
    main()
