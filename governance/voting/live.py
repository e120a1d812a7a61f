"""What the screens of a session follow: the chair's current item, and one state for all.

Several app hosts share one database, so nothing lives in process memory. A screen keeps
`GET /sessions/<id>/events` open and is told when the version moves (voting.live_stream
looks at it every LIVE_CHECK_SECONDS); without a stream it asks
`GET /sessions/<id>/state?since=<version>` every second or two. The version is ONE small
SQL statement (indexed look-ups on the meeting's rows), so an unchanged session costs one
query. It moves with every change a screen shows: the live counter (current item,
speakers), the meeting row's version (open, close), who is present, a poll opened, a ballot
cast or changed (sum of `seq`), a result recorded or reopened, an election round, the agenda.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, text, update

from governance.core import access
from governance.core.database import utcnow
from governance.core.models import User
from governance.core.schemas import local_zone
from governance.extensions import db
from governance.meetings import service as meetings
from governance.meetings.models import AgendaItem, Meeting
from governance.org.models import Unit
from governance.voting import console, devices, polls, service
from governance.voting.live_models import SessionLive, Speaker, SpeakerStatus

VERSION_SQL = text(
    "SELECT u.id, u.parent_id,"
    " (SELECT version FROM session_live WHERE meeting_id = :m),"
    " (SELECT version FROM meetings WHERE id = :m),"
    " (SELECT COALESCE(SUM(CASE WHEN status = 'present' THEN member_id ELSE 0 END), 0)"
    "  + COUNT(*) FROM attendance WHERE meeting_id = :m),"
    " (SELECT COALESCE(MAX(id), 0) FROM device_polls WHERE meeting_id = :m),"
    " (SELECT COUNT(*) FROM device_polls WHERE open_meeting_id = :m),"
    " (SELECT COALESCE(SUM(dp.seq), 0) FROM device_participations dp"
    "  JOIN device_polls p ON p.id = dp.poll_id WHERE p.open_meeting_id = :m),"
    " (SELECT COALESCE(MAX(r.id), 0) + COUNT(r.current_item_id) FROM vote_results r"
    "  JOIN agenda_items a ON a.id = r.agenda_item_id WHERE a.meeting_id = :m),"
    " (SELECT COALESCE(MAX(er.id), 0) FROM election_rounds er"
    "  JOIN elections e ON e.id = er.election_id"
    "  JOIN agenda_items a ON a.id = e.agenda_item_id WHERE a.meeting_id = :m),"
    " (SELECT COALESCE(SUM(version + position), 0) + COUNT(*) FROM agenda_items"
    "  WHERE meeting_id = :m)"
    " FROM meetings mt JOIN bodies b ON b.id = mt.body_id JOIN units u ON u.id = b.unit_id"
    " WHERE mt.id = :m"
)


def probe(meeting_id: int) -> tuple[Unit, str] | None:
    """The meeting's unit (for the access check) and its state version, in ONE statement:
    what a screen asking "anything new?" costs. None when there is no such meeting."""
    row = db.session.execute(VERSION_SQL, {"m": meeting_id}).first()
    if row is None:
        return None
    unit = Unit(id=row[0], parent_id=row[1])  # transient: never added to the session
    return unit, ".".join(str(v or 0) for v in row[2:])


def version(meeting_id: int) -> str:
    """The session's state version: equal strings mean nothing a screen shows changed."""
    found = probe(meeting_id)
    return found[1] if found else ""


def bump(meeting_id: int) -> None:
    """Tell the screens something changed (the caller commits)."""
    moved = db.session.execute(
        update(SessionLive)
        .where(SessionLive.meeting_id == meeting_id)
        .values(version=SessionLive.version + 1, updated_at=utcnow())
    ).rowcount
    if not moved:
        db.session.add(SessionLive(meeting_id=meeting_id, version=1))
        db.session.flush()


# The current item ----------------------------------------------------------------------


def current_item(meeting: Meeting) -> AgendaItem | None:
    """The item the chair shows; before the chair picks one, the first undecided vote."""
    live = db.session.get(SessionLive, meeting.id)
    chosen = live.current_item_id if live else None
    return console.current_item(meeting, chosen)


def set_current_item(item: AgendaItem, by: User) -> None:
    meeting = item.meeting
    access.require(access.can_run_session(by, meeting.body.unit))
    show(item)
    db.session.commit()


def show(item: AgendaItem) -> None:
    """Make the item the one every screen shows (the caller checked access and commits)."""
    live = db.session.get(SessionLive, item.meeting_id)
    if live is None:
        live = SessionLive(meeting_id=item.meeting_id, version=0)
        db.session.add(live)
    if live.current_item_id != item.id:
        live.current_item_id = item.id
        live.version += 1
        live.updated_at = utcnow()


# The state -----------------------------------------------------------------------------


def state(meeting: Meeting, by: User, now: datetime | None = None) -> dict[str, Any]:
    """Everything the console, the projector and members' pages show, as plain data."""
    access.require(access.can_read(by, meeting.body.unit))
    now = now or utcnow()
    item = current_item(meeting)
    quorum = meetings.quorum(meeting)
    return {
        "version": version(meeting.id),
        "changed": True,
        "now": _local(now),
        "meeting": {
            "id": meeting.id,
            "title": meeting.title,
            "status": meeting.status,
            "body": meeting.body.name,
        },
        "quorum": {k: quorum[k] for k in ("present", "total", "required", "quorate")},
        "item": _item(item),
        "poll": poll_state(devices.open_poll_of(meeting)),
        "result": result_of(item),
        "speaker": speaker_of(meeting, now),
        "waiting": [s.member.full_name for s in _waiting(item)] if item else [],
    }


def _item(item: AgendaItem | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {"id": item.id, "number": item.position + 1, "title": item.title, "kind": item.kind}


def poll_state(poll) -> dict[str, Any] | None:
    """An open poll: how many voted of those present, and who has not (never what anyone
    chose on a secret poll; the split only on a named poll, for the console)."""
    if poll is None:
        return None
    voted, missing = polls.participation(poll)
    return {
        "id": poll.id,
        "item_id": poll.agenda_item_id,
        "secret": poll.secret,
        "open": poll.open_meeting_id is not None,
        "voted": len(voted),
        "present": len(voted) + len(missing),
        "not_voted": missing,
    }


def result_of(item: AgendaItem | None) -> dict[str, Any] | None:
    """The current item's standing result with its legal sentence (never another item's)."""
    result = service.current_result(item) if item else None
    if result is None:
        return None
    keys = ("yes", "no", "abstain", "required", "base", "present", "adopted", "outcome")
    data = service.result_dict(result, with_names=False)
    return {k: data[k] for k in keys} | {
        "title": item.title,
        "explanation": data["explanation"],
        "method": data["method"],
    }


def speaker_of(meeting: Meeting, now: datetime) -> dict[str, Any] | None:
    row = db.session.scalar(select(Speaker).where(Speaker.speaking_meeting_id == meeting.id))
    if row is None:
        return None
    elapsed = row.seconds + max(int((now - row.started_at).total_seconds()), 0)
    return {
        "id": row.id,
        "item_id": row.agenda_item_id,
        "name": row.member.full_name,
        "started_at": _local(row.started_at),
        "elapsed": elapsed,
    }


def _waiting(item: AgendaItem) -> list[Speaker]:
    query = select(Speaker).where(
        Speaker.agenda_item_id == item.id, Speaker.status == SpeakerStatus.WAITING
    )
    return list(db.session.scalars(query.order_by(Speaker.position, Speaker.id)))


def _local(moment: datetime | None) -> str | None:
    return moment.astimezone(local_zone()).isoformat() if moment else None
