"""The speakers' list of an agenda item: ask, order, give the floor, stop; time kept.

A member asks from their own account (or the clerk or chair's table adds them); the chair
orders the list, gives the floor and stops. One speaker at a time per meeting and one
request at a time per member and item are held by the database (see live_models.Speaker).
The minutes read who spoke and for how long through `speakers_for_item`.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from governance.core import access, audit
from governance.core.database import utcnow
from governance.core.errors import Conflict, Forbidden, Invalid, NotFound
from governance.core.models import User
from governance.extensions import db
from governance.meetings.models import AgendaItem, MeetingStatus
from governance.org import people
from governance.org.models import Member
from governance.voting import live
from governance.voting.live_models import Speaker, SpeakerStatus


def speakers_for_item(item_id: int) -> list[tuple[str, int]]:
    """(name, seconds spoken) of those who took the floor on the item, in speaking order.
    For the minutes ("Ý kiến phát biểu").
    """
    rows = db.session.execute(
        select(Member.full_name, Speaker.seconds, Speaker.started_at, Speaker.status)
        .join(Member, Member.id == Speaker.member_id)
        .where(Speaker.agenda_item_id == item_id, Speaker.started_at.is_not(None))
        .order_by(Speaker.started_at, Speaker.id)
    ).all()
    now = utcnow()
    return [
        (name, seconds + (_since(started, now) if status == SpeakerStatus.SPEAKING else 0))
        for name, seconds, started, status in rows
    ]


def listing(item: AgendaItem) -> list[dict[str, Any]]:
    """The item's list in order: the one speaking, those waiting, then those done."""
    rows = db.session.scalars(select(Speaker).where(Speaker.agenda_item_id == item.id)).all()
    rank = {SpeakerStatus.SPEAKING: 0, SpeakerStatus.WAITING: 1, SpeakerStatus.DONE: 2}
    ordered = sorted(rows, key=lambda s: (rank[s.status], s.position, s.id))
    return [speaker_dict(s) for s in ordered]


def speaker_dict(row: Speaker) -> dict[str, Any]:
    seconds = row.seconds
    if row.status == SpeakerStatus.SPEAKING and row.started_at:
        seconds += _since(row.started_at, utcnow())
    return {
        "id": row.id,
        "item_id": row.agenda_item_id,
        "member_id": row.member_id,
        "name": row.member.full_name,
        "status": row.status,
        "seconds": seconds,
        "started_at": row.started_at,
    }


def get_speaker(speaker_id: int, by: User) -> Speaker:
    row = db.session.get(Speaker, speaker_id)
    if row is None:
        raise NotFound(_("This request to speak does not exist."))
    access.require(access.can_read(by, row.member.body.unit))
    return row


def may_add_others(by: User, item: AgendaItem) -> bool:
    """The clerk, the chair or the secretary puts anyone of the body on the list."""
    return access.can_take_attendance(by, item.meeting.body.unit)


def ask(item: AgendaItem, member_id: int, by: User) -> Speaker:
    """Put a member on the item's list: themselves, or anyone by the session's office."""
    meeting = item.meeting
    access.require(access.can_read(by, meeting.body.unit))
    member = db.session.get(Member, member_id)
    if member is None or member.body_id != meeting.body_id:
        raise Invalid(fields={"member_id": _("Not a member of %(b)s.", b=meeting.body.name)})
    if member_id not in people.member_ids(by) and not may_add_others(by, item):
        raise Forbidden(_("You may ask to speak only for yourself."))
    if meeting.status == MeetingStatus.CLOSED:
        raise Conflict(_("The meeting is closed."))
    last = db.session.scalar(
        select(Speaker.position)
        .where(Speaker.agenda_item_id == item.id)
        .order_by(Speaker.position.desc())
    )
    row = Speaker(
        agenda_item_id=item.id,
        meeting_id=meeting.id,
        member_id=member_id,
        position=(last or 0) + 1,
        status=SpeakerStatus.WAITING,
        waiting_member_id=member_id,
        added_by=by.username,
    )
    name = member.full_name
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(_("%(name)s is already on the list for this item.", name=name)) from None
    live.bump(meeting.id)
    db.session.commit()
    return row


def start(row: Speaker, by: User) -> Speaker:
    """Give the floor: whoever speaks in this meeting stops first (their time is kept)."""
    item = db.session.get(AgendaItem, row.agenda_item_id)
    meeting = item.meeting
    access.require(access.can_run_session(by, meeting.body.unit))
    if meeting.status != MeetingStatus.OPEN:
        raise Conflict(_("The floor is given only while the meeting is in session."))
    if row.status == SpeakerStatus.SPEAKING:
        return row
    current = db.session.scalar(select(Speaker).where(Speaker.speaking_meeting_id == meeting.id))
    if current is not None:
        _stop(current)
        db.session.flush()
    row.status, row.started_at = SpeakerStatus.SPEAKING, utcnow()
    row.speaking_meeting_id, row.waiting_member_id = meeting.id, row.member_id
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(_("Someone else was just given the floor; reload the list.")) from None
    live.show(item)
    live.bump(meeting.id)
    _audit("give_floor", row, by)
    db.session.commit()
    return row


def stop(row: Speaker, by: User) -> Speaker:
    item = db.session.get(AgendaItem, row.agenda_item_id)
    access.require(access.can_run_session(by, item.meeting.body.unit))
    if row.status == SpeakerStatus.DONE:
        return row
    _stop(row)
    live.bump(item.meeting_id)
    _audit("end_floor", row, by)
    db.session.commit()
    return row


def _stop(row: Speaker) -> None:
    if row.status == SpeakerStatus.SPEAKING and row.started_at:
        row.seconds += _since(row.started_at, utcnow())
    row.status = SpeakerStatus.DONE
    row.speaking_meeting_id = row.waiting_member_id = None


def withdraw(row: Speaker, by: User) -> None:
    """A waiting request is taken back by the member or the office; nothing is kept."""
    item = db.session.get(AgendaItem, row.agenda_item_id)
    if row.member_id not in people.member_ids(by) and not may_add_others(by, item):
        raise Forbidden()
    if row.status != SpeakerStatus.WAITING:
        raise Conflict(_("Only a waiting request can be withdrawn."))
    db.session.delete(row)
    live.bump(item.meeting_id)
    db.session.commit()


def reorder(item: AgendaItem, speaker_ids: list[int], by: User) -> list[dict[str, Any]]:
    """The chair's order of those waiting; the list must name each waiting request once."""
    access.require(access.can_run_session(by, item.meeting.body.unit))
    waiting = {
        s.id: s
        for s in db.session.scalars(
            select(Speaker).where(
                Speaker.agenda_item_id == item.id, Speaker.status == SpeakerStatus.WAITING
            )
        )
    }
    if sorted(speaker_ids) != sorted(waiting):
        raise Invalid(fields={"speaker_ids": _("Give every waiting request exactly once.")})
    for position, speaker_id in enumerate(speaker_ids, start=1):
        waiting[speaker_id].position = position
    live.bump(item.meeting_id)
    db.session.commit()
    return listing(item)


def move(row: Speaker, step: int, by: User) -> None:
    """One place up (-1) or down (+1) among those waiting: the chair's buttons."""
    item = db.session.get(AgendaItem, row.agenda_item_id)
    ids = [s["id"] for s in listing(item) if s["status"] == SpeakerStatus.WAITING]
    if row.id not in ids:
        return
    index = ids.index(row.id)
    ids.insert(min(max(index + step, 0), len(ids) - 1), ids.pop(index))
    reorder(item, ids, by)


def _audit(action: str, row: Speaker, by: User) -> None:
    audit.record(
        action,
        "agenda_item",
        row.agenda_item_id,
        unit_id=row.member.body.unit_id,
        user=by,
        after={"member": row.member_id, "seconds": row.seconds},
    )


def _since(started, now) -> int:
    return max(int((now - started).total_seconds()), 0)
