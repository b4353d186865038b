"""pyBKT, the peer Mentor's tracker is measured against, run in its own Python environment.

pyBKT 1.4.3 needs numpy<2 and scikit-learn<1.5, which Mentor's own environment need not have,
so it runs as a subprocess of the interpreter that has it: `--pybkt-python`, else
$MENTOR_PYBKT_PYTHON, else the current interpreter when it can import pyBKT, else
`.venv-pybkt/bin/python` in the current folder or the project's folder.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mentor.models.learner.kt.data import Dataset
from mentor.models.learner.kt.evaluate import Scores, score
from mentor.models.learner.kt.replay import labels

WORKER = Path(__file__).with_name("pybkt_worker.py")
ENV_VARIABLE = "MENTOR_PYBKT_PYTHON"
VENV = ".venv-pybkt"
SETUP = (
    f"python3 -m venv {VENV} && "
    f"{VENV}/bin/pip install 'numpy<2' 'scikit-learn<1.5' pandas requests setuptools wheel && "
    f"{VENV}/bin/pip install --no-build-isolation --no-binary pyBKT 'pyBKT==1.4.3'"
)


class PyBKTMissing(RuntimeError):
    """No interpreter with pyBKT was found; the message says how to get one."""


def find_pybkt_python(explicit: str | None = None) -> str:
    candidates: list[str] = []
    if explicit:
        candidates.append(explicit)
    elif os.environ.get(ENV_VARIABLE):
        candidates.append(os.environ[ENV_VARIABLE])
    else:
        candidates.append(sys.executable)
        project = Path(__file__).resolve().parents[3]
        for root in (Path.cwd(), project):
            candidates.append(str(root / VENV / "bin" / "python"))
    for python in candidates:
        if Path(python).exists() and _imports_pybkt(python):
            return python
    raise PyBKTMissing(
        "pyBKT 1.4.3 was not found (it needs numpy<2 and scikit-learn<1.5, so it lives in an "
        f"environment of its own). Create one with:\n  {SETUP}\nor point ${ENV_VARIABLE} or "
        "--pybkt-python at a Python that has it, or pass --only mentor to skip the peers."
    )


def evaluate_pybkt(
    train: Dataset, test: Dataset, python: str | None = None, seed: int = 42, num_fits: int = 5
) -> Scores:
    """Fit pyBKT's standard model on `train` and predict `test`, timed like Mentor's."""
    interpreter = find_pybkt_python(python)
    with tempfile.TemporaryDirectory(prefix="mentor-pybkt-") as folder:
        train_csv, test_csv = Path(folder, "train.csv"), Path(folder, "test.csv")
        out = Path(folder, "predictions.json")
        _write_pybkt_csv(train, train_csv)
        _write_pybkt_csv(test, test_csv)
        start = time.perf_counter()
        done = subprocess.run(
            [
                interpreter,
                str(WORKER),
                str(train_csv),
                str(test_csv),
                str(out),
                str(seed),
                str(num_fits),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"pyBKT failed:\n{done.stderr[-2000:]}")
        predicted = json.loads(out.read_text(encoding="utf-8"))["predictions"]
    return score(labels(test), predicted, seconds)


def _imports_pybkt(python: str) -> bool:
    try:
        done = subprocess.run(
            [python, "-c", "import pyBKT.models"], capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _write_pybkt_csv(data: Dataset, path: Path) -> None:
    """pyBKT's input: one row per answer, in order, with its skill and its student."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["order_id", "user_id", "skill_name", "correct"])
        order = 0
        for number, student in enumerate(data.students):
            for row in student.rows:
                writer.writerow([order, f"s{number}", f"k{row.skill}", row.correct])
                order += 1
