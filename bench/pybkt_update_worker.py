"""Time how long pyBKT takes to bring one learner's mastery up to date after a new answer.

pyBKT has no incremental update: the new estimate comes from predicting over the learner's whole
history again. Run by the Python that has pyBKT (see bench/learner_update.py); prints JSON.
Usage: python pybkt_update_worker.py LENGTH [LENGTH...]
"""

import json
import random
import sys
import time
import warnings

import pandas as pd
from pyBKT.models import Model


def history(length: int, student: str, rng: random.Random) -> pd.DataFrame:
    rows = [
        (i, student, "loops", int(rng.random() < 0.4 + 0.5 * i / max(length, 1)))
        for i in range(length)
    ]
    return pd.DataFrame(rows, columns=["order_id", "user_id", "skill_name", "correct"])


def main(lengths: list[int]) -> None:
    warnings.simplefilter("ignore")
    rng = random.Random(7)
    train = pd.concat([history(60, f"s{n}", rng) for n in range(50)], ignore_index=True)
    model = Model(seed=42, num_fits=1)
    model.fit(data=train)
    timings = {}
    for length in lengths:
        data = history(length, "me", rng)
        repeats = max(3, 300 // max(1, length // 10))
        start = time.perf_counter()
        for _ in range(repeats):
            model.predict(data=data)
        timings[length] = (time.perf_counter() - start) / repeats
    print(json.dumps(timings))


if __name__ == "__main__":
    main([int(value) for value in sys.argv[1:]])
