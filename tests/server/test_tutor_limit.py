"""The hourly limit's sliding window, on a clock the test moves."""

from __future__ import annotations

from datetime import datetime

from mentor.server.tutor_limit import HourlyLimit, limit_sentence


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_requests_leave_the_window_an_hour_after_they_were_made():
    clock = Clock()
    limit = HourlyLimit(clock)
    assert limit.take(2)
    clock.now += 600
    assert limit.take(2)
    assert not limit.take(2)
    assert limit.next_possible(2) == datetime.fromtimestamp(1_000_000.0 + 3600)
    clock.now = 1_000_000.0 + 3600  # the first request is an hour old
    assert limit.take(2)
    assert not limit.take(2)


def test_a_request_given_back_does_not_count_and_zero_means_no_limit():
    limit = HourlyLimit(Clock())
    assert limit.take(1)
    limit.give_back()
    assert limit.take(1)
    assert all(limit.take(0) for _ in range(100))


def test_the_sentence_names_the_limit_and_the_time():
    sentence = limit_sentence(1, datetime(2026, 1, 1, 9, 5))
    assert sentence.startswith("Your teacher allows 1 tutor question an hour;")
    assert "possible at 09:05." in sentence
