"""Line counts read from the syntax tree are radon's, without radon tokenizing the file again."""

from __future__ import annotations

import ast
import sysconfig
from pathlib import Path

import pytest
from radon.raw import analyze as radon_raw

from mentor.analyzers.line_counts import raw_counts

STDLIB = Path(sysconfig.get_paths()["stdlib"])


def radon(text: str) -> tuple[int, int, int, int, int]:
    raw = radon_raw(text)
    return raw.loc, raw.sloc, raw.single_comments, raw.multi, raw.blank


TRICKY = [
    "x = [\n    # a comment inside brackets is code\n    1,\n]\n",
    '"""Doc."""  # a trailing comment makes it code\n',
    '"one" "string"  \n',
    '("parenthesised")\n',
    'x = 1; "after a semicolon"\n',
    'def f():\n    """Multi\n\n    # not a comment\n    line."""\n    # a comment\n    return 1\n',
    "if (\n    # inside the header\n    x\n):\n    pass\n",
    "@decorator(\n    # in a decorator\n    1,\n)\n"
    "def f(\n    a,\n    # among the arguments\n    b,\n):\n    # in the body\n    pass\n",
    "match x:\n    case [\n        # in a pattern\n        1,\n    ]:\n        pass\n",
    's = """\n# in a string\n"""\n',
    "f'{x}'\nb'bytes'\n",
    "with (\n    open(a) as f,\n    # between items\n    open(b) as g,\n):\n    pass\n",
    "x = 1 + \\\n    2\n# after\n",
    'café = "é"  # non-ASCII before the string\n"é"\n',
]


@pytest.mark.parametrize("code", TRICKY)
def test_the_counts_are_radon_s_on_tricky_layouts(code: str):
    assert raw_counts(code, ast.parse(code)) == radon(code)


def test_the_counts_are_radon_s_on_standard_library_files():
    files = [path for path in sorted(STDLIB.glob("*.py")) if 100 < path.stat().st_size < 40_000]
    checked = 0
    for path in files[::20][:6]:  # six modules spread over the alphabet
        text = path.read_text(encoding="utf-8")
        counted = raw_counts(text, ast.parse(text))
        if counted is not None:
            assert counted == radon(text), path.name
            checked += 1
    assert checked >= 4


def test_a_line_break_only_splitlines_knows_is_left_to_radon():
    code = "x = 1\n\x0c\ny = 2\n"
    assert raw_counts(code, ast.parse(code)) is None
