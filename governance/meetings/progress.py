"""Meetings' columns on the oversight dashboard: a constant number of grouped queries.

Whatever the number of units: one grouped query over bodies and meetings, one over the
planned meetings whose dispatch may be late. A long list of units is not sent as IN (…):
the whole table is grouped and the rows not asked for are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, distinct, func, select
from sqlalchemy.orm import joinedload

from governance.core.database import utcnow
from governance.core.schemas import local_zone
from governance.extensions import db
from governance.meetings.models import Meeting, MeetingKind, MeetingStatus
from governance.meetings.standard import dispatch_rules
from governance.org.models import Body
from governance.rules import deadline

# The bodies whose first meeting the provincial working groups check (DOMAIN section 2).
FIRST_MEETING_KINDS = ("party_standing", "party_executive", "people_council", "people_committee")
IN_LIMIT = 500  # beyond this many units, group everything rather than send a long IN (…)

COLUMNS = [
    ("first_meetings_held", _l("First meetings held")),
    ("first_meetings_due", _l("First meetings due")),
    ("meetings_held", _l("Meetings held")),
    ("dispatch_late", _l("Invitations or papers late")),
    ("last_activity", _l("Last activity")),
]


def unit_progress(unit_ids: Sequence[int]) -> dict[int, dict[str, object]]:
    wanted = set(unit_ids)
    result: dict[int, dict[str, object]] = {
        uid: {
            "first_meetings_held": 0,
            "first_meetings_due": 0,
            "meetings_held": 0,
            "dispatch_late": 0,
            "last_activity": None,
        }
        for uid in wanted
    }
    for row in db.session.execute(_grouped(wanted)):
        if row.unit_id in result:
            latest = max((t for t in (row.created, row.opened, row.closed) if t), default=None)
            result[row.unit_id].update(
                first_meetings_held=row.first_held,
                first_meetings_due=row.first_due,
                meetings_held=row.held,
                last_activity=latest.astimezone(local_zone()).date() if latest else None,
            )
    for unit_id, late in _dispatch_late(wanted).items():
        if unit_id in result:
            result[unit_id]["dispatch_late"] = late
    return result


def _restrict(query, column, wanted: set[int]):
    return query.where(column.in_(sorted(wanted))) if len(wanted) <= IN_LIMIT else query


def _grouped(wanted: set[int]):
    first_kind = Body.kind.in_(FIRST_MEETING_KINDS)
    first_held = and_(
        first_kind, Meeting.kind == MeetingKind.FIRST, Meeting.status == MeetingStatus.CLOSED
    )
    query = (
        select(
            Body.unit_id,
            func.count(distinct(case((first_kind, Body.kind)))).label("first_due"),
            func.count(distinct(case((first_held, Body.kind)))).label("first_held"),
            func.count(distinct(case((Meeting.status == MeetingStatus.CLOSED, Meeting.id)))).label(
                "held"
            ),
            func.max(Meeting.created_at).label("created"),
            func.max(Meeting.opened_at).label("opened"),
            func.max(Meeting.closed_at).label("closed"),
        )
        .outerjoin(Meeting, Meeting.body_id == Body.id)
        .group_by(Body.unit_id)
    )
    return _restrict(query, Body.unit_id, wanted)


def _dispatch_late(wanted: set[int], now: datetime | None = None) -> dict[int, int]:
    """Planned meetings whose invitation or papers are past their deadline and not sent."""
    now = now or utcnow()
    today = now.astimezone(local_zone()).date()
    query = (
        select(Meeting)
        .join(Body)
        .where(
            Meeting.status == MeetingStatus.PLANNED,
            Meeting.starts_at > now,
            (Meeting.invitation_sent_at.is_(None)) | (Meeting.papers_sent_at.is_(None)),
        )
        .options(joinedload(Meeting.body))
    )
    late: dict[int, int] = {}
    rules = dispatch_rules()
    for meeting in db.session.scalars(_restrict(query, Body.unit_id, wanted)):
        rule = rules.get(meeting.body.kind)
        if rule is None:
            continue
        opens_on = meeting.starts_at.astimezone(local_zone()).date()
        if any(
            sent is None and today > deadline(opens_on, days, rule.working_days)
            for days, sent in (
                (rule.invitation_days, meeting.invitation_sent_at),
                (rule.papers_days, meeting.papers_sent_at),
            )
        ):
            late[meeting.body.unit_id] = late.get(meeting.body.unit_id, 0) + 1
    return late
