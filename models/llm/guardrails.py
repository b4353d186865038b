"""What the tutor may show a student, enforced on every answer (after CodeHelp's guardrails).

The model is asked to explain and ask rather than solve, but a model's obedience is not a
guarantee (and student code may try to talk it out of it), so the answer itself is checked:
code that is not a quote of the student's own is cut unless the teacher allows solutions, the
teacher's avoided concepts are cut, and the text is reduced to plain Markdown: no HTML, no
links (a `command:` link could run an editor command), no images.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

MAX_ANSWER_CHARS = 3000
MAX_INLINE_CODE_CHARS = 40  # longer inline code is a solution in disguise

CODE_REMOVED = "*(Mentor left out example code here: try writing that part yourself.)*"
CONCEPT_REMOVED = "*(Mentor left out a part that uses something your class has not covered yet.)*"


@dataclass(frozen=True)
class Policy:
    """The teacher's rules for the tutor."""

    allow_solutions: bool = False
    avoid_concepts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Guarded:
    text: str
    removed: tuple[str, ...] = field(default=())  # what was cut, for the log and the tests


def guard(answer: str, student_code: str, policy: Policy) -> Guarded:
    """The answer as the student may see it. Works on partial (streamed) answers too: an
    unclosed code fence counts as a code block up to the end of the text."""
    removed: list[str] = []
    quoted = _student_lines(student_code)
    avoided = [_ConceptMatcher(name) for name in policy.avoid_concepts if name.strip()]
    parts = []
    for kind, text in _blocks(answer):
        if kind == "code":
            parts.append(_guard_code(text, quoted, policy, avoided, removed))
        else:
            parts.append(_guard_prose(text, quoted, policy, avoided, removed))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(parts)).strip()
    text = _drop_repeated_notes(text)
    if len(text) > MAX_ANSWER_CHARS:
        text = text[:MAX_ANSWER_CHARS].rsplit(" ", 1)[0] + " …"
        removed.append("length")
    return Guarded(text, tuple(removed))


def has_content(text: str) -> bool:
    """Whether anything but Mentor's own notes is left."""
    rest = text.replace(CODE_REMOVED, "").replace(CONCEPT_REMOVED, "")
    return bool(re.search(r"[A-Za-z]{3,}", rest))


# -- blocks -------------------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _blocks(text: str) -> list[tuple[str, str]]:
    """Split Markdown into ("prose" | "code", text) blocks; fences are kept with their code."""
    blocks: list[tuple[str, str]] = []
    current: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if fence is None and match:
            if current:
                blocks.append(("prose", "\n".join(current)))
            current, fence = [line], match.group(1)
        elif fence is not None and line.strip().startswith(fence[0] * len(fence)):
            current.append(line)
            blocks.append(("code", "\n".join(current)))
            current, fence = [], None
        else:
            current.append(line)
    if current:
        blocks.append(("code" if fence else "prose", "\n".join(current)))
    return blocks


def _guard_code(
    block: str,
    quoted: set[str],
    policy: Policy,
    avoided: list[_ConceptMatcher],
    removed: list[str],
) -> str:
    lines = block.split("\n")
    body = [line for line in lines[1:] if not _FENCE.match(line)]
    for matcher in avoided:
        if matcher.in_code("\n".join(body)):
            removed.append(f"concept:{matcher.name}")
            return CONCEPT_REMOVED
    if policy.allow_solutions or _is_quote(body, quoted):
        return block
    removed.append("code-block")
    return CODE_REMOVED


def _is_quote(lines: list[str], quoted: set[str]) -> bool:
    """Code made only of the student's own lines points at their code; it solves nothing."""
    meaningful = [_squash(line) for line in lines if line.strip()]
    return bool(meaningful) and all(line in quoted for line in meaningful)


# -- prose --------------------------------------------------------------------------------

_HTML_TAGS = (
    "a|abbr|audio|b|base|blockquote|body|br|button|canvas|center|code|details|div|em|embed|"
    "font|form|frame|frameset|h[1-6]|head|hr|html|i|iframe|img|input|kbd|label|li|link|"
    "marquee|math|meta|object|ol|option|p|pre|s|script|select|slot|source|span|strong|style|"
    "sub|summary|sup|svg|table|tbody|td|template|textarea|th|thead|title|tr|u|ul|video"
)
_SCRIPT = re.compile(r"<(script|style)\b.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(rf"</?(?:{_HTML_TAGS})\b[^<>]*>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(-->|$)", re.DOTALL)
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.MULTILINE)
_REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_RISKY_URI = re.compile(r"\b(?:command|vscode|javascript|data|file|vbscript):\S+", re.IGNORECASE)
_INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_STATEMENT = re.compile(
    r"^\s*(def |class |for .+:|while .+:|if .+:|elif .+:|else:|try:|except\b.*:|with .+:|"
    r"return\b|import |from \S+ import |print\(|[A-Za-z_][\w.\[\]'\"]*\s*([-+*/]?=)\s*\S)"
)


def _guard_prose(
    text: str,
    quoted: set[str],
    policy: Policy,
    avoided: list[_ConceptMatcher],
    removed: list[str],
) -> str:
    before = text
    text = _SCRIPT.sub("", text)
    text = _COMMENT.sub("", text)
    text = _AUTOLINK.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _REFERENCE.sub("", text)
    text = _RISKY_URI.sub("", text)
    text = _outside_inline_code(text, lambda prose: _TAG.sub("", prose))
    if text != before:
        removed.append("markup")
    if not policy.allow_solutions:
        text = _cut_bare_code(text, quoted, removed)
        text = _INLINE_CODE.sub(lambda match: _inline(match, quoted, removed), text)
    for matcher in avoided:
        text = matcher.cut_prose(text, removed)
    return text


def _outside_inline_code(text: str, change: object) -> str:
    pieces, last = [], 0
    for match in _INLINE_CODE.finditer(text):
        pieces.append(change(text[last : match.start()]))  # type: ignore[operator]
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(change(text[last:]))  # type: ignore[operator]
    return "".join(pieces)


def _inline(match: re.Match[str], quoted: set[str], removed: list[str]) -> str:
    code = match.group(2).strip()
    if "\n" not in code and (len(code) <= MAX_INLINE_CODE_CHARS or _squash(code) in quoted):
        return match.group(0)
    removed.append("inline-code")
    return "`…`"


def _cut_bare_code(text: str, quoted: set[str], removed: list[str]) -> str:
    """Code written as plain lines (or an indented block) instead of a fence."""
    out: list[str] = []
    cutting = False
    for line in text.split("\n"):
        if _looks_like_code(line) and _squash(line) not in quoted:
            if not cutting:
                out.append(CODE_REMOVED)
                removed.append("bare-code")
            cutting = True
            continue
        if cutting and line.startswith(("    ", "\t")) and line.strip():
            continue  # the indented body of a cut statement
        cutting = False
        out.append(line)
    return "\n".join(out)


def _looks_like_code(line: str) -> bool:
    stripped = line.strip()
    if not stripped or not _STATEMENT.match(stripped) or stripped.startswith(("- ", "* ")):
        return False
    candidate = stripped + " pass" if stripped.endswith(":") else stripped
    if stripped.startswith(("elif ", "else", "except")):
        return True
    try:
        ast.parse(candidate)
    except SyntaxError:
        return False
    return True


# -- teacher's avoided concepts -------------------------------------------------------------

# (names a teacher may use, words that mention the concept in prose, code that uses it).
# Anything else a teacher writes is matched as a word. More specific entries come first.
_CONCEPTS: tuple[tuple[tuple[str, ...], tuple[str, ...], str | None], ...] = (
    (("comprehension",), ("comprehension",), r"[\[{(][^\]})]*\bfor\b[^\]})]*\bin\b"),
    (("recursion", "recursive"), ("recursion", "recursive"), None),
    (("lambda",), ("lambda",), r"\blambda\b"),
    (("class", "object"), ("class", "object-oriented", "self."), r"^\s*class\s"),
    (
        ("exception", "try"),
        ("exception", "try/except", "except", "raise"),
        r"^\s*(try\s*:|except\b|raise\b)",
    ),
    (("dict",), ("dictionar", "dict"), r"\{[^{}]*:[^{}]*\}|\bdict\("),
    (("while",), ("while",), r"^\s*while\s"),
    (("function", "def"), ("function", "def "), r"^\s*def\s"),
    (("loop",), ("loop",), r"^\s*(for|while)\s"),
    (("file",), ("open(", "file"), r"\bopen\("),
    (("module", "import"), ("import", "module"), r"^\s*(import|from)\s"),
    (("f-string", "fstring"), ("f-string", "format string"), r"\bf[\'\"]"),
    (("generator", "yield"), ("generator", "yield"), r"\byield\b"),
    (("decorator",), ("decorator",), r"^\s*@"),
)


class _ConceptMatcher:
    def __init__(self, name: str) -> None:
        self.name = name.strip()
        key = self.name.lower().replace("_", "-")
        known = next(
            (entry for entry in _CONCEPTS if any(alias in key for alias in entry[0])), None
        )
        if known:
            words, code = known[1], known[2]
        else:
            words, code = (key[:-1] if key.endswith("s") else key,), None
        self._words = re.compile(
            "|".join(
                rf"(?<!\w){re.escape(word)}" + (r"\w*" if word[-1].isalnum() else "")
                for word in words
            ),
            re.IGNORECASE,
        )
        self._code = re.compile(code, re.MULTILINE) if code else self._words

    def in_code(self, code: str) -> bool:
        return bool(self._code.search(code))

    def cut_prose(self, text: str, removed: list[str]) -> str:
        """Drop the sentences that mention or use the concept."""
        lines = []
        for line in text.split("\n"):
            sentences = re.split(r"(?<=[.!?])\s+", line)
            kept = [s for s in sentences if not (self._words.search(s) or self._code.search(s))]
            if len(kept) < len(sentences):
                removed.append(f"concept:{self.name}")
            if kept or not line.strip():
                lines.append(" ".join(kept))
        return "\n".join(lines)


# -- helpers ------------------------------------------------------------------------------


def _student_lines(code: str) -> set[str]:
    return {_squash(line) for line in code.splitlines() if line.strip()}


def _squash(line: str) -> str:
    """A line compared whitespace-insensitively (and without a `12 |` line-number prefix)."""
    line = re.sub(r"^\s*\d+\s*\|", "", line)
    return re.sub(r"\s+", " ", line).strip()


def _drop_repeated_notes(text: str) -> str:
    for note in (CODE_REMOVED, CONCEPT_REMOVED):
        pattern = re.escape(note) + r"(\s*" + re.escape(note) + r")+"
        text = re.sub(pattern, note, text)
    return text
