"""Fuzzing the analyzers and their fixes with mutated real code and generated text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.fuzzing import TOKENS, FuzzReport, fuzz, mutated_stdlib

# No time limit here: a timed assertion flaked on a loaded machine (0.54 s/KB on a token soup of
# a few bytes, all fixed overhead); `bench/fuzz.py` prints the time per KB against `ast.parse`.


def _check(report: FuzzReport) -> None:
    assert not report.crashes, report.crashes[:5]
    assert not report.broken_fixes, report.broken_fixes[:5]


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
