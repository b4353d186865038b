"""Precision and recall of every rule on the labelled corpus of beginner code.

Each corpus file marks the lines where a finding must start with a comment such as
`# expect: MNT101` (several codes: `# expect: MNT101 MNT202`). Every other finding is a false
alarm, so each file is positive cases and negative cases at once. Shared by
`tests/analyzers/test_accuracy.py` (which asserts the quality bar) and `bench/accuracy.py`
(which prints the numbers).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from mentor.analyzers import analyze

CORPUS = Path(__file__).parents[1] / "analyzers" / "corpus"
PRECISION_BAR = 0.95
RECALL_BAR = 0.90

_EXPECT = re.compile(r"#\s*expect:\s*((?:MNT\d{3}[\s,]*)+)")


@dataclass
class RuleScore:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    misses: list[str] = field(default_factory=list)  # "file:line" of each wrong answer
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def cases(self) -> int:
        return self.true_positives + self.false_negatives


def expected_findings(text: str) -> Counter[tuple[int, str]]:
    """(line, code) pairs the file's `# expect:` comments ask for."""
    expected: Counter[tuple[int, str]] = Counter()
    for number, line in enumerate(text.splitlines(), start=1):
        match = _EXPECT.search(line)
        if match:
            for code in re.findall(r"MNT\d{3}", match.group(1)):
                expected[(number, code)] += 1
    return expected


def corpus_files() -> list[Path]:
    return sorted(CORPUS.rglob("*.py"))


def score_corpus(files: list[Path] | None = None) -> dict[str, RuleScore]:
    """Per rule code: true positives, false positives and false negatives over the corpus."""
    scores: dict[str, RuleScore] = {}
    for path in files if files is not None else corpus_files():
        text = path.read_text(encoding="utf-8")
        expected = expected_findings(text)
        found = Counter((f.span.line, f.code) for f in analyze(text, str(path)).findings)
        where = path.relative_to(CORPUS) if path.is_relative_to(CORPUS) else path.name
        for line, code in expected | found:
            score = scores.setdefault(code, RuleScore())
            hits = min(expected[(line, code)], found[(line, code)])
            score.true_positives += hits
            if found[(line, code)] > hits:
                score.false_positives += found[(line, code)] - hits
                score.false_alarms.append(f"{where}:{line}")
            if expected[(line, code)] > hits:
                score.false_negatives += expected[(line, code)] - hits
                score.misses.append(f"{where}:{line}")
    return scores
