"""Analyses hold the cycle collector while they run, and always give it back as they found it."""

from __future__ import annotations

import gc
import threading
from concurrent.futures import ThreadPoolExecutor

from mentor.analyzers import analyze
from mentor.analyzers.incremental.document import gc_paused

PROGRAM = "names = ['a']\nfor i in range(len(names)):\n    print(names[i])\n" * 20


def test_the_collector_is_paused_during_an_analysis_and_back_after():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    analyze(PROGRAM)
    analyze("if x = 1:\n    pass\n")  # the syntax error path too
    assert gc.isenabled()


def test_a_collector_the_program_switched_off_stays_off():
    gc.disable()
    try:
        analyze(PROGRAM)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_analyses_on_threads_resume_it_once_all_end():
    inside = threading.Barrier(4)

    def overlapping() -> bool:
        with gc_paused():
            inside.wait(timeout=30)  # all four hold the pause at once
            analyze(PROGRAM)
            return gc.isenabled()

    with ThreadPoolExecutor(max_workers=4) as pool:
        during = list(pool.map(lambda _: overlapping(), range(4)))
    assert during == [False] * 4
    assert gc.isenabled()


def test_analyses_leave_no_reference_cycles_behind():
    analyze(PROGRAM)
    gc.collect()
    gc.disable()
    try:
        for _ in range(5):
            for text in (PROGRAM, "x = (1,\nif x = 1:\n    pass\n"):
                analyze(text)
        assert gc.collect() < 5  # a cycle per analysis would leave at least ten
    finally:
        gc.enable()
