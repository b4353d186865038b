"""Differential testing against pylint and ruff (bench/differential.py) on gathered corpora.

Slow: it runs both oracles as real processes over generated beginner programs and their
mutants and over standard library modules."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.differential import Sample, compare, gather

pytestmark = pytest.mark.slow


def test_mentor_and_pylint_agree_on_planted_beginner_mistakes() -> None:
    program = (
        "def add(item, items=[]):\n"
        "    return items + [item]\n"
        "\n"
        "def h():\n"
        "    total += 1\n"
        "    return total\n"
        "\n"
        "text = open('notes.txt').read()\n"
        "list = [1, 2]\n"
        "if type(text) is str:\n"
        "    print(text)\n"
        "\n"
        "def area(width, height):\n"
        "    return width * width\n"
    )
    report = compare([Sample("beginner", "planted", program)])
    agreed = {code for (_, code), counts in report.per_check.items() if counts.agreed}
    assert {
        "pylint:W0102",  # mutable default, only read
        "pylint:E0602",  # total += 1 without a global: pylint calls it undefined
        "pylint:R1732",  # open() used and dropped
        "pylint:W0622",  # list = ...
        "pylint:C0123",  # type(x) is str
        "pylint:W0613",  # unused argument
    } <= agreed
    misses = {code: c.mentor_miss for (_, code), c in report.per_check.items() if c.mentor_miss}
    assert misses == {}


def test_every_disagreement_on_gathered_corpora_is_classified() -> None:
    samples = gather(stdlib=8, site_packages=0, beginner=25, seed=1)
    report = compare(samples)
    assert {sample.corpus for sample in samples} == {"stdlib", "beginner"}
    beginner = {code: c for (corpus, code), c in report.per_check.items() if corpus == "beginner"}
    assert sum(c.agreed for c in beginner.values()) > 50
    # Generated beginner code is what Mentor is for: on the checks it shares, it finds at
    # least 90% of what the oracles find there.
    agreed = sum(c.agreed for c in beginner.values())
    missed = sum(c.mentor_miss for c in beginner.values())
    assert agreed / (agreed + missed) >= 0.9
