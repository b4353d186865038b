"""Code that parses but that Python still refuses to run: `return` outside a function, `break`
or `continue` outside a loop. `ast.parse` accepts them; `compile` (which runs before any line of
the program) raises SyntaxError. They are found here by a walk over statements only, which costs
far less than compiling, and reported the same way as any syntax error.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from mentor.analyzers.concepts import Concept
from mentor.analyzers.findings import Applicability, Severity
from mentor.analyzers.registry import register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit, SourceText, Span
from mentor.analyzers.syntax.reading import Diagnosis

RETURN_OUTSIDE_FUNCTION = register(
    Rule(
        id=RuleId.RETURN_OUTSIDE_FUNCTION,
        name="return-outside-function",
        summary="`return` outside of any function.",
        concepts=(Concept.SYNTAX, Concept.FUNCTIONS, Concept.RETURN_VALUES),
        docs=Docs(
            what="A `return` statement that is not inside a function, often because it lost "
            "its indentation and dropped out of the function above.",
            why="`return` hands a value back from a function to the line that called it; "
            "outside a function there is nothing to return to. The file parses, but Python "
            "refuses to run any of it.",
            example=code("""
                def area(w, h):
                    result = w * h
                return result
            """),
            better=code("""
                def area(w, h):
                    result = w * h
                    return result
            """),
            question="Which function should this value be handed back from?",
        ),
        messages=Messages(
            novice="'return' can only be used inside a function. {detail} Because of it, "
            "Python refuses to run the whole file.",
            developing="'return' outside a function. {detail}",
            proficient="'return' outside function.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0104", "ruff:F706"),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    def area(w, h):
                        result = w * h
                    return result
                """),
                fixed=code("""
                    def area(w, h):
                        result = w * h
                        return result
                """),
                at="3:0-3:6",
                message="'return' outside a function. It comes right after the function 'area' "
                "(line 1) but is not indented like the lines inside it, so it is not part of it.",
            ),
            Invalid(
                code("""
                    total = 3
                    return total
                """),
                at="2:0-2:6",
            ),
            Invalid(
                code("""
                    for name in names:
                        if name == 'Bob':
                            return name
                """),
                at="3:8-3:14",
            ),
        ),
        valid=(
            code("""
                def f():
                    return 1
            """),
            code("""
                class A:
                    def f(self):
                        return 1
            """),
            code("""
                def f():
                    for x in y:
                        return x
            """),
        ),
        syntax=True,
    )
)


BREAK_OUTSIDE_LOOP = register(
    Rule(
        id=RuleId.BREAK_OUTSIDE_LOOP,
        name="break-outside-loop",
        summary="`break` or `continue` outside of any loop.",
        concepts=(Concept.SYNTAX, Concept.LOOPS),
        docs=Docs(
            what="A `break` or `continue` that is not inside a `for` or `while` loop, often in "
            "an `if` that the learner thinks of as a loop, or after the loop's block ended.",
            why="`break` leaves a loop and `continue` starts its next round; an `if` runs once "
            "and is not a loop. The file parses, but Python refuses to run any of it.",
            example=code("""
                answer = input('Quit? ')
                if answer == 'yes':
                    break
            """),
            better=code("""
                import sys
                answer = input('Quit? ')
                if answer == 'yes':
                    sys.exit()
            """),
            question="Which loop should this line leave? Is the line inside that loop?",
        ),
        messages=Messages(
            novice="'{keyword}' is not inside a loop. {detail} Because of it, Python refuses "
            "to run the whole file.",
            developing="'{keyword}' outside a loop.",
            proficient="'{keyword}' outside loop.",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0103", "ruff:F701", "ruff:F702"),
        invalid=(
            Invalid(
                code("""
                    if answer == 'yes':
                        break
                """),
                at="2:4-2:9",
                message="'break' outside a loop.",
            ),
            Invalid(
                code("""
                    for n in range(3):
                        pass
                    if n > 1:
                        continue
                """),
                at="4:4-4:12",
            ),
        ),
        valid=(
            code("""
                while True:
                    break
            """),
            code("""
                for x in y:
                    if x:
                        continue
            """),
            code("""
                for x in y:
                    pass
                else:
                    pass
            """),
        ),
        syntax=True,
    )
)


_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True)
class Misplaced:
    """A statement Python's compiler rejects, with the message Python gives for it."""

    node: ast.stmt
    message: str


def misplaced_statement(tree: ast.Module) -> Misplaced | None:
    """The first `return` outside a function or `break`/`continue` outside a loop."""
    return next(_walk(tree.body, in_function=False, in_loop=False), None)


def _walk(body: list[ast.stmt], *, in_function: bool, in_loop: bool) -> Iterator[Misplaced]:
    for node in body:
        if isinstance(node, ast.Return) and not in_function:
            yield Misplaced(node, "'return' outside function")
        elif isinstance(node, ast.Break) and not in_loop:
            yield Misplaced(node, "'break' outside loop")
        elif isinstance(node, ast.Continue) and not in_loop:
            yield Misplaced(node, "'continue' not properly in loop")
        elif isinstance(node, _FUNCTIONS):
            yield from _walk(node.body, in_function=True, in_loop=False)
        elif isinstance(node, ast.ClassDef):
            yield from _walk(node.body, in_function=False, in_loop=False)
        elif isinstance(node, _LOOPS):
            yield from _walk(node.body, in_function=in_function, in_loop=True)
            yield from _walk(node.orelse, in_function=in_function, in_loop=in_loop)
        else:
            for field in ("body", "orelse", "finalbody"):
                yield from _walk(getattr(node, field, []), in_function=in_function, in_loop=in_loop)
            for handler in getattr(node, "handlers", []):
                yield from _walk(handler.body, in_function=in_function, in_loop=in_loop)
            for case in getattr(node, "cases", []):
                yield from _walk(case.body, in_function=in_function, in_loop=in_loop)


def diagnose_misplaced(source: SourceText, tree: ast.Module, found: Misplaced) -> Diagnosis:
    node = found.node
    line = node.lineno
    column = source.column_from_utf8(line, node.col_offset)
    word = "return" if isinstance(node, ast.Return) else type(node).__name__.lower()
    span = Span(line, column, line, column + len(word))
    if isinstance(node, ast.Return):
        function = _function_just_above(tree, line)
        edits: tuple[Edit, ...] = ()
        detail = (
            "'return' hands a value back from a function to the line that called it; "
            "here it is not inside any function."
        )
        if function is not None:
            body_indent = _indentation(source, function.body[0].lineno)
            detail = (
                f"It comes right after the function '{function.name}' (line {function.lineno}) "
                "but is not indented like the lines inside it, so it is not part of it."
            )
            old = _indentation(source, line)
            edits = (Edit(Span(line, 0, line, len(old)), body_indent),)
        return Diagnosis(
            RuleId.RETURN_OUTSIDE_FUNCTION,
            span,
            {"detail": detail},
            edits=edits,
            fix_title="Indent it into the function above",
            applicability=Applicability.UNSAFE,
        )
    return Diagnosis(
        RuleId.BREAK_OUTSIDE_LOOP,
        span,
        {
            "keyword": word,
            "detail": f"'{word}' only works inside the body of a 'for' or 'while' loop, and "
            "this line is not inside one."
            if word == "break"
            else f"'{word}' jumps to the next round of a loop, and this line is not inside a "
            "'for' or 'while' loop.",
        },
    )


def _function_just_above(tree: ast.Module, line: int) -> ast.FunctionDef | None:
    """A top-level function whose last line comes just before `line` (blank lines aside)."""
    before = [node for node in tree.body if node.lineno < line]
    if not before or not isinstance(before[-1], ast.FunctionDef):
        return None
    function = before[-1]
    end = function.end_lineno or function.lineno
    return function if end < line else None


def _indentation(source: SourceText, line: int) -> str:
    text = source.line(line)
    return text[: len(text) - len(text.lstrip(" \t"))]
