"""The progress report: what it says, and that no text can break out of it."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from mentor.analyzers import Concept, Level, analyze
from mentor.models.learner.report import (
    SkillProgress,
    build_report,
    chart_svg,
    export,
    to_html,
    to_markdown,
)
from mentor.models.learner.service import LearnerService
from mentor.models.learner.store import LearnerStore

MISTAKE = "names = ['a']\nfor i in range(len(names)):\n    print(names[i])\n"
FIXED = "names = ['a']\nfor name in names:\n    print(name)\n"
NOW = 1_800_000_000.0
IDIOMATIC = FIXED + "pairs = {n: len(n) for n in names}\nfor k, v in pairs.items():\n    pass\n"


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        self.now += 60
        return self.now


@pytest.fixture
def service(tmp_path: Path) -> LearnerService:
    store, _ = LearnerStore.open(tmp_path / "progress.sqlite3")
    service = LearnerService(store, clock=Clock())
    service.snapshot("secret_homework.py", analyze(FIXED))  # baseline
    service.snapshot("secret_homework.py", analyze(MISTAKE))  # met
    service.snapshot("secret_homework.py", analyze(FIXED))  # overcome by hand
    service.snapshot("secret_homework.py", analyze(IDIOMATIC))  # idiomatic uses
    service.snapshot("other.py", analyze("x = None\n"))
    service.snapshot("other.py", analyze("x = None\nif x == None:\n    pass\n"))  # still open
    return service


def test_the_report_shows_mastery_trend_and_misconceptions(service: LearnerService):
    report = build_report(service, "week-3", NOW)
    skills = {skill.skill: skill for skill in report.skills}
    assert Concept.LOOPS in skills and Concept.COMPREHENSIONS in skills
    assert Concept.CLASSES in report.unseen
    loops = skills[Concept.LOOPS]
    assert loops.observations >= 3 and loops.trend == "rising"
    by_rule = {item.rule: item for item in report.misconceptions}
    assert by_rule["range-len-loop"].overcome and by_rule["range-len-loop"].fixed_by_hand == 1
    assert not by_rule["singleton-comparison"].overcome

    markdown = to_markdown(report)
    assert "# Your Python progress: week-3" in markdown
    assert re.search(r"\| loops \| (novice|developing|proficient)[^|]* \| \d+% \|", markdown)
    assert "`range-len-loop` (MNT101)" in markdown and "overcome" in markdown
    assert "still to work on" in markdown


def test_html_has_a_chart_a_strict_policy_and_escapes_everything(service: LearnerService):
    report = build_report(service, '<script>alert("x")</script>&', NOW)
    page = to_html(report)
    assert (
        "<script>" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;" in page
    )
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<svg" in page and "<polyline" in page
    markdown = to_markdown(report)
    assert "<script>" not in markdown


def test_exports_hold_levels_and_misconceptions_but_no_code_and_no_file_names(
    service: LearnerService,
):
    report = build_report(service, "week-3", NOW)
    data = json.loads(export(report, "json"))
    assert data["format"] == "mentor-progress/1"
    assert {skill["skill"] for skill in data["skills"]} >= {"loops", "comprehensions"}
    assert all(skill["level"] in {lvl.value for lvl in Level} for skill in data["skills"])
    rows = list(csv.DictReader(io.StringIO(export(report, "csv"))))
    assert {row["kind"] for row in rows} == {"skill", "misconception"}
    assert any(row["name"] == "range-len-loop" and row["overcome"] == "true" for row in rows)
    for text in (export(report, "json"), export(report, "csv")):
        assert "secret_homework" not in text and "names" not in text


def test_an_empty_report_says_how_progress_is_gathered(tmp_path: Path):
    service, _ = LearnerService.open(tmp_path / "p.sqlite3")
    report = build_report(service, "new", 1_700_000_000.0)
    assert report.skills == () and report.overall_level is Level.NOVICE
    assert "No progress recorded yet" in to_markdown(report)
    assert "<svg" not in to_html(report)


def _skill(level: Level, mastery: float, evidence: float, history=((0.0, 0.5),)) -> SkillProgress:
    return SkillProgress(
        Concept.LOOPS, level, mastery, evidence, len(history), history, history[0][0], None
    )


def test_a_level_held_back_by_thin_evidence_says_so():
    # 69% would be "developing", but two uses are not enough evidence to say so yet.
    assert _skill(Level.NOVICE, 0.69, 1.0).level_label == "novice (a few more uses to move up)"
    assert _skill(Level.NOVICE, 0.40, 1.0).level_label == "novice"
    assert _skill(Level.DEVELOPING, 0.70, 3.0).level_label == "developing"
    assert _skill(Level.DEVELOPING, 0.90, 3.0).level_label.startswith("developing (")


def test_the_chart_steps_by_practice_not_by_seconds():
    # Two answers a second apart, then one a week later: three even steps, not two dots at the
    # left edge and one at the right (nor, within one minute, a dash stretched over the width).
    week = 7 * 24 * 3600.0
    history = ((0.0, 0.3), (1.0, 0.5), (week, 0.8))
    svg = chart_svg([_skill(Level.DEVELOPING, 0.8, 3.0, history)])
    points = re.search(r'<polyline points="([^"]+)"', svg).group(1).split()
    xs = [float(point.split(",")[0]) for point in points]
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1])
    assert "practice" in svg
