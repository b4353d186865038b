"""Rules about types and converting input."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import FUNCTION_NODES, Context
from mentor.analyzers.findings import Applicability, Finding, Severity
from mentor.analyzers.fixes import make_fix, replace_span
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.values import FLOAT, NUMBER, value_kind

INPUT_USED_AS_NUMBER = register(
    Rule(
        id=RuleId.INPUT_USED_AS_NUMBER,
        name="input-used-as-number",
        summary="Text from `input()` used as a number without `int()` or `float()`.",
        concepts=(Concept.TYPES, Concept.INPUT_OUTPUT),
        docs=Docs(
            what="The result of `input()` used in arithmetic, compared with a number, or given "
            "to `range`, without converting it first. The number may be written out, or be "
            "anything that certainly gives one: a variable set to a number, "
            "`random.randint(...)`, `len(...)`.",
            why="`input()` always gives back text (a `str`), even when the user types digits. "
            "`'5' + 1` is an error, `'5' * 2` is `'55'`, and `'5' == 5` is False. Convert the "
            "text with `int(...)` or `float(...)` before doing maths with it.",
            example=code("""
                age = input('Age? ')
                print(age + 1)
            """),
            better=code("""
                age = int(input('Age? '))
                print(age + 1)
            """),
            question="What type of value does `input()` give back when the user types 5?",
        ),
        messages=Messages(
            novice="{subject}, even if the user typed digits, so `{expression}` {effect}. "
            "Convert it first: `{convert}(input(...))`.",
            developing="{subject}: `{expression}` {effect}. Use `{convert}(...)`.",
            proficient="{subject}; convert with {convert}().",
        ),
        severity=Severities(Severity.ERROR, Severity.ERROR, Severity.WARNING),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    age = input('Age? ')
                    print(age + 1)
                """),
                fixed=code("""
                    age = int(input('Age? '))
                    print(age + 1)
                """),
                at="2:6-2:13",
                message="`age` holds text from input(): `age + 1` is an error: text and a number "
                "cannot be added. Use `int(...)`.",
            ),
            Invalid(
                code("""
                    guess = input()
                    if guess == 7:
                        print('yes')
                """),
                at="2:3-2:13",
            ),
            Invalid(
                code("""
                    n = input('How many? ')
                    for i in range(n):
                        pass
                """),
                at="2:9-2:17",
            ),
            Invalid(
                code("""
                    price = input()
                    total = price * 1.2
                """),
                at="2:8-2:19",
            ),
            Invalid(
                code("""
                    score = input()
                    score += 10
                """),
                at="2:0-2:11",
            ),
            Invalid(
                code("""
                    if input('Number: ') > 10:
                        pass
                """),
                at="1:3-1:25",
            ),
            Invalid(
                code("""
                    import random
                    secret = random.randint(1, 10)
                    guess = input('Guess: ')
                    if guess == secret:
                        print('Right!')
                """),
                at="4:3-4:18",
            ),
            Invalid(
                code("""
                    names = ['a']
                    n = input()
                    if n < len(names):
                        pass
                """),
                at="3:3-3:17",
            ),
            Invalid(
                code("""
                    limit = 10
                    answer = input()
                    total = answer + limit
                """),
                at="3:8-3:22",
            ),
        ),
        valid=(
            code("""
                age = int(input('Age? '))
                print(age + 1)
            """),
            code("""
                name = input()
                print('Hi ' + name)
            """),
            code("""
                n = input()
                n = int(n)
                print(n + 1)
            """),
            code("""
                line = input()
                if line == 'quit':
                    pass
            """),
            code("""
                text = input()
                print(text * '-')
            """),
        ),
    )
)

_ARITHMETIC = {
    ast.Add: "is an error: text and a number cannot be added",
    ast.Sub: "is an error: you cannot subtract from text",
    ast.Mult: "repeats the text instead of multiplying",
    ast.Div: "is an error: text cannot be divided",
    ast.FloorDiv: "is an error: text cannot be divided",
    ast.Mod: "is an error here, not a remainder",
    ast.Pow: "is an error: text has no powers",
}
_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


@dataclass(frozen=True)
class _Use:
    node: ast.expr  # the whole expression that misuses the text
    name: str
    effect: str
    convert: str


@checker(INPUT_USED_AS_NUMBER, ast.Module, *FUNCTION_NODES)
def _input_used_as_number(scope: ast.AST, ctx: Context) -> Iterator[Finding]:
    names = ctx.scopes.scope_of(scope)
    if names is not None and not names.reads("input"):
        return  # no input() here, so no name of this scope can hold its text
    # Walk the scope in source order: an assignment takes effect after its value is read.
    events: list[tuple[tuple[int, int], int, ast.AST]] = []
    for node in ctx.scope_nodes(scope):
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ) or (
            isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name)
        ):
            events.append(((node.end_lineno or node.lineno, node.end_col_offset or 0), 1, node))
        elif isinstance(node, (ast.For, ast.With)) or (
            isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
        ):
            events.append(((node.lineno, node.col_offset), 2, node))
        if isinstance(node, (ast.BinOp, ast.Compare, ast.Call, ast.AugAssign)):
            events.append(((node.lineno, node.col_offset), 0, node))
    events.sort(key=lambda event: (event[0], event[1]))

    raw: dict[str, ast.Call] = {}  # name -> the input() call whose text it holds
    for _, kind, node in events:
        if kind == 0:
            for use in _misuses(ctx, node, raw):
                origin = raw.get(use.name)
                fix = None
                if origin is not None:
                    fix = make_fix(
                        ctx,
                        f"Convert the input with {use.convert}(...)",
                        Applicability.UNSAFE,  # other uses of the text may expect a str
                        [replace_span(ctx.span(origin), f"{use.convert}({ctx.segment(origin)})")],
                    )
                yield ctx.finding(
                    INPUT_USED_AS_NUMBER,
                    use.node,
                    fix=fix,
                    subject=(
                        "input() gives back text"
                        if use.name == "input()"
                        else f"`{use.name}` holds text from input()"
                    ),
                    expression=ctx.segment(use.node),
                    effect=use.effect,
                    convert=use.convert,
                )
        elif kind == 1:
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target  # type: ignore[attr-defined]
            if isinstance(node, ast.AugAssign):
                continue  # `x += 1` keeps whatever x was (and was reported as a use)
            value = node.value  # type: ignore[attr-defined]
            if _is_input_text(value):
                raw[target.id] = value
            else:
                raw.pop(target.id, None)
        else:
            for name in _stored(node):
                raw.pop(name, None)


def _misuses(ctx: Context, node: ast.AST, raw: dict[str, ast.Call]) -> Iterator[_Use]:
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
        for text_side, other in ((node.left, node.right), (node.right, node.left)):
            name = _text_name(text_side, raw)
            number = _number(ctx, other, node)
            if name and number is not None:
                yield _Use(node, name, _effect(node.op, number), _converter(number))
                return
    elif isinstance(node, ast.AugAssign) and type(node.op) in _ARITHMETIC:
        name = _text_name(node.target, raw)
        number = _number(ctx, node.value, node)
        if name and number is not None:
            yield _Use(node, name, _effect(node.op, number), _converter(number))
    elif isinstance(node, ast.Compare) and len(node.ops) == 1:
        op = node.ops[0]
        for text_side, other in (
            (node.left, node.comparators[0]),
            (node.comparators[0], node.left),
        ):
            name = _text_name(text_side, raw)
            number = _number(ctx, other, node)
            if not name or number is None:
                continue
            if isinstance(op, _ORDERING):
                yield _Use(
                    node,
                    name,
                    "is an error: text cannot be compared with a number",
                    _converter(number),
                )
            elif isinstance(op, (ast.Eq, ast.NotEq)):
                verdict = "False" if isinstance(op, ast.Eq) else "True"
                yield _Use(
                    node,
                    name,
                    f"is always {verdict}: text never equals a number",
                    _converter(number),
                )
            return
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range":
        for arg in node.args:
            name = _text_name(arg, raw)
            if name:
                yield _Use(node, name, "is an error: range needs a whole number", "int")
                return


def _effect(op: ast.operator, number: int | float) -> str:
    if isinstance(op, ast.Mult) and isinstance(number, float):
        return "is an error: text cannot be multiplied by a decimal number"
    return _ARITHMETIC[type(op)]


def _text_name(node: ast.expr, raw: dict[str, ast.Call]) -> str | None:
    if isinstance(node, ast.Name) and node.id in raw:
        return node.id
    if _is_input_text(node):
        return "input()"
    return None


def _is_input_text(node: ast.AST) -> bool:
    """`input(...)`, possibly followed by str methods such as `.strip()`."""
    while (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("strip", "lstrip", "rstrip", "lower", "upper", "title", "casefold")
    ):
        node = node.func.value
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "input"
    )


def _number(ctx: Context, node: ast.expr, at: ast.AST) -> int | float | None:
    """The number `node` is, or a stand-in (0 or 0.0) when it certainly holds one: a variable
    set to a number, `random.randint(...)`, `len(...)`."""
    negated = isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd))
    literal = node.operand if negated else node  # type: ignore[attr-defined]
    if isinstance(literal, ast.Constant) and type(literal.value) in (int, float):
        return literal.value
    kind = value_kind(ctx, node, at, input_is_text=False)
    if kind == NUMBER:
        return 0
    return 0.0 if kind == FLOAT else None


def _converter(number: int | float) -> str:
    return "float" if isinstance(number, float) else "int"


def _stored(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Name):
        return {node.id}
    targets: list[ast.AST] = []
    if isinstance(node, ast.For):
        targets = [node.target]
    elif isinstance(node, ast.With):
        targets = [item.optional_vars for item in node.items if item.optional_vars is not None]
    return {n.id for target in targets for n in ast.walk(target) if isinstance(n, ast.Name)}
