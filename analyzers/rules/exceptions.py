"""Rules about handling errors."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from mentor.analyzers.concepts import Concept
from mentor.analyzers.context import Context
from mentor.analyzers.findings import Applicability, Finding, Severity
from mentor.analyzers.fixes import make_fix, replace_span
from mentor.analyzers.registry import checker, register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Span

BARE_EXCEPT = register(
    Rule(
        id=RuleId.BARE_EXCEPT,
        name="bare-except",
        summary="`except:` with no exception type catches everything, even Ctrl+C.",
        concepts=(Concept.EXCEPTIONS,),
        docs=Docs(
            what="An `except:` clause that does not name the kind of error it expects.",
            why="A bare `except:` catches every error, including typos in your own code "
            "(NameError), and even Ctrl+C when you try to stop the program. Mistakes then "
            "disappear silently. Name the error you expect, like `except ValueError:`.",
            example="try:\n    age = int(input('Age? '))\nexcept:\n    age = 0\n",
            better="try:\n    age = int(input('Age? '))\nexcept ValueError:\n    age = 0\n",
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
        invalid=(
            Invalid(
                "try:\n    age = int(text)\nexcept:  # bad input\n    age = 0\n",
                fixed="try:\n    age = int(text)\nexcept Exception:  # bad input\n    age = 0\n",
            ),
        ),
        valid=(
            "try:\n    age = int(text)\nexcept ValueError:\n    age = 0\n",
            "try:\n    work()\nexcept:\n    cleanup()\n    raise\n",
        ),
    )
)


@checker(BARE_EXCEPT, ast.ExceptHandler)
def _bare_except(node: ast.ExceptHandler, ctx: Context) -> Iterator[Finding]:
    if node.type is not None:
        return
    if node.body and isinstance(node.body[-1], ast.Raise) and node.body[-1].exc is None:
        return  # clean up and re-raise: nothing is hidden
    start = ctx.span(node)
    keyword = Span(start.line, start.column, start.line, start.column + len("except"))
    fix = make_fix(
        ctx,
        "Catch `Exception` (not Ctrl+C); better, name the error you expect",
        Applicability.UNSAFE,  # KeyboardInterrupt and SystemExit are no longer caught
        [replace_span(keyword, "except Exception")],
    )
    yield ctx.finding(BARE_EXCEPT, keyword, fix=fix)
