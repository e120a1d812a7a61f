"""Timetable arithmetic and dispatch deadlines, across month ends and weekends."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from governance.rules import deadline, deadline_state, overrun_minutes, timetable


def test_timetable_is_back_to_back():
    slots = timetable(datetime(2026, 3, 2, 7, 30), [10, 45, 0, 5])
    assert [(s.start.strftime("%H:%M"), s.end.strftime("%H:%M")) for s in slots] == [
        ("07:30", "07:40"),
        ("07:40", "08:25"),
        ("08:25", "08:25"),
        ("08:25", "08:30"),
    ]


def test_timetable_crosses_midnight_and_refuses_negative_durations():
    slots = timetable(datetime(2026, 1, 31, 23, 30), [45])
    assert slots[0].end == datetime(2026, 2, 1, 0, 15)
    with pytest.raises(ValueError):
        timetable(datetime(2026, 1, 1), [10, -1])


def test_overrun_counts_minutes_past_the_planned_end():
    slots = timetable(datetime(2026, 3, 2, 8), [60, 60])
    assert overrun_minutes(slots, datetime(2026, 3, 2, 9, 30)) == 30
    assert overrun_minutes(slots, datetime(2026, 3, 2, 10)) == 0
    assert overrun_minutes(slots, None) == 0
    assert overrun_minutes([], datetime(2026, 3, 2, 10)) == 0


@pytest.mark.parametrize(
    ("opens", "days", "working", "due"),
    [
        (date(2026, 3, 5), 7, False, date(2026, 2, 26)),  # across a February month end
        (date(2024, 3, 5), 7, False, date(2024, 2, 27)),  # leap year
        (date(2026, 1, 10), 20, False, date(2025, 12, 21)),  # across a year end
        (date(2026, 3, 2), 3, True, date(2026, 2, 25)),  # Monday: skips the weekend
        (date(2026, 3, 6), 3, True, date(2026, 3, 3)),  # Friday: inside one week
        (date(2026, 6, 1), 5, True, date(2026, 5, 25)),  # across a month end and a weekend
        (date(2026, 3, 2), 0, True, date(2026, 3, 2)),
    ],
)
def test_deadlines(opens, days, working, due):
    assert deadline(opens, days, working) == due


def test_deadline_states():
    due = date(2026, 3, 1)
    assert deadline_state(date(2026, 2, 20), due, None) == "upcoming"
    assert deadline_state(due, due, None) == "due"
    assert deadline_state(date(2026, 3, 2), due, None) == "late"
    assert deadline_state(date(2026, 3, 9), due, date(2026, 2, 28)) == "done"
    assert deadline_state(date(2026, 3, 9), due, date(2026, 3, 2)) == "done_late"
    with pytest.raises(ValueError):
        deadline(due, -1)
