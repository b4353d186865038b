"""Messages that state a fact about the program must hold for the program they are shown on.

Each case is a correct-looking program for which an earlier wording made a false claim."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentor.analyzers import Level, analyze

CORPUS = Path(__file__).parent / "corpus" / "loops_messages.py"


def _messages(code: str) -> list[str]:
    text = CORPUS.read_text(encoding="utf-8")
    return [f.message(Level.NOVICE) for f in analyze(text).findings if f.code == code]


def test_loop_runs_once_does_not_claim_only_the_first_item_is_checked() -> None:
    # The inner loop of has_duplicate compares every item: only the outer loop stops early.
    [message] = _messages("MNT105")
    assert "only the first item" not in message
    assert "never runs a second time" in message


def test_loop_variable_change_kept_after_the_loop_is_explained_as_such() -> None:
    # last_doubled returns the variable: the change is not about skipping passes.
    [message] = _messages("MNT102")
    assert "skip" not in message
    assert "after the loop" in message


def test_range_len_loop_that_also_uses_the_index_is_not_called_lookup_only() -> None:
    [message] = _messages("MNT101")
    assert "only to look up" not in message
    assert "enumerate(names)" in message


@pytest.mark.parametrize(
    ("code", "program", "claim"),
    [
        (
            "MNT101",
            "def total(xs):\n    s = 0\n    for i in range(len(xs)):\n        s += xs[i]\n"
            "    return s\n",
            "only to look up `xs[i]`",
        ),
        (
            "MNT102",
            "for i in range(10):\n    if i == 3:\n        i += 2\n    print(i)\n",
            "does not skip or repeat a pass",
        ),
    ],
)
def test_the_claim_is_still_made_where_it_holds(code: str, program: str, claim: str) -> None:
    messages = [f.message(Level.NOVICE) for f in analyze(program).findings if f.code == code]
    assert messages and claim in messages[0]
