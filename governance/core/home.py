"""What each person has to do next, for the home page.

Bounded by design: each list is a LIMITed query and the administrator's national view is
grouped by province, so the page runs a constant number of SQL statements whether the
installation holds 7 communes or 3,321.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import g
from sqlalchemy import func, select, true
from sqlalchemy.orm import aliased, selectinload

from governance.core import access
from governance.core.models import Role, User
from governance.core.schemas import local_zone
from governance.extensions import db
from governance.meetings.models import AgendaItem, Attachment, Meeting, MeetingStatus
from governance.org.models import Body, Unit

LIST_LIMIT = 6
PROVINCE_LIMIT = 40


def todo(user: User) -> dict[str, Any]:
    """The home page's blocks for this user's role."""
    if user.role == Role.MEMBER:
        return {"kind": "member", "body_counts": _body_counts(user), **_member(user)}
    if user.role in (Role.ADMIN, Role.INSPECTOR):
        return {"kind": "oversight", "provinces": _provinces(user), "sessions": sessions(user)}
    data = {"kind": user.role, "body_counts": _body_counts(user), "sessions": sessions(user)}
    if user.role == Role.CHAIR:
        data["to_sign"] = _to_sign(user)
    return data


def sessions(user: User) -> list:
    """The next sessions of the user's scope, read once per request (the meetings panel
    and the page both show them)."""
    cached = g.get("home_sessions")
    if cached is None or cached[0] != user.id:
        g.home_sessions = cached = (user.id, _sessions(user))
    return cached[1]


def _body_counts(user: User) -> dict[int, int]:
    """Bodies per unit the user sees (their unit cards), counted by the database."""
    rows = db.session.execute(
        select(Body.unit_id, func.count(Body.id))
        .where(_in_scope(Body.unit_id, user))
        .group_by(Body.unit_id)
    )
    return dict(rows.tuples().all())


def _scope(user: User):
    """Ids of the units the user sees, as a subquery (never a list of thousands of ids)."""
    return access.visible_units(user).with_only_columns(Unit.id).order_by(None).scalar_subquery()


def _in_scope(column, user: User):
    """`column` is one of the user's units; no filter at all for the administrator, who
    sees every unit (an IN over the whole units table only slows the national counts)."""
    return true() if user.role == Role.ADMIN else column.in_(_scope(user))


def _now() -> datetime:
    return datetime.now(local_zone())


def _sessions(user: User) -> list:
    """Sessions to run or prepare: open ones first, then the next planned, LIMITed."""
    query = (
        select(Meeting)
        .join(Body)
        .where(
            _in_scope(Body.unit_id, user),
            Meeting.status != MeetingStatus.CLOSED,
            Meeting.starts_at >= _now() - timedelta(days=2),
        )
        .order_by(Meeting.status != MeetingStatus.OPEN, Meeting.starts_at)
        .limit(LIST_LIMIT)
        .options(selectinload(Meeting.body).selectinload(Body.unit))
    )
    return list(db.session.scalars(query).all())


def _to_sign(user: User) -> list:
    """Drafted documents of the chair's unit waiting for a signature."""
    try:
        from governance.documents.models import Document, DocumentStatus
    except ImportError:  # the documents domain is optional
        return []
    query = (
        select(Document)
        .where(Document.unit_id == user.unit_id, Document.status == DocumentStatus.DRAFT)
        .order_by(Document.created_at.desc())
        .limit(LIST_LIMIT)
    )
    return db.session.scalars(query).all()


def _member(user: User) -> dict[str, Any]:
    """A member's next meetings (through their linked member records), the open poll, the
    papers of the next meeting."""
    from governance.org.people import member_ids
    from governance.voting.models import DevicePoll

    ids = member_ids(user)
    if not ids:
        return {"linked": False, "meetings": [], "polls": [], "papers": []}
    from governance.org.models import Member

    bodies = select(Member.body_id).where(Member.id.in_(ids)).scalar_subquery()
    meetings = db.session.scalars(
        select(Meeting)
        .where(
            Meeting.body_id.in_(bodies),
            Meeting.status != MeetingStatus.CLOSED,
            Meeting.starts_at >= _now() - timedelta(days=2),
        )
        .order_by(Meeting.status != MeetingStatus.OPEN, Meeting.starts_at)
        .limit(LIST_LIMIT)
        .options(selectinload(Meeting.body))
    ).all()
    polls = db.session.scalars(
        select(DevicePoll)
        .where(DevicePoll.open_meeting_id.in_([m.id for m in meetings] or [0]))
        .options(selectinload(DevicePoll.item))
    ).all()
    papers = []
    if meetings:
        papers = db.session.execute(
            select(Attachment, AgendaItem.title)
            .join(AgendaItem, AgendaItem.id == Attachment.agenda_item_id)
            .where(AgendaItem.meeting_id == meetings[0].id)
            .order_by(AgendaItem.position, Attachment.id)
            .limit(20)
        ).all()
    return {"linked": True, "meetings": meetings, "polls": polls, "papers": papers}


def _provinces(user: User) -> list[dict[str, Any]]:
    """Per province in scope: communes, and meetings held, planned, open. Three small
    statements (the provinces, then communes and meetings each counted by one grouped scan
    keyed on the province) instead of one COUNT(DISTINCT) over every body x meeting row."""
    provinces = db.session.execute(
        select(Unit.id, Unit.code, Unit.name)
        .where(Unit.kind == "province", _in_scope(Unit.id, user))
        .order_by(Unit.name)
        .limit(PROVINCE_LIMIT)
    ).all()
    if not provinces:
        return []
    communes = dict(
        db.session.execute(
            select(Unit.parent_id, func.count(Unit.id))
            .where(Unit.parent_id.is_not(None), _in_scope(Unit.id, user))
            .group_by(Unit.parent_id)
        )
        .tuples()
        .all()
    )
    commune = aliased(Unit)
    meetings = {
        row.province: row
        for row in db.session.execute(
            select(
                commune.parent_id.label("province"),
                func.count(Meeting.id).filter(Meeting.status == MeetingStatus.CLOSED).label("held"),
                func.count(Meeting.id)
                .filter(Meeting.status == MeetingStatus.PLANNED)
                .label("planned"),
                func.count(Meeting.id).filter(Meeting.status == MeetingStatus.OPEN).label("open"),
            )
            .select_from(Meeting)
            .join(Body, Body.id == Meeting.body_id)
            .join(commune, commune.id == Body.unit_id)
            .where(commune.parent_id.is_not(None), _in_scope(commune.id, user))
            .group_by(commune.parent_id)
        )
    }
    rows = []
    for province_id, code, name in provinces:
        counted = meetings.get(province_id)
        rows.append(
            {
                "id": province_id,
                "code": code,
                "name": name,
                "communes": communes.get(province_id, 0),
                "held": counted.held if counted else 0,
                "planned": counted.planned if counted else 0,
                "open": counted.open if counted else 0,
            }
        )
    return rows
