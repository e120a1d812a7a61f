"""The congress plan in working days, and the caps as warnings (DOMAIN section 5)."""

from __future__ import annotations

from datetime import date

import pytest

from governance.rules.congress_plan import (
    cap_warnings,
    is_working_day,
    plan_milestones,
    working_days_before,
)

MONDAY = date(2026, 12, 28)


@pytest.mark.parametrize(
    ("n", "holidays", "expected"),
    [
        (0, (), MONDAY),
        (1, (), date(2026, 12, 25)),  # Friday
        (1, (date(2026, 12, 25),), date(2026, 12, 24)),
        (5, (), date(2026, 12, 21)),
        (10, (date(2026, 12, 25),), date(2026, 12, 11)),
        (0, (), date(2027, 1, 2)),  # a congress may open on a Saturday
    ],
)
def test_working_days_before(n, holidays, expected):
    start = MONDAY if expected != date(2027, 1, 2) else expected
    assert working_days_before(start, n, holidays) == expected


def test_a_saturday_opening_counts_back_from_friday():
    assert working_days_before(date(2027, 1, 2), 1) == date(2027, 1, 1)
    assert not is_working_day(date(2027, 1, 2))
    assert not is_working_day(date(2027, 1, 1), {date(2027, 1, 1)})


@pytest.mark.parametrize("n", [-1, 1.5, True, 10**6])
def test_bad_counts_raise(n):
    with pytest.raises(ValueError):
        working_days_before(MONDAY, n)


def test_the_plan_follows_the_province_notice_period_and_deadline():
    tet = {date(2027, 2, d) for d in range(15, 20)}
    short = plan_milestones(date(2027, 3, 1), 20, tet, date(2027, 3, 31))
    long = plan_milestones(date(2027, 3, 1), 45, tet, None)
    assert short[-1].working_days_before is None and short[-1].due_on == date(2027, 3, 31)
    assert all(d.due_on not in tet and d.due_on.weekday() < 5 for d in long[:-1])
    notice = next(d for d in long if d.working_days_before == 45)
    assert notice.due_on == working_days_before(date(2027, 3, 1), 45, tet)
    assert [d.due_on for d in long] == sorted(d.due_on for d in long)


def test_caps_are_warnings_with_their_source():
    found = cap_warnings(
        delegates=251,
        max_delegates=250,
        executive_seats=33,
        max_executive=27,
        opens_on=date(2027, 9, 1),
        provincial_deadline=date(2027, 8, 31),
        allocated=115,
        elected=117,
    )
    assert [w.code for w in found] == ["delegates", "executive", "deadline", "allocation"]
    assert all("45-CT/TW" in w.source_vi for w in found[:2])
    fine = cap_warnings(
        delegates=250,
        max_delegates=250,
        executive_seats=33,
        max_executive=33,
        opens_on=date(2027, 8, 31),
        provincial_deadline=date(2027, 8, 31),
    )
    assert fine == []
