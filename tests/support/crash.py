"""kill -9 of the real server while it writes the learner's progress file, again and again.

Shared by the slow test tests/e2e/test_crash.py and bench/crash.py (which prints the figures).
Each round starts `mentor-lsp` on the same workspace, makes it store snapshots (the student
saves after each edit), and kills it with SIGKILL at a random moment around a write. Then the
file must pass SQLite's integrity check, open without a notice, and hold every snapshot the
server reported as stored, plus at most the one it was writing when it died.
"""

from __future__ import annotations

import asyncio
import random
import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types as lsp

from mentor.models.learner import LearnerService
from tests.support.lsp_support import MentorClient, mentor_session

MISTAKE = (
    "names = ['Ada']\n"
    "for i in range(len(names)):\n    print(names[i])\n"
    "if names == None:\n    x = 1\n"
)
FIXED = "names = ['Ada']\nfor name in names:\n    print(name)\nif names is None:\n    x = 1\n"
STORED = re.compile(r"learner: snapshot of \S+ stored: (\d+) observations")
PROGRESS_FILE = "progress.sqlite3"  # in the workspace (the `learner.database` setting)


class _Killed(Exception):
    """Leaves the session without the polite shutdown: the server is dead."""


@dataclass
class CrashReport:
    rounds: int = 0
    snapshots_reported: int = 0  # stored, as the server said before it died
    after_last_write: int = 0  # rounds where the last snapshot was stored and reported
    written_but_unreported: int = 0  # rounds where the kill came after a commit, before the log
    lost_in_flight: int = 0  # rounds where the last snapshot was not committed: absent, whole
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [
            f"rounds (kill -9 each):              {self.rounds}",
            f"snapshots the server said it stored: {self.snapshots_reported}",
            f"  ...all found in the file:         {'yes' if not self.failures else 'NO'}",
            f"killed after the last snapshot was stored and reported: {self.after_last_write}",
            f"killed after a commit, before its log line: {self.written_but_unreported}",
            f"killed before the last snapshot committed (absent, whole): {self.lost_in_flight}",
            f"file damaged or not opening:        {len(self.failures)}",
            f"time:                               {self.seconds:.0f} s",
        ]


def _events(path: Path) -> int:
    if not path.exists():
        return 0
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM events").fetchone()[0]


def _stored(client: MentorClient) -> list[int]:
    """The observation counts of the snapshots the server reported as stored, in order."""
    found = (STORED.search(message.message) for message in client.log_messages)
    return [int(match.group(1)) for match in found if match]


async def _one_round(workspace: Path, rng: random.Random) -> tuple[list[int], int]:
    """Run the server until it has stored a random number of snapshots, start one more, and
    kill it a random moment later; returns the observation counts it reported as stored, and
    how many it had stored before the last one started."""
    reported: list[int] = []
    target = rng.randint(1, 5)
    try:
        options = {
            "learner": {"snapshotDelayMs": 500, "database": PROGRESS_FILE},
            "tutor": {"enabled": False},
            "workspaceTrusted": True,  # a relative progress file is taken from trusted clients
        }
        async with mentor_session(workspace, initialization_options=options) as client:
            uri = client.open(workspace / "homework.py", MISTAKE)
            texts = [FIXED, MISTAKE]
            while True:
                count = len(_stored(client))
                client.replace_all(uri, texts[count % 2])
                client.text_document_did_save(_saved(uri))
                if count == target:
                    break
                await client.wait_for(lambda c=count: len(_stored(client)) > c)
            await asyncio.sleep(rng.uniform(0, 0.08))  # land anywhere around the write
            server = client._server
            assert server is not None
            server.kill()  # SIGKILL
            await server.wait()
            reported = _stored(client)  # what it managed to say before it died
            raise _Killed
    except _Killed:
        pass
    return reported, target


def _saved(uri: str) -> lsp.DidSaveTextDocumentParams:
    return lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))


async def kill_during_writes(workspace: Path, rounds: int, seed: int = 7) -> CrashReport:
    rng = random.Random(seed)
    report = CrashReport()
    path = workspace / PROGRESS_FILE
    biggest_snapshot = 1
    started = time.monotonic()
    for number in range(1, rounds + 1):
        before = _events(path)
        reported, before_last = await _one_round(workspace, rng)
        report.rounds += 1
        report.snapshots_reported += len(reported)
        biggest_snapshot = max([biggest_snapshot, *reported])
        try:
            with sqlite3.connect(path) as db:
                check = db.execute("PRAGMA integrity_check").fetchone()[0]
            service, notice = LearnerService.open(path)
            service.close()
        except Exception as error:  # any failure to open is the finding
            report.failures.append(f"round {number}: the file does not open: {error}")
            continue
        if check != "ok" or notice is not None:
            report.failures.append(f"round {number}: {check}; {notice}")
        added = _events(path) - before
        extra = added - sum(reported)
        if extra < 0:
            report.failures.append(f"round {number}: {-extra} reported events are missing")
        elif extra > biggest_snapshot:
            report.failures.append(f"round {number}: {extra} events no snapshot accounts for")
        elif len(reported) > before_last:
            report.after_last_write += 1
        elif extra > 0:
            report.written_but_unreported += 1
        else:
            report.lost_in_flight += 1
    report.seconds = time.monotonic() - started
    return report
