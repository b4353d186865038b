"""A workspace's settings and a client's command arguments are hostile input: against the real
server, Mentor never renames, replaces or writes into a file it did not make (issue 12, 2/3/6).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from lsprotocol import types as lsp

from mentor.models.learner import database_path
from mentor.models.sqlite_files import FileKind, identify, read_only_uri
from tests.e2e.test_learner import BEGINNER, FAST, command, progress, save, snapshots
from tests.e2e.test_storage_faults import read_only  # noqa: F401 (a fixture)
from tests.support.lsp_support import MentorClient, mentor_session

SETTING = "mentor.learner.database"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "beginner.py").write_text(BEGINNER, encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(folder / ".data-home"))  # as mentor_session does
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # `~` is a home the test owns
    (tmp_path / "home").mkdir()
    return folder


def listing(folder: Path) -> list[str]:
    """The folder's entries, less the data and cache folders the test session gives Mentor."""
    return sorted(p.name for p in folder.iterdir() if p.name not in (".data-home", ".cache-home"))


def workspace_settings(database: str) -> dict:
    """What a cloned repository's .vscode/settings.json supplies, as the editor answers."""
    return {"mentor": {"learner": {"database": database, "snapshotDelayMs": 500}}}


def told_about_setting(client: MentorClient) -> list[lsp.ShowMessageParams]:
    return [m for m in client.messages if SETTING in m.message]


async def session_on(
    workspace: Path, database: str, *, trusted: bool | None = None
) -> MentorClient:
    """Open a file, let a snapshot be taken, ask for the report; returns the finished client."""
    options = None if trusted is None else {"workspaceTrusted": trusted}
    async with mentor_session(
        workspace, configuration=workspace_settings(database), initialization_options=options
    ) as client:
        uri = client.open(workspace / "beginner.py")
        save(client, uri)
        await snapshots(client, "beginner.py", 1)  # the learner works, in memory
        result = await command(client, "mentor.showReport", {"open": False})
        assert result is not None and result["html"].startswith("<!DOCTYPE html>")
    return client


def stored_events(path: Path) -> int:
    db = sqlite3.connect(read_only_uri(path, immutable=True), uri=True)  # no side files
    try:
        return db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    finally:
        db.close()


def assert_untouched(path: Path, before: bytes, folder_before: list[str]) -> None:
    assert path.read_bytes() == before
    assert listing(path.parent) == folder_before  # no rename, no -wal/-shm, no report files


async def test_a_setting_pointing_at_a_text_file_leaves_it_as_it_was(workspace: Path):
    documents = workspace.parent / "home" / "Documents"
    documents.mkdir()
    thesis = documents / "thesis.txt"
    thesis.write_text("My thesis.\n" * 1000, encoding="utf-8")
    before, folder = thesis.read_bytes(), listing(documents)
    client = await session_on(workspace, str(thesis), trusted=True)
    assert_untouched(thesis, before, folder)
    (told,) = told_about_setting(client)  # once, naming the setting
    assert told.type == lsp.MessageType.Warning and str(thesis) in told.message


async def test_a_home_path_from_an_untrusted_workspace_is_not_used(workspace: Path):
    documents = workspace.parent / "home" / "Documents"
    documents.mkdir()
    folder = listing(documents)
    client = await session_on(workspace, "~/Documents/progress.sqlite3")  # a plain LSP client
    assert listing(documents) == folder  # not even a new file
    (told,) = told_about_setting(client)
    assert "trusted" in told.message


async def test_a_relative_path_is_used_when_the_client_says_the_workspace_is_trusted(
    workspace: Path,
):
    client = await session_on(workspace, "progress/mine.sqlite3", trusted=True)
    assert identify(workspace / "progress" / "mine.sqlite3") is FileKind.MENTOR
    assert not told_about_setting(client)
    assert (workspace / "progress" / "mine-report.md").exists()  # beside Mentor's own file


async def test_an_unrelated_database_is_left_as_it_was(workspace: Path):
    path = workspace.parent / "contacts.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE people (name TEXT)")
    db.execute("INSERT INTO people VALUES ('Ada')")
    db.commit()
    db.close()
    before, folder = path.read_bytes(), listing(path.parent)
    client = await session_on(workspace, str(path))
    assert_untouched(path, before, folder)
    assert len(told_about_setting(client)) == 1


async def test_another_applications_database_is_left_as_it_was(workspace: Path):
    path = workspace.parent / "other.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA application_id = 42")
    db.execute("CREATE TABLE documents (path TEXT)")
    db.commit()
    db.close()
    before, folder = path.read_bytes(), listing(path.parent)
    client = await session_on(workspace, str(path))
    assert_untouched(path, before, folder)
    assert "another application" in told_about_setting(client)[0].message


async def test_a_damaged_file_of_mentors_is_moved_aside(workspace: Path):
    path = workspace.parent / "progress.sqlite3"
    progress_at(path).close()
    data = bytearray(path.read_bytes())
    data[100:112] = b"\xff" * 12  # the schema page's header scribbled over
    path.write_bytes(bytes(data))
    async with mentor_session(workspace, configuration=workspace_settings(str(path))) as client:
        client.open(workspace / "beginner.py")
        await snapshots(client, "beginner.py", 1)
    (kept,) = path.parent.glob("progress.sqlite3.corrupt-*")
    assert kept.read_bytes() == bytes(data)
    assert identify(path) is FileKind.MENTOR
    assert any("damaged" in m.message for m in client.messages)


def progress_at(path: Path):
    from mentor.models.learner import LearnerService

    return LearnerService.open(path)[0]


async def test_a_current_file_with_lost_tables_is_repaired(workspace: Path):
    service = progress(workspace)
    service.close()
    path = database_path(workspace)
    db = sqlite3.connect(path)
    db.execute("DROP TABLE documents")
    db.commit()
    db.close()
    async with mentor_session(workspace, initialization_options=FAST) as client:
        client.open(workspace / "beginner.py")
        await snapshots(client, "beginner.py", 1)  # "no such table: documents" before
    assert not any(m.type == lsp.MessageType.Warning for m in client.messages)
    service = progress(workspace)
    assert service.store.document_memory("beginner.py") is not None
    service.close()


async def test_a_file_in_a_read_only_folder_is_read(
    workspace: Path,
    read_only: Callable[[Path], None],  # noqa: F811
):
    from tests.e2e.test_learner import seed_proficient_loops

    seed_proficient_loops(workspace)
    path = database_path(workspace)
    before = stored_events(path)
    read_only(path.parent)  # only the folder: the file itself could be written
    async with mentor_session(workspace, initialization_options=FAST) as client:
        uri = client.open(workspace / "beginner.py")
        await client.wait_for(lambda: any(s.level not in (None, "novice") for s in client.statuses))
        save(client, uri)
        await client.wait_for(lambda: client.logged("snapshots wait"))
        client.edit(uri, (0, 0), (0, 0), "# more\n")
        save(client, uri)
        await client.wait_for(lambda: client.logged("2 snapshots wait"))
    (warning,) = [m for m in client.messages if m.type == lsp.MessageType.Warning]
    assert "readonly" in warning.message and str(path) in warning.message
    assert stored_events(path) == before and listing(path.parent) == [path.name]


# -- mentor.exportReport ---------------------------------------------------------------------


async def export(workspace: Path, *arguments: dict, answer: str | None = None) -> tuple:
    async with mentor_session(workspace) as client:
        client.answer_with = answer
        result = await command(client, "mentor.exportReport", *arguments)
    return result, client


@pytest.mark.parametrize(
    "target",
    ["../x.csv", "{outside}/x.csv", "beginner.py", "~/.bashrc", "~/x.csv", "a.py"],
)
async def test_an_export_outside_the_workspace_or_onto_a_students_file_is_refused(
    workspace: Path, target: str
):
    home = workspace.parent / "home"
    (home / ".bashrc").write_text("export PATH=$PATH:~/bin\n", encoding="utf-8")
    (workspace / "a.py").write_text("print('my homework')\n", encoding="utf-8")
    outside = workspace.parent / "elsewhere"
    outside.mkdir()
    before = {p: p.read_bytes() for p in (home / ".bashrc", workspace / "a.py")}
    folders = {folder: listing(folder) for folder in (workspace, workspace.parent, home, outside)}
    result, client = await export(
        workspace, {"format": "csv", "path": target.format(outside=outside)}
    )
    assert result["exported"] is False and result["reason"]
    assert any(result["reason"] in m.message for m in client.messages)
    assert {p: p.read_bytes() for p in before} == before
    assert {folder: listing(folder) for folder in folders} == folders


async def test_a_chosen_path_outside_the_workspace_is_used_but_never_replaces_a_file(
    workspace: Path,
):
    home = workspace.parent / "home"
    result, _ = await export(workspace, {"path": str(home / "me.json"), "userChosen": True})
    assert result["exported"] is True
    assert json.loads((home / "me.json").read_text())["format"] == "mentor-progress/1"
    profile = home / ".bashrc"
    profile.write_text("alias ls='ls -la'\n", encoding="utf-8")
    notes = home / "notes.csv"
    notes.write_text("a,b\n1,2\n", encoding="utf-8")
    for target in (profile, notes):
        args = {"format": "csv", "path": str(target), "userChosen": True, "replace": True}
        result, _ = await export(workspace, args)
        assert result["exported"] is False
    assert profile.read_text() == "alias ls='ls -la'\n" and notes.read_text() == "a,b\n1,2\n"


async def test_a_successful_export_answers_with_its_uri(workspace: Path):
    result, client = await export(workspace, {"format": "csv", "path": "hand-in/progress.csv"})
    target = workspace / "hand-in" / "progress.csv"
    assert result == {
        "exported": True,
        "path": str(target),
        "uri": target.as_uri(),
        "format": "csv",
    }
    assert target.read_text(encoding="utf-8").startswith("kind,name,level,mastery")
    assert [d.uri for d in client.shown_documents] == [target.as_uri()]


async def test_an_earlier_export_is_replaced_only_after_the_student_agrees(workspace: Path):
    target = workspace / "mentor-progress.json"
    result, _ = await export(workspace, {"format": "json"})
    assert result["exported"] is True
    earlier = target.read_bytes()
    result, client = await export(workspace, {"format": "json"}, answer="Keep it")
    assert result["exported"] is False and target.read_bytes() == earlier
    (question,) = client.message_requests
    assert str(target) in question.message
    result, client = await export(workspace, {"format": "json"}, answer="Replace it")
    assert result["exported"] is True and len(client.message_requests) == 1


async def test_no_new_file_is_made_under_a_name_another_program_runs(workspace: Path):
    site = workspace.parent / "home" / ".local" / "lib" / "site-packages"
    site.mkdir(parents=True)
    client = await session_on(workspace, str(site / "mentor.pth"))  # a .pth line is executed
    assert listing(site) == []
    (told,) = told_about_setting(client)
    assert "not a name for a new progress file" in told.message
