"""A load on the real server from a real client: many open documents, a steady stream of edits.

Shared by the slow test tests/e2e/test_load.py and bench/load.py (which prints the figures).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types as lsp

from tests.support.lsp_support import MentorClient, mentor_session

STUDENT_FILE = """\
names = ["Ada", "Alan", "Grace"]
scores = [90, 85, 77]


def average(values):
    total = 0
    for i in range(len(values)):
        total += values[i]
    return total / len(values)


def grade(score):
    if score >= 90:
        return "A"
    elif score >= 80:
        return "B"
    return "C"


for name in names:
    print(name, grade(average(scores)))
"""


@dataclass
class LoadReport:
    documents: int
    edits_sent: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    rss_start_mb: float = 0.0
    rss_end_mb: float = 0.0
    missing_latest: list[str] = field(default_factory=list)

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else float("nan")

    @property
    def p95_ms(self) -> float:
        if len(self.latencies_ms) < 20:
            return float("nan")
        return statistics.quantiles(self.latencies_ms, n=20)[-1]

    def lines(self) -> list[str]:
        return [
            f"documents open:          {self.documents}",
            f"edits sent:              {self.edits_sent}",
            f"diagnostics latency:     p50 {self.p50_ms:.0f} ms, p95 {self.p95_ms:.0f} ms "
            f"(edit sent -> diagnostics of that version received; includes the debounce)",
            f"server memory (RSS):     {self.rss_start_mb:.1f} MB after opening -> "
            f"{self.rss_end_mb:.1f} MB at the end ({self.rss_end_mb - self.rss_start_mb:+.1f} MB)",
            f"latest version missing:  {len(self.missing_latest)}",
        ]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def run_load(
    workspace: Path, documents: int = 200, edits_per_second: float = 50, seconds: float = 60
) -> LoadReport:
    report = LoadReport(documents=documents)
    rng = random.Random(7)
    async with mentor_session(workspace) as client:
        pid = client._server.pid  # the real server process
        uris = [
            client.open(workspace / f"student_{n:03}.py", STUDENT_FILE) for n in range(documents)
        ]
        await _all_published(client, uris, timeout=300)
        await client.wait_for(lambda: client.logged("jedi is ready"), 300)  # its caches are loaded
        report.rss_start_mb = rss_mb(pid)
        sent_at: dict[tuple[str, int], float] = {}
        # Every edit rewrites the file's last line, so the documents keep their size and any
        # growth of the server's memory is the server's own.
        last_line = STUDENT_FILE.count("\n")
        current = {uri: "" for uri in uris}
        seen = len(client.published)

        interval = 1 / edits_per_second
        started = time.monotonic()
        next_edit = started
        while time.monotonic() - started < seconds:
            uri = rng.choice(uris)
            number = report.edits_sent
            text = f"value = {number} == None" if rng.random() < 0.5 else f"total = {number} + 1"
            version = client.edit(uri, (last_line, 0), (last_line, len(current[uri])), text)
            current[uri] = text
            sent_at[(uri, version)] = time.monotonic()
            report.edits_sent += 1
            seen = _collect(client, sent_at, report, seen)
            next_edit += interval
            await asyncio.sleep(max(0.0, next_edit - time.monotonic()))

        await _all_published(client, uris, timeout=300)
        _collect(client, sent_at, report, seen)
        report.missing_latest = [
            uri for uri in uris if not _has_version(client, uri, client.versions[uri])
        ]
        report.rss_end_mb = rss_mb(pid)
    return report


def _collect(
    client: MentorClient, sent_at: dict[tuple[str, int], float], report: LoadReport, seen: int
) -> int:
    now = time.monotonic()
    for params in client.published[seen:]:
        key = (params.uri, params.version)
        if key in sent_at:
            report.latencies_ms.append((now - sent_at.pop(key)) * 1000)
    return len(client.published)


def _has_version(client: MentorClient, uri: str, version: int) -> bool:
    return any(p.uri == uri and p.version == version for p in client.published)


async def _all_published(client: MentorClient, uris: list[str], timeout: float) -> None:
    await client.wait_for(
        lambda: all(_has_version(client, uri, client.versions[uri]) for uri in uris), timeout
    )


def ensure_no_growth(report: LoadReport, allowed_mb: float) -> None:
    growth = report.rss_end_mb - report.rss_start_mb
    assert growth < allowed_mb, f"server memory grew by {growth:.1f} MB"


__all__ = ["LoadReport", "ensure_no_growth", "lsp", "run_load"]
