"""What each person has to do next, for the home page (core draws it; this domain fills it).

Bounded by design: each list is a LIMITed query and the administrator's national view is
grouped by province, so the page runs a constant number of SQL statements whether the
installation holds 7 communes or 3,321.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased, selectinload

from governance.core.models import Role, User
from governance.extensions import db
from governance.meetings.models import AgendaItem, Attachment, Meeting, MeetingStatus
from governance.meetings.upcoming import LIST_LIMIT, sessions, since
from governance.org.models import Body, Unit
from governance.org.scope import in_scope

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


def _body_counts(user: User) -> dict[int, int]:
    """Bodies per unit the user sees (their unit cards), counted by the database."""
    rows = db.session.execute(
        select(Body.unit_id, func.count(Body.id))
        .where(in_scope(Body.unit_id, user))
        .group_by(Body.unit_id)
    )
    return dict(rows.tuples().all())


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
            Meeting.starts_at >= since(),
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
        .where(Unit.kind == "province", in_scope(Unit.id, user))
        .order_by(Unit.name)
        .limit(PROVINCE_LIMIT)
    ).all()
    if not provinces:
        return []
    communes = dict(
        db.session.execute(
            select(Unit.parent_id, func.count(Unit.id))
            .where(Unit.parent_id.is_not(None), in_scope(Unit.id, user))
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
            .where(commune.parent_id.is_not(None), in_scope(commune.id, user))
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
