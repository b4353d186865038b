"""The learner service: levels that follow the evidence, and where the progress file lives."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentor.analyzers import Concept, Level, analyze
from mentor.models.learner.location import database_path
from mentor.models.learner.service import LearnerService


def grow_loops(service: LearnerService, snapshots: int) -> None:
    """A student who keeps adding idiomatic loops over lists to one file."""
    code = "xs = [1, 2]\nys = []\n"
    service.snapshot("loops.py", analyze(code))
    for n in range(snapshots):
        code += f"for i{n}, x{n} in enumerate(xs):\n    ys.append(x{n} * i{n})\n"
        service.snapshot("loops.py", analyze(code))


def test_levels_rise_with_evidence_and_a_rule_takes_its_weakest_skill(tmp_path: Path):
    service, _ = LearnerService.open(tmp_path / "p.sqlite3")
    assert service.level_for([Concept.LOOPS]) is Level.NOVICE
    grow_loops(service, 3)
    assert service.level_for([Concept.LOOPS]) is Level.DEVELOPING
    grow_loops(service, 12)
    assert service.level_for([Concept.LOOPS]) is Level.PROFICIENT
    # a finding about loops and dicts is worded for dicts, which the student never used
    assert service.level_for([Concept.LOOPS, Concept.DICTS]) is Level.NOVICE
    assert service.overall_level() in (Level.DEVELOPING, Level.PROFICIENT)


def test_misconceptions_pull_the_level_back_down(tmp_path: Path):
    service, _ = LearnerService.open(tmp_path / "p.sqlite3")
    grow_loops(service, 12)
    assert service.level_for([Concept.LOOPS]) is Level.PROFICIENT
    mistake = "xs = [1]\nfor i in range(len(xs)):\n    print(xs[i])\n"
    fixed = "xs = [1]\nfor x in xs:\n    print(x)\n"
    service.snapshot("b.py", analyze(fixed))
    for _ in range(4):
        service.snapshot("b.py", analyze(mistake))
        service.snapshot("b.py", analyze(fixed + "\n"))  # fixed by hand
        service.snapshot("b.py", analyze(mistake))
        service.snapshot("b.py", analyze(fixed), quick_fixed={"range-len-loop"})
    assert service.level_for([Concept.LOOPS]) is not Level.PROFICIENT


def test_a_second_window_sees_the_first_ones_evidence(tmp_path: Path):
    first, _ = LearnerService.open(tmp_path / "p.sqlite3")
    second, _ = LearnerService.open(tmp_path / "p.sqlite3")
    grow_loops(first, 6)
    assert second.level_for([Concept.LOOPS]) is Level.NOVICE  # read at its start
    second.refresh()
    assert second.level_for([Concept.LOOPS]) is first.level_for([Concept.LOOPS])


def test_the_progress_file_lives_outside_the_workspace(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    workspace = tmp_path / "homework"
    workspace.mkdir()
    path = database_path(workspace)
    assert workspace not in path.parents
    assert path.parent == tmp_path / "data" / "mentor" / "progress"
    assert path.name.startswith("homework-") and path.suffix == ".sqlite3"
    other = tmp_path / "elsewhere" / "homework"
    other.mkdir(parents=True)
    assert database_path(other) != path  # same name, different folder: different file
    assert database_path(workspace, "progress/me.db") == workspace / "progress" / "me.db"
    assert database_path(None).name == "no-workspace.sqlite3"


@pytest.mark.parametrize("configured", ["", "  "])
def test_an_empty_setting_means_the_default_place(tmp_path: Path, configured: str):
    assert database_path(tmp_path, configured) == database_path(tmp_path)
