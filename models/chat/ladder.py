"""The hint ladder: each follow-up on the same problem goes one rung deeper, never more.

Mentor decides the rung, not the model and not the student's words: "just give me the answer"
is a follow-up like any other and climbs one rung, and the teacher's cap
(`mentor.tutor.maxHintDepth`) and `mentor.allowSolutions` bound the climb.
"""

from __future__ import annotations

import re
from enum import Enum, IntEnum


class Rung(IntEnum):
    CONCEPT = 1  # a question about the idea behind the problem
    WHERE = 2  # where to look: the line
    WHAT = 3  # what goes wrong there, with the failing test's values when there is one
    FIX_IN_WORDS = 4  # the fix, described in words (a teacher allows it with maxHintDepth >= 4)
    CODE = 5  # corrected code: only with mentor.allowSolutions and maxHintDepth 5


DEFAULT_MAX_DEPTH = int(Rung.WHAT)
MAX_DEPTH = int(Rung.CODE)

RUNG_NAMES = {
    Rung.CONCEPT: "a question about the idea",
    Rung.WHERE: "where to look",
    Rung.WHAT: "what goes wrong there",
    Rung.FIX_IN_WORDS: "the fix in words",
    Rung.CODE: "code",
}


class Intent(str, Enum):
    """What a student's message asks for, as far as the ladder cares."""

    QUESTION = "question"  # anything else: a question on the current problem (or a first one)
    WHY = "why"
    STUCK = "stuck"
    ANSWER = "answer"  # "just give me the answer": climbs no faster than "stuck"
    NEW = "new"  # "new question": the ladder starts again


_NEW = re.compile(r"^\s*(new question|new problem|something else|another question)\b", re.I)
_WHY = re.compile(r"^\s*(why\b|how come\b|what do you mean\b)", re.I)
_STUCK = re.compile(
    r"\b(still stuck|i'?m stuck|i am stuck|don'?t (get|understand)|do not (get|understand)|"
    r"no idea|more help|another hint|not helpful|confused|help)\b",
    re.I,
)
_ANSWER = re.compile(
    r"\b(give me the (answer|solution|code)|just (tell|show) me|tell me the answer|"
    r"show me the (code|answer|fix)|write (it|the code) for me|what'?s the answer)\b",
    re.I,
)


def intent_of(message: str) -> Intent:
    if _NEW.search(message):
        return Intent.NEW
    if _ANSWER.search(message):
        return Intent.ANSWER
    if _WHY.search(message):
        return Intent.WHY
    if _STUCK.search(message):
        return Intent.STUCK
    return Intent.QUESTION


def cap(max_hint_depth: int, allow_solutions: bool) -> Rung:
    """The deepest rung this teacher allows: code needs allowSolutions as well."""
    deepest = MAX_DEPTH if allow_solutions else int(Rung.FIX_IN_WORDS)
    return Rung(max(int(Rung.CONCEPT), min(max_hint_depth, deepest)))


def next_rung(previous: int | None, same_problem: bool, intent: Intent, top: Rung) -> Rung:
    """The rung of this answer: the first for a new problem, one deeper for a follow-up on the
    same problem (whatever it says), never past `top`."""
    if previous is None or not same_problem or intent is Intent.NEW:
        return Rung.CONCEPT
    return Rung(min(max(previous, 0) + 1, int(top), MAX_DEPTH))
