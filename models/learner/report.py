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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mentor.analyzers import Concept, Level, get_rule
from mentor.models.learner.evidence import Cause
from mentor.models.learner.levels import DEVELOPING_FROM, PROFICIENT_FROM, level_of
from mentor.models.learner.service import LearnerService
from mentor.models.learner.store import Event

TREND_POINTS = 0.03  # a change in mastery smaller than this is "steady"
_SPARKS = "▁▂▃▄▅▆▇█"
_MISTAKES = {Cause.NEW_FINDING, Cause.LASTING_SYNTAX_ERROR}
_FIXES = {Cause.FIXED_BY_HAND, Cause.FIXED_BY_QUICK_FIX}


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
        if len(self.history) < 2 or abs(self.change) < TREND_POINTS:
            return "steady"
        return "rising" if self.change > 0 else "falling"


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
                summary=rule.summary if rule else "",
                met=max(len(times), 1),
                fixed_by_hand=sum(cause is Cause.FIXED_BY_HAND for _, cause in fixes),
                fixed_by_quick_fix=sum(cause is Cause.FIXED_BY_QUICK_FIX for _, cause in fixes),
                first_met=min(seen),
                last_met=max(times) if times else min(seen),
                last_fixed=max((at for at, _ in fixes), default=None),
            )
        )
    return tuple(sorted(result, key=lambda m: (-m.met, m.rule)))


# -- Markdown ------------------------------------------------------------------------------


def to_markdown(report: ProgressReport) -> str:
    lines = [
        f"# Your Python progress: {_md(report.workspace)}",
        "",
        f"Overall level: **{report.overall_level.value}**. Generated {_when(report.generated)}.",
        "",
    ]
    if not report.skills:
        lines += [
            "No progress recorded yet. Mentor takes a snapshot when you save or pause typing, "
            "and learns from the mistakes you fix and the Python you use.",
            "",
        ]
    else:
        lines += [
            "| skill | level | mastery | trend | observations |",
            "|---|---|---|---|---|",
        ]
        for skill in report.skills:
            change = f"{skill.change * 100:+.0f} points" if skill.trend != "steady" else ""
            lines.append(
                f"| {_md(skill.skill.label)} | {skill.level_label} | {skill.mastery:.0%} | "
                f"{sparkline(skill.history)} {skill.trend} {change} | {skill.observations} |"
            )
        lines.append("")
    if report.misconceptions:
        lines += [
            "## Misconceptions met",
            "",
            "| rule | what | met | fixed by you | fixed by a quick fix | now |",
            "|---|---|---|---|---|---|",
        ]
        for item in report.misconceptions:
            state = "overcome" if item.overcome else "still to work on"
            lines.append(
                f"| `{_md(item.rule)}` ({item.code}) | {_md(item.summary)} | {item.met} | "
                f"{item.fixed_by_hand} | {item.fixed_by_quick_fix} | {state} |"
            )
        lines.append("")
    if report.unseen:
        names = ", ".join(_md(concept.label) for concept in report.unseen)
        lines += [f"Not seen yet: {names}.", ""]
    lines += [
        "Mastery is the chance that your next use of the skill is right, as Mentor's learner "
        "model estimates it. This report stays on your computer unless you export and share it.",
    ]
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


def _when(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


# -- HTML ----------------------------------------------------------------------------------

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_COLOURS = ("#1b6ca8", "#d1495b", "#2e8b57", "#edae49", "#6a4c93", "#00798c", "#8c564b")
_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "color:#222}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;"
    "padding:.3rem .6rem;text-align:left}th{background:#f3f3f3}.note{color:#555}"
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
        f"<p>Overall level: <strong>{e(report.overall_level.value)}</strong>. "
        f"Generated {e(_when(report.generated))}.</p>",
    ]
    if report.skills:
        parts.append(chart_svg(report.skills))
        parts.append(
            "<table><tr><th>skill</th><th>level</th><th>mastery</th><th>trend</th>"
            "<th>observations</th></tr>"
        )
        for skill in report.skills:
            parts.append(
                f"<tr><td>{e(skill.skill.label)}</td><td>{e(skill.level_label)}</td>"
                f"<td>{skill.mastery:.0%}</td><td>{e(skill.trend)} "
                f"({skill.change * 100:+.0f} points)</td><td>{skill.observations}</td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append("<p>No progress recorded yet.</p>")
    if report.misconceptions:
        parts.append(
            "<h2>Misconceptions met</h2><table><tr><th>rule</th><th>what</th><th>met</th>"
            "<th>fixed by you</th><th>fixed by a quick fix</th><th>now</th></tr>"
        )
        for item in report.misconceptions:
            state = "overcome" if item.overcome else "still to work on"
            parts.append(
                f"<tr><td><code>{e(item.rule)}</code> ({e(item.code)})</td>"
                f"<td>{e(item.summary)}</td><td>{item.met}</td><td>{item.fixed_by_hand}</td>"
                f"<td>{item.fixed_by_quick_fix}</td><td>{e(state)}</td></tr>"
            )
        parts.append("</table>")
    if report.unseen:
        names = ", ".join(concept.label for concept in report.unseen)
        parts.append(f'<p class="note">Not seen yet: {e(names)}.</p>')
    parts.append(
        '<p class="note">Mastery is the chance that your next use of the skill is right. '
        "This report stays on your computer unless you export and share it.</p>"
    )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def chart_svg(skills: Sequence[SkillProgress], width: int = 640, height: int = 260) -> str:
    """Mastery with practice, one line per skill, as inline SVG (no script, no external file).

    One step along the x axis per moment with evidence (a snapshot), not per second: a first
    session of a few minutes and a term of weeks both read as the practice they hold, as in a
    learning curve, and the dates under the axis say when it happened."""
    left, right, top, bottom = 40, 150, 10, 30
    moments = sorted({at for skill in skills for at, _ in skill.history})
    step = {at: index for index, at in enumerate(moments)}
    steps = max(len(moments) - 1, 1)
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(at: float) -> float:
        return left + step[at] / steps * plot_w

    def y(mastery: float) -> float:
        return top + (1.0 - mastery) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Mastery over time">',
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
    for index, skill in enumerate(skills):
        colour = _COLOURS[index % len(_COLOURS)]
        points = " ".join(f"{x(at):.1f},{y(m):.1f}" for at, m in skill.history)
        if len(skill.history) == 1:
            at, m = skill.history[0]
            parts.append(f'<circle cx="{x(at):.1f}" cy="{y(m):.1f}" r="3" fill="{colour}"/>')
        else:
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        legend_y = top + 14 * index + 8
        parts.append(
            f'<rect x="{width - right + 10}" y="{legend_y - 8}" width="10" height="10" '
            f'fill="{colour}"/><text x="{width - right + 24}" y="{legend_y + 1}" '
            f'font-size="11">{_html(skill.skill.label)}</text>'
        )
    parts.append(
        f'<text x="{left}" y="{height - 8}" font-size="11">{_html(_when(moments[0]))}</text>'
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 8}" font-size="11" '
        f'text-anchor="middle">practice \u2192</text>'
        f'<text x="{left + plot_w}" y="{height - 8}" font-size="11" text-anchor="end">'
        f"{_html(_when(moments[-1]))}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


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
