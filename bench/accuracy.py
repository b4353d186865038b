"""Rule accuracy: precision / recall per rule on the labelled corpus, and false alarms on the
standard library (idiomatic code that should raise almost nothing).

    .venv/bin/python bench/accuracy.py [--examples 3] [--stdlib PATH] [--no-differential]

Then the disagreements with pylint and ruff per shared check on gathered corpora (standard library
modules, venv packages, generated beginner programs and mutants: bench/differential.py, which
takes larger sizes). Prints numbers; asserts nothing (the corpus bar is asserted by
tests/analyzers/test_accuracy.py).
"""

from __future__ import annotations

import argparse
import sys
import sysconfig
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.support.accuracy

from mentor.analyzers import all_rules, analyze  # noqa: E402
from tests.support.accuracy import (  # noqa: E402
    PRECISION_BAR,
    RECALL_BAR,
    corpus_files,
    score_corpus,
)

# Test suites and their data are full of deliberately odd code: not idiomatic modules.
_SKIPPED_FOLDERS = {"test", "tests", "idle_test", "site-packages", "dist-packages", "__pycache__"}


def corpus_report() -> None:
    files = corpus_files()
    scores = score_corpus(files)
    print(f"Labelled corpus: {len(files)} files, tests/analyzers/corpus")
    print(
        f"{'rule':<8} {'name':<30} {'cases':>5} {'TP':>4} {'FP':>4} {'FN':>4} "
        f"{'precision':>9} {'recall':>7}"
    )
    names = {rule.code: rule.name for rule in all_rules()}
    below = []
    for code in sorted(names):
        score = scores.get(code)
        if score is None:
            print(f"{code:<8} {names[code]:<30} {'no cases':>5}")
            continue
        ok = score.precision >= PRECISION_BAR and score.recall >= RECALL_BAR
        if not ok:
            below.append(code)
        print(
            f"{code:<8} {names[code]:<30} {score.cases:>5} {score.true_positives:>4} "
            f"{score.false_positives:>4} {score.false_negatives:>4} {score.precision:>9.3f} "
            f"{score.recall:>7.3f}{'' if ok else '  BELOW BAR'}"
        )
        for where in score.false_alarms[:3]:
            print(f"{'':<10}false alarm: {where}")
        for where in score.misses[:3]:
            print(f"{'':<10}missed: {where}")
    total = sum(s.true_positives for s in scores.values())
    false_alarms = sum(s.false_positives for s in scores.values())
    missed = sum(s.false_negatives for s in scores.values())
    print(
        f"All rules: TP {total}, FP {false_alarms}, FN {missed}; "
        f"bar precision >= {PRECISION_BAR}, recall >= {RECALL_BAR}: "
        f"{'met by every rule' if not below else 'missed by ' + ', '.join(below)}"
    )


def stdlib_files(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*.py")
        if not _SKIPPED_FOLDERS & set(path.relative_to(folder).parts[:-1])
    )


def stdlib_report(folder: Path, examples: int) -> None:
    files = stdlib_files(folder)
    lines = 0
    per_rule: Counter[str] = Counter()
    samples: dict[str, list[str]] = defaultdict(list)
    started = time.perf_counter()
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        lines += text.count("\n") + 1
        analysis = analyze(text, str(path))
        for finding in analysis.findings:
            per_rule[finding.code] += 1
            if len(samples[finding.code]) < examples:
                source_line = analysis.source.line(finding.span.line).strip()
                samples[finding.code].append(
                    f"{path.relative_to(folder)}:{finding.span.line}: {source_line[:90]}"
                )
    elapsed = time.perf_counter() - started
    kloc = lines / 1000
    total = sum(per_rule.values())
    print()
    print(
        f"Standard library: {folder} ({len(files)} files, {lines:,} lines, test folders "
        f"skipped), analysed in {elapsed:.1f} s ({elapsed / kloc * 1000:.2f} ms per 1,000 lines)"
    )
    print(f"Findings per 1,000 lines: {total / kloc:.3f} ({total} findings)")
    names = {rule.code: rule.name for rule in all_rules()}
    for code in sorted(names):
        count = per_rule.get(code, 0)
        print(f"  {code} {names[code]:<30} {count:>5}  {count / kloc:.3f} per 1,000 lines")
    print("Top offending rules:")
    for code, count in per_rule.most_common(8):
        print(f"  {code} {names.get(code, '?')}: {count}")
        for sample in samples[code]:
            print(f"      {sample}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=3, help="examples per offending rule")
    parser.add_argument(
        "--stdlib",
        type=Path,
        default=Path(sysconfig.get_paths()["stdlib"]),
        help="folder of idiomatic code (default: the running Python's Lib)",
    )
    parser.add_argument(
        "--no-differential", action="store_true", help="skip the comparison with pylint and ruff"
    )
    args = parser.parse_args()
    corpus_report()
    stdlib_report(args.stdlib, args.examples)
    if not args.no_differential:
        from bench.differential import compare, gather, print_report

        print("\nDisagreements with pylint and ruff (bench/differential.py for larger corpora):")
        print_report(compare(gather(stdlib=30, site_packages=30, beginner=80)), show_examples=False)


if __name__ == "__main__":
    main()
