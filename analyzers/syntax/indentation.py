"""Indentation: Python's IndentationError and TabError, explained with the block they break."""

from __future__ import annotations

from mentor.analyzers.concepts import Concept
from mentor.analyzers.findings import Applicability, Severity
from mentor.analyzers.registry import register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit, Span
from mentor.analyzers.syntax.lexer import Kind
from mentor.analyzers.syntax.reading import Diagnosis, Reading, first_that_parses

BAD_INDENTATION = register(
    Rule(
        id=RuleId.BAD_INDENTATION,
        name="bad-indentation",
        summary="A line indented where no block starts, a block that is not indented, a line "
        "that lines up with no block, or tabs mixed with spaces.",
        concepts=(Concept.SYNTAX,),
        docs=Docs(
            what="Indentation Python cannot follow: an unexpected indent, a missing indented "
            "block after a ':', a line that lines up with no block above it, tabs mixed with "
            "spaces, or an `else` indented inside its `if` block.",
            why="Python uses indentation, the spaces at the start of a line, to know which lines "
            "belong to an `if`, a loop or a function. Other languages use brackets for that; in "
            "Python the spaces are the structure, so they must be exact.",
            example=code("""
                if score > 10:
                print('Well done')
            """),
            better=code("""
                if score > 10:
                    print('Well done')
            """),
            question="Which lines should belong to the `if`, and how does Python see that?",
        ),
        messages=Messages(
            novice="{detail} Python uses indentation (the spaces at the start of a line) to "
            "know which lines belong together, so it must be exact.",
            developing="{short} Indentation decides which lines belong together.",
            proficient="{short}",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    x = 1
                        y = 2
                """),
                fixed=code("""
                    x = 1
                    y = 2
                """),
                at="2:0-2:4",
                message="Unexpected indent: no block starts here. Indentation decides which lines "
                "belong together.",
            ),
            Invalid(
                code("""
                    if x > 0:
                    print('positive')
                """),
                fixed=code("""
                    if x > 0:
                        print('positive')
                """),
                at="2:0-2:1",
            ),
            Invalid(
                code("""
                    def f(x):
                            a = 1
                        return a
                """),
                at="3:0-3:4",
            ),
            Invalid(
                "def f(x):\n        y = x\n\treturn y\n",
                fixed=code("""
                    def f(x):
                            y = x
                            return y
                """),
                at="3:0-3:1",
            ),
            Invalid(
                code("""
                    if hot:
                        print('hot')
                        else:
                            print('cold')
                """),
                fixed=code("""
                    if hot:
                        print('hot')
                    else:
                        print('cold')
                """),
                at="3:4-3:8",
            ),
        ),
        valid=(
            code("""
                if x > 0:
                    print('positive')
            """),
            code("""
                if x > 3
                    print(x)
            """),
        ),
        syntax=True,
    )
)


def bad_indentation(reading: Reading) -> Diagnosis | None:
    """Every IndentationError: an unexpected indent, a missing block, a misaligned line, tabs."""
    error = reading.error
    if not error.indentation:
        return None
    line = error.line
    text = reading.source.line(line)
    indentation = reading.indentation(line)
    span = Span(line, 0, line, max(len(indentation), min(len(text), 1)))
    if error.tabs or _mixes_tabs(reading, line):
        return _tabs(reading, span)
    message = error.message.lower()
    if "unexpected indent" in message:
        return _unexpected_indent(reading, line, span)
    if "expected an indented block" in message:
        return _missing_block(reading, line, span)
    detail = (
        f"This line starts {_describe(indentation)} in, but no line of the blocks around it "
        "starts there. A line must line up exactly with the other lines of its block."
    )
    return Diagnosis(
        RuleId.BAD_INDENTATION,
        span,
        {"detail": detail, "short": "This line lines up with no block above."},
    )


def _unexpected_indent(reading: Reading, line: int, span: Span) -> Diagnosis:
    above = _previous_code_line(reading, line)
    target = reading.indentation(above) if above else ""
    detail = (
        "This line is indented more than the line before it, but that line does not end "
        "with ':', so no new block starts here."
    )
    amount = len(reading.indentation(line)) - len(target)
    edits = first_that_parses(reading, [_shift_block(reading, line, amount)])
    return Diagnosis(
        RuleId.BAD_INDENTATION,
        span,
        {"detail": detail, "short": "Unexpected indent: no block starts here."},
        edits=edits,
        fix_title="Line it up with the line above",
        applicability=Applicability.UNSAFE,
    )


def _missing_block(reading: Reading, line: int, span: Span) -> Diagnosis:
    header = _previous_code_line(reading, line)
    if header is None:
        header = line
    keyword = _first_word(reading, header)
    detail = (
        f"Line {header} ends with ':', which starts a block: the lines that belong to the "
        f"'{keyword}' must be indented under it. This line is not."
    )
    if _block_is_missing(reading, header, line):
        return _empty_block(reading, header, line, keyword)
    unit = _indent_unit(reading)
    new_indent = reading.indentation(header) + unit
    old_indent = reading.indentation(line)
    edits = first_that_parses(reading, [[Edit(Span(line, 0, line, len(old_indent)), new_indent)]])
    return Diagnosis(
        RuleId.BAD_INDENTATION,
        span,
        {"detail": detail, "short": f"Indent the block of the '{keyword}' on line {header}."},
        edits=edits,
        fix_title=f"Indent it under the '{keyword}'",
        applicability=Applicability.UNSAFE,
    )


def _block_is_missing(reading: Reading, header: int, line: int) -> bool:
    """Whether the block after `header` was never written, rather than not indented.

    A comment indented under the header stands in for the body, and a new `def` or `class`
    after it is not meant to go inside it.
    """
    if header >= line or line > len(reading.source.lines) or not reading.source.line(line).strip():
        return True
    header_width = len(reading.indentation(header).expandtabs(8))
    for between in range(header + 1, line):
        comment = reading.source.line(between).strip().startswith("#")
        if comment and len(reading.indentation(between).expandtabs(8)) > header_width:
            return True
    return _first_word(reading, line) in ("def", "class", "async")


def _empty_block(reading: Reading, header: int, line: int, keyword: str) -> Diagnosis:
    span = Span(header, 0, header, len(reading.source.line(header)))
    detail = (
        f"Line {header} ends with ':', which starts a block, but no indented line of code "
        f"follows it. Write the '{keyword}' block's lines under it, indented (or 'pass' for "
        "now)."
    )
    last = header
    for between in range(header + 1, min(line, len(reading.source.lines) + 1)):
        if reading.source.line(between).strip():
            last = between
    indent = reading.indentation(header) + _indent_unit(reading)
    end = len(reading.source.line(last))
    edits = first_that_parses(reading, [[Edit(Span(last, end, last, end), f"\n{indent}pass")]])
    return Diagnosis(
        RuleId.BAD_INDENTATION,
        span,
        {"detail": detail, "short": f"The '{keyword}' on line {header} has no block."},
        edits=edits,
        fix_title="Add 'pass' as a placeholder block",
        applicability=Applicability.UNSAFE,
    )


def _tabs(reading: Reading, span: Span) -> Diagnosis:
    detail = (
        "Its indentation mixes tabs and spaces. They look alike in the editor, but Python "
        "counts them differently, so it cannot tell which block this line belongs to."
    )
    candidates = []
    for size in (4, 8):
        edits = []
        for number, text in enumerate(reading.source.lines, start=1):
            indentation = text[: len(text) - len(text.lstrip(" \t"))]
            if "\t" in indentation:
                edits.append(
                    Edit(Span(number, 0, number, len(indentation)), indentation.expandtabs(size))
                )
        candidates.append(edits)
    return Diagnosis(
        RuleId.BAD_INDENTATION,
        span,
        {"detail": detail, "short": "Tabs and spaces are mixed in the indentation."},
        edits=first_that_parses(reading, candidates),
        fix_title="Indent with spaces only",
        applicability=Applicability.UNSAFE,
    )


def _mixes_tabs(reading: Reading, line: int) -> bool:
    indentation = reading.indentation(line)
    if "\t" not in indentation:
        return False
    others = (reading.indentation(number) for number in range(1, len(reading.source.lines) + 1))
    return " " in indentation or any(" " in other for other in others)


def _shift_block(reading: Reading, first_line: int, amount: int) -> list[Edit]:
    """Move `first_line` and the lines indented at least as deep after it `amount` left."""
    if amount <= 0:
        return []
    width = len(reading.indentation(first_line))
    edits = []
    for line in range(first_line, len(reading.source.lines) + 1):
        text = reading.source.line(line)
        if not text.strip():
            continue
        indentation = reading.indentation(line)
        if line > first_line and len(indentation) < width:
            break
        if "\t" in indentation:
            return []
        edits.append(Edit(Span(line, 0, line, amount), ""))
    return edits


def _previous_code_line(reading: Reading, line: int) -> int | None:
    code_lines = {
        token.line
        for token in reading.tokens
        if token.line < line and token.kind not in (Kind.NEWLINE, Kind.COMMENT)
    }
    if not code_lines:
        return None
    # The first line of the statement that ends there.
    logical = reading.logical_line_at(max(code_lines))
    return logical[0].line if logical else max(code_lines)


def _first_word(reading: Reading, line: int) -> str:
    words = reading.source.line(line).split()
    word = words[0] if words else ""
    return word.rstrip(":") or "block"


def _indent_unit(reading: Reading) -> str:
    """The indentation step the file already uses (four spaces when it shows none)."""
    widths = sorted(
        {
            len(reading.indentation(number))
            for number in range(1, len(reading.source.lines) + 1)
            if reading.source.line(number).strip() and "\t" not in reading.indentation(number)
        }
        - {0}
    )
    return " " * widths[0] if widths and widths[0] <= 8 else "    "


def _describe(indentation: str) -> str:
    spaces = indentation.count(" ")
    tabs = indentation.count("\t")
    parts = []
    if spaces:
        parts.append(f"{spaces} space{'s' if spaces != 1 else ''}")
    if tabs:
        parts.append(f"{tabs} tab{'s' if tabs != 1 else ''}")
    return " and ".join(parts) or "no spaces"
