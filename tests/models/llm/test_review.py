"""The review's JSON: parsing despite the classic pitfalls, and publishing only checked findings."""

from __future__ import annotations

from mentor.models.llm.review import parse_review, validate

SOURCE = ["total = 0", "for n in numbers:", "    total = n", "print(total)"]


def test_plain_json():
    text = (
        '{"findings": [{"line": 3, "code": "total = n", "problem": "Overwrites.",'
        ' "question": "Why?"}]}'
    )
    assert parse_review(text)[0]["line"] == 3


def test_raw_newlines_inside_strings_are_accepted():
    text = (
        '{"findings": [{"line": 3, "code": "total = n", "problem": "It\noverwrites.",'
        ' "question": "?"}]}'
    )
    found = validate(parse_review(text), SOURCE)
    assert found[0].problem == "It overwrites."


def test_json_cut_off_at_max_tokens_keeps_the_complete_findings():
    text = (
        '{"findings": [{"line": 3, "code": "total = n", "problem": "Overwrites.", "question": "?"},'
        ' {"line": 4, "code": "print(tot'
    )
    assert [item["line"] for item in parse_review(text)] == [3]
    assert parse_review('{"findings": [') == []
    assert parse_review("not json at all") == []


def test_only_findings_on_real_lines_that_quote_them_are_kept():
    items = [
        {"line": 3, "code": "total = n", "problem": "Overwrites the total.", "question": "?"},
        {"line": 99, "code": "total = n", "problem": "No such line.", "question": "?"},
        {"line": 1, "code": "total += n", "problem": "Quotes another line.", "question": "?"},
        {"line": 2, "code": "", "problem": "Quotes nothing.", "question": "?"},
        {"line": "2", "code": "for n in numbers:", "problem": "Line as text.", "question": "?"},
        {"line": 4, "code": "print( total )", "problem": "Spacing differs.", "question": "?"},
        {"line": 3, "code": "total = n", "problem": "Same line again.", "question": "?"},
    ]
    kept = validate(items, SOURCE)
    assert [(f.line, f.problem) for f in kept] == [
        (3, "Overwrites the total."),
        (4, "Spacing differs."),
    ]
