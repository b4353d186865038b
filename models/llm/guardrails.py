"""What the tutor may show a student, enforced on every answer (after CodeHelp's guardrails).

The model is asked to explain and ask rather than solve, but a model's obedience is not a
guarantee (and student code may try to talk it out of it), so the answer itself is checked on
its parsed Markdown (`markdown_guard`): only paragraphs, emphasis, headings, lists, quotes and
code survive, written back as Markdown that cannot become HTML, a link (a `command:` link
could run an editor command) or an image. Code that is not a quote of the student's own is cut
unless the teacher allows solutions; the teacher's avoided concepts are always cut.
"""

from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass, field

from mentor.models.llm.concepts import ConceptMatcher
from mentor.models.llm.markdown_guard import Cut, has_uri, render_safe

MAX_ANSWER_CHARS = 3000
MAX_INLINE_CODE_CHARS = 40  # more new inline code than this, in all spans together, is a solution

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
    unclosed code fence is a code block up to the end of the text, as CommonMark says."""
    judge = _PolicyJudge(student_code, policy)
    rendered = render_safe(answer, judge)
    removed = judge.removed
    if rendered.markup_removed:
        removed.insert(0, "markup")
    if rendered.inline_cut:
        removed.append("inline-code")
    text = _drop_repeated_notes(rendered.text).strip()
    if len(text) > MAX_ANSWER_CHARS:
        text = render_safe(_shorten(text), _PolicyJudge(student_code, policy)).text
        removed.append("length")
    return Guarded(text, tuple(removed))


# The start of an HTML tag still arriving at the end of a streamed answer (escaped by the guard or
# not), e.g. `\\<img src=x onerror`: shown as text until the tag closes and the guard removes it.
_OPEN_TAG_TAIL = re.compile(r"\\?<[A-Za-z/!?][^<>\n]{0,200}$")


def settled(guarded_so_far: str) -> str:
    """What of a streamed answer's guarded text can be shown now: without a trailing tag that
    has not closed yet. The whole answer is guarded again when it ends."""
    return _OPEN_TAG_TAIL.sub("", guarded_so_far).rstrip()


def has_content(text: str) -> bool:
    """Whether anything but Mentor's own notes is left."""
    rest = text.replace(CODE_REMOVED, "").replace(CONCEPT_REMOVED, "")
    return bool(re.search(r"[A-Za-z]{3,}", rest))


class _PolicyJudge:
    """The teacher's policy applied to the code of one answer (see markdown_guard.Judge)."""

    def __init__(self, student_code: str, policy: Policy) -> None:
        self.policy = policy
        self.quoted = _student_lines(student_code)
        self.avoided = [ConceptMatcher(name) for name in policy.avoid_concepts if name.strip()]
        self.removed: list[str] = []

    def block(self, code: str) -> str | None:
        for matcher in self.avoided:
            if matcher.in_code(code):
                self.removed.append(f"concept:{matcher.name}")
                return CONCEPT_REMOVED
        quote = _is_quote(code.split("\n"), self.quoted)
        if quote or (self.policy.allow_solutions and not has_uri(code)):
            return None
        self.removed.append("code-block")
        return CODE_REMOVED

    def prose(self, source: str) -> list[Cut]:
        """Code written as plain lines in a paragraph is judged as a code block; the teacher's
        avoided concepts are cut from the sentences around it."""
        cuts: list[Cut] = []
        for is_code, lines in _bare_code_groups(source.split("\n")):
            text = "\n".join(lines)
            if not is_code:
                for matcher in self.avoided:
                    text = matcher.cut_prose(text, self.removed)
                cuts.append(Cut(source=text))
                continue
            note = self.block(text)
            if note is None:
                cuts.append(Cut(source=text))
            else:
                if self.removed and self.removed[-1] == "code-block":
                    self.removed[-1] = "bare-code"
                cuts.append(Cut(note=note))
        return cuts

    def inline(self, spans: list[str]) -> list[bool]:
        """Spans judged together: names and the student's own code are fine; new code is
        kept only while all of it together stays short and holds no statement."""
        keep = [not has_uri(span) or self._known(span) for span in spans]
        if self.policy.allow_solutions:
            return keep
        new = [i for i, span in enumerate(spans) if not self._known(span)]
        statements = [i for i in new if _is_statement(spans[i])]
        total = sum(len(spans[i].strip()) for i in new)
        too_much = total > MAX_INLINE_CODE_CHARS or statements or any("\n" in spans[i] for i in new)
        if too_much:
            for i in new:
                keep[i] = False
        return keep

    def _known(self, span: str) -> bool:
        code = _squash(span)
        if len(code) <= 3 or re.fullmatch(r"[\w.]+|(['\"]).{0,20}\1", code):
            return True  # a name, a number, an operator, a short string
        return any(code in line for line in self.quoted)


# -- code in prose --------------------------------------------------------------------------


def _bare_code_groups(lines: list[str]) -> list[tuple[bool, list[str]]]:
    """Runs of lines: (True, code lines) or (False, prose lines). After a code line, the
    indented lines below it are its body."""
    groups: list[tuple[bool, list[str]]] = []
    in_code = False
    for line in lines:
        code = _looks_like_code(line) or (in_code and line[:1] in (" ", "\t") and line.strip())
        code = bool(code)
        if groups and groups[-1][0] == code:
            groups[-1][1].append(line)
        else:
            groups.append((code, [line]))
        in_code = code
    return groups


_COMPOUND_START = re.compile(r"^(elif\b.*|else|try|finally|except\b.*)\s*:$")


def _looks_like_code(line: str) -> bool:
    """A line of Python, not a sentence, also when wrapped in markup (`*…*`, `<code>`) or after
    a label (`Fix: …`), or a one-line loop or condition inside a sentence."""
    plain = _MARKUP.sub("", line)
    views = {line, plain, _LABEL.sub("", plain, count=1)}
    return any(_is_code_line(view) for view in views) or _embedded_compound(plain)


# Markup around code, for judging only (the parser has already decided what is markup).
_MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|[*`~]+|(?<!\w)_+|_+(?!\w)")
_LABEL = re.compile(r"^\s*[A-Za-z][\w ]{0,20}:\s+")
_COMPOUND_IN_PROSE = re.compile(r"\b(?:for|while|if|with)\s[^:\n]{1,60}:\s*\S.*")


def _is_code_line(line: str) -> bool:
    """Indented, any statement but a bare name counts (`result.append(n)`); unindented, a
    statement or a call written as code (`print(x)`)."""
    stripped = line.strip()
    if not stripped or stripped.startswith(("- ", "* ", "+ ")):
        return False
    if _COMPOUND_START.match(stripped):
        return True
    tree = _parse_line(stripped)
    if tree is None or not tree.body:
        return False
    indented = line[:1] in (" ", "\t")
    for statement in tree.body:
        if isinstance(statement, ast.AnnAssign) and statement.value is None:
            if indented:  # `Hint: think again` parses as an annotation
                return True
            continue
        if not isinstance(statement, ast.Expr):
            return True
        value = statement.value
        if isinstance(value, ast.Call) and re.search(r"[\w\])]\(", stripped):
            return True
        if indented and not isinstance(value, ast.Name | ast.Constant):
            return True
    return False


def _embedded_compound(text: str) -> bool:
    """`Write for name in names: print(name) instead.`: a loop or condition with its body,
    found by dropping words after it until it parses."""
    for match in _COMPOUND_IN_PROSE.finditer(text):
        words = match.group(0).split(" ")
        for drop in range(min(6, len(words))):
            candidate = " ".join(words[: len(words) - drop]).rstrip(".,;!?")
            tree = _parse_line(candidate)
            if tree and isinstance(tree.body[0], ast.For | ast.While | ast.If | ast.With):
                return True
    return False


def _is_statement(code: str) -> bool:
    tree = _parse_line(code.strip())
    return tree is not None and any(not isinstance(node, ast.Expr) for node in tree.body)


def _parse_line(line: str) -> ast.Module | None:
    candidate = line + " pass" if line.endswith(":") else line
    try:
        with warnings.catch_warnings():  # `"\<"` in a model's text: not the student's concern
            warnings.simplefilter("ignore")
            return ast.parse(candidate)
    except (SyntaxError, ValueError):
        return None


def _is_quote(lines: list[str], quoted: set[str]) -> bool:
    """Code made only of the student's own lines points at their code; it solves nothing."""
    meaningful = [line for line in lines if line.strip()]
    return bool(meaningful) and all(
        _squash(line) in quoted or _squash(_MARKUP.sub("", line)) in quoted for line in meaningful
    )


# -- helpers ------------------------------------------------------------------------------


def _student_lines(code: str) -> set[str]:
    return {_squash(line) for line in code.splitlines() if line.strip()}


def _squash(line: str) -> str:
    """A line compared whitespace-insensitively (and without a `12 |` line-number prefix)."""
    line = re.sub(r"^\s*\d+\s*\|", "", line)
    return re.sub(r"\s+", " ", line).strip()


def _shorten(text: str) -> str:
    """The answer cut at a word near MAX_ANSWER_CHARS (then guarded again: a cut can leave a
    fence or an emphasis open)."""
    return text[:MAX_ANSWER_CHARS].rsplit(" ", 1)[0] + " …"


def _drop_repeated_notes(text: str) -> str:
    for note in (CODE_REMOVED, CONCEPT_REMOVED):
        pattern = re.escape(note) + r"(\s*" + re.escape(note) + r")+"
        text = re.sub(pattern, note, text)
    return text
