"""The progress file: WAL, schema versions, two windows, kill -9, corruption, locks."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentor.analyzers import analyze
from mentor.models.learner.service import LearnerService
from mentor.models.learner.store import (
    SCHEMA_VERSION,
    LearnerStore,
    NewerSchema,
    StoreBusy,
)
from mentor.models.sqlite_files import MENTOR_APPLICATION_ID

WRITER = Path(__file__).with_name("store_writer.py")
MISTAKE = "names = ['a']\nfor i in range(len(names)):\n    print(names[i])\n"
FIXED = "names = ['a']\nfor name in names:\n    print(name)\n"


def writer(database: Path, document: str, snapshots: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(database), document, str(snapshots)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def event_count(database: Path) -> int:
    with sqlite3.connect(database) as db:
        return db.execute("SELECT count(*) FROM events").fetchone()[0]


def test_a_new_file_is_in_wal_mode_at_the_current_schema(tmp_path: Path):
    store, notice = LearnerStore.open(tmp_path / "deep" / "folder" / "progress.sqlite3")
    store.close()
    assert notice is None
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_an_empty_file_is_migrated_and_keeps_working(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    path.touch()  # a zero-byte file, as an interrupted first start of an older Mentor left
    service, _ = LearnerService.open(path, mentors_folder=True)
    service.snapshot("a.py", analyze(MISTAKE))
    service.snapshot("a.py", analyze(FIXED))
    assert service.events()
    service.close()


def test_a_file_from_a_newer_mentor_is_left_untouched(tmp_path: Path):
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA application_id = {MENTOR_APPLICATION_ID}")
        db.execute("CREATE TABLE events (anything TEXT)")
        db.execute("PRAGMA user_version = 99")
    before = path.read_bytes()
    with pytest.raises(NewerSchema, match="newer"):
        LearnerStore.open(path)
    assert path.read_bytes() == before


def test_a_corrupt_file_is_moved_aside_and_a_fresh_one_started(tmp_path: Path):
    path = tmp_path / "progress.sqlite3"
    garbage = b"this is not a database, it was overwritten by something else\n" * 100
    path.write_bytes(garbage)
    store, notice = LearnerStore.open(path, mentors_folder=True)  # the default location
    assert notice is not None and "damaged" in notice
    (kept,) = tmp_path.glob("progress.sqlite3.corrupt-*")
    assert kept.read_bytes() == garbage
    assert str(kept) in notice
    store.close()
    service, _ = LearnerService.open(path)
    service.snapshot("a.py", analyze(MISTAKE))
    service.snapshot("a.py", analyze(FIXED))
    assert service.events()


def test_a_damaged_page_is_detected_too(tmp_path: Path):
    path = tmp_path / "progress.sqlite3"
    service, _ = LearnerService.open(path)
    for number in range(40):
        service.snapshot("a.py", analyze([MISTAKE, FIXED][number % 2]))
    service.close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[4096 : 4096 + 12] = b"\xff" * 12  # scribble over the second page's b-tree header
    path.write_bytes(bytes(data))
    store, notice = LearnerStore.open(path)
    store.close()
    assert notice is not None and "damaged" in notice


def test_two_windows_writing_at_once_lose_nothing(tmp_path: Path):
    """Two server processes on one workspace: every snapshot of both is stored and the counts
    add up (no read-modify-write lost between them)."""
    path = tmp_path / "progress.sqlite3"
    LearnerStore.open(path)[0].close()
    first, second = writer(path, "one.py", 40), writer(path, "two.py", 40)
    outputs = [process.communicate(timeout=120) for process in (first, second)]
    assert first.returncode == second.returncode == 0, outputs
    reported = sum(int(out.split()[-1]) for out, _ in outputs)
    assert event_count(path) == reported
    service, _ = LearnerService.open(path)
    events = service.events()
    for status in service.statuses():
        weights = sum(e.weight for e in events if e.skill == status.skill.value)
        assert status.evidence == pytest.approx(weights)


@pytest.mark.parametrize("after_snapshots", [3, 17, 41])
def test_kill_9_loses_at_most_the_snapshot_being_written(tmp_path: Path, after_snapshots: int):
    path = tmp_path / "progress.sqlite3"
    process = writer(path, "a.py", 100_000)
    assert process.stdout is not None
    reported: list[int] = []
    while len(reported) < after_snapshots:
        line = process.stdout.readline()
        assert line, process.stderr.read() if process.stderr else ""
        reported.append(int(line))
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    reported += map(int, process.stdout.read().split())  # what it reported before it died
    # The file opens cleanly and holds every snapshot the writer reported as committed; only
    # the one it was writing when killed may be missing, and never half of one.
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = event_count(path)
    # The writer alternates two snapshots, so the next one adds what the one before last did.
    assert len(reported) >= 3
    next_snapshot = reported[-2] - reported[-3]
    assert stored in (reported[-1], reported[-1] + next_snapshot)
    service, notice = LearnerService.open(path)
    assert notice is None
    service.snapshot("a.py", analyze(MISTAKE))
    service.close()


def test_a_locked_file_delays_the_evidence_and_never_hangs(tmp_path: Path):
    path = tmp_path / "progress.sqlite3"
    service, _ = LearnerService.open(path)
    service.snapshot("a.py", analyze(MISTAKE))  # baseline
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the lock
    try:
        started = time.monotonic()
        outcome = service.snapshot("a.py", analyze(FIXED))
        waited = time.monotonic() - started
        assert not outcome.stored and service.waiting == 1
        assert waited < 10  # it gave up after its short busy timeout
        with pytest.raises(StoreBusy):
            service.store.reset()
    finally:
        other.execute("ROLLBACK")
        other.close()
    outcome = service.snapshot("a.py", analyze(FIXED + "x = 1\n"))
    assert outcome.stored and service.waiting == 0
    causes = {event.cause.value for event in service.events()}
    assert "fixed-by-hand" in causes  # the snapshot taken while locked was not lost
    service.close()
