"""What hover says: the problem once, in the student's own names, then why and a better form at
the learner's level; and jedi's keyword pages without the grammar a beginner cannot read yet."""

from __future__ import annotations

import io
import keyword
import re
import tokenize

from mentor.analyzers import Finding, Level
from mentor.models.llm.markdown_guard import fence

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`])")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")


def finding_section(finding: Finding, level: Level, *, restate: bool = True) -> str:
    """Markdown for one finding. `restate`: say the problem (False where the editor already
    shows the diagnostic's sentence in the same hover, as VS Code does)."""
    rule, docs = finding.rule, finding.rule.docs
    parts = [finding.message(level)] if restate else []
    why = docs.why if level is not Level.NOVICE else _first_sentence(docs.why)
    parts.append(f"**Why?** {why}")
    example, better, yours = _in_students_names(finding)
    if yours:
        parts.append(f"**Better**, in an example with your names:\n\n{_code(better)}")
    else:
        parts.append(f"**For example** (not your code), instead of\n\n{_code(example)}")
        parts.append(f"write\n\n{_code(better)}")
    label = f"*{rule.name} ({rule.code})"
    if level is Level.PROFICIENT and rule.equivalents:
        # as code: `pylint:C0200` in text reads as a URI scheme, which the guard escapes
        label += "; the same check as " + ", ".join(f"`{code}`" for code in rule.equivalents)
    parts.append(label + "*")
    return "\n\n".join(parts)


def keyword_page(doc: str, level: Level) -> str:
    """A pydoc keyword page (what jedi gives for `for`, `if`…) as Markdown: its title, its first
    paragraph, and Python's grammar lines (`for_stmt ::= …`) only for a proficient learner."""
    paragraphs = [p for p in re.split(r"\n\s*\n", doc.strip()) if p.strip()]
    title = ""
    if paragraphs:
        lines = paragraphs[0].splitlines()
        if len(lines) == 2 and set(lines[1].strip()) <= set("*=-"):
            title, paragraphs = lines[0].strip(), paragraphs[1:]
    grammar = [p for p in paragraphs if "::=" in p]
    prose = [p for p in paragraphs if "::=" not in p]
    parts = [f"**{title}**"] if title else []
    show_grammar = level is Level.PROFICIENT and grammar
    if prose:
        first = " ".join(prose[0].split())
        parts.append(first if show_grammar else re.sub(r":$", ".", first))  # ":" led to grammar
    if show_grammar:
        parts.append(
            "```text\n" + "\n".join(line.rstrip() for line in grammar[0].splitlines()) + "\n```"
        )
    return "\n\n".join(parts)


def _first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def _code(text: str) -> str:
    return fence(text.rstrip(), "python")


def _in_students_names(finding: Finding) -> tuple[str, str, bool]:
    """(example, better, whether they now use the student's names): the rule's own example
    with its template names replaced by the names from the student's code."""
    docs = finding.rule.docs
    renames = {
        name: finding.args[arg]
        for name, arg in docs.names
        if _NAME.fullmatch(finding.args.get(arg, "")) and not keyword.iskeyword(finding.args[arg])
    }
    if not renames:
        return docs.example, docs.better, False
    try:
        return _renamed(docs.example, renames), _renamed(docs.better, renames), True
    except (tokenize.TokenError, SyntaxError):  # cannot happen for the registry's examples
        return docs.example, docs.better, False


def _renamed(code: str, renames: dict[str, str]) -> str:
    """`code` with each name in `renames` replaced, all at once (no chains); an attribute
    (`.name`) is another thing of the same name and stays."""
    lines = code.splitlines(keepends=True)
    tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    hits = [
        token
        for before, token in zip([None, *tokens], tokens, strict=False)
        if token.type == tokenize.NAME
        and token.string in renames
        and not (before and before.string == ".")
    ]
    for token in reversed(hits):  # right to left: earlier columns stay valid
        row, start = token.start
        line = lines[row - 1]
        lines[row - 1] = line[:start] + renames[token.string] + line[token.end[1] :]
    return "".join(lines)
