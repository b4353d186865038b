"""The labelled corpus of beginner syntax errors, read into cases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parents[1] / "analyzers" / "data" / "syntax_corpus.txt"

_HEADER = re.compile(r"^### (id|cause|line|set): (.+)$")


@dataclass(frozen=True)
class Case:
    """One student program with one mistake: its cause and the line where the fix belongs."""

    id: str
    cause: str
    line: int
    code: str
    set: str = "dev"  # "holdout": written after the classifiers, never used to tune them


def load_cases(path: Path = CORPUS) -> list[Case]:
    """Every case of the corpus, in file order."""
    cases: list[Case] = []
    fields: dict[str, str] = {}
    body: list[str] = []

    def finish() -> None:
        if fields:
            code = "\n".join(body).rstrip("\n") + "\n"
            cases.append(
                Case(
                    fields["id"],
                    fields["cause"],
                    int(fields["line"]),
                    code,
                    fields.get("set", "dev"),
                )
            )

    for raw in path.read_text(encoding="utf-8").split("\n"):
        header = _HEADER.match(raw)
        if header and (header[1] == "id" or not body):
            if header[1] == "id":
                finish()
                fields, body = {}, []
            fields[header[1]] = header[2].strip()
        elif fields:
            body.append(raw)
    finish()
    return cases
