"""Meeting operations: load with access checks, apply the rules, write, audit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import contains_eager

from governance.core import access, audit
from governance.core.database import utcnow
from governance.core.errors import Conflict, Invalid, NotFound
from governance.core.models import Role, User
from governance.core.records import apply_changes, check_version, snapshot
from governance.core.schemas import local_zone
from governance.extensions import db
from governance.meetings import planning
from governance.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from governance.meetings.standard import agenda_templates, dispatch_rules
from governance.org import scope
from governance.org.models import Body, Member, Unit
from governance.rules import deadline, deadline_state, overrun_minutes, quorum_required, timetable
from governance.rules import quorum_met as rules_quorum_met

NEEDS = {
    "read": access.can_read,
    "prepare": access.can_prepare_meetings,
    "run": access.can_run_session,
    "roll": access.can_take_attendance,
}


class Annotated:
    """An object seen with a few computed attributes added (for schemas and templates)."""

    def __init__(self, obj: Any, **extra: Any):
        self._obj, self.__dict__ = obj, {"_obj": obj, **extra}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._obj, name)


# Loading ------------------------------------------------------------------------------


def get_meeting(meeting_id: int, by: User, need: str = "read") -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(_("This meeting does not exist (it may have been cancelled)."))
    access.require(NEEDS[need](by, meeting.body.unit))
    return meeting


def get_item(item_id: int, by: User, need: str = "read") -> AgendaItem:
    item = db.session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound(_("This agenda item does not exist (it may have been removed)."))
    access.require(NEEDS[need](by, item.meeting.body.unit))
    return item


def list_meetings(
    by: User, body_id: int | None = None, start: datetime | None = None, end: datetime | None = None
) -> Sequence[Meeting]:
    return db.session.scalars(meeting_query(by, body_id=body_id, start=start, end=end)).all()


def meeting_query(
    by: User,
    *,
    body_id: int | None = None,
    unit: str | None = None,
    status: str | tuple[str, ...] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    newest_first: bool = False,
) -> Select:
    """Meetings the user may see, filtered in SQL, each with its body and unit (one join)."""
    order = Meeting.starts_at.desc() if newest_first else Meeting.starts_at
    query = (
        select(Meeting)
        .join(Meeting.body)
        .join(Body.unit)
        .order_by(order, Meeting.id)
        # Lists and calendars name each meeting's body and unit: loaded by the same join.
        .options(contains_eager(Meeting.body).contains_eager(Body.unit))
    )
    if by.role != Role.ADMIN:  # the administrator sees every unit: no filter to evaluate
        query = query.where(scope.scope_condition(by, Body.unit_id))
    if body_id is not None:
        query = query.where(Meeting.body_id == body_id)
    if unit:
        query = query.where(Unit.code == unit)
    if status:
        query = query.where(Meeting.status.in_((status,) if isinstance(status, str) else status))
    if start is not None:
        query = query.where(Meeting.starts_at >= start)
    if end is not None:
        query = query.where(Meeting.starts_at < end)
    return query


PERIODS = ("upcoming", "past", "all")


def period_query(
    by: User, period: str, unit: str | None = None, status: str | None = None
) -> Select:
    """The meetings page: coming up (planned or open, from today, soonest first), held
    (closed or before today, latest first), or all (latest first)."""
    today = datetime.now(local_zone()).replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "upcoming":
        query = meeting_query(by, unit=unit, status=status, start=today)
        return query.where(Meeting.status != MeetingStatus.CLOSED)
    query = meeting_query(by, unit=unit, status=status, newest_first=True)
    if period == "past":
        query = query.where(or_(Meeting.status == MeetingStatus.CLOSED, Meeting.starts_at < today))
    return query


# Planning -----------------------------------------------------------------------------


def create_meeting(data: dict, by: User) -> Meeting:
    body = db.session.get(Body, data["body_id"])
    if body is None:
        raise Invalid(fields={"body_id": _("There is no such body.")})
    access.require(access.can_prepare_meetings(by, body.unit))
    template = _template(data.get("template") or "", body)
    _check_future(data["starts_at"])
    kind = data.get("kind") or (template.meeting_kind if template else MeetingKind.REGULAR)
    if second := planning.second_first_session(body, kind, data.get("confirm_second_first")):
        raise Conflict(second, fields={"kind": second})
    meeting = Meeting(
        body=body,
        template=template.key if template else "",
        title=data.get("title") or (template.title if template else ""),
        kind=kind,
        sequence=data.get("sequence") or _next_sequence(body),
        starts_at=data["starts_at"],
        ends_at=data.get("ends_at")
        or (data["starts_at"] + timedelta(minutes=template.duration_hint) if template else None),
        **{
            k: data.get(k, "")
            for k in ("location", "convener", "chair_name", "secretary_name", "guests")
        },
    )
    if not meeting.title:
        raise Invalid(fields={"title": _("Give a title, or choose a standard agenda.")})
    db.session.add(meeting)
    for position, entry in enumerate(template.items if template else ()):
        meeting.items.append(
            AgendaItem(
                position=position,
                title=entry.title,
                kind=entry.kind,
                presenter=entry.presenter,
                duration_minutes=entry.duration,
                majority=entry.majority,
            )
        )
    db.session.flush()
    audit.record(
        "create",
        "meeting",
        meeting.id,
        unit_id=body.unit_id,
        user=by,
        after=snapshot(meeting) | {"items": [i.title for i in meeting.items]},
    )
    db.session.commit()
    return meeting


def _template(key: str, body: Body):
    if not key:
        return None
    template = agenda_templates().get(key)
    if template is None:
        raise Invalid(fields={"template": _("Unknown standard agenda %(key)s.", key=key)})
    if template.body_kind != body.kind:
        raise Invalid(fields={"template": _("This standard agenda is for another kind of body.")})
    return template


def _next_sequence(body: Body) -> int:
    count = db.session.scalar(select(func.count(Meeting.id)).where(Meeting.body_id == body.id))
    return (count or 0) + 1


def _check_future(starts_at: datetime) -> None:
    if starts_at < utcnow():
        raise Invalid(fields={"starts_at": _("This time is in the past.")})


def update_meeting(meeting: Meeting, data: dict, by: User, version: int | None = None) -> Meeting:
    access.require(access.can_prepare_meetings(by, meeting.body.unit))
    check_version(meeting, version)
    if meeting.status == MeetingStatus.CLOSED:
        raise Conflict(_("The meeting is closed; its record can no longer change."))
    if "starts_at" in data and data["starts_at"] != meeting.starts_at:
        if meeting.status != MeetingStatus.PLANNED:
            raise Conflict(_("The meeting has started; its start time is on record."))
        _check_future(data["starts_at"])
    start, end = data.get("starts_at", meeting.starts_at), data.get("ends_at", meeting.ends_at)
    if end is not None and end <= start:
        raise Invalid(fields={"ends_at": _("The end must be after the start.")})
    apply_changes(meeting, data, entity="meeting", unit_id=meeting.body.unit_id, by=by)
    db.session.commit()
    return meeting


def cancel_meeting(meeting: Meeting, by: User) -> None:
    access.require(access.can_prepare_meetings(by, meeting.body.unit))
    if meeting.status != MeetingStatus.PLANNED:
        raise Conflict(_("Only a planned meeting can be cancelled."))
    audit.record(
        "delete",
        "meeting",
        meeting.id,
        unit_id=meeting.body.unit_id,
        user=by,
        before=snapshot(meeting),
    )
    db.session.delete(meeting)
    db.session.commit()


def mark_dispatched(meeting: Meeting, what: str, by: User) -> None:
    """Record that the invitation or the papers went out (now)."""
    access.require(access.can_prepare_meetings(by, meeting.body.unit))
    column = {"invitation": "invitation_sent_at", "papers": "papers_sent_at"}[what]
    setattr(meeting, column, utcnow())
    audit.record(
        "dispatch",
        "meeting",
        meeting.id,
        unit_id=meeting.body.unit_id,
        user=by,
        after={what: getattr(meeting, column)},
    )
    db.session.commit()


# Agenda -------------------------------------------------------------------------------


def lock_meeting(meeting: Meeting) -> None:
    """Take the meeting's row lock for a change of its agenda or attendance, and see its
    items and attendance as they are now. On PostgreSQL concurrent requests (on any app
    host) then queue here instead of numbering positions or inserting attendance from the
    same stale read; SQLite writers queue already (BEGIN IMMEDIATE)."""
    db.session.execute(
        select(Meeting)
        .where(Meeting.id == meeting.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    db.session.expire(meeting, ["items", "attendance"])


def _editable_agenda(meeting: Meeting, by: User) -> None:
    """The office prepares the programme; in session the chair's table amends it; after
    the close nobody changes it."""
    unit = meeting.body.unit
    access.require(access.can_prepare_meetings(by, unit) or access.can_run_session(by, unit))
    lock_meeting(meeting)
    if meeting.status == MeetingStatus.CLOSED:
        raise Conflict(_("The meeting is closed; its agenda can no longer change."))


def add_item(meeting: Meeting, data: dict, by: User) -> AgendaItem:
    _editable_agenda(meeting, by)
    position = max((i.position for i in meeting.items), default=-1) + 1
    item = AgendaItem(meeting=meeting, position=position, **data)
    db.session.add(item)
    db.session.flush()
    audit.record(
        "create",
        "agenda_item",
        item.id,
        unit_id=meeting.body.unit_id,
        user=by,
        after=snapshot(item),
    )
    db.session.commit()
    return item


def update_item(item: AgendaItem, data: dict, by: User, version: int | None = None) -> AgendaItem:
    _editable_agenda(item.meeting, by)
    check_version(item, version)
    apply_changes(item, data, entity="agenda_item", unit_id=item.meeting.body.unit_id, by=by)
    db.session.commit()
    return item


def delete_item(item: AgendaItem, by: User) -> None:
    meeting = item.meeting
    _editable_agenda(meeting, by)
    from governance.voting.console import items_on_record  # voting builds on meetings

    if items_on_record([item.id]):
        raise Conflict(_("This item has a recorded vote or election: it cannot be removed."))
    audit.record(
        "delete",
        "agenda_item",
        item.id,
        unit_id=meeting.body.unit_id,
        user=by,
        before=snapshot(item),
    )
    meeting.items.remove(item)
    _renumber(meeting.items)
    db.session.commit()


def reorder(meeting: Meeting, item_ids: list[int], by: User) -> list[AgendaItem]:
    """Put the items in the given order; the list must name each item once, no other."""
    _editable_agenda(meeting, by)
    current = {item.id: item for item in meeting.items}
    foreign = [i for i in item_ids if i not in current]
    if foreign:
        raise Invalid(
            fields={
                "item_ids": _(
                    "Not items of this meeting: %(ids)s.", ids=", ".join(map(str, foreign))
                )
            }
        )
    if len(item_ids) != len(set(item_ids)) or set(item_ids) != set(current):
        raise Invalid(fields={"item_ids": _("Give every item of the meeting exactly once.")})
    before = [item.id for item in meeting.items]
    ordered = [current[i] for i in item_ids]
    _renumber(ordered)
    audit.record(
        "reorder",
        "meeting",
        meeting.id,
        unit_id=meeting.body.unit_id,
        user=by,
        before={"order": before},
        after={"order": item_ids},
    )
    db.session.commit()
    db.session.refresh(meeting)
    return meeting.items


def move_item(item: AgendaItem, step: int, by: User) -> None:
    """One place up (-1) or down (+1): the keyboard way to reorder."""
    ids = [i.id for i in item.meeting.items]
    index = ids.index(item.id)
    target = min(max(index + step, 0), len(ids) - 1)
    ids.insert(target, ids.pop(index))
    reorder(item.meeting, ids, by)


def _renumber(items: list[AgendaItem]) -> None:
    for position, item in enumerate(items):
        item.position = position


def schedule(meeting: Meeting) -> tuple[list[Annotated], int]:
    """Items with their computed start and end, and minutes past the planned end."""
    slots = timetable(meeting.starts_at, [i.duration_minutes for i in meeting.items])
    items = [
        Annotated(i, starts_at=s.start, ends_at=s.end)
        for i, s in zip(meeting.items, slots, strict=True)
    ]
    return items, overrun_minutes(slots, meeting.ends_at)


# Dispatch deadlines --------------------------------------------------------------------


def dispatch_status(meeting: Meeting, today: date | None = None) -> dict:
    rule = dispatch_rules().get(meeting.body.kind)
    if rule is None:
        return {}
    zone = local_zone()
    opens_on = meeting.starts_at.astimezone(zone).date()
    today = today or datetime.now(zone).date()

    def one(days: int, sent_at: datetime | None) -> dict:
        due = deadline(opens_on, days, rule.working_days)
        sent_on = sent_at.astimezone(zone).date() if sent_at else None
        return {
            "due": due,
            "state": deadline_state(today, due, sent_on),
            "sent_at": sent_at,
            "days": days,
        }

    return {
        "invitation": one(rule.invitation_days, meeting.invitation_sent_at),
        "papers": one(rule.papers_days, meeting.papers_sent_at),
        "basis": rule.basis,
        "working_days": rule.working_days,
    }


# Attendance and quorum -----------------------------------------------------------------


def quorum(meeting: Meeting) -> dict:
    """Counted over all members of the body: the base is the membership, not those present."""
    total = db.session.scalar(
        select(func.count(Member.id)).where(Member.body_id == meeting.body_id)
    )
    counts = {status.value: 0 for status in AttendanceStatus}
    for record in meeting.attendance:
        counts[record.status] += 1
    marked = sum(counts.values())
    return {
        "total": total,
        **counts,
        "unmarked": total - marked,
        "required": quorum_required(total) if total else 0,
        "quorate": bool(total) and rules_quorum_met(counts["present"], total),
    }


def set_attendance(meeting: Meeting, records: list[dict], by: User) -> dict:
    access.require(access.can_take_attendance(by, meeting.body.unit))
    lock_meeting(meeting)
    if meeting.status == MeetingStatus.CLOSED:
        raise Conflict(_("The meeting is closed; its attendance is on record."))
    member_ids = {r["member_id"] for r in records}
    if len(member_ids) != len(records):
        raise Invalid(fields={"records": _("Each member may appear only once.")})
    known = set(
        db.session.scalars(
            select(Member.id).where(Member.body_id == meeting.body_id, Member.id.in_(member_ids))
        )
    )
    strangers = sorted(member_ids - known)
    if strangers:
        raise Invalid(
            fields={
                "records": _(
                    "Not members of %(body)s: %(ids)s.",
                    body=meeting.body.name,
                    ids=", ".join(map(str, strangers)),
                )
            }
        )
    existing = {a.member_id: a for a in meeting.attendance}
    before = {m: (a.status, a.reason) for m, a in existing.items() if m in member_ids}
    for record in records:
        row = existing.get(record["member_id"])
        if row is None:
            row = Attendance(meeting=meeting, member_id=record["member_id"])
            db.session.add(row)
        row.status, row.reason = record["status"], record.get("reason", "")
    db.session.flush()
    audit.record(
        "attendance",
        "meeting",
        meeting.id,
        unit_id=meeting.body.unit_id,
        user=by,
        before={str(k): v for k, v in before.items()},
        after={str(r["member_id"]): (r["status"], r.get("reason", "")) for r in records},
    )
    db.session.commit()
    db.session.refresh(meeting)
    return quorum(meeting)


# Session state -------------------------------------------------------------------------


def open_meeting(meeting: Meeting, by: User) -> Meeting:
    access.require(access.can_run_session(by, meeting.body.unit))
    if meeting.status != MeetingStatus.PLANNED:
        raise Conflict(
            _(
                "Only a planned meeting can be opened; this one is “%(status)s”.",
                status=MeetingStatus(meeting.status).label,
            )
        )
    count = quorum(meeting)
    if not count["quorate"]:
        raise Conflict(
            _(
                "No quorum: %(present)s of %(total)s members present; at least "
                "%(required)s (two thirds) are needed to open.",
                **count,
            ),
            extra={"quorum": count},
        )
    return _set_status(meeting, MeetingStatus.OPEN, "opened_at", by)


def close_meeting(meeting: Meeting, by: User) -> Meeting:
    access.require(access.can_run_session(by, meeting.body.unit))
    if meeting.status != MeetingStatus.OPEN:
        raise Conflict(_("Only an open meeting can be closed."))
    return _set_status(meeting, MeetingStatus.CLOSED, "closed_at", by)


def _set_status(meeting: Meeting, status: MeetingStatus, stamp: str, by: User) -> Meeting:
    before = meeting.status
    meeting.status = status
    setattr(meeting, stamp, utcnow())
    audit.record(
        status.value,
        "meeting",
        meeting.id,
        unit_id=meeting.body.unit_id,
        user=by,
        before={"status": before},
        after={"status": status.value},
    )
    db.session.commit()
    return meeting


def detail(meeting: Meeting) -> Annotated:
    items, overrun = schedule(meeting)
    return Annotated(
        meeting,
        agenda=items,
        overrun_minutes=overrun,
        quorum=quorum(meeting),
        dispatch=dispatch_status(meeting),
    )
