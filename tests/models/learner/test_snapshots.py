"""From snapshots of a document to graded evidence (what a student did since the code last
settled)."""

from __future__ import annotations

from mentor.analyzers import Concept, analyze
from mentor.models.learner.evidence import Cause, Grade
from mentor.models.learner.snapshots import (
    SYNTAX_GRACE_S,
    CodeFacts,
    DocumentMemory,
    take_snapshot,
)

LOOP = "names = ['a']\nfor i in range(len(names)):\n    print(names[i])\n"
FIXED = "names = ['a']\nfor name in names:\n    print(name)\n"
BROKEN = "names = ['a']\nfor name in names\n    print(name)\n"


def facts(code: str) -> CodeFacts:
    return CodeFacts.of(analyze(code))


def evidence(result) -> set[tuple[Concept, Grade, Cause]]:
    return {(obs.skill, obs.grade, obs.cause) for obs in result.observations}


def test_the_first_snapshot_of_a_document_is_a_baseline():
    result = take_snapshot(None, facts(LOOP), now=0.0)
    assert result.observations == ()
    assert result.memory.findings == {"range-len-loop": 1}


def test_a_new_mistake_counts_once_however_long_it_stays():
    base = take_snapshot(None, facts(FIXED), 0.0).memory
    first = take_snapshot(base, facts(LOOP), 10.0)
    assert (Concept.LOOPS, Grade.MISCONCEPTION, Cause.NEW_FINDING) in evidence(first)
    assert (Concept.LISTS, Grade.MISCONCEPTION, Cause.NEW_FINDING) in evidence(first)
    again = take_snapshot(first.memory, facts(LOOP + "x = 1\n"), 20.0)
    assert not any(obs.cause is Cause.NEW_FINDING for obs in again.observations)


def test_a_mistake_fixed_by_hand_is_learning_and_a_quick_fix_counts_less():
    base = take_snapshot(None, facts(LOOP), 0.0).memory
    by_hand = take_snapshot(base, facts(FIXED), 10.0)
    by_fix = take_snapshot(base, facts(FIXED), 10.0, quick_fixed={"range-len-loop"})
    hand = next(o for o in by_hand.observations if o.cause is Cause.FIXED_BY_HAND)
    quick = next(o for o in by_fix.observations if o.cause is Cause.FIXED_BY_QUICK_FIX)
    assert hand.grade is quick.grade is Grade.CORRECT
    assert hand.item == quick.item == "range-len-loop"
    assert quick.weight < hand.weight


def test_moving_or_renaming_code_is_neither_a_fix_nor_a_mistake():
    base = take_snapshot(None, facts(LOOP), 0.0).memory
    renamed = LOOP.replace("names", "people")
    result = take_snapshot(base, facts("# moved down\n" + renamed), 10.0)
    assert not {o.cause for o in result.observations} & {Cause.NEW_FINDING, Cause.FIXED_BY_HAND}


def test_code_that_stops_parsing_does_not_count_as_fixing_its_mistakes():
    base = take_snapshot(None, facts(LOOP), 0.0).memory
    broken = take_snapshot(base, facts(LOOP + "if x\n"), 5.0)
    assert broken.observations == ()
    assert broken.memory.findings == {"range-len-loop": 1}  # carried over, not fixed
    assert broken.recheck_after == SYNTAX_GRACE_S


def test_a_syntax_error_counts_only_when_it_lasts_and_fixing_it_is_learning():
    base = take_snapshot(None, facts(FIXED), 0.0).memory
    typing = take_snapshot(base, facts(BROKEN), 1.0)
    assert typing.observations == ()  # a pause in the middle of a line
    quick_fix = take_snapshot(typing.memory, facts(FIXED), 5.0)
    assert quick_fix.observations == ()  # fixed before it counted: nothing happened

    stuck = take_snapshot(base, facts(BROKEN), 1.0)
    later = take_snapshot(stuck.memory, facts(BROKEN), 1.0 + SYNTAX_GRACE_S)
    assert {(o.grade, o.cause) for o in later.observations} == {
        (Grade.ERROR, Cause.LASTING_SYNTAX_ERROR)
    }
    assert {o.skill for o in later.observations} >= {Concept.SYNTAX}
    still = take_snapshot(later.memory, facts(BROKEN), 500.0)
    assert still.observations == ()  # counted once
    fixed = take_snapshot(still.memory, facts(FIXED), 600.0)
    assert (Concept.SYNTAX, Grade.CORRECT, Cause.FIXED_BY_HAND) in evidence(fixed)


def test_new_idiomatic_code_is_evidence_and_a_new_mistake_hides_the_same_skills_uses():
    base = take_snapshot(None, facts("xs = [1]\n"), 0.0).memory
    result = take_snapshot(base, facts("xs = [1]\nsquares = [x * x for x in xs]\n"), 5.0)
    assert (Concept.COMPREHENSIONS, Grade.IDIOMATIC, Cause.IDIOMATIC_USE) in evidence(result)
    with_mistake = take_snapshot(base, facts("xs = [1]\n" + LOOP), 5.0)
    loops = [o for o in with_mistake.observations if o.skill is Concept.LOOPS]
    assert [o.cause for o in loops] == [Cause.NEW_FINDING]


def test_one_observation_per_skill_and_kind_in_a_snapshot():
    base = take_snapshot(None, facts("x = 1\n"), 0.0).memory
    code = "x = 1\nfor a in b:\n    pass\nfor c in d:\n    pass\nfor e in f:\n    pass\n"
    result = take_snapshot(base, facts(code), 5.0)
    assert [o.skill for o in result.observations].count(Concept.LOOPS) == 1


def test_memory_round_trips_through_json_and_bad_json_gives_an_empty_memory():
    stuck = take_snapshot(take_snapshot(None, facts(LOOP), 0.0).memory, facts(BROKEN), 1.0)
    memory = stuck.memory
    assert DocumentMemory.from_json(memory.to_json()) == memory
    assert DocumentMemory.from_json({"findings": "nonsense"}) == DocumentMemory()
    assert DocumentMemory.from_json(None) == DocumentMemory()
