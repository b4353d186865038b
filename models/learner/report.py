"""The learner's progress report: mastery per skill, its trend, misconceptions met and overcome.

Built from the progress file alone, rendered as Markdown (any editor), HTML with an inline SVG
chart (no script, a strict Content-Security-Policy, every text escaped), and CSV / JSON for a
student who chooses to hand it to a teacher. A report never holds code or file names.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from mentor.analyzers import Concept, Level, get_rule
from mentor.models.learner.evidence import Cause
from mentor.models.learner.levels import (
    DEVELOPING_FROM,
    MIN_TREND_OBSERVATIONS,
    MIN_VERDICT_OBSERVATIONS,
    PROFICIENT_FROM,
    first_session,
    level_of,
)
from mentor.models.learner.runs import run_item_summary
from mentor.models.learner.service import LearnerService
from mentor.models.learner.store import Event

TREND_POINTS = 0.03  # a change in mastery smaller than this is "steady"
# A report is a first session's (what the student did, no verdict: no levels, no percentages,
# no trends) while levels.first_session says so (the same test as the status bar's).
MAX_CHART_LINES = 4  # the chart draws the skills with the most evidence; the table lists all
_SPARKS = "▁▂▃▄▅▆▇█"
_MISTAKES = {Cause.NEW_FINDING, Cause.LASTING_SYNTAX_ERROR, Cause.RUNTIME_ERROR}
_FIXES = {Cause.FIXED_BY_HAND, Cause.FIXED_BY_QUICK_FIX, Cause.FIXED_RUN}
_BY_HAND = {Cause.FIXED_BY_HAND, Cause.FIXED_RUN}  # a program that runs again was fixed by hand


@dataclass(frozen=True)
class SkillProgress:
    skill: Concept
    level: Level
    mastery: float
    evidence: float  # weighted observations
    observations: int
    history: tuple[tuple[float, float], ...]  # (time, mastery after the event)
    first_seen: float | None
    last_seen: float | None

    @property
    def change(self) -> float:
        """Mastery now minus mastery after the first observation."""
        return self.mastery - self.history[0][1] if self.history else 0.0

    @property
    def level_label(self) -> str:
        """The level, saying so when the mastery alone would put it higher: a skill moves up
        only once enough uses back it (see `levels`), so 69% can still read novice."""
        if level_of(self.mastery, math.inf) is not self.level:
            return f"{self.level.value} (a few more uses to move up)"
        return self.level.value

    @property
    def trend(self) -> str:
        """ "rising", "falling" or "steady"; "too early" below MIN_TREND_OBSERVATIONS."""
        if len(self.history) < MIN_TREND_OBSERVATIONS:
            return "too early"
        if abs(self.change) < TREND_POINTS:
            return "steady"
        return "rising" if self.change > 0 else "falling"

    @property
    def trend_label(self) -> str:
        """The trend with its size in points, or why there is none yet."""
        if self.trend == "too early":
            return f"too early to tell ({self.observations} of {MIN_TREND_OBSERVATIONS} uses)"
        if self.trend == "steady":
            return "steady"
        return f"{self.trend} ({self.change * 100:+.0f} points)"


@dataclass(frozen=True)
class MisconceptionProgress:
    rule: str  # the rule's name
    code: str
    summary: str
    met: int
    fixed_by_hand: int
    fixed_by_quick_fix: int
    first_met: float
    last_met: float
    last_fixed: float | None

    @property
    def overcome(self) -> bool:
        """Fixed, and not met again since."""
        return self.last_fixed is not None and self.last_fixed >= self.last_met


@dataclass(frozen=True)
class ProgressReport:
    workspace: str
    generated: float
    overall_level: Level
    skills: tuple[SkillProgress, ...]  # skills with evidence, in the Concept enum's order
    unseen: tuple[Concept, ...]
    misconceptions: tuple[MisconceptionProgress, ...]  # most often met first
    # The student's marks on the tutor's chat answers: counts only, never any text (None: no
    # conversations file). Plain data from `mentor.models.chat.FeedbackCounts.to_json`.
    tutor_feedback: dict[str, Any] | None = None

    @property
    def first_session(self) -> bool:
        """Too little evidence for a verdict: see levels.first_session."""
        if not self.skills:
            return True
        first = min(skill.first_seen or 0.0 for skill in self.skills)
        last = max(skill.last_seen or 0.0 for skill in self.skills)
        return first_session(first, last, max(skill.observations for skill in self.skills))

    @property
    def fixes(self) -> tuple[int, int]:
        """Mistakes fixed (by hand, by a quick fix)."""
        return (
            sum(item.fixed_by_hand for item in self.misconceptions),
            sum(item.fixed_by_quick_fix for item in self.misconceptions),
        )

    def fixes_sentence(self) -> str:
        """ "You fixed 2 mistakes (1 by hand, 1 with a quick fix)." or ""."""
        by_hand, by_quick_fix = self.fixes
        total = by_hand + by_quick_fix
        if not total:
            return ""
        how = []
        if by_hand:
            how.append(f"{by_hand} by hand")
        if by_quick_fix:
            how.append(f"{by_quick_fix} with a quick fix")
        noun = "mistake" if total == 1 else "mistakes"
        return f"You fixed {total} {noun} ({', '.join(how)})."


def build_report(service: LearnerService, workspace: str, now: float) -> ProgressReport:
    events = service.events()
    by_skill: dict[str, list[Event]] = {}
    for event in events:
        by_skill.setdefault(event.skill, []).append(event)
    skills, unseen = [], []
    for status in service.statuses():
        mine = by_skill.get(status.skill.value, [])
        if not mine:
            unseen.append(status.skill)
            continue
        skills.append(
            SkillProgress(
                skill=status.skill,
                level=status.level,
                mastery=status.mastery,
                evidence=status.evidence,
                observations=len(mine),
                history=tuple((event.at, event.mastery) for event in mine),
                first_seen=mine[0].at,
                last_seen=mine[-1].at,
            )
        )
    return ProgressReport(
        workspace=workspace,
        generated=now,
        overall_level=service.overall_level(),
        skills=tuple(skills),
        unseen=tuple(unseen),
        misconceptions=_misconceptions(events),
    )


def _misconceptions(events: Sequence[Event]) -> tuple[MisconceptionProgress, ...]:
    # One rule teaches several skills, so one finding is stored once per skill: count each
    # (time, rule, cause) once.
    seen: set[tuple[float, str, str, str]] = set()
    met: dict[str, list[float]] = {}
    fixed: dict[str, list[tuple[float, Cause]]] = {}
    for event in events:
        key = (event.at, event.document, event.item, event.cause.value)
        if key in seen or event.item.startswith("use:"):
            continue
        seen.add(key)
        if event.cause in _MISTAKES:
            met.setdefault(event.item, []).append(event.at)
        elif event.cause in _FIXES:
            fixed.setdefault(event.item, []).append((event.at, event.cause))
    result = []
    # A mistake fixed without having been counted as new (it was there when Mentor first saw
    # the file) was met all the same.
    for name in sorted(set(met) | set(fixed)):
        rule = get_rule(name)
        times = met.get(name, [])
        fixes = fixed.get(name, [])
        seen = times or [at for at, _ in fixes]
        result.append(
            MisconceptionProgress(
                rule=name,
                code=rule.code if rule else "",
                summary=rule.summary if rule else run_item_summary(name),
                met=max(len(times), 1),
                fixed_by_hand=sum(cause in _BY_HAND for _, cause in fixes),
                fixed_by_quick_fix=sum(cause is Cause.FIXED_BY_QUICK_FIX for _, cause in fixes),
                first_met=min(seen),
                last_met=max(times) if times else min(seen),
                last_fixed=max((at for at, _ in fixes), default=None),
            )
        )
    return tuple(sorted(result, key=lambda m: (-m.met, m.rule)))


# -- Markdown ------------------------------------------------------------------------------


FIRST_SESSION_NOTE = (
    "This is the start: here is what you did. Levels and trends appear once Mentor has seen "
    f"more of your Python (at least {MIN_VERDICT_OBSERVATIONS} uses of a skill, over more than "
    "one sitting)."
)
_FOOTER = "This report stays on your computer unless you export and share it."
_MASTERY_NOTE = (
    "Mastery is the chance that your next use of the skill is right, as Mentor's learner "
    "model estimates it."
)


def to_markdown(report: ProgressReport) -> str:
    lines = [f"# Your Python progress: {_md(report.workspace)}", ""]
    if report.first_session:
        lines += [f"Generated {_when(report.generated)}.", ""]
    else:
        lines += [
            f"Overall level: **{report.overall_level.value}**. "
            f"Generated {_when(report.generated)}.",
            "",
        ]
    if report.fixes_sentence():
        lines += [f"**{report.fixes_sentence()}**", ""]
    if not report.skills:
        lines += [
            "No progress recorded yet. Mentor takes a snapshot when you save or pause typing, "
            "and learns from the mistakes you fix and the Python you use.",
            "",
        ]
    elif report.first_session:
        lines += [FIRST_SESSION_NOTE, "", "| skill you used | times Mentor saw it |", "|---|---|"]
        for skill in report.skills:
            lines.append(f"| {_md(skill.skill.label)} | {skill.observations} |")
        lines.append("")
    else:
        lines += [
            "| skill | level | mastery | trend | observations |",
            "|---|---|---|---|---|",
        ]
        for skill in report.skills:
            spark = sparkline(skill.history) + " " if skill.trend != "too early" else ""
            lines.append(
                f"| {_md(skill.skill.label)} | {skill.level_label} | {skill.mastery:.0%} | "
                f"{spark}{skill.trend_label} | {skill.observations} |"
            )
        lines.append("")
    if report.misconceptions:
        lines += [
            "## Mistakes met",
            "",
            "| rule | what | met | fixed by you | fixed by a quick fix | now |",
            "|---|---|---|---|---|---|",
        ]
        for item in report.misconceptions:
            state = "overcome" if item.overcome else "still to work on"
            lines.append(
                f"| `{_md_code(item.rule)}` ({item.code}) | {_md_inline(item.summary)} | "
                f"{item.met} | {item.fixed_by_hand} | {item.fixed_by_quick_fix} | {state} |"
            )
        lines.append("")
    if report.unseen:
        names = ", ".join(_md(concept.label) for concept in report.unseen)
        lines += [f"Not seen yet: {names}.", ""]
    lines.append(_FOOTER if report.first_session else f"{_MASTERY_NOTE} {_FOOTER}")
    return "\n".join(lines) + "\n"


def sparkline(history: Sequence[tuple[float, float]], width: int = 12) -> str:
    if not history:
        return ""
    values = [mastery for _, mastery in history]
    if len(values) > width:  # keep the first, the last and evenly spread points between
        step = (len(values) - 1) / (width - 1)
        values = [values[round(i * step)] for i in range(width)]
    return "".join(_SPARKS[min(int(v * len(_SPARKS)), len(_SPARKS) - 1)] for v in values)


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell (and inert: no HTML, no links)."""
    escaped = html.escape(" ".join(text.split()), quote=False)
    for char in "\\|`*_[]":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def _md_code(text: str) -> str:
    """Text inside a Markdown code span in a table cell: literal, but a pipe ends the cell."""
    return " ".join(text.replace("`", "'").split()).replace("|", "\\|")


def _md_inline(text: str) -> str:
    """Text with `code` spans kept as code spans, everything else inert (see `_md`)."""
    parts = _code_spans(" ".join(text.split()))
    return "".join(
        f"`{_md_code(part)}`" if code else _keep_edges(part, _md) for code, part in parts
    )


def _keep_edges(text: str, escape: Callable[[str], str]) -> str:
    """`escape(text)` with the spaces at its ends kept (they separate it from a code span)."""
    head = " " if text[:1].isspace() else ""
    tail = " " if text[-1:].isspace() and text.strip() else ""
    return head + escape(text) + tail


def _code_spans(text: str) -> list[tuple[bool, str]]:
    """(is code, text) pieces of `text` split at paired backticks; an unpaired one stays text."""
    pieces = text.split("`")
    if len(pieces) % 2 == 0:  # an odd number of backticks: the last one is plain text
        pieces[-2:] = [pieces[-2] + "`" + pieces[-1]]
    return [(index % 2 == 1, piece) for index, piece in enumerate(pieces) if piece]


def _when(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


# -- HTML ----------------------------------------------------------------------------------

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
# Okabe and Ito's palette, told apart with the common colour blindnesses; a dash pattern each too
_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7")
_DASHES = ("", ' stroke-dasharray="8 3"', ' stroke-dasharray="2 3"', ' stroke-dasharray="8 3 2 3"')
_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "color:#222}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;"
    "padding:.3rem .6rem;text-align:left}th{background:#f3f3f3}.note{color:#555}"
    ".fixed{font-size:1.2rem;font-weight:600;color:#1d6b3a}code{background:#f3f3f3;padding:0 .2rem}"
    "td:first-child code{white-space:nowrap}"
    # The chart scales down to a narrow panel (VS Code opens the report beside the code)
    # instead of cutting off its legend.
    "svg{max-width:100%;height:auto}"
)


def to_html(report: ProgressReport) -> str:
    e = _html
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>Python progress: {e(report.workspace)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>Your Python progress: {e(report.workspace)}</h1>",
    ]
    if report.first_session:
        parts.append(f"<p>Generated {e(_when(report.generated))}.</p>")
    else:
        parts.append(
            f"<p>Overall level: <strong>{e(report.overall_level.value)}</strong>. "
            f"Generated {e(_when(report.generated))}.</p>"
        )
    if report.fixes_sentence():
        parts.append(f'<p class="fixed">{e(report.fixes_sentence())}</p>')
    if not report.skills:
        parts.append("<p>No progress recorded yet.</p>")
    elif report.first_session:
        parts.append(f"<p>{e(FIRST_SESSION_NOTE)}</p>")
        parts.append(practice_svg(report.skills))
        parts.append("<table><tr><th>skill you used</th><th>times Mentor saw it</th></tr>")
        for skill in report.skills:
            parts.append(f"<tr><td>{e(skill.skill.label)}</td><td>{skill.observations}</td></tr>")
        parts.append("</table>")
    else:
        charted = chart_skills(report.skills)
        parts.append(chart_svg(charted))
        if len(charted) < len(report.skills):
            parts.append(
                f'<p class="note">The chart shows the {len(charted)} skills with the most '
                "practice; the table lists them all.</p>"
            )
        parts.append(
            "<table><tr><th>skill</th><th>level</th><th>mastery</th><th>trend</th>"
            "<th>observations</th></tr>"
        )
        for skill in report.skills:
            parts.append(
                f"<tr><td>{e(skill.skill.label)}</td><td>{e(skill.level_label)}</td>"
                f"<td>{skill.mastery:.0%}</td><td>{e(skill.trend_label)}</td>"
                f"<td>{skill.observations}</td></tr>"
            )
        parts.append("</table>")
    if report.misconceptions:
        parts.append(
            "<h2>Mistakes met</h2><table><tr><th>rule</th><th>what</th><th>met</th>"
            "<th>fixed by you</th><th>fixed by a quick fix</th><th>now</th></tr>"
        )
        for item in report.misconceptions:
            state = "overcome" if item.overcome else "still to work on"
            parts.append(
                f"<tr><td><code>{e(item.rule)}</code> ({e(item.code)})</td>"
                f"<td>{_html_inline(item.summary)}</td><td>{item.met}</td>"
                f"<td>{item.fixed_by_hand}</td><td>{item.fixed_by_quick_fix}</td>"
                f"<td>{e(state)}</td></tr>"
            )
        parts.append("</table>")
    if report.unseen:
        names = ", ".join(concept.label for concept in report.unseen)
        parts.append(f'<p class="note">Not seen yet: {e(names)}.</p>')
    note = _FOOTER if report.first_session else f"{_MASTERY_NOTE} {_FOOTER}"
    parts.append(f'<p class="note">{e(note)}</p>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def chart_skills(skills: Sequence[SkillProgress]) -> tuple[SkillProgress, ...]:
    """The MAX_CHART_LINES skills with the most observations (then weight), in the report's
    order."""
    most = sorted(skills, key=lambda skill: (-skill.observations, -skill.evidence))
    most = most[:MAX_CHART_LINES]
    return tuple(skill for skill in skills if skill in most)


def chart_svg(skills: Sequence[SkillProgress], width: int = 640, height: int = 260) -> str:
    """Mastery with practice, one line per skill, as inline SVG (no script, no external file).

    One step along the x axis per moment with evidence (a snapshot), not per second: a first
    session of a few minutes and a term of weeks both read as the practice they hold, as in a
    learning curve, and the dates under the axis say when it happened. At most MAX_CHART_LINES
    lines (more overlap into a tangle), in colours told apart also by colour-blind readers,
    with the legend under the plot, where every label fits whole."""
    skills = chart_skills(skills)
    left, right, top, axis = 40, 20, 10, 30
    legend = [_wrap(skill.skill.label, 40) for skill in skills]
    row_h = 16
    # two columns; a row is as tall as its longer (wrapped) label
    row_lines = [max(len(lines) for lines in legend[i : i + 2]) for i in range(0, len(legend), 2)]
    row_tops = [sum(row_lines[:row]) * row_h for row in range(len(row_lines))]
    legend_h = sum(row_lines) * row_h
    plot_h = height - top - axis
    total_h = height + legend_h + 8
    moments = sorted({at for skill in skills for at, _ in skill.history})
    step = {at: index for index, at in enumerate(moments)}
    steps = max(len(moments) - 1, 1)
    plot_w = width - left - right

    def x(at: float) -> float:
        return left + step[at] / steps * plot_w

    def y(mastery: float) -> float:
        return top + (1.0 - mastery) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{total_h}" '
        f'viewBox="0 0 {width} {total_h}" role="img" aria-label="Mastery over time">',
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" '
        'stroke="#999"/>',
    ]
    for value in (0.0, 0.5, 1.0):
        parts.append(
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" font-size="11" '
            f'text-anchor="end">{value:.0%}</text>'
        )
    for value, name in ((DEVELOPING_FROM, "developing"), (PROFICIENT_FROM, "proficient")):
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="#bbb" stroke-dasharray="4 3"><title>{name}</title></line>'
        )
    legend_top = height + 4
    for index, skill in enumerate(skills):
        colour = _COLOURS[index % len(_COLOURS)]
        dash = _DASHES[index % len(_DASHES)]
        points = " ".join(f"{x(at):.1f},{y(m):.1f}" for at, m in skill.history)
        if len(skill.history) == 1:
            at, m = skill.history[0]
            parts.append(f'<circle cx="{x(at):.1f}" cy="{y(m):.1f}" r="3" fill="{colour}"/>')
        else:
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"'
                f"{dash}/>"
            )
        row_y = legend_top + row_tops[index // 2]
        col_x = left + (index % 2) * (plot_w // 2)
        parts.append(
            f'<line x1="{col_x}" x2="{col_x + 22}" y1="{row_y + 8}" y2="{row_y + 8}" '
            f'stroke="{colour}" stroke-width="3"{dash}/>'
        )
        text = "".join(
            f'<tspan x="{col_x + 28}" dy="{0 if n == 0 else row_h}">{_html(line)}</tspan>'
            for n, line in enumerate(legend[index])
        )
        parts.append(f'<text x="{col_x + 28}" y="{row_y + 12}" font-size="12">{text}</text>')
    parts.append(
        f'<text x="{left}" y="{height - 10}" font-size="11">{_html(_when(moments[0]))}</text>'
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 10}" font-size="11" '
        f'text-anchor="middle">practice \u2192</text>'
        f'<text x="{left + plot_w}" y="{height - 10}" font-size="11" text-anchor="end">'
        f"{_html(_when(moments[-1]))}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def practice_svg(skills: Sequence[SkillProgress], width: int = 480) -> str:
    """A first session's chart: how often each skill was used, one bar each (no mastery, no
    percentages: counts of what the student did)."""
    label_w, bar_h, gap, top = 200, 14, 8, 6
    rows = [(_wrap(skill.skill.label, 30), skill.observations) for skill in skills]
    most = max(count for _, count in rows)
    heights = [max(len(lines) * 14, bar_h) + gap for lines, _ in rows]
    height = top + sum(heights)
    bar_room = width - label_w - 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="What you practised">'
    ]
    y = top
    for (lines, count), row_h in zip(rows, heights, strict=True):
        text = "".join(
            f'<tspan x="{label_w - 8}" dy="{0 if n == 0 else 14}">{_html(line)}</tspan>'
            for n, line in enumerate(lines)
        )
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 11}" font-size="12" text-anchor="end">{text}</text>'
            f'<rect x="{label_w}" y="{y}" width="{max(count / most * bar_room, 2):.1f}" '
            f'height="{bar_h}" fill="{_COLOURS[0]}"/>'
            f'<text x="{label_w + count / most * bar_room + 6:.1f}" y="{y + 11}" '
            f'font-size="12">{count}</text>'
        )
        y += row_h
    parts.append("</svg>")
    return "".join(parts)


def _wrap(label: str, width: int) -> list[str]:
    """A label in lines of at most `width` characters, broken between words only."""
    return textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=False) or [""]


def _html_inline(text: str) -> str:
    """Text with `code` spans as <code>, everything else escaped."""
    return "".join(
        f"<code>{_html(part)}</code>" if code else _html(part)
        for code, part in _code_spans(" ".join(text.split()))
    )


def _html(text: str) -> str:
    return html.escape(text, quote=True)


# -- exports for the teacher ---------------------------------------------------------------


def to_json(report: ProgressReport) -> dict[str, Any]:
    """Everything in the report as plain data (no code, no file names)."""
    return {
        "format": "mentor-progress/1",
        "workspace": report.workspace,
        "generated": _iso(report.generated),
        "overall_level": report.overall_level.value,
        "skills": [
            {
                "skill": skill.skill.value,
                "level": skill.level.value,
                "mastery": round(skill.mastery, 4),
                "evidence": round(skill.evidence, 3),
                "observations": skill.observations,
                "trend": skill.trend,
                "change": round(skill.change, 4),
                "first_seen": _iso(skill.first_seen),
                "last_seen": _iso(skill.last_seen),
                "history": [[_iso(at), round(m, 4)] for at, m in skill.history],
            }
            for skill in report.skills
        ],
        "not_seen": [concept.value for concept in report.unseen],
        "misconceptions": [
            {
                "rule": item.rule,
                "code": item.code,
                "met": item.met,
                "fixed_by_hand": item.fixed_by_hand,
                "fixed_by_quick_fix": item.fixed_by_quick_fix,
                "overcome": item.overcome,
                "first_met": _iso(item.first_met),
                "last_met": _iso(item.last_met),
                "last_fixed": _iso(item.last_fixed),
            }
            for item in report.misconceptions
        ],
        **({"tutor_feedback": report.tutor_feedback} if report.tutor_feedback else {}),
    }


CSV_COLUMNS = (
    "kind",
    "name",
    "level",
    "mastery",
    "trend",
    "observations",
    "met",
    "fixed_by_hand",
    "fixed_by_quick_fix",
    "overcome",
    "first_seen",
    "last_seen",
)


def to_csv(report: ProgressReport) -> str:
    """One row per skill seen and per misconception met."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for skill in report.skills:
        writer.writerow(
            {
                "kind": "skill",
                "name": skill.skill.value,
                "level": skill.level.value,
                "mastery": f"{skill.mastery:.4f}",
                "trend": skill.trend,
                "observations": skill.observations,
                "first_seen": _iso(skill.first_seen),
                "last_seen": _iso(skill.last_seen),
            }
        )
    for item in report.misconceptions:
        writer.writerow(
            {
                "kind": "misconception",
                "name": item.rule,
                "met": item.met,
                "fixed_by_hand": item.fixed_by_hand,
                "fixed_by_quick_fix": item.fixed_by_quick_fix,
                "overcome": str(item.overcome).lower(),
                "first_seen": _iso(item.first_met),
                "last_seen": _iso(item.last_met),
            }
        )
    feedback = report.tutor_feedback or {}
    for name, key in (("helpful", "helpful"), ("not-helpful", "not_helpful")):
        if feedback:
            writer.writerow(
                {"kind": "tutor-feedback", "name": name, "observations": feedback.get(key, 0)}
            )
    return out.getvalue()


def export(report: ProgressReport, kind: str) -> str:
    if kind == "csv":
        return to_csv(report)
    if kind == "json":
        return json.dumps(to_json(report), indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"unknown export format {kind!r} (csv or json)")


def _iso(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    return dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).isoformat(timespec="seconds")


# -- recognising Mentor's own files ----------------------------------------------------------

_MARKDOWN_START = "# Your Python progress: "
_HTML_START = "<!DOCTYPE html>"
_JSON_FORMAT = '"format": "mentor-progress/'


def is_mentor_page(text: str) -> bool:
    """Whether `text` is a progress report page Mentor wrote (Markdown or HTML)."""
    if text.startswith(_MARKDOWN_START):
        return True
    return text.startswith(_HTML_START) and "<title>Python progress: " in text[:2000]


def is_mentor_export(text: str) -> bool:
    """Whether `text` is an export Mentor wrote (`export`): JSON whose first key is Mentor's
    format, or CSV whose header row is Mentor's columns."""
    first_line = text.split("\n", 1)[0].strip()
    if first_line == ",".join(CSV_COLUMNS):
        return True
    return text.startswith("{") and text[:200].lstrip("{ \n").startswith(_JSON_FORMAT)
