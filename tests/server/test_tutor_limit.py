"""The hourly limit's sliding window, on a clock the test moves."""

from __future__ import annotations

from datetime import datetime

from mentor.server.tutor_limit import HourlyLimit, limit_sentence, requests_file


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


def test_the_count_survives_a_restart_in_the_workspaces_file(tmp_path):
    clock = Clock()
    file = tmp_path / "state" / "count.json"
    first = HourlyLimit(clock, file=lambda: file)
    assert first.take(2) and first.take(2)
    restarted = HourlyLimit(clock, file=lambda: file)  # a new server process
    assert not restarted.take(2)
    assert restarted.next_possible(2) == datetime.fromtimestamp(1_000_000.0 + 3600)
    clock.now += 3600  # an hour later the old requests no longer count
    assert HourlyLimit(clock, file=lambda: file).take(2)


def test_a_file_that_is_not_mentors_count_is_neither_read_nor_replaced(tmp_path):
    clock = Clock()
    for text in ('{"kind": "something else", "taken": [1000000.0]}', "not json", "[1, 2]"):
        file = tmp_path / "count.json"
        file.write_text(text, encoding="utf-8")
        limit = HourlyLimit(clock, file=lambda file=file: file)
        assert limit.take(1)  # nothing was counted from it
        assert file.read_text(encoding="utf-8") == text  # and it is left as it was


def test_times_from_the_future_or_nonsense_in_the_file_do_not_count(tmp_path):
    clock = Clock()
    file = tmp_path / "count.json"
    file.write_text(
        '{"kind": "mentor tutor requests", "taken": [99999999999.0, 990000.0]}', encoding="utf-8"
    )
    limit = HourlyLimit(clock, file=lambda: file)
    assert limit.take(1)  # a year ahead and over an hour ago: neither counts


def test_without_a_workspace_there_is_no_file_and_the_count_stays_in_memory():
    limit = HourlyLimit(Clock(), file=lambda: requests_file(None))
    assert limit.take(1) and not limit.take(1)
