"""`mentor report WORKSPACE`: the same report the editor shows, from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from mentor.analyzers import analyze
from mentor.models.learner import LearnerService, database_path
from mentor.server.cli import main

MISTAKE = "names = ['a']\nfor i in range(len(names)):\n    print(names[i])\n"
FIXED = "names = ['a']\nfor name in names:\n    print(name)\n"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = tmp_path / "week-3"
    folder.mkdir()
    return folder


def record(workspace: Path) -> None:
    service, _ = LearnerService.open(database_path(workspace))
    for code in (FIXED, MISTAKE, FIXED):
        service.snapshot("a.py", analyze(code))
    service.close()


def test_no_progress_yet_is_said_plainly_and_creates_nothing(workspace: Path):
    out = io.StringIO()
    assert main(["report", str(workspace)], out) == 1
    assert "No progress recorded yet" in out.getvalue()
    assert not database_path(workspace).exists()


def test_markdown_and_html_reports(workspace: Path):
    record(workspace)
    out = io.StringIO()
    assert main(["report", str(workspace)], out) == 0
    assert "# Your Python progress: week-3" in out.getvalue()
    assert "range-len-loop" in out.getvalue()
    page = workspace / "progress.html"
    assert main(["report", str(workspace), "--format", "html", "--output", str(page)]) == 0
    assert "<svg" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_exports_for_the_teacher(workspace: Path, kind: str):
    record(workspace)
    out = io.StringIO()
    assert main(["report", str(workspace), "--export", kind], out) == 0
    if kind == "json":
        assert json.loads(out.getvalue())["misconceptions"][0]["rule"] == "range-len-loop"
    else:
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert {"skill", "misconception"} == {row["kind"] for row in rows}


def test_a_missing_folder_is_a_usage_error(tmp_path: Path, capsys):
    assert main(["report", str(tmp_path / "nope")]) == 2
    assert "no such folder" in capsys.readouterr().err
