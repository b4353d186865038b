"""Lexing a broken version by reusing the tokens of the statements that parsed last time gives
exactly the tokens a fresh lex gives: the explanation of a syntax error reads them."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from mentor.analyzers.incremental.relex import UnitTokens
from mentor.analyzers.incremental.units import split_units
from mentor.analyzers.parsing import parse
from mentor.analyzers.source import SourceText
from mentor.analyzers.syntax.lexer import lex, lex_chunk

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from beginner_code import beginner_program  # noqa: E402

# What a student types that changes how the rest of the file lexes: brackets and strings left
# open or closed, line continuations, comments, indentation.
KEYS = ["(", ")", "[", "]", "{", "}", '"""', "'''", "'", '"', 'f"{', "\\", "#", ":", " ", "\n", "x"]


def _sources() -> list[tuple[str, str]]:
    corpus = sorted((ROOT / "tests" / "analyzers" / "corpus").glob("*.py"))[:12]
    sources = [(path.name, path.read_text(encoding="utf-8")) for path in corpus]
    sources += [(f"beginner-{seed}", beginner_program(120, seed=seed)) for seed in range(3)]
    sources.append(("crlf", beginner_program(80, seed=7).replace("\n", "\r\n")))
    sources.append(("no-final-newline", beginner_program(40, seed=8).rstrip("\n")))
    return sources


def _type(rng: random.Random, text: str) -> str:
    """One to three keys typed, or characters deleted, somewhere in the text."""
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) + 1)
        if rng.random() < 0.7:
            text = text[:at] + rng.choice(KEYS) + text[at:]
        else:
            text = text[:at] + text[at + rng.randint(1, 4) :]
    return text


@pytest.mark.parametrize(("name", "text"), _sources(), ids=[name for name, _ in _sources()])
def test_tokens_of_a_broken_version_equal_a_fresh_lex(name: str, text: str):
    rng = random.Random(name)
    tokens = UnitTokens()
    parsed = SourceText(text)
    units = split_units(parse(text).body, parsed.lines)
    checked = 0
    for step in range(120):
        edited = _type(rng, parsed.text)
        source = SourceText(edited)
        assert tokens.lex(parsed, units, source) == lex(edited), f"step {step} of {name}"
        checked += 1
        try:  # the edit parses: the next versions are compared with this one, as in the editor
            units = split_units(parse(edited).body, source.lines)
            parsed = source
        except (SyntaxError, ValueError):
            pass
    assert checked == 120


def test_unchanged_statements_are_not_lexed_again():
    text = beginner_program(300, seed=3)
    parsed = SourceText(text)
    units = split_units(parse(text).body, parsed.lines)
    tokens = UnitTokens()
    broken = text.replace("\n", "\n(\n", 1)  # a bracket left open near the top
    first = tokens.lex(parsed, units, SourceText(broken))
    typed = broken.replace("\n(\n", "\n(x\n", 1)  # one more key
    second = tokens.lex(parsed, units, SourceText(typed))
    assert second == lex(typed)
    # After the open bracket, every statement's tokens are the ones kept from the first lex
    # (the blank lines and comments between statements are lexed again: they are cheap).
    in_statements = {
        line + 1 for unit in units[1:] for line in range(unit.first_line, unit.last_line + 1)
    }
    pairs = list(zip(reversed(first), reversed(second), strict=False))[:1000]
    kept = [new is old for old, new in pairs if new.line in in_statements]
    assert len(kept) > 900
    assert all(kept)


def test_a_statement_is_taken_only_where_its_very_text_is():
    parsed = SourceText("x = 1\ny = 2\n")
    units = split_units(parse(parsed.text).body, parsed.lines)
    crlf = SourceText("x = 1\r\ny = 2\r\n(")  # the same lines, other line ends
    assert UnitTokens().lex(parsed, units, crlf) == lex(crlf.text)


def test_lines_whose_tokens_need_more_context_are_not_kept():
    text = 'a = """open\nb = 1\nc = (\nd = 2\n'
    assert lex_chunk(text, 0, 12, 1) is None  # a string runs past the lines
    assert lex_chunk(text, 18, 24, 3) is None  # a bracket stays open
    assert lex_chunk(")\nx = 1\n", 0, 8, 1) is None  # it closes a bracket opened before
    assert lex_chunk("x = 1", 0, 5, 1) is None  # no line end: the next line could join
    chunk = lex_chunk(text, 12, 18, 2)
    assert chunk is not None
    assert chunk.tokens_at(7, 2) == [
        token._replace(line=7, end_line=7, depth=2) for token in lex("b = 1\n")
    ]
