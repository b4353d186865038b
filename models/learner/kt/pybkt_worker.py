"""Fit pyBKT on a training CSV, predict a test CSV, write the predictions as JSON.

Run by the Python that has pyBKT (see pybkt_peer.py); it imports nothing from Mentor.
Usage: python pybkt_worker.py TRAIN.csv TEST.csv OUT.json SEED NUM_FITS
"""

import json
import sys
import warnings

import pandas as pd
from pyBKT.models import Model


def main(train_csv: str, test_csv: str, out_json: str, seed: str, num_fits: str) -> None:
    warnings.simplefilter("ignore")  # pyBKT's EM divides by zero on skills with one answer
    model = Model(seed=int(seed), num_fits=int(num_fits))
    model.fit(data=pd.read_csv(train_csv))
    test = pd.read_csv(test_csv)
    predicted = model.predict(data=test).sort_values("order_id")
    if len(predicted) != len(test):
        raise SystemExit(f"pyBKT returned {len(predicted)} predictions for {len(test)} answers")
    with open(out_json, "w", encoding="utf-8") as handle:
        json.dump({"predictions": predicted["correct_predictions"].astype(float).tolist()}, handle)


if __name__ == "__main__":
    main(*sys.argv[1:6])
