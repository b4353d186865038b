"""Markdown from a model, reduced to an allow-list and written back as Markdown that cannot turn
into HTML, a link or an image in any renderer.

Safe by construction: the answer is parsed with a CommonMark parser (markdown-it-py), only
allow-listed tokens are kept, and the Markdown is written again from them here; every character
of text that could start markup, a link or a linkified URL is escaped. Nothing of the answer's
own markup is copied through, so no trick of the source (split or nested tags, entities, odd
fences, reference definitions) can come back. Code is kept only as code spans and fences the
caller's judge accepts; their content is inert in every renderer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode


@functools.cache
def _parser() -> MarkdownIt:
    """The parser, made when first needed: `fence` and `code_span` (the hover, the server's
    start) need no parser, and markdown-it-py takes tens of milliseconds to import."""
    from markdown_it import MarkdownIt

    # `html` on, so that tags come as html tokens, which are dropped (off, they would be text,
    # shown escaped as `<b>`); nothing else but CommonMark.
    return MarkdownIt("commonmark", {"html": True})


CUT_INLINE = "…"  # what a cut code span becomes

# A URI with a scheme (`https://…`, `command:…`, `javascript:…`): never shown, even as text.
_URI = re.compile(
    r"(?i)(?<![a-z0-9])(?:[a-z][a-z0-9+.-]*:/{1,}|"
    r"(?:javascript|vbscript|livescript|data|file|command|vscode[a-z-]*|mailto|about|blob|"
    r"tel|sms|ftp|https?|wss?|ms-[a-z-]+):(?=\S|$))\S*"
)


# Text that reads as a tag once the real tags around it are gone (`<scr<b>ipt>` leaves `<script>`
# as text): shown escaped it would be harmless, but it is noise from an attack, so it goes too.
_TAG_TEXT = re.compile(
    r"</?(?:[a-z][a-z0-9]*-[\w-]*|a|abbr|audio|b|base|body|br|button|canvas|code|details|div|"
    r"em|embed|font|form|frame|h[1-6]|head|html|i|iframe|img|image|input|kbd|label|li|link|"
    r"marquee|math|meta|object|ol|option|p|pre|s|script|select|slot|source|span|strong|style|"
    r"sub|summary|sup|svg|table|td|template|textarea|th|title|tr|u|ul|video)(?:\s[^<>]*)?/?>"
    r"|<[a-z][\w-]*\s[^<>]*\bon\w+\s*=[^<>]*>?|<!--.*?(?:-->|$)",
    re.IGNORECASE | re.DOTALL,
)


@dataclass
class Cut:
    """What the judge decided about one piece of prose source: keep it as text, or a note."""

    source: str = ""
    note: str = ""  # trusted Markdown written by Mentor, shown instead of the source


class Judge(Protocol):
    """The policy half of the guard: which code may be shown."""

    def prose(self, source: str) -> list[Cut]:
        """A paragraph's or heading's source, split into kept source and notes."""
        ...

    def block(self, code: str) -> str | None:
        """A fenced or indented code block: None to keep it, else the note shown instead."""
        ...

    def inline(self, spans: list[str]) -> list[bool]:
        """Every code span of the answer, in order, judged together: which to keep."""
        ...


@dataclass
class Rendered:
    text: str
    markup_removed: bool  # HTML, links, images, URIs or reference definitions were dropped
    inline_cut: int = 0


def render_safe(answer: str, judge: Judge) -> Rendered:
    from markdown_it.tree import SyntaxTreeNode  # loaded with the parser, see `_parser`

    env: dict[str, Any] = {}
    tokens = _parser().parse(answer, env)
    writer = _Writer(judge, env)
    writer.removed = bool(env.get("references"))
    tree = SyntaxTreeNode(tokens)
    writer.prepare(tree)
    writer.judge_inline()
    text = "\n\n".join(block for block in writer.blocks(tree.children) if block.strip())
    return Rendered(text, writer.removed, writer.inline_cut)


# -- writing --------------------------------------------------------------------------------

_CONTAINERS = {"bullet_list", "ordered_list", "list_item", "blockquote"}
_ALWAYS_ESCAPED = set("\\`*_[]<&|~$#")
_LINE_START_ESCAPED = set("+-=!>")
# HTML elements whose content is not text for a reader: dropped with the tags.
_RAW_TEXT = re.compile(
    r"<(/?)(script|style|textarea|title|noscript|template|iframe|xmp|noembed|noframes|svg|math)\b",
    re.IGNORECASE,
)
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])")


@dataclass
class _Segment:
    tokens: list[Token] = field(default_factory=list)
    note: str = ""


class _Writer:
    def __init__(self, judge: Judge, env: dict[str, Any]) -> None:
        self.judge = judge
        self.env = env
        self.removed = False
        self.inline_cut = 0
        self._segments: dict[int, list[_Segment]] = {}
        self._cut_spans: set[int] = set()

    # Pass 1: the prose of every paragraph and heading, as the judge leaves it, parsed inline.
    def prepare(self, node: SyntaxTreeNode) -> None:
        for child in node.children:
            if child.type in ("paragraph", "heading"):
                self._segments[id(child)] = self._prose(child)
            elif child.type in _CONTAINERS:
                self.prepare(child)

    def _prose(self, node: SyntaxTreeNode) -> list[_Segment]:
        inline = node.children[0] if node.children else None
        source = inline.content if inline is not None else ""
        segments = []
        for cut in self.judge.prose(source):
            if cut.note:
                segments.append(_Segment(note=cut.note))
            elif cut.source.strip():
                segments.append(_Segment(tokens=_inline_tokens(cut.source, self.env)))
        return segments

    def _spans(self) -> Iterator[Token]:
        for segments in self._segments.values():
            for segment in segments:
                yield from (token for token in segment.tokens if token.type == "code_inline")

    # Pass 2: all code spans judged together.
    def judge_inline(self) -> None:
        spans = list(self._spans())
        kept = self.judge.inline([span.content for span in spans])
        for span, keep in zip(spans, kept, strict=True):
            if not keep:
                self._cut_spans.add(id(span))
                self.inline_cut += 1

    # Pass 3: the Markdown, block by block.
    def blocks(self, nodes: Iterable[SyntaxTreeNode]) -> Iterator[str]:
        bullets = ordered = 0
        for node in nodes:
            kind = node.type
            if kind == "paragraph":
                yield self._paragraph(node)
            elif kind == "heading":
                yield self._heading(node)
            elif kind in ("fence", "code_block"):
                yield self._code(node)
            elif kind == "blockquote":
                inner = "\n\n".join(b for b in self.blocks(node.children) if b.strip())
                if inner:
                    yield "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
            elif kind == "bullet_list":  # two lists in a row differ in marker, or they merge
                listed = self._list(node, lambda _: "-+"[bullets % 2])  # noqa: B023
                bullets += bool(listed)
                yield listed
            elif kind == "ordered_list":
                start = int(node.attrs.get("start", 1) or 1)
                delimiter = ".)"[ordered % 2]
                listed = self._list(node, lambda i: f"{start + i}{delimiter}")  # noqa: B023
                ordered += bool(listed)
                yield listed
            else:  # html_block, hr and anything else not on the allow-list
                self.removed = self.removed or kind.startswith("html")

    def _list(self, node: SyntaxTreeNode, marker: Callable[[int], str]) -> str:
        items, tight = [], _is_tight(node)
        for item in node.children:
            mark = marker(len(items))
            blocks = [b for b in self.blocks(item.children) if b.strip()]
            if not blocks:
                continue  # an empty item (its reference definition was dropped, say)
            tight = tight and len(blocks) == 1  # else the item's blocks would run together
            lines = "\n\n".join(blocks).split("\n")
            pad = " " * (len(mark) + 1)
            first = f"{mark} {lines[0]}".rstrip()
            rest = [f"{pad}{line}" if line else "" for line in lines[1:]]
            items.append("\n".join([first, *rest]))
        return ("\n" if tight else "\n\n").join(items)

    def _paragraph(self, node: SyntaxTreeNode) -> str:
        pieces = [self._segment(segment) for segment in self._segments.get(id(node), [])]
        return "\n".join(piece for piece in pieces if piece.strip())

    def _heading(self, node: SyntaxTreeNode) -> str:
        text = " ".join(self._paragraph(node).split("\n")).strip()
        level = int(node.tag[1]) if node.tag[1:].isdigit() else 1
        return f"{'#' * level} {text}" if text else ""

    def _segment(self, segment: _Segment) -> str:
        if segment.note:
            return segment.note
        text = _Inline(self).render(segment.tokens)
        return "\n".join(line.strip(" \t") for line in text.split("\n")).strip()

    def _code(self, node: SyntaxTreeNode) -> str:
        code = node.content
        note = self.judge.block(code)
        if note is not None:
            return note
        return fence(code, _language(node.info if node.type == "fence" else ""))


def fence(code: str, language: str = "") -> str:
    """A fence no line of `code` can close."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    marks = "`" * max(3, longest + 1)
    body = code if code.endswith("\n") or not code else code + "\n"
    return f"{marks}{language}\n{body}{marks}"


def code_span(code: str) -> str:
    """A code span that re-parses to exactly `code` (CommonMark 6.1)."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    marks = "`" * (longest + 1)
    pad = " " if code[:1] in (" ", "`") or code[-1:] in (" ", "`") else ""
    return f"{marks}{pad}{code}{pad}{marks}"


def _language(info: str) -> str:
    word = info.strip().split(" ")[0] if info.strip() else ""
    return word if re.fullmatch(r"[A-Za-z0-9_+-]{1,20}", word) else ""


def _is_tight(node: SyntaxTreeNode) -> bool:
    return all(
        paragraph.hidden
        for item in node.children
        for paragraph in item.children
        if paragraph.type == "paragraph"
    )


def _inline_tokens(source: str, env: dict[str, Any]) -> list[Token]:
    tokens = _parser().parseInline(source, env)
    return tokens[0].children or [] if tokens else []


class _Inline:
    """One paragraph's inline tokens written as Markdown: text escaped, links reduced to their
    text, HTML and images' URLs dropped, code spans as the judge decided."""

    def __init__(self, writer: _Writer) -> None:
        self.writer = writer
        self.out: list[str] = []
        self.text: list[str] = []  # plain text waiting to be escaped (joined first: see _flush)
        self.line_start = True
        self.autolink = 0
        self.hidden: str | None = None  # inside <script>…</script>: the name of the element
        self.pending_break = ""  # written only before more content: no break at either end
        self.has_content = False

    def render(self, tokens: list[Token]) -> str:
        stack: list[int] = []  # where each open emphasis began in `out`
        for token in tokens:
            kind = token.type
            if self.hidden is not None:
                self._skip_hidden(token)
                continue
            if kind in ("text", "text_special"):
                if not self.autolink:
                    self.text.append(token.content)
            elif kind in ("softbreak", "hardbreak"):
                self._flush()
                if kind == "hardbreak" or not self.pending_break:
                    self.pending_break = "\\\n" if kind == "hardbreak" else "\n"
                self.line_start = True
            elif kind == "code_inline":
                self._flush()
                if id(token) in self.writer._cut_spans:
                    self._emit(code_span(CUT_INLINE))
                elif token.content.strip():
                    self._emit(code_span(token.content))
                self.line_start = False
            elif kind in ("em_open", "strong_open"):
                self._flush()
                self._emit("")
                stack.append(len(self.out))
                self.out.append("*" if kind == "em_open" else "**")
            elif kind in ("em_close", "strong_close"):
                self._flush()
                self._close(stack, "*" if kind == "em_close" else "**")
            elif kind == "link_open":
                self.writer.removed = True
                if token.markup == "autolink" or token.info == "auto":
                    self.autolink += 1
            elif kind == "link_close":
                if token.markup == "autolink" or token.info == "auto":
                    self.autolink = max(0, self.autolink - 1)
            elif kind == "image":
                self.writer.removed = True
                alt = "".join(child.content for child in token.children or [])
                self.text.append(alt)  # the image's description, as words
            else:  # html_inline and anything not on the allow-list
                self.writer.removed = True
                raw = _RAW_TEXT.match(token.content) if kind == "html_inline" else None
                if raw and not raw.group(1):
                    self.hidden = raw.group(2).lower()
        self._flush()
        for opened in stack:  # never closed (cannot happen from the parser): drop the mark
            self.out[opened] = ""
        return "".join(self.out)

    def _emit(self, piece: str) -> None:
        if self.pending_break and self.has_content:
            self.out.append(self.pending_break)
        self.pending_break = ""
        self.has_content = self.has_content or bool(piece)
        self.out.append(piece)

    def _skip_hidden(self, token: Token) -> None:
        if token.type == "html_inline":
            raw = _RAW_TEXT.match(token.content)
            if raw and raw.group(1) and raw.group(2).lower() == self.hidden:
                self.hidden = None

    def _close(self, stack: list[int], mark: str) -> None:
        if not stack:
            return
        opened = stack.pop()
        inner = "".join(self.out[opened + 1 :])
        if not inner.strip() or inner != inner.strip():
            self.out[opened] = ""  # empty or spaced emphasis would not re-parse as emphasis
            return
        self.out.append(mark)

    def _flush(self) -> None:
        """Escape the text gathered since the last markup. Joined first, so text that an
        omitted tag or link split in two (`comm<b></b>and:`) is checked as the reader sees it."""
        if not self.text:
            return
        text = "".join(self.text)
        self.text = []
        scrubbed = _scrub(text)
        if scrubbed != text:
            self.writer.removed = True
        if self.line_start:
            scrubbed = scrubbed.lstrip(" \t")
        if scrubbed:
            self._emit(escape(scrubbed, line_start=self.line_start))
            self.line_start = False


def escape(text: str, *, line_start: bool = False) -> str:
    """Text that renders as itself: no markup, no entity, no link a linkifier would find
    (`student.py`, `www.x`, `a@b`, `//host` are broken up by escapes that render as nothing)."""
    out = []
    for index, char in enumerate(text):
        after = text[index + 1 : index + 2]
        if (
            char in _ALWAYS_ESCAPED
            or (char == "." and after.isalnum())
            or (char == ":" and after and not after.isspace())
            or (char == "/" and after == "/")
            or char == "@"
            or (index == 0 and line_start and char in _LINE_START_ESCAPED)
        ):
            out.append("\\" + char)
        else:
            out.append(char)
    escaped = "".join(out)
    if line_start:
        escaped = _ORDERED_MARKER.sub(r"\1\\\2", escaped)
    return escaped


def has_uri(code: str) -> bool:
    """Whether code holds a URI: such code is shown only when it is the student's own."""
    return bool(_URI.search(code))


def _scrub(text: str) -> str:
    """Text without URIs or tag-like text, until nothing more goes (a removal must not join
    two halves into a new one)."""
    while True:
        scrubbed = _URI.sub("", _TAG_TEXT.sub("", text))
        if scrubbed == text:
            return text
        text = scrubbed


def plain_text(markdown: str) -> str:
    """Guarded Markdown for a place that shows plain text (a diagnostic's message): the escapes
    go; what they escaped was checked already and a plain-text field renders no markup."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def safe_text(text: str) -> str:
    """Mentor's own words (a file name, a rule's message) as Markdown text that stays text."""
    return escape(_scrub(text))


class _KeepCode:
    """Mentor's own Markdown (rule documentation, jedi's docstrings): all code is kept."""

    def prose(self, source: str) -> list[Cut]:
        return [Cut(source=source)]

    def block(self, code: str) -> str | None:
        return None

    def inline(self, spans: list[str]) -> list[bool]:
        return [True] * len(spans)


def clean_markdown(text: str) -> str:
    """Markdown that Mentor shows but did not write itself in full (a docstring from the
    workspace, a message with the student's names in it) reduced to the same allow-list."""
    return render_safe(text, _KeepCode()).text
