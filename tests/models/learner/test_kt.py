"""Knowledge-tracing data, fitting and evaluation on the small simulated fixture in data/."""

from __future__ import annotations

import io
import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from mentor.models.learner.kt.data import DataFormatError, attempts, read_dataset
from mentor.models.learner.kt.evaluate import evaluate_mentor, evaluate_skill_rate
from mentor.models.learner.kt.fit import fit
from mentor.models.learner.kt.pybkt_peer import PyBKTMissing, find_pybkt_python
from mentor.models.learner.kt.replay import predictions
from mentor.models.learner.params import TrackerParams
from mentor.models.learner.tracker import LearnerState, Tracker
from mentor.server.cli import main

DATA = Path(__file__).parent / "data"
TRAIN4, TEST4 = DATA / "kt_4line_train.csv", DATA / "kt_4line_test.csv"
TRAIN3, TEST3 = DATA / "kt_3line_train.csv", DATA / "kt_3line_test.csv"


def test_formats_are_detected_from_the_files():
    four, three = read_dataset(TRAIN4), read_dataset(TRAIN3)
    assert (four.lines_per_student, three.lines_per_student) == (4, 3)
    assert four.has_items and not three.has_items
    assert len(four.students) == len(three.students) == 80
    assert four.size == three.size
    assert four.students[0].name == "9000"
    first = four.students[0].rows[0]
    assert (first.item, first.skill, first.correct) == ("18", "3", 1)


def test_repeated_rows_of_one_answer_are_grouped(tmp_path: Path):
    data = tmp_path / "multi.csv"
    data.write_text("0,7\n5,5,6,\n1,2,1,\n1,1,0,\n", encoding="utf-8")  # trailing commas too
    (student,) = read_dataset(data).students
    grouped = list(attempts(student, group_repeats=True))
    assert [(a.item, a.skills, a.correct, a.rows) for a in grouped] == [
        ("5", ("1", "2"), 1, (0, 1)),
        ("6", ("1",), 0, (2,)),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("3\n1,2,3\n1,0,2\n", "answer '2' is not 0 or 1"),
        ("2\n1,2\n1,0\n4\n", "not a multiple"),
        ("3\n1,x,3\n1,0,1\n", "'x' is not a whole number"),
    ],
)
def test_bad_files_get_a_message_that_says_where(tmp_path: Path, text: str, message: str):
    data = tmp_path / "bad.csv"
    data.write_text(text, encoding="utf-8")
    with pytest.raises(DataFormatError, match=message):
        read_dataset(data)


def test_a_prediction_uses_only_the_students_earlier_answers():
    params = fit(read_dataset(TRAIN4))
    test = read_dataset(TEST4)
    before = predictions(Tracker(params), test)
    # Flip every answer after the 10th row of the first student: their first 10 predictions
    # must not move (no peeking at the future), later ones must.
    first = test.students[0]
    flipped_rows = first.rows[:10] + tuple(
        replace(r, correct=1 - r.correct) for r in first.rows[10:]
    )
    changed = replace(test, students=(replace(first, rows=flipped_rows), *test.students[1:]))
    after = predictions(Tracker(params), changed)
    assert after[:10] == before[:10]
    assert after[10 : len(first.rows)] != before[10 : len(first.rows)]
    assert after[len(first.rows) :] == before[len(first.rows) :]


@pytest.mark.parametrize(("train", "test"), [(TRAIN4, TEST4), (TRAIN3, TEST3)])
def test_the_tracker_beats_the_skill_rate_baseline(train: Path, test: Path):
    train_data, test_data = read_dataset(train), read_dataset(test)
    mentor, _ = evaluate_mentor(train_data, test_data)
    baseline = evaluate_skill_rate(train_data, test_data)
    assert mentor.n == baseline.n == test_data.size
    assert mentor.auc > baseline.auc + 0.1  # the students learn: history predicts
    assert mentor.brier < baseline.brier


def test_kt_eval_prints_one_json_object():
    out = io.StringIO()
    code = main(
        ["kt", "eval", "--train", str(TRAIN4), "--test", str(TEST4), "--only", "mentor"], out
    )
    assert code == 0
    result = json.loads(out.getvalue())
    assert set(result) == {"mentor"}
    assert set(result["mentor"]) == {"auc", "accuracy", "brier", "n", "seconds"}
    assert 0.5 < result["mentor"]["auc"] <= 1.0


def test_kt_eval_says_how_to_get_pybkt_when_it_is_missing(capsys):
    # This interpreter has no pyBKT (Mentor's own environment need not have numpy<2).
    pytest.importorskip("numpy")
    if _has_pybkt(sys.executable):
        pytest.skip("this interpreter has pyBKT")
    code = main(
        [
            "kt",
            "eval",
            "--train",
            str(TRAIN3),
            "--test",
            str(TEST3),
            "--pybkt-python",
            sys.executable,
        ],
        io.StringIO(),
    )
    assert code == 2
    error = capsys.readouterr().err
    assert "pyBKT" in error and "pip install" in error and "--only mentor" in error


def test_kt_eval_with_the_peers_when_pybkt_is_installed():
    try:
        find_pybkt_python()
    except PyBKTMissing:
        pytest.skip("no environment with pyBKT here (see docs/learner-model.md)")
    out = io.StringIO()
    assert main(["kt", "eval", "--train", str(TRAIN4), "--test", str(TEST4)], out) == 0
    result = json.loads(out.getvalue())
    assert set(result) == {"mentor", "pybkt", "skill_rate"}
    assert len({scores["n"] for scores in result.values()}) == 1
    assert result["mentor"]["auc"] >= result["pybkt"]["auc"]


def test_kt_fit_writes_parameters_the_tracker_loads(tmp_path: Path):
    target = tmp_path / "params.json"
    out = io.StringIO()
    assert (
        main(["kt", "fit", "--train", str(TRAIN4), "--output", str(target), "--portable"], out) == 0
    )
    params = TrackerParams.load(target)
    assert params.meta["portable"] is True and not params.item_bias and not params.skill_bias
    tracker, state = Tracker(params), LearnerState()
    start = tracker.mastery(state, "3")
    for _ in range(5):
        tracker.observe(state, ["3"], "12", 1.0)
    assert tracker.mastery(state, "3") > start + 0.1  # practice that went well raises mastery


def test_kt_commands_reject_a_bad_file_clearly(tmp_path: Path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("hello\n", encoding="utf-8")
    assert main(["kt", "fit", "--train", str(bad), "--output", str(tmp_path / "p.json")]) == 2
    assert "neither the 3-line format" in capsys.readouterr().err


def _has_pybkt(python: str) -> bool:
    import subprocess

    return subprocess.run([python, "-c", "import pyBKT"], capture_output=True).returncode == 0
