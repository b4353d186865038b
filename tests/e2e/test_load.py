"""Load: a real client opens 200 documents and sends 50 edits a second for a minute."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.load import run_load


@pytest.mark.slow
async def test_200_documents_50_edits_a_second_for_a_minute(tmp_path: Path, capsys):
    report = await run_load(tmp_path, documents=200, edits_per_second=50, seconds=60)
    with capsys.disabled():
        print("\n" + "\n".join(report.lines()))
    assert report.edits_sent >= 2_500
    assert report.missing_latest == [], "the latest version of some documents was never checked"
    assert report.latencies_ms, "no edit got diagnostics of its own version"
    # Analyses hold no memory beyond the open documents' latest results: no growth.
    growth = report.rss_end_mb - report.rss_start_mb
    assert growth < 40, f"server memory grew by {growth:.1f} MB over the minute"
