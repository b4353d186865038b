"""The runtime causes Mentor tells apart: kebab-case names class reports count, their concepts,
and what to say at each learner level. The wording mirrors the syntax rules: plain words, the
student's own names, then one question. `{name}` fields are filled by `classify`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mentor.analyzers.concepts import Concept
from mentor.analyzers.findings import Level


@dataclass(frozen=True)
class Cause:
    """One reason a program stops: what it means for a learner at each level, and a question."""

    name: str
    summary: str
    concepts: tuple[Concept, ...]
    novice: str
    developing: str
    proficient: str
    question: str

    def text(self, level: Level, args: Mapping[str, str]) -> str:
        template = {
            Level.NOVICE: self.novice,
            Level.DEVELOPING: self.developing,
            Level.PROFICIENT: self.proficient,
        }[level]
        return fill(template, args)

    def ask(self, args: Mapping[str, str]) -> str:
        return fill(self.question, args)


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def fill(template: str, args: Mapping[str, str]) -> str:
    """`template` with `args` filled in; a field nobody filled reads '?', never an error."""
    return " ".join(template.format_map(_Blank(args)).split())


C = Concept
CAUSES: tuple[Cause, ...] = (
    Cause(
        "name-not-defined",
        "A name used before anything gave it a value (often a typo).",
        (C.VARIABLES, C.SCOPE),
        "Python does not know the name '{name}' at this point: nothing called '{name}' has "
        "been given a value, defined or imported before this line runs.{hint} Check the "
        "spelling and the capital letters, and that the line creating '{name}' runs first.",
        "'{name}' is not defined when line {line} runs.{hint}",
        "NameError: '{name}' is undefined here.{hint}",
        "Where does your program give '{name}' its value, and does that line run before "
        "line {line}?",
    ),
    Cause(
        "unbound-local",
        "A name assigned inside a function is used there before it gets its value.",
        (C.SCOPE, C.FUNCTIONS),
        "'{name}' gets a value somewhere inside {function}, so Python treats '{name}' as "
        "{function}'s own variable everywhere in {function}, and here it has no value yet. "
        "A '{name}' outside the function does not count. Pass the value in as a parameter "
        "(and return the new one), or give '{name}' a value earlier in {function}.",
        "'{name}' is local to {function} (it is assigned there) and has no value yet here.",
        "UnboundLocalError: '{name}' is local to {function}; read before assignment.",
        "Which '{name}' do you mean on line {line}: one from outside {function}, or the one "
        "{function} makes itself?",
    ),
    Cause(
        "str-number-mix",
        "Text and a number combined with an operator or compared (`'Age: ' + 5`).",
        (C.TYPES, C.INPUT_OUTPUT),
        "'{culprit}' mixes text (a str) with a number ({number}). Python will not guess "
        "whether you mean arithmetic or joining text.{hint} Convert first: int(...) or "
        "float(...) turns text into a number, str(...) or an f-string turns a number into text.",
        "'{culprit}' mixes str and {number}: convert one side first.{hint}",
        "TypeError: str and {number} mixed in '{culprit}'.{hint}",
        "Should '{culprit}' give a number or a piece of text, and which part of it has the "
        "other type?",
    ),
    Cause(
        "none-used",
        "A value that is None used as if it were a list, text or object.",
        (C.RETURN_VALUES, C.FUNCTIONS),
        "'{culprit}' is None here (Python's 'no value'), so you cannot {action} it.{hint}",
        "'{culprit}' is None, so you cannot {action} it.{hint}",
        "'{culprit}' is None.{hint}",
        "What value did you expect '{culprit}' to hold here, and which line should have "
        "given it that value?",
    ),
    Cause(
        "not-callable",
        "Round brackets after something that is not a function.",
        (C.FUNCTIONS, C.VARIABLES),
        "'{culprit}' is a {type}, not a function, so it cannot be called with (...).{hint}",
        "'{culprit}' is a {type}, not callable.{hint}",
        "'{culprit}' ({type}) is not callable.{hint}",
        "What is '{callee}' at line {line}: a function, or a value your program stored in "
        "that name?",
    ),
    Cause(
        "not-subscriptable",
        "Square brackets after a value that has no items (a number, a function).",
        (C.LISTS, C.TYPES),
        "'{culprit}' uses square brackets on '{container}', which is a {type}: only things "
        "with items inside (a list, a str, a dict...) can be indexed with [...].{hint}",
        "'{container}' is a {type}: it cannot be indexed.{hint}",
        "'{container}' ({type}) is not subscriptable.{hint}",
        "What kind of value did you expect '{container}' to be at line {line}?",
    ),
    Cause(
        "not-iterable",
        "A loop (or list(), sum()...) over a value that has no items, like a number.",
        (C.LOOPS, C.TYPES),
        "'{iterable}' is a {type}, and a {type} has no items to go through one by one"
        "{where}.{hint}",
        "'{iterable}' ({type}) cannot be looped over{where}.{hint}",
        "'{iterable}' ({type}) is not iterable.{hint}",
        "What should this go through: the items of something, or the numbers up to '{iterable}'?",
    ),
    Cause(
        "wrong-arguments",
        "A call with more, fewer or other arguments than the function's definition takes.",
        (C.FUNCTIONS,),
        "The call to {function} does not match what {function} takes: {detail}.{hint}",
        "{function}: {detail}.{hint}",
        "{function}: {detail}.{hint}",
        "How many values does {function} expect, and how many does line {line} give it?",
    ),
    Cause(
        "immutable-item-assignment",
        "Changing one item of a str or tuple, which cannot change.",
        (C.STRINGS, C.LISTS),
        "'{culprit}' tries to change one item of a {type}, and a {type} can never be "
        "changed once it is made.{hint}",
        "A {type} cannot be changed in place ('{culprit}').{hint}",
        "{type} does not support item assignment.{hint}",
        "Do you need to change '{container}' itself, or can you build a new value from it?",
    ),
    Cause(
        "index-not-int",
        "A position in [...] that is not a whole number (a str from input(), a float).",
        (C.LISTS, C.TYPES),
        "The position in '{culprit}' is a {index_type}, but positions in a {type} must be "
        "whole numbers (int).{hint}",
        "Index '{index}' is a {index_type}; a {type} needs an int.{hint}",
        "{type} index is a {index_type}.{hint}",
        "What should '{index}' be here: a position (a whole number), or the item itself?",
    ),
    Cause(
        "float-as-int",
        "A float where Python needs a whole number: `range(n / 2)`.",
        (C.TYPES,),
        "'{culprit}' needs a whole number, but it got a float (a number with a decimal "
        "point).{hint}",
        "'{culprit}' needs an int, not a float.{hint}",
        "float where an int is required in '{culprit}'.{hint}",
        "Which operation in line {line} made a float, and do you want to round, or divide "
        "with // ?",
    ),
    Cause(
        "unhashable",
        "A list, dict or set used as a dict key or put in a set.",
        (C.DICTS, C.TYPES),
        "A {type} can change, so it cannot be a dict key or go into a set ('{culprit}').{hint}",
        "A {type} cannot be a dict key or set member ('{culprit}').{hint}",
        "unhashable {type} in '{culprit}'.{hint}",
        "Does this key need to change later? If not, which unchangeable type could hold it?",
    ),
    Cause(
        "no-len",
        "len() of a value that has no length (a number, None).",
        (C.TYPES, C.LISTS),
        "'{culprit}' asks for the length of a {type}, and a {type} has no length: only "
        "things with items (a list, a str, a dict...) have one.{hint}",
        "A {type} has no len() ('{culprit}').{hint}",
        "len() of a {type}.{hint}",
        "What did you want to measure at line {line}, and what is '{argument}' there?",
    ),
    Cause(
        "index-out-of-range",
        "A position past the end of a list, str or tuple (often off by one).",
        (C.LISTS, C.LOOPS),
        "'{culprit}' asks for position {index}, but {positions}.{hint}",
        "Index {index} is out of range in '{culprit}' ({sized}).{hint}",
        "IndexError at '{culprit}': index {index}, {sized}.{hint}",
        "What is the last valid position of '{container}', and which value of '{index_expr}' "
        "goes past it?",
    ),
    Cause(
        "pop-empty",
        "Taking an item out of a list, dict or set that is already empty.",
        (C.LISTS,),
        "'{culprit}' takes an item out of '{container}', but '{container}' is empty at this "
        "point.{hint}",
        "'{container}' is empty when '{culprit}' runs.{hint}",
        "pop from empty '{container}'.{hint}",
        "How many items does '{container}' have when line {line} runs, and how could your "
        "program check that first?",
    ),
    Cause(
        "missing-key",
        "Looking up a key a dict does not have.",
        (C.DICTS,),
        "'{culprit}' looks up the key {key}, but {container_words} has no such key.{hint} "
        "Use 'in' to check first, or .get(key, default).",
        "Key {key} is not in {container_words}.{hint}",
        "KeyError: {key}.{hint}",
        "Which keys does {container_words} have when line {line} runs, and where should "
        "{key} have been added?",
    ),
    Cause(
        "division-by-zero",
        "Dividing (or taking % of) by a value that is 0.",
        (C.TYPES, C.CONDITIONALS),
        "'{culprit}' divides by '{divisor}', and '{divisor}' is 0 here. Dividing by zero "
        "has no answer.{hint}",
        "'{divisor}' is 0 in '{culprit}'.{hint}",
        "Division by zero: '{divisor}' in '{culprit}'.{hint}",
        "In which situation can '{divisor}' be 0, and what should your program do then?",
    ),
    Cause(
        "bad-conversion",
        "int()/float() of text that is not a number of that kind (`int('3.5')`, `int('')`).",
        (C.TYPES, C.INPUT_OUTPUT),
        "{target}() cannot turn the text {text} into a number.{hint}",
        "{target}() cannot convert {text}.{hint}",
        "{target}({text}) fails.{hint}",
        "What will your program do when someone types something that is not a {kind}?",
    ),
    Cause(
        "value-not-found",
        "`.index()` or `.remove()` of a value that is not there.",
        (C.LISTS, C.STRINGS),
        "'{culprit}' looks for {value}, but it is not in '{container}'.{hint} Check with "
        "'in' first.",
        "{value} is not in '{container}' ('{culprit}').{hint}",
        "ValueError: {value} not in '{container}'.{hint}",
        "What does '{container}' hold when line {line} runs, and how could you check for "
        "{value} before looking for it?",
    ),
    Cause(
        "unpack-mismatch",
        "`a, b = ...` with a different number of values on the right.",
        (C.VARIABLES, C.LISTS),
        "Line {line} gives values to {expected} name(s), but the right side holds {got}.{hint}",
        "{expected} name(s) on the left, {got} on the right.{hint}",
        "unpacking: expected {expected}, got {got}.{hint}",
        "How many values does the right side of line {line} really hold?",
    ),
    Cause(
        "empty-sequence",
        "max(), min(), random.choice()... of something empty.",
        (C.LISTS,),
        "'{culprit}' needs at least one item, but what it got is empty.{hint}",
        "'{culprit}' got an empty sequence.{hint}",
        "empty sequence in '{culprit}'.{hint}",
        "When can it be empty at line {line}, and what should your program do then?",
    ),
    Cause(
        "no-such-attribute",
        "`.something` that the value does not have (`str` has no `append`).",
        (C.TYPES, C.CLASSES),
        "'{culprit}': a {type} has nothing called '{attribute}'.{hint}",
        "{type} has no attribute '{attribute}'.{hint}",
        "{type}.{attribute} does not exist.{hint}",
        "What type is '{owner}' at line {line}, and what can that type do?",
    ),
    Cause(
        "infinite-recursion",
        "A function that calls itself without ever reaching a case that stops.",
        (C.RECURSION, C.FUNCTIONS),
        "{function} calls itself again and again until Python gives up ({depth}).{hint} "
        "A recursive function needs a base case that returns without calling itself, and "
        "each call must get closer to it.",
        "{function} never reaches a base case.{hint}",
        "unbounded recursion in {function}.{hint}",
        "For which value should {function} stop calling itself, and does each call get "
        "closer to that value?",
    ),
    Cause(
        "file-not-found",
        "Opening a file that is not where the program looks for it.",
        (C.FILES,),
        "There is no file {filename} where your program looks for it. A file name without "
        "a folder is looked up in the working folder{cwd_words}, not next to your "
        "program.{hint}",
        "{filename} not found (working folder{cwd_words}).{hint}",
        "FileNotFoundError: {filename}.{hint}",
        "Which folder is your program running in, and where is {filename}?",
    ),
    Cause(
        "module-not-found",
        "An import that fails: a typo, a module not installed, or a file of yours with the "
        "same name as the module.",
        (C.MODULES,),
        "Python cannot import {module} the way you meant.{hint}",
        "Cannot import {module}.{hint}",
        "Import of {module} fails.{hint}",
        "Where should Python find {module}: in Python itself, installed with pip, or in "
        "one of your files?",
    ),
    Cause(
        "keyboard-interrupt",
        "The program was stopped with Ctrl+C, usually because a loop never ended.",
        (C.LOOPS,),
        "You stopped the program (Ctrl+C) while it was at line {line}.{hint}",
        "Stopped with Ctrl+C at line {line}.{hint}",
        "KeyboardInterrupt at line {line}.{hint}",
        "{loop_question}",
    ),
    Cause(
        "assertion-failed",
        "An `assert` whose condition was False.",
        (C.BOOLEANS, C.EXCEPTIONS),
        "The check 'assert {condition}' was False, so Python stopped the program.{hint}",
        "assert {condition} failed.{hint}",
        "AssertionError: {condition}.{hint}",
        "Which part of '{condition}' has a different value than you expected?",
    ),
    Cause(
        "math-domain",
        "A math function given a value it has no answer for (`math.sqrt(-1)`).",
        (C.TYPES,),
        "'{culprit}' has no answer for the value it got (for example the square root or "
        "log of a negative number).{hint}",
        "'{culprit}': value outside the math domain.{hint}",
        "math domain error in '{culprit}'.{hint}",
        "Which value reaches '{culprit}', and should your program check it first?",
    ),
    Cause(
        "runtime-error",
        "Any other error that stops a running program.",
        (C.EXCEPTIONS,),
        "Your program stopped at line {line} with {type}: {message}.{hint}",
        "{type}: {message}.{hint}",
        "{type}: {message}.{hint}",
        "What was your program doing at line {line}, and which value there is not what "
        "you expected?",
    ),
)

CAUSE_NAMES: tuple[str, ...] = tuple(cause.name for cause in CAUSES)
_BY_NAME = {cause.name: cause for cause in CAUSES}


def cause(name: str) -> Cause:
    """The cause called `name` (`runtime-error` for an unknown name)."""
    return _BY_NAME.get(name, _BY_NAME["runtime-error"])


def causes_markdown() -> str:
    """The table of causes docs/runtime-errors.md shows (a test keeps the two in step)."""
    rows = [
        f"| `{item.name}` | {item.summary} | {', '.join(c.value for c in item.concepts)} |"
        for item in CAUSES
    ]
    return "\n".join(["| cause | what | concepts |", "|---|---|---|", *rows])
