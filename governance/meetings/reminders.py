"""Reminders of meetings: N days ahead per role, invitations and papers due or late.

The dispatch deadlines are the ones the meeting page shows (dispatch.yaml): a reminder warns,
it never blocks. Days count in the app's time zone: a reminder due "3 days before" is due
from local midnight of that day.
"""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from governance.core.reminders import Reminder
from governance.core.schemas import local_zone
from governance.extensions import db
from governance.meetings.models import Meeting, MeetingStatus
from governance.meetings.progress import dispatch_dues

# Days before the opening at which each role is reminded (REMINDER_DAYS_AHEAD overrides).
DAYS_AHEAD = {"clerk": 7, "chair": 3, "secretary": 3, "member": 2}
# Days before a dispatch deadline at which the clerk is warned (DISPATCH_WARN_DAYS overrides).
DISPATCH_WARN_DAYS = 2
HORIZON_DAYS = 75  # farthest opening looked at: a congress notice is 30 working days ahead
DISPATCH_ROLES = ("clerk",)
WHAT = {"invitation": "giấy mời", "papers": "tài liệu"}


def due_reminders(now: datetime) -> list[Reminder]:
    meetings = db.session.scalars(
        select(Meeting)
        .where(
            Meeting.status == MeetingStatus.PLANNED,
            Meeting.starts_at > now,
            Meeting.starts_at <= now + timedelta(days=HORIZON_DAYS),
        )
        .options(joinedload(Meeting.body))
    ).all()
    today = now.astimezone(local_zone()).date()
    found = []
    for meeting in meetings:
        found += ahead(meeting, now)
        found += dispatch(meeting, today)
    return found


def days_ahead() -> dict[int, tuple[str, ...]]:
    """{days: roles}: roles with the same lead time share one reminder."""
    configured = current_app.config.get("REMINDER_DAYS_AHEAD") or _from_environment() or DAYS_AHEAD
    grouped: dict[int, list[str]] = defaultdict(list)
    for role, days in sorted(configured.items()):
        grouped[int(days)].append(role)
    return {days: tuple(roles) for days, roles in grouped.items()}


def _from_environment() -> dict[str, int]:
    """REMINDER_DAYS_AHEAD="clerk=7,chair=3,secretary=3,member=2" (bad parts are ignored)."""
    found = {}
    for part in os.environ.get("REMINDER_DAYS_AHEAD", "").split(","):
        role, _, days = part.partition("=")
        if role.strip() and days.strip().isdigit():
            found[role.strip()] = int(days)
    return found


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, local_zone())


def opening(meeting: Meeting) -> str:
    local = meeting.starts_at.astimezone(local_zone())
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def ahead(meeting: Meeting, now: datetime) -> list[Reminder]:
    opens_on = meeting.starts_at.astimezone(local_zone()).date()
    found = []
    for days, roles in days_ahead().items():
        due_at = local_midnight(opens_on - timedelta(days=days))
        if due_at <= now:
            found.append(
                Reminder(
                    key=f"meeting-ahead:{meeting.id}:{opens_on.isoformat()}:{days}d",
                    unit_id=meeting.body.unit_id,
                    roles=roles,
                    due_at=due_at,
                    subject=(
                        f"Sắp họp: «{meeting.title}» ({meeting.body.name}) khai mạc lúc "
                        f"{opening(meeting)}, tại {meeting.location or 'địa điểm chưa ghi'}."
                    ),
                    link=f"/meetings/{meeting.id}",
                )
            )
    return found


def dispatch(meeting: Meeting, today: date) -> list[Reminder]:
    """Invitation and papers not yet sent: warned before the deadline, flagged once late."""
    opens_on = meeting.starts_at.astimezone(local_zone()).date()
    dues = dispatch_dues(meeting.body.kind, opens_on)
    if dues is None:
        return []
    warn = int(
        current_app.config.get("DISPATCH_WARN_DAYS")
        or os.environ.get("DISPATCH_WARN_DAYS")
        or DISPATCH_WARN_DAYS
    )
    found = []
    for what, due, sent in zip(
        ("invitation", "papers"),
        dues,
        (meeting.invitation_sent_at, meeting.papers_sent_at),
        strict=True,
    ):
        if sent is not None or today < due - timedelta(days=warn):
            continue
        late = today > due
        found.append(
            Reminder(
                key=f"dispatch{'-late' if late else ''}:{meeting.id}:{what}:{due.isoformat()}",
                unit_id=meeting.body.unit_id,
                roles=DISPATCH_ROLES,
                due_at=local_midnight(due + timedelta(days=1) if late else due - timedelta(warn)),
                subject=_dispatch_subject(meeting, what, due, late),
                link=f"/meetings/{meeting.id}",
            )
        )
    return found


def _dispatch_subject(meeting: Meeting, what: str, due: date, late: bool) -> str:
    name = WHAT[what]
    if late:
        return (
            f"Quá hạn gửi {name} (hạn {due:%d/%m/%Y}): «{meeting.title}» khai mạc lúc "
            f"{opening(meeting)}. Hãy gửi ngay và ghi nhận đã gửi."
        )
    return (
        f"Hạn gửi {name} «{meeting.title}» là ngày {due:%d/%m/%Y} "
        f"(khai mạc lúc {opening(meeting)})."
    )
