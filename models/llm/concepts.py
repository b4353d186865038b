"""A teacher's avoided concepts (`mentor.tutor.avoidConcepts`), found in prose and in code.

Code is judged on its syntax tree when it parses (a function that calls itself is recursion
whatever it is named), else by a pattern; prose by the words that name the concept.
"""

from __future__ import annotations

import ast
import re
import textwrap
import warnings
from collections.abc import Callable

_Uses = Callable[[ast.AST], bool]


def _any(*kinds: type) -> _Uses:
    return lambda tree: any(isinstance(node, kinds) for node in ast.walk(tree))


def _recursive(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for call in ast.walk(node):
                if isinstance(call, ast.Call):
                    func = call.func
                    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                    if name == node.name:
                        return True
    return False


def _calls(name: str) -> _Uses:
    return lambda tree: any(
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
        for node in ast.walk(tree)
    )


def _decorated(tree: ast.AST) -> bool:
    return any(getattr(node, "decorator_list", None) for node in ast.walk(tree))


_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_TRY = (ast.Try, ast.Raise, *((ast.TryStar,) if hasattr(ast, "TryStar") else ()))

# (names a teacher may use, words that mention the concept in prose, code pattern, syntax check).
# Anything else a teacher writes is matched as a word. More specific entries come first.
_CONCEPTS: tuple[tuple[tuple[str, ...], tuple[str, ...], str | None, _Uses | None], ...] = (
    (
        ("comprehension",),
        ("comprehension",),
        r"[\[{(][^\]})]*\bfor\b[^\]})]*\bin\b",
        _any(*_COMPREHENSIONS),
    ),
    (("recursion", "recursive"), ("recursion", "recursive", "calls itself"), None, _recursive),
    (("lambda",), ("lambda",), r"\blambda\b", _any(ast.Lambda)),
    (
        ("class", "object"),
        ("class", "object-oriented", "self."),
        r"^\s*class\s",
        _any(ast.ClassDef),
    ),
    (
        ("exception", "try"),
        ("exception", "try/except", "except", "raise"),
        r"^\s*(try\s*:|except\b|raise\b)",
        _any(*_TRY),
    ),
    (
        ("dict",),
        ("dictionar", "dict"),
        r"\{[^{}]*:[^{}]*\}|\bdict\(",
        lambda tree: _any(ast.Dict, ast.DictComp)(tree) or _calls("dict")(tree),
    ),
    (("while",), ("while",), r"^\s*while\s", _any(ast.While)),
    (
        ("function", "def"),
        ("function", "def "),
        r"^\s*def\s",
        _any(ast.FunctionDef, ast.AsyncFunctionDef),
    ),
    (("loop",), ("loop",), r"^\s*(for|while)\s", _any(ast.For, ast.While, *_COMPREHENSIONS)),
    (("file",), ("open(", "file"), r"\bopen\(", _calls("open")),
    (
        ("module", "import"),
        ("import", "module"),
        r"^\s*(import|from)\s",
        _any(ast.Import, ast.ImportFrom),
    ),
    (("f-string", "fstring"), ("f-string", "format string"), r"\bf[\'\"]", _any(ast.JoinedStr)),
    (
        ("generator", "yield"),
        ("generator", "yield"),
        r"\byield\b",
        _any(ast.Yield, ast.YieldFrom, ast.GeneratorExp),
    ),
    (("decorator",), ("decorator",), r"^\s*@", _decorated),
)


class ConceptMatcher:
    def __init__(self, name: str) -> None:
        self.name = name.strip()
        key = self.name.lower().replace("_", "-")
        known = next(
            (entry for entry in _CONCEPTS if any(alias in key for alias in entry[0])), None
        )
        if known:
            words, code, self._uses = known[1], known[2], known[3]
        else:
            words, code, self._uses = (key[:-1] if key.endswith("s") else key,), None, None
        self._words = re.compile(
            "|".join(
                rf"(?<!\w){re.escape(word)}" + (r"\w*" if word[-1].isalnum() else "")
                for word in words
            ),
            re.IGNORECASE,
        )
        self._code = re.compile(code, re.MULTILINE) if code else self._words

    def in_code(self, code: str) -> bool:
        if self._code.search(code):
            return True
        if self._uses is None:
            return False
        try:
            with warnings.catch_warnings():  # invalid escapes in a model's code
                warnings.simplefilter("ignore")
                tree = ast.parse(textwrap.dedent(code))
        except (SyntaxError, ValueError):
            return False
        return self._uses(tree)

    def in_prose(self, sentence: str) -> bool:
        return bool(self._words.search(sentence) or self._code.search(sentence))

    def cut_prose(self, text: str, removed: list[str]) -> str:
        """Drop the sentences that mention or use the concept."""
        lines = []
        for line in text.split("\n"):
            sentences = re.split(r"(?<=[.!?])\s+", line)
            kept = [s for s in sentences if not self.in_prose(s)]
            if len(kept) < len(sentences):
                removed.append(f"concept:{self.name}")
            if kept or not line.strip():
                lines.append(" ".join(kept))
        return "\n".join(lines)
