"""Fuzzing the analyzers and their fixes with mutated real code and generated text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import TOKENS, FuzzReport, fuzz, mutated_stdlib

# Generous: the point is "bounded by the input's size", not a speed target (bench/ has those).
MAX_SECONDS_PER_KB = 0.5


def _check(report: FuzzReport) -> None:
    assert not report.crashes, report.crashes[:5]
    assert not report.broken_fixes, report.broken_fixes[:5]
    assert report.worst_seconds_per_kb < MAX_SECONDS_PER_KB


def test_mutated_standard_library_quick():
    _check(fuzz(mutated_stdlib(files=12, mutations_per_file=8, seed=1), FuzzReport()))


@pytest.mark.slow
def test_mutated_standard_library_long():
    _check(fuzz(mutated_stdlib(files=150, mutations_per_file=20, seed=2), FuzzReport()))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from([*TOKENS, "x", "1", " ", "\n", "names", "in", "range(len(x))"]), max_size=60
    )
)
def test_token_soup(tokens: list[str]):
    _check(fuzz(iter([("soup", "".join(tokens))]), FuzzReport()))
