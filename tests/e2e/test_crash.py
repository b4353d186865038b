"""kill -9 of the real server during learner-database writes, 100 times: the progress file
always opens, and at most the snapshot being written when the server died is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.crash import kill_during_writes


async def test_a_few_kills_lose_nothing_reported(tmp_path: Path):
    report = await kill_during_writes(tmp_path, rounds=3)
    assert report.failures == []
    assert report.snapshots_reported >= 3  # every round stored at least one before the kill


@pytest.mark.slow
async def test_100_kills_during_writes(tmp_path: Path, capsys):
    report = await kill_during_writes(tmp_path, rounds=100)
    with capsys.disabled():
        print("\n" + "\n".join(report.lines()))
    assert report.failures == []
    assert report.rounds == 100 and report.snapshots_reported >= 100
