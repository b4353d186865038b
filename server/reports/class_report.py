"""The class report: who the students are, their files checked in parallel, the class tallies.

Students are found from the folder layout (documented in docs/teachers.md):

- each folder directly inside the class folder is one student, and every `.py` file under it
  (at any depth) is theirs;
- each `.py` file directly inside the class folder is one student on its own.

Both may be mixed. A student is named by their folder or file name, relative to the class
folder, so the names are unique.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from mentor.analyzers import AnalysisSettings, Concept, Level, all_rules, analyze, get_rule
from mentor.analyzers.competence import Evidence, combined, estimate
from mentor.analyzers.insights import insights
from mentor.analyzers.metrics import best_practice_score
from mentor.server import reports
from mentor.server.reports.files import find_python_files, read_source

TOP_CHART_ITEMS = 12
TOP_RULES_PER_STUDENT = 3
_SPREADSHEET_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Submission:
    """One file of one student."""

    student: str
    path: Path
    shown_path: str  # relative to the class folder


@dataclass(frozen=True)
class FileResult:
    """What checking one file gave: its JSON report, and the evidence for the competence."""

    submission: Submission
    report: dict[str, Any]
    evidence: Evidence | None = None  # None when the file could not be read

    @property
    def error(self) -> str | None:
        return self.report.get("error")


@dataclass
class StudentSummary:
    """One row of the CSV: everything of one student added up."""

    student: str
    files: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    lines: int = 0
    findings: int = 0
    rule_counts: Counter[str] = field(default_factory=Counter)
    concept_uses: Counter[str] = field(default_factory=Counter)
    syntax_error_causes: list[str] = field(default_factory=list)
    weighted_findings: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def best_practice(self) -> float | None:
        if self.files == len(self.unreadable):
            return None
        return best_practice_score(self.weighted_findings, self.lines)

    def competence(self) -> tuple[str, float | None]:
        if not self.evidence:
            return "", None
        estimated = estimate(combined(self.evidence))
        return estimated.level.value, estimated.score

    @property
    def top_rules(self) -> list[tuple[str, int]]:
        return self.rule_counts.most_common(TOP_RULES_PER_STUDENT)


def find_submissions(class_folder: Path) -> list[Submission]:
    """Every Python file of the class, with the student it belongs to (see the module doc)."""
    found = find_python_files([class_folder]).found
    submissions = []
    for path in found:
        relative = path.relative_to(class_folder)
        submissions.append(Submission(relative.parts[0], path, relative.as_posix()))
    return submissions


def layout_of(submissions: Iterable[Submission]) -> str:
    """How students were told apart, in words for the report."""
    kinds = {
        "folder" if Path(s.shown_path).parts[0] != s.shown_path else "file" for s in submissions
    }
    if kinds == {"folder"}:
        return "one folder per student"
    if kinds == {"file"}:
        return "one file per student"
    return "folders and single files, one per student"


def check_submission(
    submission: Submission, level: Level, disabled: frozenset[str] = frozenset()
) -> FileResult:
    """Read and analyse one file (runs in a worker process). Never raises."""
    source = read_source(submission.path)
    if source.error is not None:
        return FileResult(submission, reports.unreadable_file(submission.shown_path, source.error))
    try:
        analysis = analyze(source.text, str(submission.path), AnalysisSettings(disabled=disabled))
        found = insights(analysis, level)
        report = {
            **reports.findings_report(submission.shown_path, analysis, level),
            **reports.insights_json(found),
        }
    except Exception as error:  # a bug of Mentor's must cost one file, not the class report
        message = f"Mentor failed on this file ({type(error).__name__}: {error})"
        return FileResult(submission, reports.unreadable_file(submission.shown_path, message))
    return FileResult(submission, report, found.evidence)


def check_all(
    submissions: list[Submission],
    level: Level,
    disabled: frozenset[str] = frozenset(),
    *,
    jobs: int = 1,
    progress: bool = True,
) -> list[FileResult]:
    """Check every file, `jobs` worker processes at a time, with a progress bar on stderr."""
    bar = tqdm(
        total=len(submissions), desc="Checking", unit="file", file=sys.stderr, disable=not progress
    )
    with bar:
        results = list(_check_each(submissions, level, disabled, jobs, bar))
    return sorted(results, key=lambda result: result.submission.shown_path)


def _check_each(
    submissions: list[Submission], level: Level, disabled: frozenset[str], jobs: int, bar: tqdm
) -> Iterator[FileResult]:
    if jobs == 1 or len(submissions) == 1:
        for submission in submissions:
            yield check_submission(submission, level, disabled)
            bar.update()
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(submissions))) as pool:
        futures: dict[Future[FileResult], Submission] = {
            pool.submit(check_submission, submission, level, disabled): submission
            for submission in submissions
        }
        for future in as_completed(futures):
            bar.update()
            try:
                yield future.result()
            except Exception as error:  # a worker died (out of memory, killed): lose one file
                lost = futures[future]
                message = f"Mentor could not check this file ({type(error).__name__})"
                yield FileResult(lost, reports.unreadable_file(lost.shown_path, message))


def summarise(results: Iterable[FileResult]) -> list[StudentSummary]:
    """One summary per student, sorted by name."""
    students: dict[str, StudentSummary] = {}
    for result in results:
        name = result.submission.student
        summary = students.setdefault(name, StudentSummary(name))
        summary.files += 1
        if result.error is not None:
            summary.unreadable.append((result.submission.shown_path, result.error))
            continue
        report = result.report
        summary.lines += report["metrics"]["lines"]["code"]
        summary.weighted_findings += report["metrics"]["weighted_findings"]
        summary.findings += len(report["findings"])
        summary.rule_counts.update(finding["name"] for finding in report["findings"])
        for use in report["concepts"]:
            summary.concept_uses[use["concept"]] += use["count"]
        if report["syntax_error"] is not None:
            summary.syntax_error_causes.append(report["syntax_error"]["cause"])
        if result.evidence is not None:
            summary.evidence.append(result.evidence)
    return [students[name] for name in sorted(students, key=str.casefold)]


def rule_columns() -> list[str]:
    return [rule.name for rule in all_rules()]


def concept_columns() -> list[str]:
    return [concept.value for concept in Concept if concept is not Concept.SYNTAX]


def write_csv(summaries: list[StudentSummary], path: Path) -> None:
    """One row per student: totals, then a count per rule (`finding:`) and concept (`uses:`)."""
    rules = rule_columns()
    concepts = concept_columns()
    header = [
        "student",
        "files",
        "unreadable_files",
        "lines_of_code",
        "findings",
        "syntax_errors",
        "syntax_error_causes",
        "best_practice",
        "competence",
        "competence_score",
        *(f"finding:{name}" for name in rules),
        *(f"uses:{name}" for name in concepts),
    ]
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for s in summaries:
            level, score = s.competence()
            writer.writerow(
                [
                    spreadsheet_safe(s.student),
                    s.files,
                    len(s.unreadable),
                    s.lines,
                    s.findings,
                    len(s.syntax_error_causes),
                    ";".join(s.syntax_error_causes),
                    "" if s.best_practice is None else s.best_practice,
                    level,
                    "" if score is None else score,
                    *(s.rule_counts.get(name, 0) for name in rules),
                    *(s.concept_uses.get(name, 0) for name in concepts),
                ]
            )


def spreadsheet_safe(text: str) -> str:
    """A student's folder named `=HYPERLINK(...)` must stay text in a spreadsheet."""
    return "'" + text if text.startswith(_SPREADSHEET_FORMULA) else text


def page_data(
    title: str, summaries: list[StudentSummary], results: list[FileResult], level: Level
) -> dict[str, Any]:
    """What the class report's HTML page shows."""
    misconceptions: Counter[str] = Counter()
    concepts: Counter[str] = Counter()
    for summary in summaries:
        for name in summary.rule_counts:
            rule = get_rule(name)
            if rule is not None and not rule.syntax:
                misconceptions[name] += 1
        concepts.update(summary.concept_uses.keys())
    causes = Counter(cause for s in summaries for cause in s.syntax_error_causes)
    unreadable = [{"path": path, "error": error} for s in summaries for path, error in s.unreadable]
    return {
        "title": title,
        "level": level.value,
        "layout": layout_of(result.submission for result in results),
        "file_count": len(results),
        "total_lines": sum(s.lines for s in summaries),
        "syntax_error_files": sum(causes.values()),
        "misconceptions": misconceptions.most_common(TOP_CHART_ITEMS),
        "causes": causes.most_common(TOP_CHART_ITEMS),
        "concepts": concepts.most_common(),
        "unreadable": unreadable,
        "students": [
            {
                "student": s.student,
                "files": s.files,
                "lines": s.lines,
                "findings": s.findings,
                "syntax_error_causes": s.syntax_error_causes,
                "best_practice": s.best_practice,
                "competence": s.competence()[0],
                "top_rules": s.top_rules,
            }
            for s in summaries
        ],
    }
