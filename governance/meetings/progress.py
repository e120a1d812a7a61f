"""Meetings' columns on the oversight dashboard: a constant number of grouped queries.

Whatever the number of units: first meetings held by unit, meetings by unit, and the planned
meetings whose dispatch may be late (3 statements, plain columns, no ORM objects). A long list
of units is not sent as IN (…): the whole table is grouped and the rows not asked for are
dropped. `flagged_units` answers the national page's flags (late dispatch, first meetings
missing) with the same predicates, without grouping every meeting.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, distinct, func, literal, select

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

# One column per body: True held, False not yet, None when the unit has no such body.
FIRST_MEETING_COLUMNS = [
    ("first_party_standing", _l("First meeting: Standing Committee")),
    ("first_party_executive", _l("First meeting: Executive Committee")),
    ("first_people_council", _l("First session: People's Council")),
    ("first_people_committee", _l("First meeting: People's Committee")),
]
BITS = {kind: 1 << i for i, kind in enumerate(FIRST_MEETING_KINDS)}

COLUMNS = [
    ("first_meetings_held", _l("First meetings held")),
    ("first_meetings_due", _l("First meetings due")),
    *FIRST_MEETING_COLUMNS,
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
            **{key: None for key, _label in FIRST_MEETING_COLUMNS},
            "meetings_held": 0,
            "dispatch_late": 0,
            "last_activity": None,
        }
        for uid in wanted
    }
    zone = local_zone()

    def put(key: str, rows) -> None:
        for unit_id, value in rows:
            if unit_id in result:
                result[unit_id][key] = value

    for unit_id, formed, held in db.session.execute(_first_meetings(wanted)):
        if unit_id in result:
            values = result[unit_id]
            for kind, bit in BITS.items():
                values[f"first_{kind}"] = bool(held & bit) if formed & bit else None
            values["first_meetings_held"], values["first_meetings_due"] = first_counts(formed, held)
    for unit_id, held, latest in db.session.execute(_activity(wanted)):
        if unit_id in result:
            result[unit_id]["meetings_held"] = held or 0
            result[unit_id]["last_activity"] = latest.astimezone(zone).date() if latest else None
    put("dispatch_late", _dispatch_late(wanted).items())
    return result


def flagged_units(unit_ids: Collection[int]) -> dict[str, set[int]]:
    """The units whose row would be flagged (dashboard `Row`): "late", a dispatch past its
    deadline (the `dispatch_late` column above 0); "incomplete", a first meeting missing."""
    wanted = set(unit_ids)
    counts = {
        unit_id: first_counts(formed, held)
        for unit_id, formed, held in db.session.execute(_first_meetings(wanted))
    }
    return {
        "late": set(_dispatch_late(wanted)) & wanted,
        "incomplete": {u for u in wanted if first_meetings_incomplete(*counts.get(u, (0, 0)))},
    }


def first_counts(formed: int, held: int) -> tuple[int, int]:
    """(held, due) from the bit masks of `_first_meetings`: one per body kind formed."""
    return bin(held & formed).count("1"), bin(formed).count("1")


def first_meetings_incomplete(held: int, due: int) -> bool:
    """A first meeting is missing: a body formed has not held it, or no body is formed yet."""
    return held < max(due, 1)


def _restrict(query, wanted: set[int]):
    return query.where(Body.unit_id.in_(sorted(wanted))) if len(wanted) <= IN_LIMIT else query


def _of_units(query, wanted: set[int]):
    """A query on meetings read from these units' bodies (their index), when they are few."""
    if len(wanted) > IN_LIMIT:
        return query
    return query.where(Meeting.body_id.in_(select(Body.id).where(Body.unit_id.in_(sorted(wanted)))))


def _first_meetings(wanted: set[int]):
    """Per unit, as bit masks over FIRST_MEETING_KINDS: the bodies formed, and those whose
    first meeting has been held (one grouped query; several bodies of a kind count once)."""
    held = _held(wanted)
    bit = case(*((Body.kind == kind, value) for kind, value in BITS.items()), else_=0)
    query = (
        select(
            Body.unit_id,
            func.sum(distinct(bit)),
            func.coalesce(func.sum(distinct(case((held, bit), else_=0))), 0),
        )
        .where(Body.kind.in_(FIRST_MEETING_KINDS))
        .group_by(Body.unit_id)
    )
    return _restrict(query, wanted)


def _held(wanted: set[int]):
    """Whether a body has held its first meeting: probed per body on its meetings' index when
    the units are few (LIMIT 1: PostgreSQL would otherwise hash every first meeting); over
    every unit, one list of such bodies, hashed."""
    first = (Meeting.kind == MeetingKind.FIRST, Meeting.status == MeetingStatus.CLOSED)
    if len(wanted) <= IN_LIMIT:
        probe = select(Meeting.id).where(Meeting.body_id == Body.id, *first).limit(1)
        return probe.scalar_subquery().is_not(None)
    return Body.id.in_(select(Meeting.body_id).where(*first))


def _activity(wanted: set[int]):
    """Meetings held, and the latest thing that happened (planned, opened or closed)."""
    latest = func.coalesce(Meeting.closed_at, Meeting.opened_at, Meeting.created_at)
    query = (
        select(
            Body.unit_id,
            func.sum(case((Meeting.status == MeetingStatus.CLOSED, 1), else_=0)),
            func.max(latest).label("latest"),
        )
        .join(Meeting, Meeting.body_id == Body.id)
        .group_by(Body.unit_id)
    )
    return _restrict(query, wanted)


def _dispatch_late(wanted: set[int], now: datetime | None = None) -> dict[int, int]:
    """Planned meetings, not yet opened, whose invitation or papers are past their deadline and
    not sent, counted per unit in SQL: per body kind, a meeting is late when it opens before
    the first day still on time (`on_time_from`), so nothing is read meeting by meeting."""
    now = now or utcnow()
    zone = local_zone()
    limits = [
        (kind, [datetime.combine(day, time(), zone) for day in days])
        for kind, days in on_time_from(now.astimezone(zone).date())
    ]
    if not limits:
        return {}
    invitation, papers = (
        case(*((Body.kind == k, literal(at[i], Meeting.starts_at.type)) for k, at in limits))
        for i in (0, 1)
    )
    query = (
        select(Body.unit_id, func.count(Meeting.id))
        .join(Body, Body.id == Meeting.body_id)
        .where(
            Meeting.status == MeetingStatus.PLANNED,
            Meeting.starts_at > now,
            Meeting.starts_at < max(max(at) for _k, at in limits),  # nothing later is late
            (Meeting.invitation_sent_at.is_(None) & (Meeting.starts_at < invitation))
            | (Meeting.papers_sent_at.is_(None) & (Meeting.starts_at < papers)),
        )
        .group_by(Body.unit_id)
    )
    return {unit_id: late for unit_id, late in db.session.execute(_of_units(query, wanted))}


@lru_cache(maxsize=4096)
def dispatch_dues(kind: str, opens_on: date) -> tuple[date, date] | None:
    rule = dispatch_rules().get(kind)
    if rule is None:
        return None
    return (
        deadline(opens_on, rule.invitation_days, rule.working_days),
        deadline(opens_on, rule.papers_days, rule.working_days),
    )


@lru_cache(maxsize=8)
def on_time_from(today: date) -> tuple[tuple[str, tuple[date, date]], ...]:
    """Per body kind with a rule, the first opening day whose invitation (and papers)
    deadline has not passed `today`: deadlines move forward with the opening day, so a meeting
    not sent that opens earlier is late (`dispatch_dues`, the reminders' rule, decides)."""

    def first(kind: str, which: int) -> date:
        day = today  # a deadline is never after its opening day: earlier days are all late
        while dispatch_dues(kind, day)[which] < today:
            day += timedelta(days=1)
        return day

    return tuple((kind, (first(kind, 0), first(kind, 1))) for kind in dispatch_rules())
