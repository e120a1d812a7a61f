"""Members voting from their own devices: personal links, one counted vote each, live tally.

A personal link carries a token signed with the app's secret: (meeting, member). It needs
no account; it works only while that meeting is open, for a member marked present, and
only for the poll the chair has opened (one at a time per meeting).

Named polls (closing them records a roll call) keep each member's choice in
`device_participations.choice`. Secret polls keep NO link from a voter to a vote:
- the poll row holds only the tallies (yes / no / abstain counters);
- `device_participations` records only THAT a member voted (choice NULL), so nobody votes
  twice, plus a change counter `seq`;
- the member's own device keeps a signed receipt (poll, member, seq, choice) in a cookie;
  the server stores it nowhere. To change a secret vote the device sends the receipt back:
  the server moves one vote from the old counter to the new one, and bumps `seq`, so an
  older receipt is refused. A lost receipt means the vote stands as cast;
- the console shows only how many have voted on a secret poll, never the running tallies,
  which would let someone watching the screen link a member's tap to a counter moving;
- no audit entry or log line is written per secret vote.
The tallies move by single `UPDATE ... SET yes = yes + 1 WHERE id = ? AND open` statements,
which also lock the poll row: a vote and the close are serialised, so a vote either counts
in the recorded result or is refused as "closed" — never lost, never counted twice
(`UNIQUE (poll_id, member_id)`).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError

from governance.core import access, audit
from governance.core.database import utcnow
from governance.core.errors import Conflict, Invalid, NotFound
from governance.core.models import User
from governance.extensions import db
from governance.meetings.models import AgendaItem, Meeting
from governance.org.models import Member
from governance.voting import service
from governance.voting.models import Choice, DeviceParticipation, DevicePoll, Method

LINK_SALT = "voting.device-link"
RECEIPT_SALT = "voting.secret-receipt"


def _signer(salt: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=salt)


def member_token(meeting_id: int, member_id: int) -> str:
    return _signer(LINK_SALT).dumps([meeting_id, member_id])


def read_token(token: str) -> tuple[Meeting, Member]:
    try:
        meeting_id, member_id = _signer(LINK_SALT).loads(token)
    except (BadSignature, ValueError, TypeError):
        raise NotFound(_("This voting link is not valid. Ask the clerk for yours.")) from None
    meeting, member = db.session.get(Meeting, meeting_id), db.session.get(Member, member_id)
    if meeting is None or member is None or member.body_id != meeting.body_id:
        raise NotFound(_("This voting link is not valid. Ask the clerk for yours."))
    return meeting, member


def member_links(meeting: Meeting, by: User) -> list[tuple[Member, str]]:
    """(member, token) for each member present, for the clerk to hand out."""
    access.require(access.can_take_attendance(by, meeting.body.unit))
    present = service.present_ids(meeting)
    members = [m for m in meeting.body.members if m.id in present]
    return [(m, member_token(meeting.id, m.id)) for m in members]


# The chair opens and closes ---------------------------------------------------------------


def open_poll(item: AgendaItem, secret: bool, by: User) -> DevicePoll:
    meeting = item.meeting
    access.require(access.can_run_session(by, meeting.body.unit))
    service.require_open(meeting)
    service._refuse_if_recorded(item)
    poll = DevicePoll(
        agenda_item_id=item.id, meeting_id=meeting.id, open_meeting_id=meeting.id, secret=secret
    )
    db.session.add(poll)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(_("Another vote is open on the members' devices: close it first.")) from None
    audit.record(
        "open_poll",
        "agenda_item",
        item.id,
        unit_id=meeting.body.unit_id,
        user=by,
        after={"poll": poll.id, "secret": secret},
    )
    db.session.commit()
    return poll


def open_poll_of(meeting: Meeting) -> DevicePoll | None:
    return db.session.scalar(select(DevicePoll).where(DevicePoll.open_meeting_id == meeting.id))


def close_poll(item: AgendaItem, by: User):
    """Stop the device vote and record its tally through the ordinary record path."""
    meeting = item.meeting
    access.require(access.can_run_session(by, meeting.body.unit))
    service.require_open(meeting)
    poll = service._open_poll(item)
    if poll is None:
        raise Conflict(_("No device vote is open for this item."))
    closing = (
        update(DevicePoll)
        .where(DevicePoll.id == poll.id, DevicePoll.open_meeting_id.is_not(None))
        .values(open_meeting_id=None, closed_at=utcnow())
    )
    if db.session.execute(closing).rowcount != 1:  # closed meanwhile by another device
        db.session.rollback()
        raise Conflict(_("This device vote was already closed."))
    db.session.refresh(poll)  # the tallies as they stand after the last counted vote
    result = service._record(item, _tally_as_vote(poll), by)
    poll.result_id = result.id
    db.session.commit()
    return result


def _tally_as_vote(poll: DevicePoll) -> dict[str, Any]:
    if poll.secret:
        return {
            "method": Method.SECRET_BALLOT,
            "yes": poll.yes,
            "no": poll.no,
            "abstain": poll.abstain,
        }
    rows = db.session.execute(
        select(DeviceParticipation.member_id, DeviceParticipation.choice).where(
            DeviceParticipation.poll_id == poll.id
        )
    )
    return {"method": Method.ROLL_CALL, "ballots": {m: c for m, c in rows}, "from_devices": True}


def tally(poll: DevicePoll) -> dict[str, Any]:
    """For the console: how many voted; the split only on a named poll."""
    voted = db.session.scalar(
        select(func.count(DeviceParticipation.id)).where(DeviceParticipation.poll_id == poll.id)
    )
    hidden = poll.secret and poll.open_meeting_id is not None
    counts = {c.value: (None if hidden else getattr(poll, c.value)) for c in Choice}
    return {"poll_id": poll.id, "secret": poll.secret, "voted": voted or 0, **counts}


# A member votes ---------------------------------------------------------------------------


def cast(token: str, choice: str, receipt: str | None = None) -> tuple[int, str | None]:
    """Count (or move) the member's vote; returns the poll's id and, if secret, the new receipt.

    Reads first, then two guarded writes and the commit; nothing is read after the commit.
    Correctness rests on the writes alone: the counter UPDATE re-checks that the poll is
    open, the seq UPDATE that no other change came in between, and the unique constraint
    that a member is counted once.
    """
    meeting_id, member_id = _token_ids(token)
    if choice not in Choice.__members__.values():
        raise Invalid(fields={"choice": _("Choose yes, no or abstain.")})
    now = _read_state(meeting_id, member_id)
    poll_id, secret = _check_state(now)
    row = None
    if now["seq"] is not None:
        row = SimpleNamespace(
            id=now["participation_id"],
            poll_id=poll_id,
            member_id=member_id,
            seq=now["seq"],
            choice=now["choice"],
        )
    old = None if row is None else (_receipt_choice(receipt, row) if secret else row.choice)
    if old == choice:
        return poll_id, receipt
    _move(poll_id, old, choice)
    if row is None:
        db.session.connection().execute(
            INSERT_SQL, {"poll": poll_id, "member": member_id, "choice": None if secret else choice}
        )
        seq = 1
    else:
        seq = _bump_seq(row, None if secret else choice)
    try:
        db.session.commit()
    except IntegrityError:  # the same member from two devices at once: the first counts
        db.session.rollback()
        raise Conflict(_("Your vote was already counted from another device.")) from None
    new_receipt = _signer(RECEIPT_SALT).dumps([poll_id, member_id, seq, choice])
    return poll_id, new_receipt if secret else None


def _token_ids(token: str) -> tuple[int, int]:
    try:
        meeting_id, member_id = _signer(LINK_SALT).loads(token)
        return int(meeting_id), int(member_id)
    except (BadSignature, ValueError, TypeError):
        raise NotFound(_("This voting link is not valid. Ask the clerk for yours.")) from None


# Everything a vote needs, in one read; plain SQL, the same on SQLite and PostgreSQL.
STATE_SQL = (
    "SELECT mt.status AS meeting_status, mt.body_id AS meeting_body, m.body_id AS member_body,"
    " a.status AS attendance, p.id AS poll_id, p.secret AS secret,"
    " dp.id AS participation_id, dp.choice AS choice, dp.seq AS seq"
    " FROM members m JOIN meetings mt ON mt.id = :meeting"
    " LEFT JOIN device_polls p ON p.open_meeting_id = mt.id"
    " LEFT JOIN attendance a ON a.meeting_id = mt.id AND a.member_id = m.id"
    " LEFT JOIN device_participations dp ON dp.poll_id = p.id AND dp.member_id = m.id"
    " WHERE m.id = :member"
)


def _read_state(meeting_id: int, member_id: int) -> dict:
    """One read. On SQLite it runs on a plain autocommit connection: core.database starts
    a writing request's transaction with BEGIN IMMEDIATE (the write lock), and reading
    under that lock would queue every device behind every other."""
    params = {"meeting": meeting_id, "member": member_id}
    if db.engine.dialect.name != "sqlite":
        found = db.session.execute(text(STATE_SQL), params).mappings().first()
        state = dict(found) if found else None
    else:
        connection = db.engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(STATE_SQL, params)
            names, row = [c[0] for c in cursor.description], cursor.fetchone()
            cursor.close()
        finally:
            connection.close()
        state = dict(zip(names, row, strict=True)) if row else None
    if state is None or state["meeting_body"] != state["member_body"]:
        raise NotFound(_("This voting link is not valid. Ask the clerk for yours."))
    return state


def _check_state(now: dict) -> tuple[int, bool]:
    if now["meeting_status"] != "open":
        raise Conflict(_("The meeting is not in session."))
    if now["poll_id"] is None:
        raise Conflict(_("No vote is open now. Wait for the chair to open one."))
    if now["attendance"] != "present":
        raise Conflict(_("You are not marked present: ask the secretary to mark you present."))
    return now["poll_id"], bool(now["secret"])


CHOICES = tuple(c.value for c in Choice)

# The writes of a vote, as fixed SQL: the write lock is held only while they run (no ORM
# work under it; with many threads a lock holder that loses the GIL stalls every writer).
MOVE_SQL = {
    (old, new): text(
        f"UPDATE device_polls SET {new} = {new} + 1"
        + (f", {old} = {old} - 1" if old else "")
        + " WHERE id = :poll AND open_meeting_id IS NOT NULL"
    )
    for old in (None, *CHOICES)
    for new in CHOICES
    if old != new
}
INSERT_SQL = text(
    "INSERT INTO device_participations (poll_id, member_id, choice, seq)"
    " VALUES (:poll, :member, :choice, 1)"
)
BUMP_SQL = text(
    "UPDATE device_participations SET seq = :seq + 1, choice = :choice"
    " WHERE id = :id AND seq = :seq"
)


def _move(poll_id: int, old: str | None, new: str) -> None:
    """One statement: check the poll is still open, move the counters."""
    connection = db.session.connection()
    if connection.execute(MOVE_SQL[(old, new)], {"poll": poll_id}).rowcount != 1:
        db.session.rollback()
        raise Conflict(_("The chair has closed this vote; your vote could not be changed."))


def _bump_seq(row: SimpleNamespace, choice: str | None) -> int:
    params = {"id": row.id, "seq": row.seq, "choice": choice}
    if db.session.connection().execute(BUMP_SQL, params).rowcount != 1:
        db.session.rollback()
        raise Conflict(_("Your vote changed on another device meanwhile. Reload the page."))
    return row.seq + 1


def _receipt_choice(receipt: str | None, row: Any) -> str:
    """The member's current secret choice, known only from the receipt on their device."""
    try:
        poll_id, member_id, seq, choice = _signer(RECEIPT_SALT).loads(receipt or "")
    except (BadSignature, ValueError, TypeError):
        poll_id = member_id = seq = choice = None
    if (poll_id, member_id, seq) != (row.poll_id, row.member_id, row.seq):
        raise Conflict(
            _(
                "Your secret vote is counted. It can be changed only from the device "
                "that cast it last."
            )
        )
    return choice


def my_choice(poll: DevicePoll | None, member: Member, receipt: str | None) -> str | None:
    """What the member's page shows as their vote (a secret one only from their receipt)."""
    if poll is None:
        return None
    row = db.session.scalar(
        select(DeviceParticipation).where(
            DeviceParticipation.poll_id == poll.id, DeviceParticipation.member_id == member.id
        )
    )
    if row is None:
        return None
    if not poll.secret:
        return row.choice
    try:
        return _receipt_choice(receipt, row)
    except Conflict:
        return "secret"
