"""An analysis leaves no reference cycles: what it allocated is freed by reference counting
as soon as it ends. Cycles would wait for the cycle collector, whose sweeps of thousands of
AST nodes stall the keystroke path (the p95 of bench/diagnostics.py tripled when they did)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from beginner_code import beginner_program

from mentor.analyzers import analyze


def test_an_analysis_leaves_nothing_for_the_cycle_collector():
    text = beginner_program(500, seed=1)
    analyze(text)  # warm caches: the registry, compiled patterns
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        result = analyze(text)
        assert result.findings  # the rules, the scope rules among them, really ran
        del result
        gc.collect()
        left = len(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert left < 100, f"{left} objects in reference cycles after one analysis"
