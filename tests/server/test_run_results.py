"""The run file `mentor run` leaves for the editor: in the user's data folder, per workspace."""

from __future__ import annotations

import os
from pathlib import Path

from mentor.server.cli import run_results


def test_each_workspace_has_its_own_run_file_outside_the_source_tree(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    first, second = tmp_path / "hw1", tmp_path / "hw2"
    for folder in (first, second):
        folder.mkdir()
        run_results.save(folder, folder / "main.py", {"exit_code": 1, "error": None})
    assert run_results.run_result_path(first) != run_results.run_result_path(second)
    assert run_results.run_result_path(first).parent == tmp_path / "data" / "mentor" / "runs"
    assert run_results.load(first)["program"] == str((first / "main.py").resolve())
    assert sorted(os.listdir(first)) == []  # nothing written next to the student's code


def test_an_unusable_data_folder_loses_only_the_record(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    (tmp_path / "data").write_text("a file where the folder should be")
    assert run_results.save(tmp_path, tmp_path / "main.py", {"exit_code": 0}) is None
    assert run_results.load(tmp_path) is None


def test_a_damaged_run_file_reads_as_none(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = run_results.run_result_path(tmp_path)
    path.parent.mkdir(parents=True)
    for content in ("{not json", "[1, 2]", ""):
        path.write_text(content)
        assert run_results.load(tmp_path) is None
