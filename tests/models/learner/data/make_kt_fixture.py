"""Write the small knowledge-tracing fixture the unit tests read (run once; output committed).

Simulated students, not real data: each has an ability, each skill is learned with some chance
after every practice, and a learned skill makes a right answer much more likely. Items 0-4
exercise two skills, so the 4-line files repeat those answers once per skill, as the
ASSISTments files do. Usage: python make_kt_fixture.py (writes kt_*.csv beside itself).
"""

import math
import random
from pathlib import Path

SKILLS = 5
ITEMS = 20
LEARN = 0.2


def item_skills(item: int) -> list[int]:
    first = item % SKILLS
    return [first, (first + 1) % SKILLS] if item < 5 else [first]


def student(rng: random.Random) -> list[tuple[int, int, int]]:
    ability = rng.gauss(0, 1)
    known = [rng.random() < 0.2 for _ in range(SKILLS)]
    rows = []
    item = -1
    for _ in range(rng.randint(15, 45)):
        # never the same item twice in a row: consecutive rows on one item are one answer
        item = rng.choice([other for other in range(ITEMS) if other != item])
        skills = item_skills(item)
        mastered = all(known[s] for s in skills)
        logit = ability + (item % 4 - 1.5) * 0.4 + (2.2 if mastered else -0.8)
        chance = 1 / (1 + math.exp(-logit))
        answer = int(rng.random() < chance)
        for skill in skills:
            rows.append((item + 1, skill + 1, answer))
        for skill in skills:
            known[skill] = known[skill] or rng.random() < LEARN
    return rows


def write(path: Path, students: list[list[tuple[int, int, int]]], lines: int) -> None:
    out = []
    for number, rows in enumerate(students):
        items, skills, answers = (",".join(str(r[i]) for r in rows) for i in range(3))
        if lines == 4:
            out += [f"{number},{9000 + number}", items, skills, answers]
        else:
            out += [str(len(rows)), skills, answers]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def main() -> None:
    rng = random.Random(20240601)
    here = Path(__file__).parent
    train = [student(rng) for _ in range(80)]
    test = [student(rng) for _ in range(40)]
    write(here / "kt_4line_train.csv", train, 4)
    write(here / "kt_4line_test.csv", test, 4)
    write(here / "kt_3line_train.csv", train, 3)
    write(here / "kt_3line_test.csv", test, 3)


if __name__ == "__main__":
    main()
