"""Re-analysis after an edit (what the editor does on every keystroke) gives exactly what a fresh
analysis of the same text gives, while reusing the statements the edit did not touch."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from mentor.analyzers import Analysis, AnalysisSettings, DocumentAnalyzer, Level, analyze

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from beginner_code import beginner_program  # noqa: E402

CORPUS = sorted((ROOT / "tests" / "analyzers" / "corpus").glob("*.py"))
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))

# Lines a student types, some right, some with the mistakes Mentor names, some that break.
TYPED = [
    "    total = 0",
    "    for i in range(len(items)):",
    "        print(items[i])",
    "x == 5",
    "if x = 3:",
    "grid = [[0] * 3] * 3",
    "    return True",
    "def helper(values):",
    "    if type(n) == int:",
    "print 'hello'",
    "    while True:",
    "        total = total + value",
    "items.append(item)",
    "result = int(a / b)",
    "    except Exception: pass",
    "f = open('data.txt')",
    "class Box:",
    "    def size():",
    '    """A docstring',
    "    x = (1,",
    "global counter",
    "",
    "# a comment",
    "\tmixed = 1",
    "undefined_name_here",
    "    print(totl)",
    "item = 0",
    "element = 1",
    "    value = helper(items)",
    "f.close()",
    "for i in range(len(items)):",
    "    print(items[i])",
    "    return",
    "if done:",
    "    return False",
]


def _fields(analysis: Analysis) -> tuple:
    """Everything a user sees from an analysis: findings with their words, places and fixes."""
    findings = [
        (f.code, f.span, f.message(Level.NOVICE), f.message(Level.PROFICIENT), f.fix)
        for f in analysis.findings
    ]
    problem = analysis.syntax_error
    syntax = None if problem is None else (problem.rule.code, problem.span, dict(problem.args))
    return findings, syntax


def _edit(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    where = rng.randrange(len(lines) + 1)
    kind = rng.random()
    if kind < 0.3:  # type a line
        lines.insert(where, rng.choice(TYPED))
    elif kind < 0.45 and lines:  # delete a line
        del lines[min(where, len(lines) - 1)]
    elif kind < 0.75 and lines:  # type or delete a few characters within a line
        index = min(where, len(lines) - 1)
        line = lines[index]
        at = rng.randrange(len(line) + 1)
        if rng.random() < 0.5:
            key = rng.choice(["x", "(", ")", ":", " ", "=", "'", "1"])
            lines[index] = line[:at] + key + line[at:]
        else:
            lines[index] = line[:at] + line[at + rng.randint(1, 3) :]
    elif kind < 0.85 and lines:  # move a line elsewhere
        line = lines.pop(min(where, len(lines) - 1))
        lines.insert(rng.randrange(len(lines) + 1), line)
    elif kind < 0.95:  # paste a block copied from elsewhere
        start = rng.randrange(len(lines))
        lines[where:where] = lines[start : start + rng.randint(1, 6)]
    else:  # indent or dedent a line
        index = min(where, len(lines) - 1)
        line = lines[index]
        lines[index] = "    " + line if rng.random() < 0.5 else line.removeprefix("    ")
    return "\n".join(lines)


def _sources() -> list[tuple[str, str]]:
    sources = [(path.name, path.read_text(encoding="utf-8")) for path in CORPUS + EXAMPLES]
    sources += [(f"beginner-{seed}", beginner_program(80, seed=seed)) for seed in range(4)]
    return sources


@pytest.mark.parametrize(("name", "text"), _sources(), ids=[name for name, _ in _sources()])
def test_every_reanalysis_equals_a_fresh_analysis(name: str, text: str):
    rng = random.Random(name)
    analyzer = DocumentAnalyzer()
    path = f"/work/{name}"
    for step in range(50):
        edited = _edit(rng, text)
        again = analyzer.analyze(edited, path)
        fresh = analyze(edited, path)
        assert _fields(again) == _fields(fresh), f"edit {step} of {name}:\n{edited}"
        # Like a student, mostly undo an edit that broke the file, so most versions parse.
        if fresh.syntax_error is None or rng.random() < 0.2:
            text = edited
    analyzer.forget()


PROGRAM = """\
def total(items):
    result = 0
    for i in range(len(items)):
        result += items[i]
    return result


def average(values):
    count = 0
    for value in values:
        values.append(value)
    return count
"""


def test_a_finding_below_an_inserted_line_moves_with_its_code_and_fix():
    analyzer = DocumentAnalyzer()
    before = analyzer.analyze(PROGRAM, "/work/marks.py")
    after = analyzer.analyze("# marks of the class\n\n" + PROGRAM, "/work/marks.py")
    moved = {f.code: f for f in after.findings}
    for finding in before.findings:
        now = moved[finding.code]
        assert now.span.line == finding.span.line + 2
        assert now.message(Level.NOVICE) != "" and now.fix == _fix_moved(finding.fix, 2)
    # The message that names a line ("the loop on line 10") names the new line.
    changed = next(f for f in after.findings if "loop_line" in f.args)
    assert changed.args["loop_line"] == "12"
    assert "line 12" in changed.message(Level.NOVICE)


def _fix_moved(fix, lines: int):
    if fix is None:
        return None
    from dataclasses import replace

    from mentor.analyzers import Edit

    edits = tuple(Edit(_down(e.span, lines), e.new_text) for e in fix.edits)
    return replace(fix, edits=edits)


def _down(span, lines: int):
    from mentor.analyzers import Span

    return Span(span.line + lines, span.column, span.end_line + lines, span.end_column)


def test_an_edit_in_one_function_keeps_the_other_functions_parsed_statements():
    analyzer = DocumentAnalyzer()
    first = analyzer.analyze(PROGRAM, "/work/marks.py")
    edited = PROGRAM.replace("    count = 0", "    count = 1")
    second = analyzer.analyze(edited, "/work/marks.py")
    assert first.tree is not None and second.tree is not None
    assert first.tree.body[0] is second.tree.body[0]  # `total` was not parsed again
    assert first.tree.body[1] is not second.tree.body[1]


def test_a_syntax_error_and_its_repair_are_analysed_like_fresh_text():
    analyzer = DocumentAnalyzer()
    analyzer.analyze(PROGRAM, "/work/marks.py")
    broken = PROGRAM.replace("def average(values):", "def average(values)")
    assert analyzer.analyze(broken, "/work/marks.py").syntax_error is not None
    repaired = analyzer.analyze(PROGRAM, "/work/marks.py")
    assert _fields(repaired) == _fields(analyze(PROGRAM, "/work/marks.py"))


def test_changed_settings_are_honoured_on_the_next_version():
    analyzer = DocumentAnalyzer()
    everything = analyzer.analyze(PROGRAM, "/work/marks.py")
    assert any(f.code == "MNT101" for f in everything.findings)
    quieter = analyzer.analyze(PROGRAM, "/work/marks.py", AnalysisSettings(frozenset({"MNT101"})))
    assert all(f.code != "MNT101" for f in quieter.findings)
    again = analyzer.analyze(PROGRAM, "/work/marks.py")
    assert _fields(again) == _fields(everything)


# (before, after): an edit in one statement that changes what Mentor says about another.
ELSEWHERE = [
    pytest.param(PROGRAM, "item = 0\n\n\n" + PROGRAM, id="a fresh name is now taken"),
    pytest.param(
        "def show(x):\n    print(x)\n\n\nresult = show(3)\n",
        "def show(x):\n    return x\n\n\nresult = show(3)\n",
        id="a function now returns its value",
    ),
    pytest.param(
        "f = open('notes.txt')\ntext = f.read()\nprint(text)\n",
        "f = open('notes.txt')\ntext = f.read()\nprint(text)\nf.close()\n",
        id="the file is now closed further down",
    ),
    pytest.param(
        "def area(w, h):\n    return w * h\n\n\nprint(are(2, 3))\n",
        "def are(w, h):\n    return w * h\n\n\nprint(are(2, 3))\n",
        id="a name is now defined",
    ),
]


@pytest.mark.parametrize(("before", "after"), ELSEWHERE)
def test_an_edit_elsewhere_changes_the_findings_of_an_unchanged_statement(before, after):
    analyzer = DocumentAnalyzer()
    first = analyzer.analyze(before, "/work/notes.py")
    second = analyzer.analyze(after, "/work/notes.py")
    assert _fields(first) == _fields(analyze(before, "/work/notes.py"))
    assert _fields(second) == _fields(analyze(after, "/work/notes.py"))
    assert _fields(first)[0] != _fields(second)[0]  # the edit did change what the student sees


def _reads_beyond(ctx, unit, read) -> tuple[bool, list]:
    """Whether `read(ctx)`, run as a checker call on `unit`, is noted as reading beyond it."""
    from mentor.analyzers.incremental.tracking import Recording

    call = Recording(unit.first_line, unit.last_line)
    ctx.reads.call = call
    try:
        read(ctx)
    finally:
        ctx.reads.call = None
    return call.touched, call.answers


def test_every_door_to_other_statements_is_noted():
    from mentor.analyzers.context import Context, ModuleNode
    from mentor.analyzers.incremental.units import split_units
    from mentor.analyzers.parsing import parse
    from mentor.analyzers.source import SourceText, Span

    text = "x = 1\nprint(x)\n\n\ndef show(y):\n    return y + x\n"
    source = SourceText(text)
    units = split_units(parse(text).body, source.lines)
    tree = ModuleNode([statement for unit in units for statement in unit.statements])
    ctx = Context(source, tree, "/work/notes.py", units)
    first, show = units[0], units[2]
    statement = first.statements[0]

    own = [
        lambda ctx: ctx.parent(statement),  # its place in the module
        lambda ctx: ctx.source.line(1),  # its own line
        lambda ctx: ctx.segment(statement),
        lambda ctx: ctx.unit_at(1, 1),
        lambda ctx: ctx.scopes.scope_of(show.statements[0]).node,
    ]
    for read in own:
        assert _reads_beyond(ctx, first, read) == (False, [])
    function_scope = ctx.scopes.scope_of(show.statements[0])
    assert _reads_beyond(ctx, show, lambda ctx: function_scope.uses) == (False, [])
    beyond = [
        lambda ctx: len(ctx.parent(statement).body),  # the module's other statements
        lambda ctx: ctx.tree.body,
        lambda ctx: ctx.source.line(2),  # another unit's line
        lambda ctx: ctx.source.slice(Span(1, 0, 2, 3)),
        lambda ctx: ctx.source.text,
        lambda ctx: ctx.source.lines,
        lambda ctx: ctx.unit_at(2, 2),
        lambda ctx: ctx.units,
        lambda ctx: ctx.nodes,
        lambda ctx: ctx.path,
        lambda ctx: ctx.top_level_lines,
        lambda ctx: ctx.scopes.module,
        lambda ctx: ctx.scopes.scope_of(tree).bindings,
        lambda ctx: ctx.scopes.scope_of(show.statements[0]).parent.uses,  # the module's
        lambda ctx: list(ctx.defined_names),
    ]
    for read in beyond:
        assert _reads_beyond(ctx, first, read)[0] is True
    # Asking whether a name is in a whole-file set depends on that answer alone.
    assert _reads_beyond(ctx, first, lambda ctx: "x" in ctx.defined_names) == (
        False,
        [("defined_names", "x", True)],
    )
    ctx.release()
    assert len(tree.body) == 3  # after the analysis, the tree is a plain tree again
