"""Deterministic beginner-style Python for benchmarks: realistic shapes, a sprinkling of mistakes.

`beginner_program(lines, seed)` strings together small programs of the kind a first-year student
writes (input loops, list and dict work, grade calculators, small classes, recursion, files),
each block in a clean or a mistaken variant. The same arguments always give the same text, and
the text always parses.
"""

from __future__ import annotations

import ast
import random
from collections.abc import Callable

# Each template takes a unique suffix `n` (so names do not clash) and a `mistake` flag.
Template = Callable[[int, bool], str]

NOUNS = ["score", "grade", "price", "name", "word", "item", "mark", "age", "value", "number"]


def _average(n: int, mistake: bool) -> str:
    noun = NOUNS[n % len(NOUNS)]
    if mistake:
        return (
            f"def average_{n}({noun}s):\n"
            f"    total = 0\n"
            f"    for i in range(len({noun}s)):\n"
            f"        total = total + {noun}s[i]\n"
            f"    return total / len({noun}s)\n"
            f'    print("done")\n'
        )
    return (
        f"def average_{n}({noun}s):\n"
        f'    """Return the mean of the {noun}s."""\n'
        f"    if not {noun}s:\n"
        f"        return 0\n"
        f"    return sum({noun}s) / len({noun}s)\n"
    )


def _ask_number(n: int, mistake: bool) -> str:
    if mistake:
        return (
            f"def ask_number_{n}(question):\n"
            f"    answer = input(question)\n"
            f"    if answer > 10:\n"
            f'        print("too big")\n'
            f"    return answer\n"
        )
    return (
        f"def ask_number_{n}(question):\n"
        f"    while True:\n"
        f"        answer = input(question)\n"
        f"        try:\n"
        f"            return int(answer)\n"
        f"        except ValueError:\n"
        f'            print("Please type a whole number.")\n'
    )


def _yes_no(n: int, mistake: bool) -> str:
    if mistake:
        return (
            f"def ask_yes_no_{n}(question):\n"
            f"    answer = input(question)\n"
            f'    if answer == "yes" or "y":\n'
            f"        return True\n"
            f"    else:\n"
            f"        return False\n"
        )
    return (
        f"def ask_yes_no_{n}(question):\n"
        f"    answer = input(question).strip().lower()\n"
        f'    return answer in ("yes", "y")\n'
    )


def _basket(n: int, mistake: bool) -> str:
    default = "[]" if mistake else "None"
    body = "" if mistake else "    if basket is None:\n        basket = []\n"
    return (
        f"def add_to_basket_{n}(item, basket={default}):\n"
        f"{body}"
        f"    basket.append(item)\n"
        f"    return basket\n"
    )


def _count_words(n: int, mistake: bool) -> str:
    if mistake:
        return (
            f"def count_words_{n}(text):\n"
            f"    counts = {{}}\n"
            f"    for word in text.split():\n"
            f"        if counts.get(word) == None:\n"
            f"            counts[word] = 0\n"
            f"        counts[word] = counts[word] + 1\n"
            f"    return counts\n"
        )
    return (
        f"def count_words_{n}(text):\n"
        f"    counts = {{}}\n"
        f"    for word in text.lower().split():\n"
        f"        counts[word] = counts.get(word, 0) + 1\n"
        f"    return counts\n"
    )


def _grades(n: int, mistake: bool) -> str:
    compare = "mark >= 90 and mark <= 100" if mistake else "90 <= mark <= 100"
    return (
        f"def letter_grade_{n}(mark):\n"
        f"    if {compare}:\n"
        f'        return "A"\n'
        f"    elif mark >= 80:\n"
        f'        return "B"\n'
        f"    elif mark >= 70:\n"
        f'        return "C"\n'
        f"    elif mark >= 60:\n"
        f'        return "D"\n'
        f'    return "F"\n'
    )


def _safe_divide(n: int, mistake: bool) -> str:
    if mistake:
        return (
            f"def share_{n}(total, people):\n"
            f"    try:\n"
            f"        each = int(total / people)\n"
            f"    except:\n"
            f"        each = 0\n"
            f"    return each\n"
        )
    return (
        f"def share_{n}(total, people):\n"
        f"    try:\n"
        f"        return total // people\n"
        f"    except ZeroDivisionError:\n"
        f"        return 0\n"
    )


def _shopping(n: int, mistake: bool) -> str:
    if mistake:
        return (
            f"def shopping_list_{n}():\n"
            f"    list = []\n"
            f"    item = input('Item: ')\n"
            f"    while item != '':\n"
            f"        list = list.append(item)\n"
            f"        item = input('Item: ')\n"
            f"    return list\n"
        )
    return (
        f"def shopping_list_{n}():\n"
        f"    items = []\n"
        f"    item = input('Item: ')\n"
        f"    while item:\n"
        f"        items.append(item)\n"
        f"        item = input('Item: ')\n"
        f"    return items\n"
    )


def _report(n: int, mistake: bool) -> str:
    if mistake:
        return (
            f"def report_{n}(names, marks):\n"
            f"    text = ''\n"
            f"    for i in range(len(names)):\n"
            f"        text = text + names[i] + ': ' + str(marks[i]) + '\\n'\n"
            f"    return text\n"
        )
    return (
        f"def report_{n}(names, marks):\n"
        f"    lines = [f'{{name}}: {{mark}}' for name, mark in zip(names, marks)]\n"
        f"    return '\\n'.join(lines)\n"
    )


def _student_class(n: int, mistake: bool) -> str:
    check = "type(mark) == int" if mistake else "isinstance(mark, int)"
    return (
        f"class Student{n}:\n"
        f"    def __init__(self, name):\n"
        f"        self.name = name\n"
        f"        self.marks = []\n"
        f"\n"
        f"    def add_mark(self, mark):\n"
        f"        if {check}:\n"
        f"            self.marks.append(mark)\n"
        f"\n"
        f"    def best(self):\n"
        f"        best = None\n"
        f"        for mark in self.marks:\n"
        f"            if best is None or mark > best:\n"
        f"                best = mark\n"
        f"        return best\n"
    )


def _factorial(n: int, mistake: bool) -> str:
    if mistake:
        return (
            f"def factorial_{n}(number):\n"
            f"    if number is 0:\n"
            f"        return 1\n"
            f"    return number * factorial_{n}(number - 1)\n"
        )
    return (
        f"def factorial_{n}(number):\n"
        f"    if number <= 1:\n"
        f"        return 1\n"
        f"    return number * factorial_{n}(number - 1)\n"
    )


def _read_file(n: int, mistake: bool) -> str:
    if mistake:
        return (
            f"def read_names_{n}(path):\n"
            f"    f = open(path)\n"
            f"    names = f.readlines()\n"
            f"    f.close()\n"
            f"    return names\n"
        )
    return (
        f"def read_names_{n}(path):\n"
        f"    with open(path, encoding='utf-8') as file:\n"
        f"        return [line.strip() for line in file if line.strip()]\n"
    )


def _grid(n: int, mistake: bool) -> str:
    make = "[[0] * 3] * 3" if mistake else "[[0] * 3 for _ in range(3)]"
    return (
        f"def empty_board_{n}():\n"
        f"    board = {make}\n"
        f"    for row in board:\n"
        f"        print(' '.join(str(cell) for cell in row))\n"
        f"    return board\n"
    )


def _main_script(n: int, mistake: bool) -> str:
    guess = "guess" if mistake else "int(guess)"
    return (
        f"secret_{n} = {n % 10 + 1}\n"
        f"tries_{n} = 0\n"
        f"guess = input('Guess: ')\n"
        f"while {guess} != secret_{n} and tries_{n} < 3:\n"
        f"    tries_{n} += 1\n"
        f"    guess = input('Try again: ')\n"
        f"if tries_{n} == 3:\n"
        f"    print('Out of tries')\n"
    )


TEMPLATES: list[Template] = [
    _average,
    _ask_number,
    _yes_no,
    _basket,
    _count_words,
    _grades,
    _safe_divide,
    _shopping,
    _report,
    _student_class,
    _factorial,
    _read_file,
    _grid,
    _main_script,
]


def beginner_program(lines: int, seed: int = 0, mistake_rate: float = 0.2) -> str:
    """At least `lines` lines of beginner code (whole blocks), the same for the same arguments."""
    rng = random.Random(seed)
    blocks = [f"# Generated beginner program ({lines} lines, seed {seed}).\n"]
    count = 1
    n = 0
    while count < lines:
        template = rng.choice(TEMPLATES)
        block = template(n, rng.random() < mistake_rate) + "\n\n"
        blocks.append(block)
        count += block.count("\n")
        n += 1
    program = "".join(blocks)
    ast.parse(program)  # a template bug must show here, not as a skewed benchmark
    return program
