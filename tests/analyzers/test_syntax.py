"""Syntax errors: explained in plain words, at the line to fix, for any input whatsoever."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mentor.analyzers import Level, analyze
from mentor.analyzers.parsing import parses


def test_assignment_in_condition_points_at_the_equals_sign():
    analysis = analyze("x = 3\nwhile x = 3:\n    x = x - 1\n")
    problem = analysis.syntax_error
    assert problem is not None and problem.cause == "assign-in-condition"
    assert (problem.span.line, problem.span.column, problem.span.end_column) == (2, 8, 9)
    assert analysis.findings == (problem.finding,)


def test_generic_explanation_keeps_pythons_words_and_adds_plain_ones():
    problem = analyze("total = = 5\n").syntax_error
    assert problem.cause == "syntax-error"
    novice = problem.explanation(Level.NOVICE)
    assert "invalid syntax" in novice and "none of your file can run" in novice
    assert problem.explanation(Level.PROFICIENT) == "SyntaxError: invalid syntax"


def test_errors_without_a_position_are_still_explained():
    # A null byte; nesting too deep for the parser; a unary chain that exhausts its memory
    # (a MemoryError, without a position, on every Python from 3.10 to 3.13).
    for text in ("x = 1\x00\n", "(" * 300 + ")" * 300 + "\n", "x = " + "-" * 100_000 + "1"):
        analysis = analyze(text)
        assert analysis.syntax_error is not None
        assert analysis.syntax_error.span.line >= 1
        assert analysis.syntax_error.explanation(Level.NOVICE)


def test_indentation_errors_are_syntax_errors_too():
    problem = analyze("x = 1\n    y = 2\n").syntax_error
    assert problem.span.line == 2
    assert "indented more" in problem.explanation(Level.NOVICE)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_gives_an_analysis_never_an_exception(text: str):
    analysis = analyze(text)
    for finding in analysis.findings:
        assert finding.span.line >= 1
        for level in Level:
            assert finding.message(level)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "if x = 1:",
                "    pass",
                "else if y:",
                "print 'hi'",
                "for i in range(3)",
                "x = [1, 2",
                ")",
                "def f(",
                "'''",
                "class A:",
                "\tpass",
                "return",
                "x ==",
                "import",
                "elif:",
                "#",
                "",
            ]
        ),
        max_size=12,
    )
)
def test_broken_beginner_lines_in_any_order(lines: list[str]):
    text = "\n".join(lines) + "\n"
    analysis = analyze(text)
    if analysis.syntax_error is not None:
        span = analysis.syntax_error.span
        assert 1 <= span.line <= text.count("\n") + 1


# -- causes that look alike, told apart ---------------------------------------------------


def _cause(code: str) -> tuple[str, int, int]:
    problem = analyze(code).syntax_error
    assert problem is not None
    return problem.cause, problem.span.line, problem.span.column


def test_unclosed_bracket_points_at_the_bracket_that_was_opened():
    # Python stops at the ':' (column 20); the learner must look at the '(' (column 14).
    code = "total = 0\nfor i in range(1, 11:\n    total += i\n"
    assert _cause(code) == ("unclosed-bracket", 2, 14)
    fix = analyze(code).syntax_error.fix
    assert analyze(code).source.apply(fix.edits).startswith("total = 0\nfor i in range(1, 11):")


def test_words_side_by_side_are_text_commas_or_operators_by_what_the_file_defines():
    assert _cause("print(Hello world)\n")[0] == "missing-quotes"
    assert _cause("name = John Smith\n")[0] == "missing-quotes"
    assert _cause("name = 'Al'\nage = 3\nprint(name age)\n")[0] == "missing-comma"
    assert _cause("price = 1\nquantity = 2\ntotal = price quantity\n")[0] == "missing-operator"
    # A misspelt variable is still a variable, not text.
    assert _cause("price = 1\nquantity = 2\ntotal = price quantiy\n")[0] == "missing-operator"


def test_the_dictionary_key_without_colon_is_a_missing_colon_not_a_comma():
    assert _cause("ages = {'Ann': 12, 'Bob' 14}\n") == ("missing-colon", 1, 19)
    assert _cause("ages = {'Ann': 12 'Bob': 14}\n")[0] == "missing-comma"


def test_an_apostrophe_in_unquoted_text_is_missing_quotes_not_a_broken_string():
    analysis = analyze("print(Don't panic)\n")
    assert analysis.syntax_error.cause == "missing-quotes"
    assert analysis.source.apply(analysis.syntax_error.fix.edits) == 'print("Don\'t panic")\n'


def test_fixes_that_only_guess_are_not_marked_safe():
    guess = analyze("primes = [2, 3, 5 7]\n").syntax_error.fix
    obvious = analyze("if x > 3\n    pass\n").syntax_error.fix
    assert guess.applicability.value == "unsafe"
    assert obvious.applicability.value == "safe"


def test_return_outside_a_function_is_reported_and_other_findings_stay():
    code = "names = ['a']\nfor i in range(len(names)):\n    print(names[i])\nreturn names\n"
    analysis = analyze(code)
    assert analysis.syntax_error is not None
    assert analysis.syntax_error.cause == "return-outside-function"
    assert analysis.syntax_error.python_message == "'return' outside function"
    assert {finding.rule.name for finding in analysis.findings} >= {
        "return-outside-function",
        "range-len-loop",
    }


def test_a_cause_can_be_disabled_like_any_rule_but_the_file_still_has_its_error():
    from mentor.analyzers import AnalysisSettings

    analysis = analyze("print 'hi'\n", settings=AnalysisSettings(frozenset({"print-statement"})))
    assert analysis.syntax_error.cause == "print-statement"
    assert analysis.findings == ()


def test_every_cause_speaks_less_to_proficient_learners():
    from mentor.analyzers import all_rules

    for rule in all_rules():
        if not rule.syntax:
            continue
        for example in rule.invalid:
            problem = analyze(example.code).syntax_error
            if problem is None or problem.rule is not rule:
                continue
            novice, proficient = (
                problem.explanation(Level.NOVICE),
                problem.explanation(Level.PROFICIENT),
            )
            assert len(novice) > len(proficient), rule.name
            assert "\n" not in proficient


# -- the lexer reads broken code the same way on every Python ----------------------------


def test_lexer_keeps_going_after_an_unterminated_string():
    from mentor.analyzers.syntax.lexer import Kind, lex

    tokens = lex("print('hello)\nx = 1\n")
    string = next(token for token in tokens if token.kind is Kind.STRING)
    assert not string.closed and string.text == "'hello)"
    assert [t.text for t in tokens if t.line == 2 and t.kind is not Kind.NEWLINE] == ["x", "=", "1"]


def test_lexer_marks_typographic_characters_and_reads_nested_fstring_quotes():
    from mentor.analyzers.syntax.lexer import Kind, lex

    curly = lex("print(“hi”)\n")
    assert [t.text for t in curly if t.kind is Kind.ERROR] == ["“", "”"]
    nested = lex('x = f"{d["key"]} and {y}"\n')
    strings = [t for t in nested if t.kind is Kind.STRING]
    assert len(strings) == 1 and strings[0].closed


# -- broken programs of every shape: explained, never raising, fixes always parse ---------

_PROGRAMS = [
    (Path(__file__).parents[2] / "examples" / name).read_text(encoding="utf-8")
    for name in ("grades.py", "guessing_game.py", "shopping.py")
] + [
    "def area(width, height):\n    return width * height\n\n\nprint(area(2, 3))\n",
    "scores = {'Ann': 3, 'Bob': 5}\nfor name in scores:\n    if scores[name] > 4:\n"
    "        print(name, 'wins')\n    else:\n        print(name)\n",
    "try:\n    n = int(input('n: '))\nexcept ValueError:\n    n = 0\nwhile n > 0:\n"
    "    n -= 1\n    print(f'{n} left')\n",
]
_TYPED = ["(", ")", "[", "]", "{", "}", ":", ",", "'", '"', "=", " ", "\t", "\n", "“", "!", "#"]


@st.composite
def _mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(_PROGRAMS))
    for _ in range(draw(st.integers(1, 3))):
        lines = text.split("\n")
        kind = draw(st.sampled_from(["delete", "insert", "drop-line", "copy-line", "indent"]))
        if kind in ("delete", "insert") and text:
            at = draw(st.integers(0, len(text) - 1))
            char = draw(st.sampled_from(_TYPED))
            text = text[:at] + text[at + 1 :] if kind == "delete" else text[:at] + char + text[at:]
        elif kind in ("drop-line", "copy-line", "indent") and lines:
            at = draw(st.integers(0, len(lines) - 1))
            if kind == "drop-line":
                del lines[at]
            elif kind == "copy-line":
                lines.insert(at, lines[at])
            else:
                lines[at] = draw(st.sampled_from(["  ", "    ", "\t", ""])) + lines[at].lstrip()
            text = "\n".join(lines)
    return text


@settings(max_examples=400, deadline=None)
@given(_mutated())
def test_mutated_programs_are_explained_where_they_are_and_fixes_parse(text: str):
    analysis = analyze(text)
    problem = analysis.syntax_error
    if problem is None:
        return
    lines = analysis.source.lines
    assert 1 <= problem.span.line <= len(lines)
    assert 0 <= problem.span.column <= len(lines[problem.span.line - 1])
    for level in Level:
        message = problem.explanation(level)
        assert message.strip() and not re.search(r"\{[a-z_]+\}", message)
    if problem.fix is not None:
        fixed = analysis.source.apply(problem.fix.edits)
        assert parses(fixed), (problem.cause, text, fixed)


def test_a_broken_character_is_pointed_at_in_plain_words():
    # Half of a UTF-16 surrogate pair, as a broken editor or a cut paste can leave behind.
    problem = analyze("x = 1\nname = 'J\ud83dn'\n").syntax_error
    assert (problem.span.line, problem.span.column) == (2, 9)
    assert "broken character" in problem.explanation(Level.NOVICE)


def test_the_error_is_read_from_the_text_not_from_the_saved_file(tmp_path, monkeypatch):
    # Python reads an error's line from the file it is named after, even a relative name, and
    # computes the column with it: the saved file must play no part.
    saved = "count = 0\nx = 1\n"
    typed = "count = 0\ncount = count + len(items\n"
    (tmp_path / "count.py").write_text(saved, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    expected = analyze(typed).syntax_error
    for path in (str(tmp_path / "count.py"), "count.py"):
        problem = analyze(typed, path).syntax_error
        assert (problem.cause, problem.span) == (expected.cause, expected.span)
    assert expected.cause == "unclosed-bracket" and expected.span.column == 19
