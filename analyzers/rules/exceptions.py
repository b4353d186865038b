"""Rules about handling errors."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context
from mentor.analyzers.findings import Applicability, Finding, Severity
from mentor.analyzers.fixes import make_fix, replace_span
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Difference, Docs, Invalid, Messages, Rule, Severities, code
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Span

BARE_EXCEPT = register(
    Rule(
        id=RuleId.BARE_EXCEPT,
        name="bare-except",
        summary="`except:` with no exception type catches everything, even Ctrl+C.",
        concepts=(Concept.EXCEPTIONS,),
        docs=Docs(
            what="An `except:` clause that does not name the kind of error it expects. A handler "
            "that re-raises the error or reports it (`sys.exc_info()`, `traceback`, "
            "`logging.exception`) is a deliberate catch-all and is left alone.",
            why="A bare `except:` catches every error, including typos in your own code "
            "(NameError), and even Ctrl+C when you try to stop the program. Mistakes then "
            "disappear silently. Name the error you expect, like `except ValueError:`.",
            example=code("""
                try:
                    age = int(input('Age? '))
                except:
                    age = 0
            """),
            better=code("""
                try:
                    age = int(input('Age? '))
                except ValueError:
                    age = 0
            """),
            question="Which error do you expect this code to raise? What should happen with "
            "the others, such as a typo in a name?",
        ),
        messages=Messages(
            novice="`except:` without an error name catches every error, even your own typos "
            "and Ctrl+C. Name the error you expect, for example `except ValueError:`.",
            developing="Bare `except:` hides every error; name the one you expect.",
            proficient="Bare except; catch a specific exception.",
        ),
        severity=Severities.same(Severity.WARNING),
        equivalents=("pylint:W0702", "ruff:E722"),
        differences=(
            Difference(
                "catch-all-reported",
                ("pylint:W0702", "ruff:E722"),
                "an `except:` whose handler re-raises or reports the error (`raise`, "
                "`sys.exc_info()`, `traceback`, `logging.exception`) is a deliberate catch-all "
                "and is not reported.",
            ),
        ),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    try:
                        age = int(text)
                    except:  # bad input
                        age = 0
                """),
                fixed=code("""
                    try:
                        age = int(text)
                    except Exception:  # bad input
                        age = 0
                """),
                at="3:0-3:6",
            ),
        ),
        valid=(
            code("""
                try:
                    age = int(text)
                except ValueError:
                    age = 0
            """),
            code("""
                try:
                    work()
                except:
                    cleanup()
                    raise
            """),
            code("""
                import sys
                try:
                    work()
                except:
                    report(sys.exc_info())
            """),
        ),
    )
)


_REPORTERS = frozenset(
    {"exc_info", "exception", "print_exc", "print_exception", "format_exc", "handle_error"}
)


def _reports_the_error(handler: ast.ExceptHandler) -> bool:
    for node in ast.walk(handler):
        if isinstance(node, ast.Raise):
            return True
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in _REPORTERS or "traceback" in name.lower():
                return True
    return False


@checker(BARE_EXCEPT, ast.ExceptHandler)
def _bare_except(node: ast.ExceptHandler, ctx: Context) -> Iterator[Finding]:
    if node.type is not None:
        return
    if node.body and isinstance(node.body[-1], ast.Raise) and node.body[-1].exc is None:
        return  # clean up and re-raise: nothing is hidden
    if _reports_the_error(node):
        return  # looks at sys.exc_info() or prints the traceback: a deliberate catch-all
    start = ctx.span(node)
    keyword = Span(start.line, start.column, start.line, start.column + len("except"))
    fix = make_fix(
        ctx,
        "Catch `Exception` (not Ctrl+C); better, name the error you expect",
        Applicability.UNSAFE,  # KeyboardInterrupt and SystemExit are no longer caught
        [replace_span(keyword, "except Exception")],
    )
    yield ctx.finding(BARE_EXCEPT, keyword, fix=fix)


SILENCED_EXCEPTION = register(
    Rule(
        id=RuleId.SILENCED_EXCEPTION,
        name="silenced-exception",
        summary="`except Exception: pass` hides every error, including your own mistakes.",
        concepts=(Concept.EXCEPTIONS,),
        docs=Docs(
            what="An `except Exception:` (or `except BaseException:`) whose body does nothing: "
            "only `pass`, `...` or `continue`.",
            why="Every error in the `try` block is caught and thrown away without a trace: a "
            "typo in a name, a wrong type, a missing file. The program carries on as if "
            "everything worked, and the real cause is very hard to find later. Catch only the "
            "error you expect, and do something visible when it happens.",
            example=code("""
                try:
                    age = int(input('Age? '))
                except Exception:
                    pass
            """),
            better=code("""
                try:
                    age = int(input('Age? '))
                except ValueError:
                    print('Please type a whole number.')
            """),
            question="Which error do you expect here? What should the user see when it happens?",
        ),
        messages=Messages(
            novice="This catches every kind of error and then does nothing, so mistakes "
            "disappear without a trace (even a typo in a name). Catch the error you expect, "
            "such as `except ValueError:`, and tell the user what went wrong.",
            developing="`except {caught}:` with an empty body silences every error; catch the "
            "one you expect and handle it.",
            proficient="Broad `except {caught}` silently ignored.",
        ),
        severity=Severities.same(Severity.WARNING),
        equivalents=("ruff:S110", "pylint:W0718"),
        differences=(
            Difference(
                "broad-except-handled",
                ("pylint:W0718",),
                "pylint reports every `except Exception:`; Mentor only one whose body hides the "
                "error (`pass`, `...`, nothing but a constant). A handler that logs, reports or "
                "re-raises is how programs are meant to catch broad errors.",
            ),
        ),
        invalid=(
            Invalid(
                code("""
                    try:
                        age = int(text)
                    except Exception:
                        pass
                """),
                at="3:0-3:17",
                message="`except Exception:` with an empty body silences every error; catch the "
                "one you expect and handle it.",
            ),
            Invalid(
                code("""
                    for line in lines:
                        try:
                            n = int(line)
                        except BaseException:
                            continue
                """),
                at="4:4-4:25",
            ),
            Invalid(
                code("""
                    try:
                        work()
                    except (ValueError, Exception):
                        ...
                """),
                at="3:0-3:31",
            ),
        ),
        valid=(
            code("""
                try:
                    age = int(text)
                except ValueError:
                    pass
            """),
            code("""
                try:
                    work()
                except Exception as error:
                    print(error)
            """),
            code("""
                try:
                    work()
                except Exception:
                    log()
                    raise
            """),
            code("""
                try:
                    cleanup()
                except Exception:
                    pass  # best effort at exit
            """),
        ),
    )
)

_BROAD = frozenset({"Exception", "BaseException"})


@checker(SILENCED_EXCEPTION, ast.ExceptHandler)
def _silenced_exception(node: ast.ExceptHandler, ctx: Context) -> Iterator[Finding]:
    kinds = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
    broad = [kind.id for kind in kinds if isinstance(kind, ast.Name) and kind.id in _BROAD]
    if not broad or not all(_does_nothing(statement) for statement in node.body):
        return
    last_line = node.body[-1].end_lineno or node.lineno
    if any("#" in ctx.source.line(number) for number in range(node.lineno + 1, last_line + 1)):
        return  # a comment in the block says why it is ignored: a decision, not an accident
    yield ctx.finding(SILENCED_EXCEPTION, ctx.header_span(node), caught=broad[0])  # type: ignore[arg-type]


def _does_nothing(statement: ast.stmt) -> bool:
    if isinstance(statement, (ast.Pass, ast.Continue)):
        return True
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
