"""Differential testing: Mentor against pylint and ruff on code nobody here wrote for the purpose.

    .venv/bin/python bench/differential.py [--stdlib 60] [--site-packages 60] [--beginner 150]

Gathers three corpora: the standard library's top-level modules, modules of the packages installed
in this venv, and generated beginner programs with their parseable mutants (bench/beginner_code.py,
tests/fuzzing.py). Runs Mentor, pylint and ruff over them, the oracles restricted to the codes that
Mentor's rules name in `equivalents`, and pairs findings of the same check on overlapping lines.
Every disagreement is classified:

- oracle only: a deliberate difference documented on the rule's page (`Rule.differences`), a
  known oracle false alarm (a pattern below whose reason is stated), or else a Mentor miss;
- Mentor only: a deliberate difference, or else unexplained (an oracle miss or a Mentor false
  alarm: read the examples).

pylint's and ruff's own test fixtures are never used: they are kept for independent measurement.
Prints counts per shared check; asserts nothing (tests/bench/test_differential.py does).
"""

from __future__ import annotations

import argparse
import ast
import json
import random
import re
import subprocess
import sys
import sysconfig
import tempfile
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for bench.beginner_code and tests.support.fuzzing

from bench.beginner_code import beginner_program  # noqa: E402
from mentor.analyzers import Rule, all_rules, analyze  # noqa: E402
from mentor.analyzers.rules.names import SHADOWED_BUILTINS  # noqa: E402
from tests.support.fuzzing import mutate  # noqa: E402

_SKIPPED_FOLDERS = {"test", "tests", "testing", "idle_test", "__pycache__", "fixtures", "data"}
# Not the oracles' own code: their fixtures live there, reserved for independent measurement.
_SKIPPED_PACKAGES = {"pylint", "astroid", "ruff", "_pytest", "pip", "setuptools", "pkg_resources"}
_MAX_BYTES = 80_000


# -- corpora -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    corpus: str  # "stdlib", "site-packages", "beginner"
    name: str  # where it came from, for examples
    text: str


def stdlib_samples(limit: int, seed: int = 0) -> list[Sample]:
    folder = Path(sysconfig.get_paths()["stdlib"])
    paths = sorted(path for path in folder.glob("*.py") if path.stat().st_size < _MAX_BYTES)
    random.Random(seed).shuffle(paths)
    return [_read("stdlib", path, path.name) for path in paths[:limit]]


def site_package_samples(limit: int, seed: int = 0) -> list[Sample]:
    folder = Path(sysconfig.get_paths()["purelib"])
    paths = sorted(
        path
        for path in folder.rglob("*.py")
        if not _SKIPPED_FOLDERS & set(path.relative_to(folder).parts[:-1])
        and path.relative_to(folder).parts[0] not in _SKIPPED_PACKAGES
        and not path.name.startswith("test")
        and "mentor" not in path.relative_to(folder).parts[0]
        and 200 < path.stat().st_size < _MAX_BYTES
    )
    random.Random(seed).shuffle(paths)
    return [_read("site-packages", path, str(path.relative_to(folder))) for path in paths[:limit]]


def beginner_samples(count: int, seed: int = 0) -> list[Sample]:
    """Generated programs, and for each a few mutants that still parse (lines dropped, moved,
    duplicated: the use-before-assignment and undefined names a student's edit makes)."""
    rng = random.Random(seed)
    samples = []
    for index in range(count):
        text = beginner_program(rng.randrange(15, 80), seed=seed * 10_000 + index)
        samples.append(Sample("beginner", f"program-{index}", text))
        for mutation in range(3):
            mutant = mutate(text, rng)
            if _parses(mutant) and mutant != text:
                samples.append(Sample("beginner", f"program-{index}-mutant-{mutation}", mutant))
    return samples


def _read(corpus: str, path: Path, name: str) -> Sample:
    return Sample(corpus, name, path.read_text(encoding="utf-8", errors="replace"))


def _parses(text: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # `x is 5` in a mutant: SyntaxWarning
            compile(text, "<mutant>", "exec", dont_inherit=True)  # break outside a loop, etc.
    except (SyntaxError, ValueError):
        return False
    return True


# -- findings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    file: int  # index into the samples
    line: int
    end_line: int
    tool: str  # "mentor", "pylint", "ruff"
    code: str  # "MNT403", "pylint:E0602", "ruff:F821"
    message: str


def shared_checks(rules: Iterable[Rule]) -> dict[str, list[Rule]]:
    """Oracle code -> the Mentor rules that name it. Syntax errors are left out: every file of
    the corpora parses, so `pylint:E0001` would only compare crashes."""
    checks: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules:
        for code in rule.equivalents:
            if code.split(":")[0] in ("pylint", "ruff") and code != "pylint:E0001":
                checks[code].append(rule)
    return dict(checks)


def mentor_findings(samples: list[Sample], codes: set[str]) -> list[Found]:
    found = []
    for index, sample in enumerate(samples):
        analysis = analyze(sample.text, None)
        for finding in analysis.findings:
            if finding.code in codes:
                found.append(
                    Found(
                        index,
                        finding.span.line,
                        finding.span.end_line,
                        "mentor",
                        finding.code,
                        finding.rule.name,
                    )
                )
    return found


def pylint_findings(files: list[Path], codes: list[str], workdir: Path) -> list[Found]:
    rcfile = workdir / "empty.rc"
    rcfile.write_text("")
    by_path = {str(path): index for index, path in enumerate(files)}
    found = []
    for chunk in _chunks(files, 200):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pylint",
                f"--rcfile={rcfile}",
                "--disable=all",
                "--enable=" + ",".join(codes),
                "--output-format=json",
                "--persistent=n",
                "--jobs=1",
                *map(str, chunk),
            ],
            capture_output=True,
            text=True,
            cwd=workdir,
        )
        for item in json.loads(result.stdout or "[]"):
            index = by_path.get(str(workdir / item["path"]), by_path.get(item["path"]))
            if index is None:
                continue  # "Command line": an option the installed pylint does not know
            line = item["line"]
            found.append(
                Found(
                    index,
                    line,
                    item.get("endLine") or line,
                    "pylint",
                    "pylint:" + item["message-id"],
                    item["message"],
                )
            )
    return found


def ruff_findings(files: list[Path], codes: list[str], workdir: Path) -> list[Found]:
    by_path = {str(path.resolve()): index for index, path in enumerate(files)}
    found = []
    for chunk in _chunks(files, 400):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "ruff",
                "check",
                "--isolated",
                "--preview",  # some equivalents (B909, PLE4703) are preview rules
                "--no-cache",
                "--exit-zero",
                "--output-format=json",
                "--select=" + ",".join(codes),
                *map(str, chunk),
            ],
            capture_output=True,
            text=True,
            cwd=workdir,
        )
        for item in json.loads(result.stdout or "[]"):
            index = by_path.get(str(Path(item["filename"]).resolve()))
            if index is None or not item.get("code"):
                continue
            line = item["location"]["row"]
            found.append(
                Found(
                    index,
                    line,
                    item["end_location"]["row"],
                    "ruff",
                    "ruff:" + item["code"],
                    item["message"],
                )
            )
    return found


def _chunks(items: list[Path], size: int) -> Iterable[list[Path]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# -- classification ------------------------------------------------------------------------

# A recogniser gets the sample's text, its tree, and the finding; it says whether the case is
# the one it names. Keys of deliberate differences match `Difference.key` on the rule's page.
Recogniser = Callable[[str, ast.Module, Found], bool]


def _lines(text: str, found: Found) -> str:
    lines = text.splitlines()
    return "\n".join(lines[found.line - 1 : found.end_line])


def _nodes_on(tree: ast.Module, line: int) -> list[ast.AST]:
    return [node for node in ast.walk(tree) if getattr(node, "lineno", None) == line]


def _handler_does_something(text: str, tree: ast.Module, found: Found) -> bool:
    for node in _nodes_on(tree, found.line):
        if isinstance(node, ast.ExceptHandler):
            return not all(isinstance(s, (ast.Pass, ast.Expr)) for s in node.body) or any(
                isinstance(s, ast.Expr) and not isinstance(s.value, ast.Constant) for s in node.body
            )
    return False


def _not_open_call(text: str, tree: ast.Module, found: Found) -> bool:
    """Not a call of the plain built-in `open(...)` (`builtins.open`, `Popen`, `ZipFile`)."""
    return re.search(r"(?<![\w.])open\(", _lines(text, found)) is None


def _unpacked_target(text: str, tree: ast.Module, found: Found) -> bool:
    for node in _nodes_on(tree, found.line):
        if isinstance(node, (ast.Tuple, ast.List)) and isinstance(node.ctx, ast.Store):
            return True
        if isinstance(node, (ast.withitem, ast.With, ast.AsyncWith)):
            return True
    return False


def _builtin_left_to_idioms(text: str, tree: ast.Module, found: Found) -> bool:
    """A built-in Mentor does not check (`type`, `id`, `format`...), or a method's parameter."""
    match = re.search(r"['`]([A-Za-z_][A-Za-z0-9_]*)['`]", found.message)
    if match is None or match.group(1) not in SHADOWED_BUILTINS:
        return True
    function = _function_at(tree, found.line)
    return function is not None and _is_method(tree, function)


def _first_parameter_named_otherwise(text: str, tree: ast.Module, found: Found) -> bool:
    function = _function_at(tree, found.line)
    return function is not None and bool(function.args.posonlyargs or function.args.args)


def _callback_or_decorated(text: str, tree: ast.Module, found: Found) -> bool:
    function = _function_at(tree, found.line)
    if function is None:
        return False
    return bool(function.decorator_list) or any(
        isinstance(node, ast.Name)
        and node.id == function.name
        and isinstance(node.ctx, ast.Load)
        and not _is_called(tree, node)
        for node in ast.walk(tree)
    )


def _in_method(text: str, tree: ast.Module, found: Found) -> bool:
    function = _function_at(tree, found.line)
    return function is not None and _is_method(tree, function)


def _function_at(tree: ast.Module, line: int) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The innermost function whose signature holds `line` (its `def` line up to its body)."""
    best = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            if first <= line < node.body[0].lineno or node.lineno == line:
                best = node
    return best


def _is_method(tree: ast.Module, function: ast.AST) -> bool:
    return any(isinstance(node, ast.ClassDef) and function in node.body for node in ast.walk(tree))


def _is_called(tree: ast.Module, name: ast.Name) -> bool:
    return any(isinstance(node, ast.Call) and node.func is name for node in ast.walk(tree))


def _guarded_name(text: str, tree: ast.Module, found: Found) -> bool:
    """A read inside `try:` whose handler catches NameError/UnboundLocalError (or everything):
    the code expects the name may be missing."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and node.lineno <= found.line <= (node.end_lineno or 0):
            for handler in node.handlers:
                names = ast.unparse(handler.type) if handler.type else ""
                if "NameError" in names or "UnboundLocalError" in names or not names:
                    return True
    return False


def _type_compared_on_purpose(text: str, tree: ast.Module, found: Found) -> bool:
    line = _lines(text, found)
    plain = re.search(
        r"type\((?!self\b|cls\b)[^()]*\)\s*(==|!=|is not|is|not in|in)\s*\(?\s*"
        r"(int|float|str|list|dict|tuple|set|bool|bytes|complex)\b",
        line,
    )
    return plain is None


def _always_true_or(text: str, tree: ast.Module, found: Found) -> bool:
    for node in _nodes_on(tree, found.line):
        if isinstance(node, ast.If) and isinstance(node.test, ast.BoolOp):
            return any(
                isinstance(value, ast.Constant) and isinstance(value.value, str)
                for value in node.test.values
            )
    return False


def _self_in_method(text: str, tree: ast.Module, found: Found) -> bool:
    return "'self'" in found.message or "`self`" in found.message


def _handler_reports(text: str, tree: ast.Module, found: Found) -> bool:
    for node in _nodes_on(tree, found.line):
        if isinstance(node, ast.ExceptHandler):
            body = ast.unparse(node)
            return any(
                word in body
                for word in ("raise", "exc_info", "traceback", "logging", ".exception(")
            )
    return False


def _not_first_binding(text: str, tree: ast.Module, found: Found) -> bool:
    """A later binding of a built-in name that an earlier line of the same scope binds too."""
    match = re.search(r"['`]([A-Za-z_][A-Za-z0-9_]*)['`]", found.message)
    if match is None:
        return False
    name = match.group(1)
    owner = _function_at_body(tree, found.line) or tree
    return any(
        (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id == name)
        or (isinstance(node, ast.arg) and node.arg == name)
        for node in ast.walk(owner)
        if getattr(node, "lineno", found.line) < found.line
    )


def _function_at_body(tree: ast.Module, line: int) -> ast.AST | None:
    best = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
            node.lineno <= line <= (node.end_lineno or node.lineno)
        ):
            best = node
    return best


def _loop_over_items(text: str, tree: ast.Module, found: Found) -> bool:
    """The reassigned loop variable belongs to a loop that is not over `range(...)`."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.AsyncFor)) and (
            node.lineno <= found.line <= (node.end_lineno or node.lineno)
        ):
            is_range = (
                isinstance(node.iter, ast.Call)
                and isinstance(node.iter.func, ast.Name)
                and node.iter.func.id == "range"
            )
            if not is_range:
                return True
    return False


def _dynamic_names(text: str, tree: ast.Module, found: Found) -> bool:
    """A file that makes module names at run time (`_convert_`, `globals()[...]`, a star
    import, `sys.modules[__name__]`): the name exists when the line runs."""
    return bool(re.search(r"_convert_\(|globals\(\)|import \*|sys\.modules\[__name__\]", text))


DELIBERATE: dict[str, Recogniser] = {
    "catch-all-reported": _handler_reports,
    "once-per-scope": _not_first_binding,
    "new-value-used": _loop_over_items,
    "self-in-method": _self_in_method,
    "condition-is-a-bug": _always_true_or,
    "broad-except-handled": _handler_does_something,
    "other-resources": _not_open_call,
    "unpacked-names": _unpacked_target,
    "builtins-idioms-use": _builtin_left_to_idioms,
    "first-parameter-named-otherwise": _first_parameter_named_otherwise,
    "compares-classes": _type_compared_on_purpose,
    "callback-or-decorated": _callback_or_decorated,
    "methods": _in_method,
}

# Oracle findings that are wrong for the program at hand, with the reason in the docstring.
ORACLE_FALSE_ALARMS: dict[str, Recogniser] = {
    "name-guarded-by-except": _guarded_name,
    "name-made-at-run-time": _dynamic_names,
}


@dataclass
class CheckCounts:
    agreed: int = 0
    mentor_miss: int = 0
    oracle_false_alarm: int = 0
    deliberate_oracle_only: int = 0
    mentor_only: int = 0
    deliberate_mentor_only: int = 0
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def example(self, kind: str, text: str, limit: int) -> None:
        if len(self.examples[kind]) < limit:
            self.examples[kind].append(text)


@dataclass
class Report:
    samples: list[Sample]
    lines: dict[str, int]
    per_check: dict[tuple[str, str], CheckCounts]  # (corpus, oracle code) -> counts


def compare(samples: list[Sample], examples: int = 3) -> Report:
    rules = all_rules()
    checks = shared_checks(rules)
    mentor_codes = {rule.code for owners in checks.values() for rule in owners}
    differences = {
        (oracle, d.key): rule for rule in rules for d in rule.differences for oracle in d.oracles
    }
    with tempfile.TemporaryDirectory(prefix="mentor-differential-") as folder:
        workdir = Path(folder)
        files = []
        for index, sample in enumerate(samples):
            path = workdir / f"s{index:05d}.py"
            path.write_text(sample.text, encoding="utf-8")
            files.append(path)
        pylint_codes = sorted(c.split(":")[1] for c in checks if c.startswith("pylint:"))
        ruff_codes = sorted(c.split(":")[1] for c in checks if c.startswith("ruff:"))
        oracle = pylint_findings(files, pylint_codes, workdir)
        oracle += ruff_findings(files, ruff_codes, workdir)
    mentor = mentor_findings(samples, mentor_codes)
    mentor_by_file: dict[int, list[Found]] = defaultdict(list)
    for item in mentor:
        mentor_by_file[item.file].append(item)
    trees = {}
    per_check: dict[tuple[str, str], CheckCounts] = defaultdict(CheckCounts)
    matched_mentor: set[tuple[Found, str]] = set()
    for item in oracle:
        owners = {rule.code for rule in checks.get(item.code, [])}
        sample = samples[item.file]
        counts = per_check[(sample.corpus, item.code)]
        partner = next(
            (m for m in mentor_by_file[item.file] if m.code in owners and _overlap(m, item)),
            None,
        )
        where = f"{sample.name}:{item.line}: {item.message} | {_lines(sample.text, item)[:80]!r}"
        if partner is not None:
            counts.agreed += 1
            matched_mentor.add((partner, item.tool))
            continue
        tree = trees.get(item.file) or trees.setdefault(item.file, ast.parse(sample.text))
        kind = _classify(item, sample.text, tree, differences)
        if kind == "deliberate":
            counts.deliberate_oracle_only += 1
        elif kind == "oracle false alarm":
            counts.oracle_false_alarm += 1
        else:
            counts.mentor_miss += 1
        counts.example(kind, where, examples)
    # Mentor findings no oracle of that check reported, counted against each oracle code.
    for code, owners in checks.items():
        tool = code.split(":")[0]
        owner_codes = {rule.code for rule in owners}
        for item in mentor:
            if item.code not in owner_codes or (item, tool) in matched_mentor:
                continue
            if _primary_code(checks, item.code, tool) != code:
                continue  # count each Mentor finding once per oracle
            sample = samples[item.file]
            counts = per_check[(sample.corpus, code)]
            tree = trees.get(item.file) or trees.setdefault(item.file, ast.parse(sample.text))
            if any(
                key in DELIBERATE
                and rule.code == item.code
                and DELIBERATE[key](sample.text, tree, item)
                for (oracle_code, key), rule in differences.items()
                if oracle_code == code
            ):
                counts.deliberate_mentor_only += 1
                continue
            counts.mentor_only += 1
            line = _lines(sample.text, item)[:80]
            counts.example("mentor only", f"{sample.name}:{item.line}: {line!r}", examples)
    lines: Counter[str] = Counter()
    for sample in samples:
        lines[sample.corpus] += sample.text.count("\n") + 1
    return Report(samples, dict(lines), dict(per_check))


def _primary_code(checks: dict[str, list[Rule]], mentor_code: str, tool: str) -> str:
    """The first code of `tool` that a Mentor rule lists: where its unmatched findings count."""
    for code, owners in checks.items():
        if code.startswith(tool + ":") and any(rule.code == mentor_code for rule in owners):
            return code
    return ""


def _overlap(mentor: Found, oracle: Found) -> bool:
    """Findings of one check on overlapping lines (one line of slack: pylint reports a mutable
    default on the `def` line, Mentor on the default itself)."""
    return mentor.line <= oracle.end_line + 1 and oracle.line <= mentor.end_line + 1


def _classify(
    item: Found, text: str, tree: ast.Module, differences: dict[tuple[str, str], Rule]
) -> str:
    for (code, key), _rule in differences.items():
        if code == item.code and key in DELIBERATE and DELIBERATE[key](text, tree, item):
            return "deliberate"
    for recognise in ORACLE_FALSE_ALARMS.values():
        if item.code in ("pylint:E0602", "pylint:E0601", "ruff:F821") and recognise(
            text, tree, item
        ):
            return "oracle false alarm"
    return "mentor miss"


# -- printing ------------------------------------------------------------------------------


def print_report(report: Report, show_examples: bool = True) -> None:
    names = {rule.code: rule.name for rule in all_rules()}
    checks = shared_checks(all_rules())
    corpora = sorted({sample.corpus for sample in report.samples})
    for corpus in corpora:
        files = sum(1 for sample in report.samples if sample.corpus == corpus)
        print(f"\n{corpus}: {files} files, {report.lines.get(corpus, 0):,} lines")
        print(
            f"  {'oracle check':<14} {'Mentor rule':<26} {'agree':>5} {'miss':>5} "
            f"{'o-FA':>5} {'o-dd':>5} {'M-only':>6} {'M-dd':>5}  recall-vs-oracle"
        )
        for (where, code), counts in sorted(report.per_check.items()):
            if where != corpus:
                continue
            owners = "/".join(names[rule.code] for rule in checks.get(code, []))[:26]
            disputed = counts.agreed + counts.mentor_miss
            recall = f"{counts.agreed / disputed:.2f}" if disputed else "  - "
            print(
                f"  {code:<14} {owners:<26} {counts.agreed:>5} {counts.mentor_miss:>5} "
                f"{counts.oracle_false_alarm:>5} {counts.deliberate_oracle_only:>5} "
                f"{counts.mentor_only:>6} {counts.deliberate_mentor_only:>5}  {recall}"
            )
            if show_examples:
                for kind, texts in counts.examples.items():
                    for text in texts:
                        print(f"      {kind}: {text}")
    print(
        "\nmiss: the oracle reported it, Mentor did not (unexplained); o-FA: an oracle false "
        "alarm (known pattern); o-dd / M-dd: a deliberate difference documented on the rule's "
        "page; M-only: Mentor reported it, the oracle did not."
    )
    totals = Counter()
    for counts in report.per_check.values():
        totals["agreed"] += counts.agreed
        totals["miss"] += counts.mentor_miss
        totals["mentor only"] += counts.mentor_only
    print(
        f"All shared checks: agree {totals['agreed']}, Mentor misses {totals['miss']}, "
        f"Mentor only {totals['mentor only']}"
    )


def gather(stdlib: int, site_packages: int, beginner: int, seed: int = 0) -> list[Sample]:
    return (
        stdlib_samples(stdlib, seed)
        + site_package_samples(site_packages, seed)
        + beginner_samples(beginner, seed)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stdlib", type=int, default=60, help="standard library modules")
    parser.add_argument("--site-packages", type=int, default=60, help="modules of the venv")
    parser.add_argument("--beginner", type=int, default=150, help="generated programs")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-examples", action="store_true")
    args = parser.parse_args()
    samples = gather(args.stdlib, args.site_packages, args.beginner, args.seed)
    print_report(compare(samples), show_examples=not args.no_examples)


if __name__ == "__main__":
    main()
