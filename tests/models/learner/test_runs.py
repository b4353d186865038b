"""Runs as learner evidence: a runtime error's cause maps to the concepts it teaches, an error
counts once while it persists, and a run that then ends cleanly is learning."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentor.analyzers import Concept, Level
from mentor.analyzers.runtime import CAUSE_NAMES, CAUSES
from mentor.models.learner import Cause, Grade, LearnerService
from mentor.models.learner.runs import RunMemory, concepts_of, run_item_summary, take_run


def test_every_cause_but_the_catch_all_is_evidence_about_some_skill():
    for cause in CAUSES:
        assert cause.concepts, cause.name  # the table every cause needs
        assert all(isinstance(concept, Concept) for concept in cause.concepts)
        expected = () if cause.name == "runtime-error" else cause.concepts
        assert concepts_of(cause.name) == expected, cause.name


@pytest.mark.parametrize(
    ("cause", "concepts"),
    [
        ("index-out-of-range", {Concept.LISTS, Concept.LOOPS}),
        ("missing-key", {Concept.DICTS}),
        ("keyboard-interrupt", {Concept.LOOPS}),
        ("infinite-recursion", {Concept.RECURSION, Concept.FUNCTIONS}),
        ("str-number-mix", {Concept.TYPES, Concept.INPUT_OUTPUT}),
        ("unbound-local", {Concept.SCOPE, Concept.FUNCTIONS}),
        ("none-used", {Concept.RETURN_VALUES, Concept.FUNCTIONS}),
        ("file-not-found", {Concept.FILES}),
    ],
)
def test_a_cause_counts_for_the_concepts_a_teacher_would_name(cause, concepts):
    assert set(concepts_of(cause)) == concepts


def test_what_is_not_a_runtime_cause_names_no_skill():
    # a syntax error's cause (the snapshots count those), nonsense from a hostile run file
    for name in ("missing-colon", "no-such-cause", "", "run:index-out-of-range"):
        assert name not in CAUSE_NAMES
        assert concepts_of(name) == ()


def evidence(result) -> set[tuple[Concept, Grade, Cause]]:
    return {(o.skill, o.grade, o.cause) for o in result.observations}


def test_an_error_counts_once_while_it_persists_and_its_fix_is_learning():
    first = take_run(None, "index-out-of-range", 10.0)
    assert evidence(first) == {
        (Concept.LISTS, Grade.ERROR, Cause.RUNTIME_ERROR),
        (Concept.LOOPS, Grade.ERROR, Cause.RUNTIME_ERROR),
    }
    assert {o.item for o in first.observations} == {"run:index-out-of-range"}
    again = take_run(first.memory, "index-out-of-range", 20.0)  # ran again, same error
    assert again.observations == ()
    other = take_run(again.memory, "missing-key", 30.0)  # got further, a new error
    assert evidence(other) == {(Concept.DICTS, Grade.ERROR, Cause.RUNTIME_ERROR)}
    clean = take_run(other.memory, None, 40.0)
    assert evidence(clean) == {(Concept.DICTS, Grade.CORRECT, Cause.FIXED_RUN)}
    assert take_run(clean.memory, None, 50.0).observations == ()  # clean again: nothing new


def test_a_run_already_seen_counts_nothing():
    first = take_run(None, "division-by-zero", 10.0)
    assert take_run(first.memory, "division-by-zero", 10.0).observations == ()
    assert take_run(first.memory, None, 5.0).observations == ()  # an older record


def test_the_catch_all_is_remembered_but_blames_no_skill():
    result = take_run(None, "runtime-error", 10.0)
    assert result.observations == ()
    assert take_run(result.memory, None, 11.0).observations == ()


def test_run_memory_survives_the_file_and_garbage_reads_as_empty():
    memory = RunMemory(12.5, "missing-key")
    assert RunMemory.from_json(memory.to_json()) == memory
    for garbage in (None, [], "x", {"last_finished_at": "soon"}):
        assert RunMemory.from_json(garbage) == RunMemory()


def test_a_run_item_reads_as_its_cause_in_the_report():
    assert run_item_summary("run:missing-key").startswith("When you ran it: Looking up a key")
    assert run_item_summary("range-len-loop") == ""


def test_the_service_counts_a_run_once_even_from_two_windows(tmp_path: Path):
    path = tmp_path / "progress.sqlite3"
    first, _ = LearnerService.open(path)
    second, _ = LearnerService.open(path)
    assert {o.cause for o in first.record_run("main.py", "missing-key", 100.0)} == {
        Cause.RUNTIME_ERROR
    }
    assert second.record_run("main.py", "missing-key", 100.0) == ()  # the same run
    assert second.record_run("main.py", None, 101.0)[0].cause is Cause.FIXED_RUN
    events = first.events()
    assert [(e.document, e.item, e.cause) for e in events] == [
        ("main.py", "run:missing-key", Cause.RUNTIME_ERROR),
        ("main.py", "run:missing-key", Cause.FIXED_RUN),
    ]
    # the run's memory is kept apart from the document's snapshot memory
    assert first.store.document_memory("main.py") is None


def test_repeated_runtime_errors_keep_a_skill_at_novice(tmp_path: Path):
    service, _ = LearnerService.open(tmp_path / "progress.sqlite3")
    at = 0.0
    for _ in range(6):
        at += 1
        service.record_run("a.py", "missing-key", at)
        at += 1
        service.record_run("a.py", "index-out-of-range", at)
    assert service.level_for([Concept.DICTS]) is Level.NOVICE
    assert len(service.events()) == 6 * 3  # every new error counted (dicts; lists and loops)
