"""Reminders of the congress plan (INTERFACES section C): milestones due and not done.

A milestone is announced to the unit's clerks from 08:00 local time on the day before it
is due, and again once it is late (another key): the scheduler sends each key once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from governance.congress.models import Congress, Milestone
from governance.core.schemas import local_zone
from governance.extensions import db

try:  # the oversight branch defines it; until the merge an identical local copy
    from governance.core.reminders import Reminder
except ImportError:  # pragma: no cover - replaced at the merge

    @dataclass(frozen=True)
    class Reminder:  # type: ignore[no-redef]
        key: str
        unit_id: int
        roles: tuple[str, ...]
        due_at: datetime
        subject: str
        link: str


def due_reminders(now: datetime) -> list[Reminder]:
    """Milestones due tomorrow (or earlier) and not done, for the unit's clerks."""
    zone = local_zone()
    today = now.astimezone(zone).date()
    query = (
        select(Milestone, Congress.unit_id)
        .join(Congress, Congress.id == Milestone.congress_id)
        .where(Milestone.done_on.is_(None), Milestone.due_on <= today + timedelta(days=1))
    )
    found = []
    for milestone, unit_id in db.session.execute(query):
        late = milestone.due_on < today
        announce = datetime.combine(
            milestone.due_on if late else milestone.due_on - timedelta(days=1), time(8), zone
        )
        if announce.astimezone(UTC) > now:
            continue
        when = milestone.due_on.strftime("%d/%m/%Y")
        subject = (
            f"Đại hội: “{milestone.title}” đã quá hạn ({when}), chưa hoàn thành."
            if late
            else f"Đại hội: “{milestone.title}” đến hạn ngày {when}."
        )
        stage = "late" if late else "due"
        found.append(
            Reminder(
                key=f"congress-milestone:{milestone.id}:{milestone.due_on}:{stage}",
                unit_id=unit_id,
                roles=("clerk",),
                due_at=announce.astimezone(UTC),
                subject=subject,
                link=f"/congress/{milestone.congress_id}",
            )
        )
    return found
