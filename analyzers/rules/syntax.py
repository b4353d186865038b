"""Syntax rules: code that does not parse. The syntax explainer picks the cause."""

from __future__ import annotations

from mentor.analyzers.concepts import Concept
from mentor.analyzers.findings import Severity
from mentor.analyzers.registry import register
from mentor.analyzers.rule import Docs, Invalid, Messages, Rule, Severities, code
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
        invalid=(
            Invalid("total = = 5\n", at="1:8-1:9"),
            Invalid(
                code("""
                    for in range(3):
                        pass
                """),
                at="1:4-1:6",
            ),
            Invalid("y = 2 *\n", at="1:7-1:7"),
        ),
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
            example=code("""
                if answer = 42:
                    print('right!')
            """),
            better=code("""
                if answer == 42:
                    print('right!')
            """),
            question="Do you want to store 42 in `answer` here, or ask whether it already is 42?",
        ),
        messages=Messages(
            novice="This '{keyword}' uses '=', which stores a value. To ask whether two values "
            "are equal, write '==' (two equals signs).",
            developing="Use '==' to compare in the '{keyword}' condition; '=' assigns.",
            proficient="'=' in a condition: did you mean '=='?",
        ),
        severity=Severities.same(Severity.ERROR),
        equivalents=("pylint:E0001",),
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    if answer = 42:
                        print('right!')
                """),
                fixed=code("""
                    if answer == 42:
                        print('right!')
                """),
                at="1:10-1:11",
                message="Use '==' to compare in the 'if' condition; '=' assigns.",
            ),
            Invalid(
                code("""
                    while guess = 3:
                        pass
                """),
                fixed=code("""
                    while guess == 3:
                        pass
                """),
                at="1:12-1:13",
            ),
            Invalid(
                code("""
                    if x > 0:
                        pass
                    elif x = 0:  # zero
                        pass
                """),
                fixed=code("""
                    if x > 0:
                        pass
                    elif x == 0:  # zero
                        pass
                """),
                at="3:7-3:8",
            ),
        ),
        valid=(
            code("""
                if answer == 42:
                    pass
            """),
            code("""
                if (n := len(items)) > 3:
                    pass
            """),
            code("""
                if f(key=1):
                    pass
            """),
        ),
        syntax=True,
    )
)

_SAME_ERROR = Severities.same(Severity.ERROR)
_PYLINT_SYNTAX = ("pylint:E0001",)

UNCLOSED_BRACKET = register(
    Rule(
        id=RuleId.UNCLOSED_BRACKET,
        name="unclosed-bracket",
        summary="A bracket '(' '[' or '{' is opened and never closed.",
        concepts=(Concept.SYNTAX,),
        docs=Docs(
            what="An opening bracket without its closing partner. Mentor points at the bracket "
            "that was opened, not at the later line where Python noticed.",
            why="Inside brackets Python lets a statement go on over several lines, so a "
            "forgotten ')' makes it read the next lines as part of the same statement. It only "
            "complains where that stops making sense, often a line or more below the real "
            "mistake, which sends beginners looking in the wrong place.",
            example=code("""
                age = int(input('Age? ')
                print(age)
            """),
            better=code("""
                age = int(input('Age? '))
                print(age)
            """),
            question="Count the brackets you open on this line and the ones you close: do they "
            "pair up?",
        ),
        messages=Messages(
            novice="The {bracket} opened here is never closed{more}, so Python reads the lines "
            "after it as part of the same statement.{noticed} Add the matching '{closer}' "
            "where this part of the code ends.",
            developing="This {bracket} is never closed: add '{closer}' where it should "
            "end.{noticed}",
            proficient="Unclosed bracket: '{closer}' missing.",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    name = input('Name: ')
                    print('Hello', name
                    print('Bye')
                """),
                fixed=code("""
                    name = input('Name: ')
                    print('Hello', name)
                    print('Bye')
                """),
                at="2:5-2:6",
                message="This round bracket '(' is never closed: add ')' where it should end.",
            ),
            Invalid(
                code("""
                    for i in range(1, 11:
                        print(i)
                """),
                fixed=code("""
                    for i in range(1, 11):
                        print(i)
                """),
                at="1:14-1:15",
            ),
            Invalid(
                code("""
                    prices = {
                        'apple': 0.5,
                        'pear': 0.75,

                    total = 0
                """),
                fixed=code("""
                    prices = {
                        'apple': 0.5,
                        'pear': 0.75,
                    }

                    total = 0
                """),
                at="1:9-1:10",
            ),
            Invalid("x = foo(bar[1, 2)\n", fixed="x = foo(bar[1, 2])\n", at="1:11-1:12"),
            Invalid("total = sum(prices  # add them up\n", at="1:11-1:12"),
        ),
        valid=(
            code("""
                print('Hello',
                      'world')
            """),
            code("""
                total = (1 +
                         2)
            """),
            "x = [1, 2)\n",
        ),
        syntax=True,
    )
)

UNMATCHED_BRACKET = register(
    Rule(
        id=RuleId.UNMATCHED_BRACKET,
        name="unmatched-bracket",
        summary="A closing bracket with no opening bracket of the same kind.",
        concepts=(Concept.SYNTAX,),
        docs=Docs(
            what="A closing bracket that closes nothing, or closes a bracket of another kind, "
            "as in `[1, 2)`.",
            why="Brackets come in pairs of the same kind, and the last one opened is the first "
            "one closed. A stray or mismatched one usually means a bracket was typed twice, or "
            "the wrong key was pressed.",
            example="colours = ['red', 'green')\n",
            better="colours = ['red', 'green']\n",
            question="Which bracket is this one meant to close, and what kind was it?",
        ),
        messages=Messages(
            novice="This closing '{closer}' does not match. {detail}",
            developing="Unmatched '{closer}': {short}",
            proficient="Unmatched '{closer}'.",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        fixable=True,
        invalid=(
            Invalid(
                "colours = ['red', 'green')\n",
                fixed="colours = ['red', 'green']\n",
                at="1:25-1:26",
                message="Unmatched ')': ')' closes '[' (line 1): use ']'.",
            ),
            Invalid("f = (9 / 5) * c + 32)\n", fixed="f = (9 / 5) * c + 32\n", at="1:20-1:21"),
            Invalid("ages = {'Ann': 12]\n", fixed="ages = {'Ann': 12}\n", at="1:17-1:18"),
            Invalid("print(words[1))\n", fixed="print(words[1])\n", at="1:13-1:14"),
        ),
        valid=("colours = ['red', 'green']\n", "print('a'\n"),
        syntax=True,
    )
)

MISSING_COLON = register(
    Rule(
        id=RuleId.MISSING_COLON,
        name="missing-colon",
        summary="An if/elif/else/for/while/def/class/try/except/finally/with line without its "
        "':' (or a dictionary key without one).",
        concepts=(Concept.SYNTAX, Concept.CONDITIONALS, Concept.LOOPS, Concept.FUNCTIONS),
        docs=Docs(
            what="A line that starts a block (`if`, `elif`, `else`, `for`, `while`, `def`, "
            "`class`, `try`, `except`, `finally`, `with`) but does not end with ':', or a "
            "dictionary key not followed by ':'.",
            why="The colon tells Python that the indented lines below belong to this line. "
            "Python reports the missing colon on the line itself, but beginners often look at "
            "the indented line below, or forget the colon after `else`.",
            example=code("""
                if age >= 18
                    print('You can vote')
            """),
            better=code("""
                if age >= 18:
                    print('You can vote')
            """),
            question="What does Python need at the end of a line that starts a block?",
        ),
        messages=Messages(
            novice="A ':' is missing {place}. {why}",
            developing="Add ':' {place}.",
            proficient="Missing ':'.",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    if age >= 18
                        print('adult')
                """),
                fixed=code("""
                    if age >= 18:
                        print('adult')
                """),
                at="1:10-1:12",
                message="Add ':' at the end of this line.",
            ),
            Invalid(
                code("""
                    if x:
                        pass
                    else
                        pass
                """),
                fixed=code("""
                    if x:
                        pass
                    else:
                        pass
                """),
                at="3:0-3:4",
            ),
            Invalid(
                code("""
                    def area(w, h)
                        return w * h
                """),
                fixed=code("""
                    def area(w, h):
                        return w * h
                """),
                at="1:13-1:14",
            ),
            Invalid(
                code("""
                    while lives > 0  # keep playing
                        lives -= 1
                """),
                fixed=code("""
                    while lives > 0:  # keep playing
                        lives -= 1
                """),
                at="1:14-1:15",
            ),
            Invalid(
                code("""
                    if n > 100;
                        print(n)
                """),
                fixed=code("""
                    if n > 100:
                        print(n)
                """),
                at="1:10-1:11",
            ),
            Invalid(
                "ages = {'Ann': 12, 'Bob' 14}\n",
                fixed="ages = {'Ann': 12, 'Bob': 14}\n",
                at="1:19-1:27",
            ),
        ),
        valid=(
            code("""
                if age >= 18:
                    pass
            """),
            "f = lambda x: x\n",
            code("""
                else if x:
                    pass
            """),
        ),
        syntax=True,
    )
)

MISSING_COMMA = register(
    Rule(
        id=RuleId.MISSING_COMMA,
        name="missing-comma",
        summary="Two items of a list, tuple, call or dictionary without a comma between them.",
        concepts=(Concept.SYNTAX, Concept.LISTS, Concept.FUNCTIONS),
        docs=Docs(
            what="Two values side by side inside brackets, or in a tuple, with no comma between "
            "them.",
            why="Commas separate the items of a list, the arguments of a call and the entries "
            "of a dictionary. Without one Python cannot tell where one item ends and the next "
            "begins. At the end of a line in a long list it is easy to miss.",
            example="print('Total:' total)\n",
            better="print('Total:', total)\n",
            question="How does Python know where one argument ends and the next one starts?",
        ),
        messages=Messages(
            novice="A comma is missing between {left} and {right}. Items in lists, tuples, "
            "dictionaries and the arguments of a call are separated by commas; without one "
            "Python cannot tell where one ends and the next begins.",
            developing="Missing comma between {left} and {right}.",
            proficient="Missing ','.",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        fixable=True,
        invalid=(
            Invalid(
                "primes = [2, 3, 5 7]\n",
                fixed="primes = [2, 3, 5, 7]\n",
                at="1:16-1:19",
                message="Missing comma between 5 and 7.",
            ),
            Invalid(
                code("""
                    total = 3
                    print('Total:' total)
                """),
                fixed=code("""
                    total = 3
                    print('Total:', total)
                """),
                at="2:6-2:20",
            ),
            Invalid(
                code("""
                    days = [
                        31, 28
                        31, 30,
                    ]
                """),
                fixed=code("""
                    days = [
                        31, 28,
                        31, 30,
                    ]
                """),
                at="2:8-2:10",
            ),
            Invalid("x, y = 3 4\n", fixed="x, y = 3, 4\n", at="1:7-1:10"),
            Invalid(
                code("""
                    def area(width height):
                        return width * height
                """),
                fixed=code("""
                    def area(width, height):
                        return width * height
                """),
                at="1:9-1:21",
            ),
        ),
        valid=("primes = [2, 3, 5, 7]\n", "x = 2 y\n", "print(Hello world)\n"),
        syntax=True,
    )
)

UNTERMINATED_STRING = register(
    Rule(
        id=RuleId.UNTERMINATED_STRING,
        name="unterminated-string",
        summary="A text (string) whose closing quote is missing.",
        concepts=(Concept.SYNTAX, Concept.STRINGS),
        docs=Docs(
            what="A string that starts with a quote but never ends: the closing quote is "
            'missing, is of the other kind (`"...\'`), or is hidden by a backslash (`"C:\\"`); '
            "or a triple-quoted text that is never closed.",
            why="Everything between the opening and the closing quote is text, not code. "
            "Without the closing quote Python cannot find where the text ends and the code goes "
            "on.",
            example="print('Hello)\n",
            better="print('Hello')\n",
            question="Where does your text end? Which character tells Python so?",
        ),
        messages=Messages(
            novice="This text (a string) never ends. {detail} Everything between the opening "
            "and the closing quote is text, so Python cannot tell where your code goes on.",
            developing="Unterminated string: {detail}",
            proficient="Unterminated string starting with {quote}.",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        fixable=True,
        invalid=(
            Invalid(
                "print('Hello)\n",
                fixed="print('Hello')\n",
                at="1:6-1:7",
                message="Unterminated string: Its closing ' is missing, so Python reads the rest "
                "of the line as text.",
            ),
            Invalid(
                "greeting = 'Good morning\n", fixed="greeting = 'Good morning'\n", at="1:11-1:12"
            ),
            Invalid(
                code("""
                    name = 'Al'
                    print("Hi, + name)
                """),
                fixed=code("""
                    name = 'Al'
                    print("Hi, " + name)
                """),
                at="2:6-2:7",
            ),
            Invalid(
                "print(\"I live in ' + city)\n", fixed='print("I live in " + city)\n', at="1:6-1:7"
            ),
            Invalid('folder = "C:\\temp\\"\n', fixed='folder = "C:\\temp\\\\"\n', at="1:9-1:10"),
            Invalid(
                code('''
                    def f():
                        """Docs.
                        return 1
                '''),
                at="2:4-2:7",
            ),
        ),
        valid=(
            "print('Hello')\n",
            code("""
                text = '''one
                two'''
            """),
            "print(You're great)\n",
        ),
        syntax=True,
    )
)

BAD_INDENTATION = register(
    Rule(
        id=RuleId.BAD_INDENTATION,
        name="bad-indentation",
        summary="A line indented where no block starts, a block that is not indented, a line "
        "that lines up with no block, or tabs mixed with spaces.",
        concepts=(Concept.SYNTAX,),
        docs=Docs(
            what="Indentation Python cannot follow: an unexpected indent, a missing indented "
            "block after a ':', a line that lines up with no block above it, tabs mixed with "
            "spaces, or an `else` indented inside its `if` block.",
            why="Python uses indentation, the spaces at the start of a line, to know which lines "
            "belong to an `if`, a loop or a function. Other languages use brackets for that; in "
            "Python the spaces are the structure, so they must be exact.",
            example=code("""
                if score > 10:
                print('Well done')
            """),
            better=code("""
                if score > 10:
                    print('Well done')
            """),
            question="Which lines should belong to the `if`, and how does Python see that?",
        ),
        messages=Messages(
            novice="{detail} Python uses indentation (the spaces at the start of a line) to "
            "know which lines belong together, so it must be exact.",
            developing="{short} Indentation decides which lines belong together.",
            proficient="{short}",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    x = 1
                        y = 2
                """),
                fixed=code("""
                    x = 1
                    y = 2
                """),
                at="2:0-2:4",
                message="Unexpected indent: no block starts here. Indentation decides which lines "
                "belong together.",
            ),
            Invalid(
                code("""
                    if x > 0:
                    print('positive')
                """),
                fixed=code("""
                    if x > 0:
                        print('positive')
                """),
                at="2:0-2:1",
            ),
            Invalid(
                code("""
                    def f(x):
                            a = 1
                        return a
                """),
                at="3:0-3:4",
            ),
            Invalid(
                "def f(x):\n        y = x\n\treturn y\n",
                fixed=code("""
                    def f(x):
                            y = x
                            return y
                """),
                at="3:0-3:1",
            ),
            Invalid(
                code("""
                    if hot:
                        print('hot')
                        else:
                            print('cold')
                """),
                fixed=code("""
                    if hot:
                        print('hot')
                    else:
                        print('cold')
                """),
                at="3:4-3:8",
            ),
        ),
        valid=(
            code("""
                if x > 0:
                    print('positive')
            """),
            code("""
                if x > 3
                    print(x)
            """),
        ),
        syntax=True,
    )
)

KEYWORD_AS_NAME = register(
    Rule(
        id=RuleId.KEYWORD_AS_NAME,
        name="keyword-as-name",
        summary="A Python keyword (`class`, `lambda`, `import`, `pass`, `True`...) used as a "
        "variable or parameter name.",
        concepts=(Concept.SYNTAX, Concept.VARIABLES),
        docs=Docs(
            what="A keyword where a name belongs: `class = '3B'`, `def f(lambda):`, "
            "`import = 3`, `for global in items:`, `True = x`.",
            why="Keywords are the words of Python's own grammar; each has one fixed meaning, so "
            "they cannot name your values. Some are also ordinary English words (`class`, "
            "`pass`, `from`, `lambda` in physics), which makes the mistake easy to make.",
            example=code("""
                class = '3B'
                print(class)
            """),
            better=code("""
                group = '3B'
                print(group)
            """),
            question="Which words does Python reserve for itself, and how could you tell?",
        ),
        messages=Messages(
            novice="'{keyword}' cannot be used as a name here. {detail} {advice}",
            developing="'{keyword}' is a keyword, so it cannot be a name. {advice}",
            proficient="Keyword '{keyword}' used as a name.",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        invalid=(
            Invalid(
                "class = '3B'\n",
                at="1:0-1:5",
                message="'class' is a keyword, so it cannot be a name. Pick another name, like "
                "'group'.",
            ),
            Invalid(
                code("""
                    def wavelength(speed, lambda):
                        return speed / lambda
                """),
                at="1:22-1:28",
            ),
            Invalid("import = 3\n", at="1:0-1:6"),
            Invalid("pass = input('Password: ')\n", at="1:0-1:4"),
            Invalid(
                code("""
                    for global in items:
                        print(global)
                """),
                at="1:4-1:10",
            ),
            Invalid("True = 0\n", at="1:0-1:4"),
        ),
        valid=("group = '3B'\n", "from . import utils\n", "x = y if z else w\n"),
        syntax=True,
    )
)

MISSING_OPERATOR = register(
    Rule(
        id=RuleId.MISSING_OPERATOR,
        name="missing-operator",
        summary="Two values side by side with no operator between them: `2 x`, `2x`, "
        "`price quantity`.",
        concepts=(Concept.SYNTAX, Concept.VARIABLES),
        docs=Docs(
            what="Two numbers or names next to each other in a calculation, with no `*`, `+` or "
            "other operator between them, as in maths (`2x`).",
            why="In maths `2x` means 2 times x, but Python never guesses an operator: every "
            "multiplication needs its `*`. Without one, Python sees two values and does not know "
            "what to do with them.",
            example=code("""
                price = 4
                quantity = 3
                total = price quantity
            """),
            better=code("""
                price = 4
                quantity = 3
                total = price * quantity
            """),
            question="What should Python do with these two values: add them, multiply them?",
        ),
        messages=Messages(
            novice="{left} and {right} stand side by side with nothing between them, so Python "
            "does not know what to do with them. {hint}",
            developing="Missing operator between {left} and {right}.",
            proficient="Missing operator.",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    x = 4
                    y = 2x + 1
                """),
                fixed=code("""
                    x = 4
                    y = 2 * x + 1
                """),
                at="2:4-2:6",
                message="Missing operator between 2 and x.",
            ),
            Invalid(
                code("""
                    price = 4
                    quantity = 3
                    total = price quantity
                """),
                at="3:8-3:22",
            ),
            Invalid("area = width * 2 3\n", at="1:15-1:18"),
            Invalid(
                code("""
                    speed = 50
                    time = 2
                    distance = (speed time)
                """),
                at="3:12-3:22",
            ),
        ),
        valid=("total = price * quantity\n", "print('a' 'b')\n", "x, y = 3 4\n"),
        syntax=True,
    )
)

PRINT_STATEMENT = register(
    Rule(
        id=RuleId.PRINT_STATEMENT,
        name="print-statement",
        summary="`print x` written the Python 2 way, without round brackets.",
        concepts=(Concept.SYNTAX, Concept.INPUT_OUTPUT, Concept.FUNCTIONS),
        docs=Docs(
            what="`print` followed by what to print without round brackets, as Python 2 and "
            "many old tutorials write it.",
            why="In Python 3 `print` is a function like any other, and a function is called "
            "with round brackets around its arguments: `print('hi')`. Old books and web pages "
            "still show the Python 2 form.",
            example="print 'Hello'\n",
            better="print('Hello')\n",
            question="How do you call other functions, like `len` or `input`? Is print different?",
        ),
        messages=Messages(
            novice="In Python 3, print is a function: what it shows goes inside round brackets, "
            "like print({what}). Without them Python does not see that you want to call print.",
            developing="print needs round brackets: print({what}).",
            proficient="print is a function: print({what}).",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        fixable=True,
        invalid=(
            Invalid(
                "print 'Hello'\n",
                fixed="print('Hello')\n",
                at="1:0-1:13",
                message="print needs round brackets: print('Hello').",
            ),
            Invalid(
                code("""
                    total = 3
                    print total
                """),
                fixed=code("""
                    total = 3
                    print(total)
                """),
                at="2:0-2:11",
            ),
            Invalid(
                "print a, 'is smaller than', b\n",
                fixed="print(a, 'is smaller than', b)\n",
                at="1:0-1:29",
            ),
            Invalid(
                code("""
                    for x in xs:
                        print x  # show it
                """),
                fixed=code("""
                    for x in xs:
                        print(x)  # show it
                """),
                at="2:4-2:11",
            ),
        ),
        valid=("print('Hello')\n", "print = 3\n", "print\n"),
        syntax=True,
    )
)

ELSE_IF = register(
    Rule(
        id=RuleId.ELSE_IF,
        name="else-if",
        summary="`else if` where Python writes `elif`.",
        concepts=(Concept.SYNTAX, Concept.CONDITIONALS),
        docs=Docs(
            what="`else if condition:` on one line, as C, Java and JavaScript write it.",
            why="Python has a single word for it, `elif`. With two words Python reads `else` "
            "and expects a ':' right after it, so it reports a missing colon in the middle of "
            "the line, which puzzles beginners.",
            example=code("""
                if n > 0:
                    print('+')
                else if n < 0:
                    print('-')
            """),
            better=code("""
                if n > 0:
                    print('+')
                elif n < 0:
                    print('-')
            """),
            question="How does Python spell 'otherwise, if...' as one word?",
        ),
        messages=Messages(
            novice="To test another condition after an 'if', Python writes one word: elif. "
            "{detail}",
            developing="Use 'elif' instead of '{written}'.",
            proficient="'{written}': write 'elif'.",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    if n > 0:
                        pass
                    else if n < 0:
                        pass
                """),
                fixed=code("""
                    if n > 0:
                        pass
                    elif n < 0:
                        pass
                """),
                at="3:0-3:7",
                message="Use 'elif' instead of 'else if'.",
            ),
            Invalid(
                code("""
                    if a:
                        pass
                    else if b:  # second case
                        pass
                """),
                fixed=code("""
                    if a:
                        pass
                    elif b:  # second case
                        pass
                """),
                at="3:0-3:7",
            ),
            Invalid(
                code("""
                    if x > 5:
                        pass
                    else x > 3:
                        pass
                """),
                fixed=code("""
                    if x > 5:
                        pass
                    elif x > 3:
                        pass
                """),
                at="3:0-3:4",
            ),
        ),
        valid=(
            code("""
                if n > 0:
                    pass
                elif n < 0:
                    pass
            """),
            code("""
                if a:
                    pass
                else:
                    if b:
                        pass
            """),
        ),
        syntax=True,
    )
)

MISSING_QUOTES = register(
    Rule(
        id=RuleId.MISSING_QUOTES,
        name="missing-quotes",
        summary="Text written without quotes: `print(Hello world)`, `name = John Smith`.",
        concepts=(Concept.SYNTAX, Concept.STRINGS, Concept.VARIABLES),
        docs=Docs(
            what="Words meant as text (for a person to read) written without quotes, so Python "
            "takes them for names. Mentor tells them from a missing comma or operator by "
            "checking whether the words are names the program uses anywhere else.",
            why="Python tells text from code by the quotes: `'Hello'` is text, `Hello` is the "
            "name of a variable. Two words side by side are not valid code at all, and an "
            "apostrophe (`You're`) even starts a text of its own.",
            example="print(Hello world)\n",
            better="print('Hello world')\n",
            question="How does Python know which words are text to show and which are names of "
            "variables?",
        ),
        messages=Messages(
            novice="The words `{text}` look like text for people to read, but they have no "
            "quotes, so Python tries to read them as code (names of variables). Text goes "
            'between quotes: "{text}".',
            developing='Text needs quotes around it: "{text}".',
            proficient="Unquoted text: `{text}`.",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        fixable=True,
        invalid=(
            Invalid(
                "print(Hello world)\n",
                fixed='print("Hello world")\n',
                at="1:6-1:17",
                message='Text needs quotes around it: "Hello world".',
            ),
            Invalid("author = Jane Austen\n", fixed='author = "Jane Austen"\n', at="1:9-1:20"),
            Invalid(
                "print(You're doing great)\n", fixed='print("You\'re doing great")\n', at="1:6-1:24"
            ),
            Invalid(
                "answer = input(What is the capital of France?)\n",
                fixed='answer = input("What is the capital of France?")\n',
                at="1:15-1:45",
            ),
        ),
        valid=(
            "print('Hello world')\n",
            code("""
                name = 'x'
                age = 3
                print(name age)
            """),
            code("""
                price = 1
                quantity = 2
                total = price quantity
            """),
        ),
        syntax=True,
    )
)

WRONG_OPERATOR = register(
    Rule(
        id=RuleId.WRONG_OPERATOR,
        name="wrong-operator",
        summary="An operator Python does not have: `&&`, `||`, `!x`, `=>`, `=<`, `=!`, `<>`, "
        "`===`, `i++`, `i--`.",
        concepts=(Concept.SYNTAX, Concept.BOOLEANS),
        docs=Docs(
            what="Operators from C, Java or JavaScript (`&&`, `||`, `!`, `===`, `++`, `--`), or "
            "comparison operators written back to front (`=>`, `=<`, `=!`).",
            why="Python spells the logical operators as words (`and`, `or`, `not`), has no "
            "increment operator, and writes every two-character comparison with the '=' "
            "second: `>=`, `<=`, `!=`.",
            example=code("""
                if age > 12 && has_ticket:
                    print('Enjoy')
            """),
            better=code("""
                if age > 12 and has_ticket:
                    print('Enjoy')
            """),
            question="How would you say this condition out loud, in English words?",
        ),
        messages=Messages(
            novice="Python has no '{written}' operator. {detail} '{python}'.",
            developing="'{written}' is not Python: use '{python}'.",
            proficient="'{written}': write '{python}'.",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    if a && b:
                        pass
                """),
                fixed=code("""
                    if a and b:
                        pass
                """),
                at="1:5-1:7",
            ),
            Invalid(
                code("""
                    if a || b:
                        pass
                """),
                fixed=code("""
                    if a or b:
                        pass
                """),
                at="1:5-1:7",
            ),
            Invalid(
                code("""
                    if mark => 50:
                        pass
                """),
                fixed=code("""
                    if mark >= 50:
                        pass
                """),
                at="1:8-1:10",
            ),
            Invalid(
                code("""
                    while guess =! 7:
                        pass
                """),
                fixed=code("""
                    while guess != 7:
                        pass
                """),
                at="1:12-1:14",
            ),
            Invalid(
                code("""
                    if !done:
                        pass
                """),
                fixed=code("""
                    if not done:
                        pass
                """),
                at="1:3-1:4",
            ),
            Invalid(
                code("""
                    count = 0
                    count++
                """),
                fixed=code("""
                    count = 0
                    count += 1
                """),
                at="2:5-2:7",
            ),
        ),
        valid=(
            code("""
                if a and b:
                    pass
            """),
            "x = -1\n",
            "y = x = 3\n",
            "z = not done\n",
        ),
        syntax=True,
    )
)

ASSIGN_TO_EXPRESSION = register(
    Rule(
        id=RuleId.ASSIGN_TO_EXPRESSION,
        name="assign-to-expression",
        summary="Something other than a name on the left of '=': `x + 1 = y`, `10 = speed`.",
        concepts=(Concept.SYNTAX, Concept.VARIABLES),
        docs=Docs(
            what="An assignment whose left side is a calculation, a number, a text or a call.",
            why="'=' in Python is not an equation: it computes the value on its right and stores "
            "it in the name on its left. Learners who know algebra write `x + 1 = y` or put the "
            "value first, `10 = speed`.",
            example="10 = speed\n",
            better="speed = 10\n",
            question="Which side of '=' receives the value?",
        ),
        messages=Messages(
            novice="The left side of '=' must be a name (a variable), but here it is {target}. "
            "'=' is not an equation: it computes the value on its right and stores it in the "
            "name on its left. To compare two values, write '=='.",
            developing="Cannot store a value in {target}: the name goes on the left of '='.",
            proficient="Cannot assign to {target}.",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    x = 4
                    x + 1 = y
                """),
                fixed=code("""
                    x = 4
                    y = x + 1
                """),
                at="2:0-2:5",
                message="Cannot store a value in x + 1: the name goes on the left of '='.",
            ),
            Invalid("10 = speed\n", fixed="speed = 10\n", at="1:0-1:2"),
            Invalid("name.upper() = shout\n", fixed="shout = name.upper()\n", at="1:0-1:12"),
        ),
        valid=("speed = 10\n", "point.x = 3\n", "a[i] = b\n", "f().x = 1\n"),
        syntax=True,
    )
)

INVALID_CHARACTER = register(
    Rule(
        id=RuleId.INVALID_CHARACTER,
        name="invalid-character",
        summary="A character Python does not accept in code, like curly quotes “ ” or a dash –.",
        concepts=(Concept.SYNTAX,),
        docs=Docs(
            what="A character outside of text and comments that Python does not use: curly "
            "quotes, dashes and multiplication signs that word processors and web pages type, "
            "invisible spaces, or symbols such as `$`.",
            why="Code copied from a document or a slide often carries typographic characters "
            "that look just like Python's own but are different characters to the computer.",
            example="print(“Hello”)\n",
            better='print("Hello")\n',
            question="Where did this line come from? Did you type it, or copy it from a document?",
        ),
        messages=Messages(
            novice="This line contains '{char}' ({name}), which Python does not accept in code. "
            "It often comes from copying code out of a document or a web page. {detail}",
            developing="Invalid character '{char}' ({name}). {detail}",
            proficient="Invalid character '{char}'.",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        fixable=True,
        invalid=(
            Invalid(
                "print(“Hello”)\n",
                fixed='print("Hello")\n',
                at="1:6-1:7",
                message="Invalid character '“' (left double quotation mark (U+201C)). Python only "
                "understands '\"' here.",
            ),
            Invalid("b = a – 3\n", fixed="b = a - 3\n", at="1:6-1:7"),
            Invalid("area = side × side\n", fixed="area = side * side\n", at="1:12-1:13"),
            Invalid("price = $5\n", at="1:8-1:9"),
        ),
        valid=('print("Hello")\n', "print('“quoted”')\n", "# 5 × 3\n"),
        syntax=True,
    )
)

BINARY_FILE = register(
    Rule(
        id=RuleId.BINARY_FILE,
        name="binary-file",
        summary="A file with zero bytes in it: an image or a document, not Python text.",
        concepts=(Concept.SYNTAX, Concept.FILES),
        docs=Docs(
            what="A file that contains zero bytes (U+0000), which text never does: usually an "
            "image, a spreadsheet or a word-processor document saved with a `.py` name.",
            why="Python reads programs as plain text. A program written in a word processor, or "
            "a file renamed to `.py`, is not text, so Python cannot read any of it.",
            example="\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            better="print('Hello')\n",
            question="Which program did you write this file with? Does it save plain text?",
        ),
        messages=Messages(
            novice="This file contains zero bytes, so it is not plain text: it may be an image or "
            "a document saved with a .py name. Write Python in a code editor, which saves plain "
            "text.",
            developing="Not a text file (zero bytes at line {line}).",
            proficient="Binary file: contains NUL bytes.",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        invalid=(
            Invalid("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", at="3:0-3:1"),
            Invalid("print('hi')\n\x00\x00\n", at="2:0-2:1"),
        ),
        valid=("print('\\x00')\n",),
        syntax=True,
        tags=frozenset({"file-level"}),  # a property of the whole file, not a typing mistake
    )
)

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
        severity=_SAME_ERROR,
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
        severity=_SAME_ERROR,
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

ELSE_WITHOUT_IF = register(
    Rule(
        id=RuleId.ELSE_WITHOUT_IF,
        name="else-without-if",
        summary="An `else` or `elif` that follows no `if` block.",
        concepts=(Concept.SYNTAX, Concept.CONDITIONALS),
        docs=Docs(
            what="An `else:` or `elif` with no `if` block right above it at the same "
            "indentation, usually because a line between them is not indented and so ends the "
            "`if` block.",
            why="An `else` belongs to the `if` whose block it directly follows. A single "
            "unindented line between them ends the `if` statement, and the `else` is left on "
            "its own.",
            example=code("""
                if age >= 18:
                    print('adult')
                print('checked')
                else:
                    print('minor')
            """),
            better=code("""
                if age >= 18:
                    print('adult')
                else:
                    print('minor')
                print('checked')
            """),
            question="Which `if` should this `else` belong to, and what stands between them?",
        ),
        messages=Messages(
            novice="This '{keyword}' does not belong to any 'if'. {detail} An '{keyword}' must "
            "come straight after the block of its 'if', at the same indentation.",
            developing="'{keyword}' without an 'if' block right above it.",
            proficient="'{keyword}' without 'if'.",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        invalid=(
            Invalid(
                code("""
                    if a:
                        pass
                    print('x')
                    else:
                        pass
                """),
                at="4:0-4:4",
                message="'else' without an 'if' block right above it.",
            ),
            Invalid(
                code("""
                    x = 1
                    else:
                        pass
                """),
                at="2:0-2:4",
            ),
            Invalid(
                code("""
                    for i in r:
                        pass
                    print(i)
                    elif i:
                        pass
                """),
                at="4:0-4:4",
            ),
        ),
        valid=(
            code("""
                if a:
                    pass
                else:
                    pass
            """),
            code("""
                for i in r:
                    pass
                else:
                    pass
            """),
            code("""
                if a:
                    pass
                    else:
                        pass
            """),
        ),
        syntax=True,
    )
)

MISSPELLED_KEYWORD = register(
    Rule(
        id=RuleId.MISSPELLED_KEYWORD,
        name="misspelled-keyword",
        summary="A keyword with a typo at the start of a statement: `whlie`, `retrun`, `improt`, "
        "`esle`, or run into the next word: `defarea(...)`.",
        concepts=(Concept.SYNTAX,),
        docs=Docs(
            what="A statement whose first word is almost a keyword (`whlie x < 3:`, "
            "`retrun total`, `improt math`, `esle:`) or a keyword glued to the name after it "
            "(`defarea(w, h):`).",
            why="Python only knows its keywords spelled exactly. A typo turns the keyword into "
            "an ordinary name, and Python then complains about the next word, not about the "
            "typo, so the message rarely points at the real mistake.",
            example=code("""
                count = 3
                whlie count > 0:
                    count -= 1
            """),
            better=code("""
                count = 3
                while count > 0:
                    count -= 1
            """),
            question="Read the first word of the line letter by letter: is it the keyword you "
            "meant?",
        ),
        messages=Messages(
            novice="'{written}' looks like a typo for the keyword '{keyword}'.{detail} Python "
            "only recognises keywords spelled exactly, so it read '{written}' as a name and "
            "could not make sense of the rest of the line.",
            developing="'{written}': did you mean '{keyword}'?",
            proficient="Typo: '{written}' for '{keyword}'.",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    count = 3
                    whlie count > 0:
                        count -= 1
                """),
                fixed=code("""
                    count = 3
                    while count > 0:
                        count -= 1
                """),
                at="2:0-2:5",
                message="'whlie': did you mean 'while'?",
            ),
            Invalid(
                code("""
                    def f(x):
                        retrun x * 2
                """),
                fixed=code("""
                    def f(x):
                        return x * 2
                """),
                at="2:4-2:10",
            ),
            Invalid("improt math\n", fixed="import math\n", at="1:0-1:6"),
            Invalid(
                code("""
                    if x:
                        pass
                    esle:
                        pass
                """),
                fixed=code("""
                    if x:
                        pass
                    else:
                        pass
                """),
                at="3:0-3:4",
            ),
            Invalid(
                code("""
                    defarea(w, h):
                        return w * h
                """),
                fixed=code("""
                    def area(w, h):
                        return w * h
                """),
                at="1:0-1:7",
            ),
        ),
        valid=(
            code("""
                while count > 0:
                    count -= 1
            """),
            code("""
                form = 3
                form x
            """),
            "print(Hello world)\n",
        ),
        syntax=True,
    )
)

NAME_STARTS_WITH_DIGIT = register(
    Rule(
        id=RuleId.NAME_STARTS_WITH_DIGIT,
        name="name-starts-with-digit",
        summary="A name that starts with a digit: `1st_place = 'Ann'`, `def 2nd_try():`.",
        concepts=(Concept.SYNTAX, Concept.VARIABLES),
        docs=Docs(
            what="A variable or function name that begins with a digit.",
            why="Names may contain digits, but not start with one: Python reads `1st_place` as "
            "the number 1 followed by the name `st_place`, which means nothing. Ordinals "
            "(`1st`, `2nd`) are the usual way learners run into it.",
            example="1st_place = 'Ann'\n",
            better="first_place = 'Ann'\n",
            question="How could Python tell a name from a number if names could start with digits?",
        ),
        messages=Messages(
            novice="'{written}' starts with a digit, so it cannot be a name: Python reads "
            "'{number}' as a number, followed by the name '{rest}'. Names may contain digits, "
            "but not start with one. Call it '{better}', for example.",
            developing="Names cannot start with a digit: rename '{written}' (e.g. '{better}').",
            proficient="Name starts with a digit: '{written}'.",
        ),
        severity=_SAME_ERROR,
        equivalents=_PYLINT_SYNTAX,
        fixable=True,
        invalid=(
            Invalid(
                code("""
                    1st_place = 'Ann'
                    print(1st_place)
                """),
                fixed=code("""
                    first_place = 'Ann'
                    print(first_place)
                """),
                at="1:0-1:9",
                message="Names cannot start with a digit: rename '1st_place' (e.g. 'first_place').",
            ),
            Invalid(
                code("""
                    def 2nd_try():
                        pass
                """),
                fixed=code("""
                    def second_try():
                        pass
                """),
                at="1:4-1:11",
            ),
            Invalid("3d_model = 1\n", fixed="d_model_3 = 1\n", at="1:0-1:8"),
        ),
        valid=("first_place = 'Ann'\n", "y = 2x + 1\n", "place_1 = 'Ann'\n"),
        syntax=True,
    )
)
