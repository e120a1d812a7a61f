"""When reminders fall due, counted in Asia/Ho_Chi_Minh: across midnight and month ends."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.oversight.conftest import add_body, add_meeting, local


def _due(app, now: datetime) -> dict[str, tuple]:
    from governance.meetings.reminders import due_reminders

    with app.app_context():
        return {r.key: r for r in due_reminders(now)}


def test_meeting_reminders_fall_due_at_local_midnight_across_a_month_end(app, world):
    # Party Standing Committee meets Monday 2 March 2026, 08:00 local (01:00 UTC).
    body = add_body(app, world.units["A"], "party_standing")
    meeting = add_meeting(
        app,
        body,
        local(2026, 3, 2, 8, 0),
        invitation_sent_at=local(2026, 2, 1),
        papers_sent_at=local(2026, 2, 1),
    )
    chair_key = f"meeting-ahead:{meeting}:2026-03-02:3d"
    clerk_key = f"meeting-ahead:{meeting}:2026-03-02:7d"
    # 3 days before = Friday 27 February from 00:00 local = 26 February 17:00 UTC.
    before = _due(app, datetime(2026, 2, 26, 16, 59, tzinfo=UTC))
    after = _due(app, datetime(2026, 2, 26, 17, 0, tzinfo=UTC))
    assert chair_key not in before and chair_key in after
    assert after[chair_key].roles == ("chair", "secretary")
    assert after[chair_key].due_at == local(2026, 2, 27)
    # 7 days before = 23 February local; already due on the 26th.
    assert clerk_key in before and before[clerk_key].roles == ("clerk",)
    assert "08:00 ngày 02/03/2026" in after[chair_key].subject
    assert after[chair_key].link == f"/meetings/{meeting}"
    # Once the meeting has started, nothing more is due for it.
    assert _due(app, datetime(2026, 3, 2, 1, 0, 1, tzinfo=UTC)) == {}


def test_dispatch_deadline_in_working_days_across_a_year_end(app, world):
    """Executive Committee: invitation 5 working days before. Opening Tuesday 6 January 2026
    → deadline Tuesday 30 December 2025; warned 2 days before (28 December, local)."""
    body = world.bodies["A"]  # party_executive
    meeting = add_meeting(app, body, local(2026, 1, 6, 7, 30), papers_sent_at=local(2025, 12, 1))
    warn_key = f"dispatch:{meeting}:invitation:2025-12-30"
    late_key = f"dispatch-late:{meeting}:invitation:2025-12-30"
    assert warn_key not in _due(app, local(2025, 12, 27, 23, 59))
    warned = _due(app, local(2025, 12, 28, 0, 0))
    assert warn_key in warned and warned[warn_key].roles == ("clerk",)
    assert "30/12/2025" in warned[warn_key].subject
    # The deadline day itself is not late; the next local day is.
    last_day = _due(app, local(2025, 12, 30, 23, 59))
    assert warn_key in last_day and late_key not in last_day
    late = _due(app, local(2025, 12, 31, 0, 0))
    assert late_key in late and warn_key not in late
    assert late[late_key].due_at == local(2025, 12, 31)
    assert "Quá hạn" in late[late_key].subject


def test_sent_papers_are_not_reminded_and_the_days_are_configurable(app, world, monkeypatch):
    body = world.bodies["A"]
    meeting = add_meeting(
        app,
        body,
        local(2026, 5, 1, 8, 0),
        invitation_sent_at=local(2026, 4, 1),
        papers_sent_at=local(2026, 4, 1),
    )
    monkeypatch.setitem(app.config, "REMINDER_DAYS_AHEAD", {"clerk": 1, "member": 1})
    keys = _due(app, local(2026, 4, 30, 0, 0))
    assert set(keys) == {f"meeting-ahead:{meeting}:2026-05-01:1d"}
    assert keys[f"meeting-ahead:{meeting}:2026-05-01:1d"].roles == ("clerk", "member")
    assert _due(app, local(2026, 4, 29, 23, 59)) == {}


def test_days_ahead_from_the_environment(app, world, monkeypatch):
    monkeypatch.setenv("REMINDER_DAYS_AHEAD", "clerk=10, chair=1,bad,member=x")
    meeting = add_meeting(
        app,
        world.bodies["A"],
        local(2026, 5, 11, 8, 0),
        invitation_sent_at=local(2026, 4, 1),
        papers_sent_at=local(2026, 4, 1),
    )
    keys = _due(app, local(2026, 5, 1, 0, 0))
    assert set(keys) == {f"meeting-ahead:{meeting}:2026-05-11:10d"}
