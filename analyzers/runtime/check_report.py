"""What a check says: a summary for the student (Markdown for the editor, plain text for the
terminal), and the first failing case as grounding for the tutor's hint.

Everything that came from the student's program (values, output, errors) is data: it goes into
code spans and fenced blocks the program cannot close, never into the sentences themselves.
"""

from __future__ import annotations

from mentor.analyzers import Level
from mentor.analyzers.runtime.check import CaseResult, CheckResult
from mentor.models.llm.markdown_guard import code_span, escape, fence

MAX_LISTED = 30  # cases listed one by one; the rest are counted
_MARK = {
    "passed": "✅",
    "failed": "❌",
    "error": "💥",
    "timeout": "⏱️",
    "output": "📜",
    "not run": "⏭️",
}
_WORD = {
    "passed": "passes",
    "failed": "does not pass",
    "error": "stopped",
    "timeout": "too slow",
    "output": "too much output",
    "not run": "not run",
}


def headline(result: CheckResult) -> str:
    """One line: how many cases pass."""
    total = len(result.cases)
    if total == 0:
        return "The teacher's tests have no cases to run."
    if result.passed == total:
        return f"All {total} check{'s' if total != 1 else ''} pass."
    return f"{result.passed} of {total} checks pass."


def summary_markdown(result: CheckResult, level: Level) -> str:
    """The student's view: the headline, then each case with what went in, what was expected
    and what came out (or the error), in words for their level."""
    title = f"**Check my work: {escape(result.title)}**" if result.title else "**Check my work**"
    lines = [title, "", headline(result), ""]
    for case in result.cases[:MAX_LISTED]:
        lines += _case_markdown(case, result.kind, level)
    hidden = len(result.cases) - MAX_LISTED
    if hidden > 0:
        lines.append(f"…and {hidden} more ({_count_passed(result.cases[MAX_LISTED:])} pass).")
    if result.failing and level is Level.NOVICE:
        lines += ["", "Ask Mentor for a hint about the first case that does not pass."]
    return "\n".join(lines).rstrip() + "\n"


def summary_text(result: CheckResult, level: Level) -> str:
    """The terminal's view (`mentor check FILE`): the same, without Markdown."""
    lines = [
        f"Check my work: {result.title}" if result.title else "Check my work",
        headline(result),
    ]
    for case in result.cases[:MAX_LISTED]:
        status = "PASS" if case.passed else "FAIL"
        words = [] if case.passed else _case_words(case, result.kind, level)
        if words and words[0].startswith(case.name):  # the sentence names the call itself
            lines.append(f"  {status}  {words.pop(0)}")
        else:
            lines.append(f"  {status}  {case.name}")
        lines += [f"        {line}" for line in words]
    hidden = len(result.cases) - MAX_LISTED
    if hidden > 0:
        lines.append(f"  …and {hidden} more ({_count_passed(result.cases[MAX_LISTED:])} pass)")
    return "\n".join(lines) + "\n"


def failing_case_text(result: CheckResult) -> str:
    """The first case that does not pass, as facts for the tutor's prompt ("" when all pass).
    The values are the program's own output: the prompt shows them as data."""
    failing = result.failing
    if not failing:
        return ""
    case = failing[0]
    words = [f"A test from the teacher does not pass: {case.name}"]
    if result.kind == "script":
        words.append(f"Input given to the program:\n{_block(case.input or '(no input)')}")
        words.append(f"Expected output:\n{_block(case.expected)}")
        if case.status == "failed":
            words.append(f"What the program printed:\n{_block(case.got or '(nothing)')}")
    else:
        if case.input:
            words.append(f"Call: {case.input}")
        if case.expected:
            words.append(f"Expected: {case.expected}")
        if case.status == "failed" and case.got:
            words.append(f"Got: {case.got}")
    if case.error:
        words.append(f"What happened: {case.error}")
    if case.line:
        words.append(f"It stopped on line {case.line} of the student's file.")
    others = len(failing) - 1
    if others:
        words.append(f"{others} more case(s) do not pass either.")
    return "\n".join(words)


def _case_markdown(case: CaseResult, kind: str, level: Level) -> list[str]:
    # The mark's word too: an emoji the student's font lacks still leaves the meaning.
    mark = f"{_MARK.get(case.status, '•')} {_WORD.get(case.status, case.status)}:"
    name = code_span(case.name) if kind != "script" else escape(case.name)
    words = [] if case.passed else _case_words(case, kind, level, markdown=True)
    if words and words[0].startswith(name):  # "`total([1])` should give `1`, …" names it
        lines = [f"- {mark} {words.pop(0)}"]
    else:
        lines = [f"- {mark} {name}"]
    for sentence in words:
        lines.append(f"  {sentence}" if not sentence.startswith("```") else _indent(sentence))
    return lines


def _case_words(case: CaseResult, kind: str, level: Level, *, markdown: bool = False) -> list[str]:
    """What went in, what was expected, what came out, in sentences for the learner's level."""

    def value(text: str) -> str:
        return code_span(text) if markdown else text

    def block(text: str) -> list[str]:
        if markdown:
            return [fence(text or " ")]
        return [f"  | {line}" for line in (text or "(nothing)").splitlines() or ["(nothing)"]]

    novice = level is Level.NOVICE
    out: list[str] = []
    if kind == "script":
        out.append("With this input:" if novice else "stdin:")
        out += block(case.input or "(no input)")
        out.append("the program should print:" if novice else "expected stdout:")
        out += block(case.expected)
        if case.status == "failed":
            out.append("but it printed:" if novice else "got:")
            out += block(case.got or "(nothing)")
    elif case.status == "failed" and case.expected:
        if novice:
            should = f"{value(case.input)} should give {value(case.expected)}"
            out.append(f"{should}, but it gave {value(case.got)}.")
        else:
            out.append(f"expected {value(case.expected)}, got {value(case.got)}")
    elif case.input and kind == "pytest":
        out.append(f"{'This check failed' if novice else 'failed'}: {value(case.input)}")
    if case.error:
        where = f" (line {case.line})" if case.line else ""
        text = case.error if not markdown else escape(case.error)
        out.append(f"{_status_words(case, novice)}{where}: {text}" if novice else f"{text}{where}")
    if case.printed and case.status != "passed" and kind != "script":
        out.append("It printed:" if novice else "printed:")
        out += block(case.printed)
    return out


def _status_words(case: CaseResult, novice: bool) -> str:
    return {
        "error": "Your code stopped with an error",
        "timeout": "Your code did not finish in time",
        "output": "Your code printed too much",
        "not run": "This case was not run",
        "failed": "The check says",
    }.get(case.status, "What happened")


def _block(text: str) -> str:
    return fence(text)


def _indent(block: str) -> str:
    return "\n".join(f"  {line}" for line in block.splitlines())


def _count_passed(cases: tuple[CaseResult, ...]) -> int:
    return sum(case.passed for case in cases)
