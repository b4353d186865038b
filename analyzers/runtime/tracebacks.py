"""Read a Python traceback out of any text: a terminal's scrollback, a paste, `2>&1` output.

The layout has been stable since Python 3.0; 3.11 added `~~~^^^` marker lines under the code,
3.13 colours (ANSI escapes, stripped here) and exception groups draw `|` borders. A chained
exception prints the first traceback, a "During handling..." line, then the next one. A
SyntaxError raised while compiling the file has frames but no "Traceback" header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_HEADER = re.compile(r"^\s*Traceback \(most recent call last\):\s*$")
_FRAME = re.compile(r'^(\s*)File "(?P<file>[^"]+)", line (?P<line>\d+)(?:, in (?P<function>.+))?$')
_MARKERS = re.compile(r"^\s*[~^]+[~^ ]*$")
_REPEATED = re.compile(r"^\s*\[Previous line repeated (\d+) more times?\]")
_EXCEPTION = re.compile(r"^(?P<type>(?:[A-Za-z_]\w*\.)*[A-Z_]\w*)(?::\s?(?P<message>.*))?$")
_CHAINED = re.compile(
    r"^\s*(During handling of the above exception, another exception occurred:|"
    r"The above exception was the direct cause of the following exception:)\s*$"
)
_GROUP_RULE = re.compile(r"^\s*\+[-+ ]*(-+ \d+ -+|\.\.\.)?[-+ ]*$")
_GROUP_HEADER = re.compile(r"^\s*\+ Exception Group Traceback \(most recent call last\):$")
_GROUP_PIPE = re.compile(r"^\s*\| ?")


@dataclass(frozen=True)
class Frame:
    """One `File "...", line N, in f` entry with the code line Python showed under it."""

    file: str
    line: int
    function: str = ""
    code: str = ""
    # Columns (0-based, in `code` as written with its indentation) the ^/~ markers cover.
    marked: tuple[int, int] | None = None
    primary: tuple[int, int] | None = None  # the ^ part alone
    repeated: int = 0


@dataclass(frozen=True)
class ParsedError:
    """One exception as printed: its frames (outermost first), type and message."""

    frames: tuple[Frame, ...]
    type: str
    message: str

    @property
    def short_type(self) -> str:
        """`json.decoder.JSONDecodeError` -> `JSONDecodeError`."""
        return self.type.rsplit(".", 1)[-1]


@dataclass(frozen=True)
class ParsedTraceback:
    """The last exception of a chain (the one that stopped the program) and the first one."""

    errors: tuple[ParsedError, ...] = field(default_factory=tuple)

    @property
    def last(self) -> ParsedError:
        return self.errors[-1]

    @property
    def first(self) -> ParsedError | None:
        return self.errors[0] if len(self.errors) > 1 else None


def clean_lines(text: str) -> list[str]:
    """Lines without colour escapes, carriage returns or exception-group borders."""
    lines = []
    for raw in _ANSI.sub("", text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if _GROUP_HEADER.match(line):
            line = "Traceback (most recent call last):"
        elif _GROUP_RULE.match(line) and "+" in line:
            line = ""
        elif _GROUP_PIPE.match(line):
            line = _GROUP_PIPE.sub("", line, count=1)
        lines.append(line.expandtabs(8) if "\t" in line[:1] else line)
    return lines


def parse_traceback(text: str) -> ParsedTraceback | None:
    """The traceback(s) in `text`, or None when it holds none (empty, garbled, not Python)."""
    lines = clean_lines(text)
    errors: list[ParsedError] = []
    chained = False
    index = 0
    while index < len(lines):
        line = lines[index]
        if _CHAINED.match(line):
            chained = True
        elif _HEADER.match(line) or _FRAME.match(line):
            start = index + 1 if _HEADER.match(line) else index
            parsed, index = _read_one(lines, start)
            if parsed is not None:
                if not chained:
                    errors = []  # an unrelated earlier traceback in the same scrollback
                errors.append(parsed)
                chained = False
            continue
        index += 1
    return ParsedTraceback(tuple(errors)) if errors else None


def _read_one(lines: list[str], index: int) -> tuple[ParsedError | None, int]:
    frames: list[Frame] = []
    while index < len(lines):
        line = lines[index]
        match = _FRAME.match(line)
        if match:
            frame, index = _read_frame(lines, index, match)
            frames.append(frame)
            continue
        repeated = _REPEATED.match(line)
        if repeated and frames:
            last = frames[-1]
            frames[-1] = Frame(
                last.file, last.line, last.function, last.code, last.marked, last.primary,
                last.repeated + int(repeated.group(1)),
            )  # fmt: skip
            index += 1
            continue
        if not line.strip() or line[0].isspace():
            index += 1  # a blank line, or one Python indents under a frame (`...`)
            continue
        exception = _EXCEPTION.match(line)
        if exception and frames:
            message = exception.group("message") or ""
            return ParsedError(tuple(frames), exception.group("type"), message.strip()), index + 1
        break
    return None, index


def _read_frame(lines: list[str], index: int, match: re.Match[str]) -> tuple[Frame, int]:
    frame_indent = len(match.group(1))
    code = ""
    marked = primary = None
    index += 1
    code_lines: list[str] = []
    while index < len(lines):
        line = lines[index]
        if _FRAME.match(line) or _REPEATED.match(line) or _HEADER.match(line):
            break
        indent = len(line) - len(line.lstrip())
        if not line.strip() or indent <= frame_indent:
            break
        if _MARKERS.match(line):
            if marked is None and code_lines:
                marked, primary = _marker_columns(line, code_lines[0])
            index += 1
            continue
        code_lines.append(line)
        index += 1
    if code_lines:
        code = code_lines[0]
    frame = Frame(
        file=match.group("file"),
        line=int(match.group("line")),
        function=(match.group("function") or "").strip(),
        code=code,
        marked=marked,
        primary=primary,
    )
    return frame, index


def _marker_columns(
    markers: str, code: str
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Columns the markers cover, made relative to the code line as stripped of indentation."""
    del code
    covered = [i for i, char in enumerate(markers) if char in "^~"]
    carets = [i for i, char in enumerate(markers) if char == "^"]
    if not covered:
        return None, None
    marked = (covered[0], covered[-1] + 1)
    primary = (carets[0], carets[-1] + 1) if carets else None
    return marked, primary
