"""Timetables and dispatch deadlines: datetimes and dates in, decisions out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = ["Slot", "deadline", "deadline_state", "overrun_minutes", "timetable"]


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime


def timetable(starts_at: datetime, durations: Iterable[int]) -> list[Slot]:
    """Back-to-back slots from `starts_at`, one per duration in minutes."""
    slots, cursor = [], starts_at
    for minutes in durations:
        if minutes < 0:
            raise ValueError("A duration cannot be negative.")
        slots.append(Slot(cursor, cursor + timedelta(minutes=minutes)))
        cursor = slots[-1].end
    return slots


def overrun_minutes(slots: list[Slot], planned_end: datetime | None) -> int:
    """How many minutes the programme runs past the planned end (0 when it fits)."""
    if not slots or planned_end is None:
        return 0
    return max(0, int((slots[-1].end - planned_end).total_seconds() // 60))


def deadline(opens_on: date, days: int, working_days: bool = False) -> date:
    """The last day to dispatch, `days` (calendar or Mon–Fri working) days before opening."""
    if days < 0:
        raise ValueError("The number of days cannot be negative.")
    if not working_days:
        return opens_on - timedelta(days=days)
    day, left = opens_on, days
    while left:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def deadline_state(today: date, due: date, done_on: date | None) -> str:
    """done (on time), done_late, late (not done, past due), due (today), upcoming."""
    if done_on is not None:
        return "done" if done_on <= due else "done_late"
    if today > due:
        return "late"
    return "due" if today == due else "upcoming"
