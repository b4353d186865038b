"""Syntax rules: code that does not parse. The syntax explainer picks the cause."""

from __future__ import annotations

from mentor.analyzers.concepts import Concept
from mentor.analyzers.findings import Severity
from mentor.analyzers.registry import register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities
from mentor.analyzers.rule_ids import RuleId

SYNTAX_ERROR = register(
    Rule(
        id=RuleId.SYNTAX_ERROR,
        name="syntax-error",
        summary="Python cannot read the file, so none of it can run.",
        concepts=(Concept.SYNTAX,),
        docs=Docs(
            what="Code that breaks Python's grammar, for a reason Mentor has no more specific "
            "explanation for.",
            why="Until the file parses, Python runs none of it: not even the lines above the "
            "mistake. Python stops at the first place it cannot understand, which is often just "
            "after the real mistake.",
            example="total = = 5\n",
            better="total = 5\n",
            question="What did you mean this line to do, and which part of it does Python "
            "not expect?",
        ),
        messages=Messages(
            novice="Python cannot read this line, so none of your file can run yet: {plain}. "
            'Python\'s own words: "{python}". The mistake is here or just before it.',
            developing='Syntax error: {plain} ("{python}").',
            proficient="SyntaxError: {python}",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        invalid=(Invalid("total = = 5\n"), Invalid("x = 1\n    y = 2\n"), Invalid("f(x y z\n")),
        valid=("total = 5\n",),
        syntax=True,
    )
)

ASSIGN_IN_CONDITION = register(
    Rule(
        id=RuleId.ASSIGN_IN_CONDITION,
        name="assign-in-condition",
        summary="A single '=' inside an if/elif/while condition, where '==' compares.",
        concepts=(Concept.BOOLEANS, Concept.CONDITIONALS, Concept.SYNTAX),
        docs=Docs(
            what="A condition that uses `=` (which stores a value in a name) where `==` (which "
            "compares two values) was meant.",
            why="In Python `=` means 'store this value', never 'is equal to'. A condition needs "
            "a comparison that is True or False, so Python refuses `if x = 5:`. Mixing up the two "
            "is one of the most common early mistakes.",
            example="if answer = 42:\n    print('right!')\n",
            better="if answer == 42:\n    print('right!')\n",
            question="Do you want to store 42 in `answer` here, or ask whether it already is 42?",
        ),
        messages=Messages(
            novice="This {keyword} uses '=', which stores a value. To ask whether two values are "
            "equal, write '==' (two equals signs).",
            developing="Use '==' to compare in a {keyword} condition; '=' assigns.",
            proficient="'=' in a condition: did you mean '=='?",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        invalid=(
            Invalid(
                "if answer = 42:\n    print('right!')\n",
                fixed="if answer == 42:\n    print('right!')\n",
            ),
            Invalid("while guess = 3:\n    pass\n", fixed="while guess == 3:\n    pass\n"),
            Invalid(
                "if x > 0:\n    pass\nelif x = 0:  # zero\n    pass\n",
                fixed="if x > 0:\n    pass\nelif x == 0:  # zero\n    pass\n",
            ),
        ),
        valid=(
            "if answer == 42:\n    pass\n",
            "if (n := len(items)) > 3:\n    pass\n",
            "if f(key=1):\n    pass\n",
        ),
        syntax=True,
    )
)
