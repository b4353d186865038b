"""The progress file when the disk says no: a read-only file, and a disk that fills up while the
student works. The student gets one clear message, diagnostics go on, and no evidence is lost."""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lsprotocol import types as lsp

from mentor.analyzers import Level
from mentor.models.learner import Cause, database_path
from tests.e2e.test_learner import (
    BEGINNER,
    FAST,
    expected_message,
    progress,
    save,
    seed_proficient_loops,
    snapshots,
)
from tests.support.lsp_support import MentorClient, mentor_session


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "beginner.py").write_text(BEGINNER, encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / ".data-home"))  # as mentor_session does
    return tmp_path


@pytest.fixture
def read_only() -> Iterator[Callable[[Path], None]]:
    """Makes paths unwritable, for root too (`chattr +i`), and undoes it after the test."""
    done: list[Callable[[], None]] = []

    def make(path: Path) -> None:
        if os.geteuid() != 0:
            mode = path.stat().st_mode
            path.chmod(0o555 if path.is_dir() else 0o444)
            done.append(lambda: path.chmod(mode))
            return
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("root cannot make a file read-only here (chattr +i is not supported)")
        done.append(lambda: subprocess.run(["chattr", "-i", str(path)], check=True))

    yield make
    for undo in reversed(done):
        undo()


def stored_events(path: Path) -> int:
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return db.execute("SELECT COUNT(*) FROM events").fetchone()[0]


def warned(client: MentorClient, text: str) -> bool:
    return any(text in m.message and m.type == lsp.MessageType.Warning for m in client.messages)


async def test_a_read_only_progress_file_is_read_left_intact_and_diagnostics_go_on(
    workspace: Path, read_only: Callable[[Path], None]
):
    seed_proficient_loops(workspace)
    path = database_path(workspace)
    before = stored_events(path)
    read_only(path)
    read_only(path.parent)  # no journal files beside it either
    terse = expected_message("MNT101", Level.PROFICIENT)
    async with mentor_session(workspace, initialization_options=FAST) as client:
        uri = client.open(workspace / "beginner.py")
        # the levels in the file still word the diagnostics
        await client.wait_for(
            lambda: any(d.message == terse for p in client.published for d in p.diagnostics)
        )
        version = client.edit(uri, (5, 10), (5, 17), "is None")
        save(client, uri)
        await client.wait_for(lambda: warned(client, "your progress cannot be saved right now"))
        assert [d.code for d in await client.diagnostics_for(uri, version=version)] == ["MNT101"]
    (warning,) = [m for m in client.messages if m.type == lsp.MessageType.Warning]
    assert str(path) in warning.message and "readonly" in warning.message  # which file, and why
    assert stored_events(path) == before  # nothing was written, nothing was lost


async def test_a_full_disk_keeps_the_evidence_in_memory_until_it_can_be_saved(workspace: Path):
    async with mentor_session(workspace, initialization_options=FAST) as client:
        uri = client.open(workspace / "beginner.py")
        await snapshots(client, "beginner.py", 1)
        server = client._server
        assert server is not None
        # The server's process may now write no byte more to any file: a full disk for it.
        _, hard = resource.prlimit(server.pid, resource.RLIMIT_FSIZE)
        resource.prlimit(server.pid, resource.RLIMIT_FSIZE, (1, hard))
        version = client.edit(uri, (5, 10), (5, 17), "is None")  # the student fixes `== None`
        save(client, uri)
        await client.wait_for(lambda: warned(client, "your progress cannot be saved right now"))
        assert [d.code for d in await client.diagnostics_for(uri, version=version)] == ["MNT101"]
        save(client, uri)  # saving again while the disk is full: no second message
        await client.wait_for(lambda: client.logged("2 snapshots wait"))

        resource.prlimit(server.pid, resource.RLIMIT_FSIZE, (hard, hard))  # space again
        client.edit(uri, (0, 0), (0, 0), "# done\n")
        save(client, uri)
        await snapshots(client, "beginner.py", 2)
        await client.wait_for(
            lambda: any("your progress is saved again" in m.message for m in client.messages)
        )
    assert sum("cannot be saved" in m.message for m in client.messages) == 1
    causes = {(e.item, e.cause) for e in progress(workspace).events()}
    assert ("singleton-comparison", Cause.FIXED_BY_HAND) in causes  # taken while the disk was full
