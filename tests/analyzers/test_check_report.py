"""What the student reads after a check: per-case words for their level, and the program's
own output kept inside code, where it cannot become Markdown."""

from __future__ import annotations

from mentor.analyzers import Level
from mentor.analyzers.runtime.check import CaseResult, CheckResult
from mentor.analyzers.runtime.check_report import failing_case_text, summary_markdown
from mentor.models.llm.markdown_guard import plain_text


def result(*cases: CaseResult, kind: str = "function") -> CheckResult:
    return CheckResult("Sum", kind, cases, isolation="test")


FAILED = CaseResult("total([1])", "failed", input="total([1])", expected="1", got="0")


def test_the_words_follow_the_learners_level():
    novice = summary_markdown(result(FAILED), Level.NOVICE)
    proficient = summary_markdown(result(FAILED), Level.PROFICIENT)
    assert "`total([1])` should give `1`, but it gave `0`." in novice
    assert "Ask Mentor for a hint" in novice
    assert "expected `1`, got `0`" in proficient and "Ask Mentor" not in proficient


def test_output_that_looks_like_markdown_stays_code():
    printed = "```\n[click](command:evil) <img src=x>\n```"
    case = CaseResult("input 1", "failed", input="1\n", expected="2\n", got=printed)
    markdown = summary_markdown(result(case, kind="script"), Level.NOVICE)
    fence = next(line.strip() for line in markdown.splitlines() if line.strip().startswith("````"))
    assert len(fence) >= 4  # longer than the program's own ``` : it cannot close the block
    assert "[click](command:evil)" in plain_text(markdown)  # shown as text, never as a link


def test_a_timeout_and_a_crash_say_what_happened():
    timeout = CaseResult("total([])", "timeout", error="it ran out of time (an endless loop?)")
    crash = CaseResult("total([2])", "error", error="ZeroDivisionError: division by zero", line=3)
    markdown = summary_markdown(result(timeout, crash), Level.NOVICE)
    assert "0 of 2 checks pass." in markdown
    assert "Your code did not finish in time: it ran out of time" in markdown
    assert "Your code stopped with an error (line 3): ZeroDivisionError" in markdown
    grounding = failing_case_text(result(crash))
    assert "What happened: ZeroDivisionError" in grounding and "line 3" in grounding


def test_each_case_is_named_once_and_its_mark_says_it_in_words():
    passed = CaseResult("total([])", "passed", input="total([])", expected="0", got="0")
    markdown = summary_markdown(result(FAILED, passed), Level.NOVICE)
    assert markdown.count("total([1])") == 1  # the sentence names the call: no repeated name
    assert "❌ does not pass: `total([1])` should give `1`, but it gave `0`." in markdown
    assert "✅ passes: `total([])`" in markdown
