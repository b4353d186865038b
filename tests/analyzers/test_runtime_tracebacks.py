"""Reading tracebacks out of any text, and explaining them when the files changed or are gone."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mentor.analyzers.runtime import explain_traceback, parse_traceback

JAVA = """Exception in thread "main" java.lang.ArrayIndexOutOfBoundsException: Index 5
\tat Main.main(Main.java:4)
"""
NODE = """/home/sam/app.js:3
    console.log(x.y);
                  ^
TypeError: Cannot read properties of undefined (reading 'y')
    at Object.<anonymous> (/home/sam/app.js:3:19)
"""
SOURCE = "scores = [1, 2]\nprint(scores[2])\n"
TRACEBACK = """Traceback (most recent call last):
  File "grades.py", line 2, in <module>
    print(scores[2])
          ~~~~~~^^^
IndexError: list index out of range
"""


def test_no_traceback_in_empty_garbled_or_other_languages():
    for text in ("", "   \n", "Traceback (most recent", "\x00\xff garbage ^^^", JAVA, NODE):
        assert parse_traceback(text) is None
        assert explain_traceback(text, lambda name: None) is None


def test_traceback_found_inside_other_output():
    text = "Welcome!\nEnter a number: 3\n" + TRACEBACK + "\n$ "
    found = explain_traceback(text, {"grades.py": SOURCE}.get)
    assert found is not None and (found.cause, found.line) == ("index-out-of-range", 2)


def test_windows_line_endings_and_colours():
    text = TRACEBACK.replace("\n", "\r\n").replace("IndexError", "\x1b[35mIndexError\x1b[0m")
    found = explain_traceback(text, {"grades.py": SOURCE}.get)
    assert found is not None and found.type == "IndexError"


def test_missing_file_is_said_and_the_shown_line_is_used():
    found = explain_traceback(TRACEBACK, lambda name: None)
    assert found is not None and found.cause == "index-out-of-range"
    assert "could not open grades.py" in found.explanation
    assert found.culprit == "scores[2]"


def test_changed_file_is_said_and_the_shown_line_is_used():
    changed = "scores = [1, 2]\n# fixed?\nprint(scores[1])\n"
    found = explain_traceback(TRACEBACK, {"grades.py": changed}.get)
    assert found is not None and "has changed since" in found.explanation
    assert found.culprit == "scores[2]"


def test_a_file_shorter_than_the_line_or_unreadable_does_not_crash():
    def broken(name: str) -> str:
        raise OSError("disk gone")

    for read in ({"grades.py": ""}.get, broken, {"grades.py": "\x00\x00"}.get):
        found = explain_traceback(TRACEBACK, read)
        assert found is not None and found.line == 2


def test_unrelated_earlier_traceback_is_forgotten_chained_one_is_mentioned():
    other = TRACEBACK.replace("IndexError: list index out of range", "KeyError: 'x'")
    found = explain_traceback(other + "\n$ python grades.py\n" + TRACEBACK, lambda n: None)
    assert found is not None and found.type == "IndexError"
    assert "earlier one" not in found.explanation
    chained = (
        other + "\nDuring handling of the above exception, another exception occurred:\n\n"
        + TRACEBACK
    )  # fmt: skip
    found = explain_traceback(chained, lambda n: None)
    assert found is not None and found.type == "IndexError" and "KeyError" in found.explanation


def test_exception_group_borders_are_read():
    text = """  + Exception Group Traceback (most recent call last):
  |   File "grades.py", line 2, in <module>
  |     print(scores[2])
  | ExceptionGroup: problems (1 sub-exception)
  +-+---------------- 1 ----------------
    | Traceback (most recent call last):
    |   File "grades.py", line 2, in <module>
    |     print(scores[2])
    | IndexError: list index out of range
    +------------------------------------
"""
    found = explain_traceback(text, {"grades.py": SOURCE}.get)
    assert found is not None and found.type == "IndexError"


def test_a_syntax_error_report_without_header_is_read():
    text = "  File \"prog.py\", line 1\n    x = (\n        ^\nSyntaxError: '(' was never closed\n"
    found = explain_traceback(text, lambda name: None)
    assert found is not None and found.type == "SyntaxError" and found.cause == "runtime-error"


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(0, len(TRACEBACK)), st.integers(0, len(TRACEBACK)))
def test_cut_or_garbled_tracebacks_never_crash(noise: str, start: int, end: int):
    for text in (noise, TRACEBACK[start:end], TRACEBACK[:start] + noise + TRACEBACK[end:]):
        found = explain_traceback(text, {"grades.py": noise}.get)
        assert found is None or (found.explanation and found.cause)
