"""Every rule meets the quality bar on the labelled corpus of beginner code (DESIGN.md):
precision >= 0.95 and recall >= 0.90, with at least a few labelled cases per rule."""

from __future__ import annotations

import pytest

from mentor.analyzers import all_rules
from tests.support.accuracy import (
    PRECISION_BAR,
    RECALL_BAR,
    corpus_files,
    expected_findings,
    score_corpus,
)

MIN_CASES = 3
SCORES = score_corpus()


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.name)
def test_rule_meets_the_accuracy_bar_on_the_corpus(rule):
    if rule.syntax:
        pytest.skip("syntax causes are measured on their own corpus: test_syntax_corpus.py")
    if "file-level" in rule.tags:
        pytest.skip("a property of a whole file (its size), tested in test_bad_input.py")
    score = SCORES.get(rule.code)
    assert score is not None and score.cases >= MIN_CASES, f"{rule.code} needs labelled cases"
    assert score.precision >= PRECISION_BAR, f"false alarms at {score.false_alarms}"
    assert score.recall >= RECALL_BAR, f"missed at {score.misses}"


def test_corpus_labels_name_real_rules():
    codes = {rule.code for rule in all_rules()}
    for path in corpus_files():
        for _, code in expected_findings(path.read_text(encoding="utf-8")):
            assert code in codes, f"{path.name} expects unknown rule {code}"


def test_a_missed_label_and_a_false_alarm_are_both_counted(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("x = 1\nif x == None:  # expect: MNT101\n    pass\n", encoding="utf-8")
    scores = score_corpus([sample])
    assert scores["MNT101"].false_negatives == 1
    assert scores["MNT202"].false_positives == 1
