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
    MAX_CHART_LINES,
    MIN_TREND_OBSERVATIONS,
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


COMPARISON = "x = None\nif x == None:\n    pass\n"
COMPARED = "x = None\nif x is None:\n    pass\n"
DAY = 24 * 3600.0


class Clock:
    def __init__(self, step: float = 60) -> None:
        self.now = 1_700_000_000.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
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


@pytest.fixture
def first_session(tmp_path: Path) -> LearnerService:
    """One sitting, minutes long: two mistakes met, one fixed by hand, one by a quick fix."""
    store, _ = LearnerStore.open(tmp_path / "first.sqlite3")
    service = LearnerService(store, clock=Clock())
    service.snapshot("homework.py", analyze(FIXED + "x = None\n"))  # baseline
    service.snapshot("homework.py", analyze(MISTAKE + COMPARISON))  # both mistakes met
    service.snapshot("homework.py", analyze(FIXED + COMPARISON), quick_fixed={"range-len-loop"})
    service.snapshot("homework.py", analyze(FIXED + COMPARED))  # fixed by hand
    return service


@pytest.fixture
def seasoned(tmp_path: Path) -> LearnerService:
    """Three weeks of practice, one snapshot a day: loops mistaken, then right, many times."""
    store, _ = LearnerStore.open(tmp_path / "term.sqlite3")
    service = LearnerService(store, clock=Clock(step=DAY))
    service.snapshot("week.py", analyze(FIXED))
    for _ in range(4):
        service.snapshot("week.py", analyze(MISTAKE))
        service.snapshot("week.py", analyze(FIXED))
    for day in range(12):
        service.snapshot("week.py", analyze(IDIOMATIC + f"total_{day} = 0\n"))
    service.snapshot("other.py", analyze("x = None\n"))
    service.snapshot("other.py", analyze(COMPARISON))  # still open
    return service


def _text(page: str) -> str:
    """What a reader sees of an HTML page: no style sheet, no tags."""
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


def test_a_first_session_says_what_the_student_did_and_gives_no_verdict(
    first_session: LearnerService,
):
    report = build_report(first_session, "week-1", NOW)
    assert report.first_session
    markdown, page = to_markdown(report), to_html(report)
    for text in (markdown, _text(page)):
        assert "You fixed 2 mistakes (1 by hand, 1 with a quick fix)." in text
        for verdict in ("novice", "developing", "proficient", "falling", "rising", "Overall"):
            assert verdict not in text, verdict
        assert not re.search(r"\d\s*%", text), "a percentage in a first session's report"
        assert "loops" in text and "here is what you did" in text
    assert "| loops | 2 |" in markdown  # the skills used, with how often
    assert re.search(r"`range-len-loop` \(MNT101\) \|[^\n]*\| 1 \| 0 \| 1 \| overcome \|", markdown)
    assert re.search(
        r"`singleton-comparison` \(MNT202\) \|[^\n]*\| 1 \| 1 \| 0 \| overcome", markdown
    )
    assert 'aria-label="What you practised"' in page and "Mastery over time" not in page


def test_plenty_of_evidence_shows_levels_mastery_and_trends(seasoned: LearnerService):
    report = build_report(seasoned, "week-3", NOW)
    assert not report.first_session
    skills = {skill.skill: skill for skill in report.skills}
    assert Concept.LOOPS in skills and Concept.COMPREHENSIONS in skills
    assert Concept.CLASSES in report.unseen
    loops = skills[Concept.LOOPS]
    assert loops.observations >= MIN_TREND_OBSERVATIONS and loops.trend == "rising"
    by_rule = {item.rule: item for item in report.misconceptions}
    assert by_rule["range-len-loop"].overcome and by_rule["range-len-loop"].fixed_by_hand == 4
    assert not by_rule["singleton-comparison"].overcome

    markdown = to_markdown(report)
    assert "# Your Python progress: week-3" in markdown
    assert "Overall level: **" in markdown
    assert re.search(r"\| loops \| (novice|developing|proficient)[^|]* \| \d+% \|", markdown)
    assert re.search(r"\| loops \|[^\n]*rising \(\+\d+ points\)", markdown)
    assert "`range-len-loop` (MNT101)" in markdown and "overcome" in markdown
    assert "still to work on" in markdown
    assert "You fixed 4 mistakes (4 by hand)." in markdown
    # a skill seen once or twice gets no trend, however much its estimate moved
    thin = [skill for skill in report.skills if skill.observations < MIN_TREND_OBSERVATIONS]
    assert thin and all(skill.trend == "too early" for skill in thin)
    assert "too early to tell" in markdown
    assert 'aria-label="Mastery over time"' in to_html(report)


def test_the_chart_draws_a_few_skills_with_whole_legend_labels(seasoned: LearnerService):
    report = build_report(seasoned, "week-3", NOW)
    assert len(report.skills) > MAX_CHART_LINES  # otherwise this proves nothing
    page = to_html(report)
    svg = re.search(r'<svg[^>]*aria-label="Mastery over time".*?</svg>', page, re.S).group(0)
    lines = re.findall(r"<polyline[^>]*stroke=\"(#[0-9a-f]{6})\"", svg)
    dots = re.findall(r"<circle[^>]*fill=\"(#[0-9a-f]{6})\"", svg)
    assert 0 < len(lines) + len(dots) <= MAX_CHART_LINES
    assert len(set(lines + dots)) == len(lines + dots)  # a colour each
    legend = [
        " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", text))
        for text in re.findall(r"<text[^>]*>((?:<tspan[^>]*>[^<]*</tspan>)+)</text>", svg)
    ]
    assert len(legend) == len(lines + dots)
    counts = {skill.skill.label: skill.observations for skill in report.skills}
    assert {"loops", "lists"} <= set(legend)  # the skills practised most are drawn
    least_drawn = min(counts[label] for label in legend)
    assert all(counts[label] <= least_drawn for label in set(counts) - set(legend))
    assert "the table lists them all" in page


def test_the_what_column_renders_code_spans(first_session: LearnerService):
    report = build_report(first_session, "week-1", NOW)
    summary = next(item.summary for item in report.misconceptions if "`" in item.summary)
    page = to_html(report)
    assert "<code>" in _html_row(page, "range-len-loop") or "<code>" in page
    cell = re.search(r"</code> \(MNT\d+\)</td><td>(.*?)</td>", page).group(1)
    assert "`" not in cell and "<code>" in cell, cell
    assert "`" in summary  # the rule's summary has code in it, which the page must render
    markdown_row = next(line for line in to_markdown(report).splitlines() if "MNT" in line)
    assert "\\`" not in markdown_row  # a code span, not escaped backticks


def _html_row(page: str, rule: str) -> str:
    return next(row for row in page.split("<tr>") if rule in row)


def test_html_has_a_chart_a_strict_policy_and_escapes_everything(seasoned: LearnerService):
    report = build_report(seasoned, '<script>alert("x")</script>&', NOW)
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


def test_a_verdict_needs_evidence_over_more_than_one_sitting():
    from mentor.models.learner.levels import FIRST_SESSION_HOURS, first_session

    day = FIRST_SESSION_HOURS * 3600 + 1
    assert first_session(0.0, 60.0, 50)  # one sitting, however much was seen
    assert first_session(0.0, day, 2)  # two days, but too few uses of any skill
    assert not first_session(0.0, day, 6)
