"""`mentor kt eval|fit`: validate and fit the learner model on knowledge-tracing data sets."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from mentor.models.learner.params import VARIANTS
from mentor.server.cli.common import EXIT_OK, UsageError


def add_to(commands: Any) -> None:
    parser = commands.add_parser(
        "kt", help="fit and validate the learner model on knowledge-tracing data"
    )
    actions = parser.add_subparsers(dest="kt_action", metavar="ACTION", required=True)

    evaluate = actions.add_parser(
        "eval",
        help="fit on TRAIN, predict every TEST answer from the student's earlier answers, "
        "print AUC, accuracy and Brier score as JSON (Mentor, pyBKT, per-skill success rate)",
    )
    evaluate.add_argument("--train", required=True, type=Path, metavar="FILE")
    evaluate.add_argument("--test", required=True, type=Path, metavar="FILE")
    evaluate.add_argument(
        "--only", choices=["mentor"], help="score Mentor's tracker alone (skip the peers)"
    )
    _model_options(evaluate)
    evaluate.add_argument(
        "--pybkt-python",
        metavar="PYTHON",
        help="the interpreter that has pyBKT 1.4.3 (default: $MENTOR_PYBKT_PYTHON, this one, "
        "or .venv-pybkt/bin/python)",
    )
    evaluate.set_defaults(run=run_eval)

    fitting = actions.add_parser("fit", help="fit the tracker's parameters and write them as JSON")
    fitting.add_argument("--train", required=True, type=Path, metavar="FILE")
    fitting.add_argument("--output", required=True, type=Path, metavar="FILE")
    fitting.add_argument(
        "--portable",
        action="store_true",
        help="leave out the data set's own skill and item tables (what Mentor ships)",
    )
    _model_options(fitting)
    fitting.set_defaults(run=run_fit)


def _model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--variant",
        choices=sorted(VARIANTS),
        default="mentor",
        help="which features the tracker uses (default: mentor)",
    )
    parser.add_argument(
        "-C",
        dest="C",
        type=float,
        default=1.0,
        help="inverse strength of the L2 regularisation (default: 1.0)",
    )


def run_eval(args: argparse.Namespace, out: TextIO) -> int:
    from mentor.models.learner.kt.evaluate import evaluate_mentor, evaluate_skill_rate
    from mentor.models.learner.kt.fit import MissingExtra
    from mentor.models.learner.kt.pybkt_peer import PyBKTMissing, evaluate_pybkt, find_pybkt_python

    train, test = _read(args.train), _read(args.test)
    try:
        if not args.only:
            find_pybkt_python(args.pybkt_python)  # fail before the long fit, not after it
        mentor, _ = evaluate_mentor(train, test, variant=args.variant, C=args.C)
        result = {"mentor": mentor.to_json()}
        if not args.only:
            result["pybkt"] = evaluate_pybkt(train, test, python=args.pybkt_python).to_json()
            result["skill_rate"] = evaluate_skill_rate(train, test).to_json()
    except (MissingExtra, PyBKTMissing) as error:
        raise UsageError(str(error)) from error
    out.write(json.dumps(result) + "\n")
    return EXIT_OK


def run_fit(args: argparse.Namespace, out: TextIO) -> int:
    from mentor.models.learner.kt.fit import MissingExtra, fit

    train = _read(args.train)
    try:
        params = fit(train, variant=args.variant, C=args.C)
    except MissingExtra as error:
        raise UsageError(str(error)) from error
    if args.portable:
        params = params.portable()
    try:
        params.save(args.output)
    except OSError as error:
        raise UsageError(f"cannot write {args.output}: {error.strerror or error}") from error
    out.write(f"wrote {args.output} ({train.size} answers, variant {args.variant})\n")
    return EXIT_OK


def _read(path: Path):
    # numpy (which the data module needs) only for the kt commands
    from mentor.models.learner.kt.data import DataFormatError, read_dataset

    try:
        return read_dataset(path)
    except DataFormatError as error:
        raise UsageError(str(error)) from error
