"""Mentor writes only into progress files it made: every other file at the path stays exactly
as it was (bytes, name, no side files); Mentor's own files are marked, repaired, moved aside
when damaged, and read when they cannot be written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mentor.analyzers import analyze
from mentor.models.learner.service import LearnerService
from mentor.models.learner.store import SCHEMA_VERSION, ForeignFile, LearnerStore, StoreError
from mentor.models.sqlite_files import MENTOR_APPLICATION_ID, FileKind, identify
from tests.e2e.test_storage_faults import read_only  # noqa: F401 (a fixture)

MISTAKE = "names = ['a']\nfor i in range(len(names)):\n    print(names[i])\n"
FIXED = "names = ['a']\nfor name in names:\n    print(name)\n"


def folder_listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def assert_refused_untouched(path: Path, kind: FileKind) -> None:
    before, listing = path.read_bytes(), folder_listing(path.parent)
    with pytest.raises(ForeignFile) as refused:
        LearnerStore.open(path)
    assert refused.value.kind is kind and str(path) in str(refused.value)
    assert path.read_bytes() == before
    assert folder_listing(path.parent) == listing  # no -wal, -shm or .corrupt-* beside it


def test_a_new_file_is_marked_as_mentors(tmp_path: Path):
    store, _ = LearnerStore.open(tmp_path / "progress.sqlite3")
    store.close()
    db = sqlite3.connect(store.path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == MENTOR_APPLICATION_ID
    db.close()
    assert identify(store.path) is FileKind.MENTOR
    assert folder_listing(tmp_path) == ["progress.sqlite3"]  # the temporary file is gone


def test_a_text_file_is_left_as_it_was(tmp_path: Path):
    thesis = tmp_path / "thesis.txt"
    thesis.write_text("Chapter 1\n" * 500, encoding="utf-8")
    assert_refused_untouched(thesis, FileKind.NOT_SQLITE)


def test_an_empty_file_that_mentor_did_not_choose_is_left_as_it_was(tmp_path: Path):
    notes = tmp_path / "notes.txt"
    notes.touch()
    assert_refused_untouched(notes, FileKind.EMPTY)


def test_an_unrelated_database_with_user_version_0_is_left_as_it_was(tmp_path: Path):
    path = tmp_path / "contacts.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE people (name TEXT)")
        db.execute("INSERT INTO people VALUES ('Ada')")
    db.close()
    assert_refused_untouched(path, FileKind.UNMARKED)


def test_an_unrelated_database_with_mentors_table_names_and_more_is_refused(tmp_path: Path):
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE events (x)")
        db.execute("CREATE TABLE invoices (x)")
        db.execute("PRAGMA user_version = 1")
    db.close()
    assert_refused_untouched(path, FileKind.UNMARKED)


def test_another_applications_database_is_left_as_it_was(tmp_path: Path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA application_id = 1234")
        db.execute("CREATE TABLE events (x)")  # even with a table of Mentor's name
        db.execute("PRAGMA user_version = 1")
    db.close()
    assert_refused_untouched(path, FileKind.OTHER_APPLICATION)


def test_a_file_from_before_marking_is_adopted_and_marked(tmp_path: Path):
    path = tmp_path / "progress.sqlite3"
    service, _ = LearnerService.open(path)
    service.snapshot("a.py", analyze(MISTAKE))
    service.snapshot("a.py", analyze(FIXED))
    service.close()
    with sqlite3.connect(path) as db:  # as Mentor made it before files were marked
        db.execute("PRAGMA application_id = 0")
    db.close()
    assert identify(path) is FileKind.UNMARKED
    service, notice = LearnerService.open(path)
    assert notice is None and service.events()  # nothing lost
    service.close()
    assert identify(path) is FileKind.MENTOR


@pytest.mark.parametrize("marked", [True, False])
def test_a_current_file_that_lost_a_table_gets_it_back(tmp_path: Path, marked: bool):
    path = tmp_path / "progress.sqlite3"
    with sqlite3.connect(path) as db:
        if marked:
            db.execute(f"PRAGMA application_id = {MENTOR_APPLICATION_ID}")
        db.execute(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, at REAL, document TEXT, "
            "skill TEXT, grade INTEGER, weight REAL, item TEXT, cause TEXT, mastery REAL)"
        )
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.close()
    service, _ = LearnerService.open(path)
    outcome = service.snapshot("a.py", analyze(MISTAKE))  # "no such table: documents" before
    assert outcome.stored, outcome.problem
    service.snapshot("a.py", analyze(FIXED))
    assert service.events()
    service.close()


def test_a_damaged_file_of_mentors_is_moved_aside_and_one_that_is_not_is_left(tmp_path: Path):
    path = tmp_path / "progress.sqlite3"
    LearnerStore.open(path)[0].close()
    data = bytearray(path.read_bytes())
    data[100 : 100 + 12] = b"\xff" * 12  # scribble over the schema page's b-tree header
    path.write_bytes(bytes(data))
    store, notice = LearnerStore.open(path)
    store.close()
    assert notice is not None and "damaged" in notice
    (kept,) = tmp_path.glob("progress.sqlite3.corrupt-*")
    assert kept.read_bytes() == bytes(data)
    assert identify(path) is FileKind.MENTOR


def test_a_file_in_a_read_only_folder_is_read(tmp_path: Path, read_only):  # noqa: F811
    folder = tmp_path / "progress"
    folder.mkdir()
    path = folder / "progress.sqlite3"
    service, _ = LearnerService.open(path)
    for code in (MISTAKE, FIXED, MISTAKE, FIXED):
        service.snapshot("a.py", analyze(code))
    stored = len(service.events())
    service.close()
    before = path.read_bytes()
    read_only(folder)
    service, notice = LearnerService.open(path)
    assert notice is None and len(service.events()) == stored  # read, levels and all
    assert service.levels() and service.store.read_only
    outcome = service.snapshot("a.py", analyze(MISTAKE))
    assert not outcome.stored and "readonly" in (outcome.problem or "")
    assert service.waiting == 1  # the evidence waits in memory
    service.close()
    assert path.read_bytes() == before and folder_listing(folder) == ["progress.sqlite3"]


def test_a_missing_file_in_a_read_only_folder_is_a_clear_error(
    tmp_path: Path,
    read_only,  # noqa: F811
):
    read_only(tmp_path)
    with pytest.raises(StoreError, match="cannot create"):
        LearnerStore.open(tmp_path / "progress.sqlite3")


@pytest.mark.parametrize("name", ["evil.pth", ".bashrc", "autostart.desktop", "progress"])
def test_a_new_file_is_made_only_under_a_databases_name(tmp_path: Path, name: str):
    with pytest.raises(ForeignFile, match="not a name for a new progress file"):
        LearnerStore.open(tmp_path / name)
    assert folder_listing(tmp_path) == []
