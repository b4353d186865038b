"""Walk a data set through the tracker the way Mentor meets a learner: one answer at a time,
each predicted from that student's earlier answers only."""

from __future__ import annotations

from collections.abc import Iterator

from mentor.models.learner.kt.data import Attempt, Dataset, Student, attempts
from mentor.models.learner.tracker import LearnerState, Tracker


def walk(tracker: Tracker, dataset: Dataset) -> Iterator[tuple[LearnerState, Student, Attempt]]:
    """Yield (state before the answer, student, answer) for every answer in order.

    The tracker observes the answer when the caller asks for the next one, so whatever the
    caller computes from the state sees only the answers before it.
    """
    for student in dataset.students:
        state = LearnerState()
        for attempt in attempts(student, group_repeats=dataset.has_items):
            yield state, student, attempt
            tracker.observe(state, attempt.skills, attempt.item, float(attempt.correct))


def predictions(tracker: Tracker, dataset: Dataset) -> list[float]:
    """P(right) for every row of the data set, in file order."""
    predicted: list[float] = []
    for state, student, attempt in walk(tracker, dataset):
        for index in attempt.rows:
            row = student.rows[index]
            predicted.append(tracker.predict(state, row.skill, row.item))
    return predicted


def labels(dataset: Dataset) -> list[int]:
    return [row.correct for student in dataset.students for row in student.rows]
