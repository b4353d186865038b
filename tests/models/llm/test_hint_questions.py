"""Mentor's own hint questions: about the specific code on the line, never the fix."""

from __future__ import annotations

import pytest

from mentor.models.llm.hint_questions import line_question

SUM_TO = (
    "def sum_to(n):\n    total = 0\n    for i in range(1, n):\n        total += i\n"
    "    return total\n"
)


def test_a_range_loop_asks_which_values_the_loop_variable_takes():
    assert line_question(SUM_TO, 1, 3) == (
        "On line 3, which values does `i` take from `range(1, n)`: what is the first one, and "
        "what is the last one?"
    )


def test_a_comparison_with_a_number_asks_about_that_exact_value():
    code = "def passed(score):\n    if score > 50:\n        return True\n    return False\n"
    assert line_question(code, 1, 2) == (
        "On line 2, what does `score > 50` give when `score` is exactly `50`?"
    )


def test_an_operation_is_worked_out_by_hand_on_small_values():
    code = "def area(width, height):\n    return width + height\n"
    assert line_question(code, 1, 2) == (
        "On line 2, work out `width + height` by hand with `width` = 7 and `height` = 2: is the "
        "result the value you want there?"
    )


def test_changing_a_list_inside_a_loop_over_it_names_the_loops_line():
    code = (
        "def drop_evens(numbers):\n"
        "    for number in numbers:\n"
        "        if number % 2 == 0:\n"
        "            numbers.remove(number)\n"
        "    return numbers\n"
    )
    question = line_question(code, 1, 4)
    assert question is not None
    assert question.startswith("On line 4, `numbers.remove(number)` changes `numbers`")
    assert "the loop on line 2" in question


def test_print_in_a_function_that_gives_nothing_back_asks_what_the_caller_gets():
    code = "def greeting(name):\n    print('Hello, ' + name)\n\nmessage = greeting('Ada')\n"
    assert line_question(code, 1, 2) == (
        "On line 2, `print('Hello, ' + name)` shows a value on the screen: what does a call of "
        "`greeting` give back to the code that called it when this line runs?"
    )


def test_line_numbers_follow_the_files_lines_when_the_code_is_an_extract():
    # The server sends the enclosing function, here lines 10-14 of the file, indented.
    extract = "    " + SUM_TO.replace("\n", "\n    ").rstrip()
    question = line_question(extract, 10, 12)
    assert question is not None and question.startswith("On line 12, which values does `i`")


@pytest.mark.parametrize(
    ("code", "line"),
    [
        (SUM_TO, 3),
        ("def last(items):\n    return items[len(items)]\n", 2),
        ("def ok(a, b):\n    return a > 0 or b > 0\n", 2),
        ("def f(x):\n    y = x * 2\n", 2),
        ("grid = [[0] * 3] * 3\n", 1),
        ("count = 0\ndef visit():\n    count += 1\n", 3),
    ],
)
def test_the_question_asks_and_quotes_only_the_students_code(code: str, line: int):
    question = line_question(code, 1, line)
    assert question is not None and question.endswith("?")
    for quoted in question.split("`")[1::2]:
        assert quoted in code or quoted in {"()", "input()", "sum(...)"} or quoted.isdigit()


@pytest.mark.parametrize(
    ("code", "line"),
    [
        ("def broken(:\n    return 1\n", 1),  # not Python: no question, never a crash
        ("x = 1\n", 5),  # no such line
        ("\n\n", 1),
        ("pass\n", 1),  # nothing specific to ask about
        ("x = " + "[" * 300 + "]" * 300 + "\n", 1),  # too deep for Python's parser
    ],
)
def test_code_mentor_cannot_read_gives_no_question(code: str, line: int):
    assert line_question(code, 1, line) is None
