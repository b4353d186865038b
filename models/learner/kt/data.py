"""Knowledge-tracing data sets in the 3-line and 4-line text formats (DKT, DKVMN, AKT).

3 lines per student: `length` / skill ids / answers.
4 lines per student: a header (`length,student_id` or `index,student_id`) / problem ids /
skill ids / answers. Ids are comma-separated integers, answers 0 or 1; trailing commas are
allowed. The format is detected from the file itself.

In the 4-line ASSISTments data an answer to a problem tagged with several skills is repeated
once per skill, on consecutive lines with the same problem id. `attempts` groups those back into
one answer: predicting the second copy from the first would be predicting an answer already
seen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class DataFormatError(ValueError):
    """The file is not in either format; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Row:
    item: str  # the problem id (the skill id again in 3-line data)
    skill: str
    correct: int


@dataclass(frozen=True)
class Student:
    name: str  # the header's student id, or the student's position in the file
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Attempt:
    """One answer: an item, the skills it exercises, right or wrong."""

    item: str
    skills: tuple[str, ...]
    correct: int
    rows: tuple[int, ...]  # the indices of its rows in the student's sequence


@dataclass(frozen=True)
class Dataset:
    path: str
    lines_per_student: int
    students: tuple[Student, ...]

    @property
    def has_items(self) -> bool:
        """Whether items (problems) are distinct from skills."""
        return self.lines_per_student == 4

    @property
    def size(self) -> int:
        return sum(len(student.rows) for student in self.students)


def read_dataset(path: Path | str) -> Dataset:
    """Read a 3-line or 4-line file. Raises DataFormatError with a clear message."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataFormatError(f"{path}: cannot read it: {error}") from error
    lines = [(number, line.strip().rstrip(",")) for number, line in enumerate(text.splitlines(), 1)]
    lines = [(number, line) for number, line in lines if line]
    if not lines:
        raise DataFormatError(f"{path}: the file is empty")
    problems: dict[int, str] = {}
    for size in (3, 4):  # a 3-line header is the sequence length alone: never a 4-line one
        try:
            return Dataset(str(path), size, _parse(lines, size))
        except DataFormatError as error:
            problems[size] = str(error)
    raise DataFormatError(
        f"{path}: neither the 3-line format ({problems[3]}) nor the 4-line format ({problems[4]})"
    )


def _parse(lines: list[tuple[int, str]], size: int) -> tuple[Student, ...]:
    if len(lines) % size:
        raise DataFormatError(f"{len(lines)} lines is not a multiple of {size}")
    students = []
    for start in range(0, len(lines), size):
        record = lines[start : start + size]
        header_number, header = record[0]
        fields = [[value.strip() for value in line.split(",")] for _, line in record[1:]]
        if len({len(values) for values in fields}) != 1:
            raise DataFormatError(f"line {header_number}: the student's lines differ in length")
        for (number, _), values in zip(record[1:], fields, strict=True):
            bad = next((value for value in values if not value.lstrip("-").isdigit()), None)
            if bad is not None:
                raise DataFormatError(f"line {number}: {bad!r} is not a whole number")
        answers = fields[-1]
        bad = next((value for value in answers if value not in ("0", "1")), None)
        if bad is not None:
            raise DataFormatError(f"line {record[-1][0]}: answer {bad!r} is not 0 or 1")
        header_fields = header.split(",")
        if size == 3 and (len(header_fields) != 1 or header_fields[0] != str(len(answers))):
            raise DataFormatError(f"line {header_number}: expected the sequence length")
        skills = fields[-2]
        items = fields[0] if size == 4 else skills
        name = header_fields[-1].strip() if size == 4 else str(len(students))
        rows = tuple(
            Row(item, skill, int(answer))
            for item, skill, answer in zip(items, skills, answers, strict=True)
        )
        students.append(Student(name, rows))
    return tuple(students)


def attempts(student: Student, group_repeats: bool) -> Iterator[Attempt]:
    """The student's answers in order; with `group_repeats`, consecutive rows on the same item
    are one answer that exercises several skills (the answer is the rows' majority)."""
    rows = student.rows
    index = 0
    while index < len(rows):
        end = index + 1
        if group_repeats:
            while end < len(rows) and rows[end].item == rows[index].item:
                end += 1
        group = rows[index:end]
        correct = int(2 * sum(row.correct for row in group) >= len(group))
        yield Attempt(
            item=rows[index].item,
            skills=tuple(dict.fromkeys(row.skill for row in group)),
            correct=correct,
            rows=tuple(range(index, end)),
        )
        index = end
