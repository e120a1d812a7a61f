"""Members voting from their own devices: personal links, one counted vote each, live tally.

A personal link carries a token signed with the app's secret: (meeting, member). It needs
no account; it works only while that meeting is open, for a member marked present, and
only for the poll the chair has opened (one at a time per meeting).

Named polls (closing them records a roll call) keep each member's choice in
`device_participations.choice`. Secret polls keep NO link from a voter to a vote:
- the poll row holds only the tallies (yes / no / abstain counters);
- `device_participations` records only THAT a member voted (choice NULL), so nobody votes
  twice, plus a change counter `seq`;
- the member's own device keeps a signed receipt (poll, member, seq, tag) in a cookie,
  where `tag` is an HMAC of the choice under the app's secret (the choice is not readable
  from the cookie; the server finds it by checking the three possible choices); the server
  stores the receipt nowhere. To change a secret vote the device sends the receipt back:
  the server moves one vote from the old counter to the new one, and bumps `seq`, so an
  older receipt is refused. A lost receipt means the vote stands as cast;
- the console shows only how many have voted on a secret poll, never the running tallies,
  which would let someone watching the screen link a member's tap to a counter moving;
- no audit entry or log line is written per secret vote.
The tallies move by `UPDATE ... SET yes = yes + ? ... WHERE id = ? AND open` statements,
which also lock the poll row: a vote and the close are serialised, so a vote either counts
in the recorded result or is refused as "closed" — never lost, never counted twice
(`UNIQUE (poll_id, member_id)`).

Votes are written by one writer thread per process (voting.writer, group commit): the votes
that queued meanwhile go in ONE transaction, with one read, one counter UPDATE per poll
(net amounts) and one statement per kind of row write, each guarded; a member's request is
answered only once that transaction committed. A refused vote (not present, stale receipt …)
changes nothing of the others. Queued votes live in memory only, as a request's form does.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from governance.core import access, audit
from governance.core.database import utcnow
from governance.core.errors import Conflict, DomainError, Invalid, NotFound
from governance.core.models import User
from governance.extensions import db
from governance.meetings.models import AgendaItem, Meeting
from governance.org.models import Member
from governance.voting import service, writer
from governance.voting.models import Choice, DeviceParticipation, DevicePoll, Method

LINK_SALT = "voting.device-link"
RECEIPT_SALT = "voting.secret-receipt"


def _signer(salt: str) -> URLSafeSerializer:
    return _serializer(current_app.config["SECRET_KEY"], salt)


@lru_cache(maxsize=16)
def _serializer(secret: str | bytes, salt: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=salt)  # building one costs as much as a check


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
    from governance.voting import live  # live reads this module

    live.show(item)
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


@dataclass(frozen=True, slots=True)
class Vote:
    meeting_id: int
    member_id: int
    choice: str
    # The device's secret receipt (poll, member, seq, tag), signature already checked.
    receipt: tuple | None
    poll_id: int | None = None  # the poll the ballot is for (API); None: the one open


@dataclass(frozen=True, slots=True)
class Counted:
    poll_id: int
    secret: bool
    seq: int | None  # None: the same choice again, nothing moved


# What the writer answers when it refuses a vote; the request thread raises the message in
# the member's language (the writer thread has no request, hence no locale).
REFUSALS: dict[str, Callable[[], DomainError]] = {
    "link": lambda: NotFound(_("This voting link is not valid. Ask the clerk for yours.")),
    "meeting": lambda: Conflict(_("The meeting is not in session.")),
    "no_poll": lambda: Conflict(_("No vote is open now. Wait for the chair to open one.")),
    "absent": lambda: Conflict(
        _("You are not marked present: ask the secretary to mark you present.")
    ),
    "closed": lambda: Conflict(
        _("The chair has closed this vote; your vote could not be changed.")
    ),
    "twice": lambda: Conflict(_("Your vote was already counted from another device.")),
    "changed": lambda: Conflict(
        _("Your vote changed on another device meanwhile. Reload the page.")
    ),
    "receipt": lambda: Conflict(
        _("Your secret vote is counted. It can be changed only from the device that cast it last.")
    ),
}


def cast(token: str, choice: str, receipt: str | None = None) -> tuple[int, str | None]:
    """Count (or move) the member's vote; returns the poll's id and, if secret, the new receipt.

    The vote goes to the process's writer (voting.writer), which applies it with every other
    vote queued meanwhile in one transaction; this returns once that transaction committed.
    Correctness rests on the guarded writes (`_write_batch`, `_write_one`), not on the read.
    """
    meeting_id, member_id = _token_ids(token)
    if choice not in CHOICES:
        raise Invalid(fields={"choice": _("Choose yes, no or abstain.")})
    outcome = _submit(Vote(meeting_id, member_id, choice, _read_receipt(receipt)))
    if isinstance(outcome, str):
        raise REFUSALS[outcome]()
    if outcome.seq is None:
        return outcome.poll_id, receipt
    if not outcome.secret:
        return outcome.poll_id, None
    return outcome.poll_id, make_receipt(outcome.poll_id, member_id, outcome.seq, choice)


def make_receipt(poll_id: int, member_id: int, seq: int, choice: str) -> str:
    tag = _choice_tag(poll_id, member_id, seq, choice)
    return _signer(RECEIPT_SALT).dumps([poll_id, member_id, seq, tag])


def _choice_tag(poll_id: int, member_id: int, seq: int, choice: str) -> str:
    """The choice, unreadable without the app's secret (the cookie never holds it plain)."""
    key = current_app.config["SECRET_KEY"]
    key = key.encode() if isinstance(key, str) else key
    message = f"{RECEIPT_SALT}:{poll_id}:{member_id}:{seq}:{choice}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def _choice_from_tag(poll_id: int, member_id: int, seq: int, tag: str) -> str | None:
    for choice in CHOICES:
        if hmac.compare_digest(_choice_tag(poll_id, member_id, seq, choice), str(tag)):
            return choice
    return None


def _submit(vote: Vote) -> Counted | str:
    if db.session.registry.has() and db.session().in_transaction():
        # The caller holds a transaction (on SQLite maybe the write turn the writer would
        # wait for): apply the vote in it and commit it, as a single vote.
        connection = db.session.connection()
        run = writer.runner(connection.connection.cursor(), connection.dialect.paramstyle)
        outcome = apply_vote(run, vote)
        db.session.commit()
        return outcome
    app = current_app._get_current_object()
    return writer.writer_for(app.extensions, "vote_writer", _new_writer).submit(vote)


def _new_writer() -> writer.GroupCommit:
    return writer.GroupCommit(
        db.engine, apply_votes, apply_vote, order=lambda vote: vote.meeting_id
    )


def _token_ids(token: str) -> tuple[int, int]:
    return _checked_token(current_app.config["SECRET_KEY"], token)


# A member's device sends the same link with every vote: its signature is checked once.
@lru_cache(maxsize=4096)
def _checked_token(secret: str | bytes, token: str) -> tuple[int, int]:
    try:
        meeting_id, member_id = _serializer(secret, LINK_SALT).loads(token)
        return int(meeting_id), int(member_id)
    except (BadSignature, ValueError, TypeError):  # an exception is never cached
        raise NotFound(_("This voting link is not valid. Ask the clerk for yours.")) from None


def _read_receipt(receipt: str | None) -> tuple | None:
    """(poll, member, seq, choice) if the signature and the tag hold; the writer checks it
    against the row. Resolved here, in the request thread (the writer has no app context)."""
    if not receipt:
        return None
    try:
        poll_id, member_id, seq, tag = _signer(RECEIPT_SALT).loads(receipt)
        choice = _choice_from_tag(int(poll_id), int(member_id), int(seq), tag)
    except (BadSignature, ValueError, TypeError):
        return None
    return (poll_id, member_id, seq, choice) if choice else None


# Everything a vote needs, in one read; plain SQL, the same on SQLite and PostgreSQL.
STATE_SQL = (
    "SELECT m.id AS member_id, mt.status AS meeting_status, mt.body_id AS meeting_body,"
    " m.body_id AS member_body, a.status AS attendance, p.id AS poll_id, p.secret AS secret,"
    " dp.id AS participation_id, dp.choice AS choice, dp.seq AS seq"
    " FROM members m JOIN meetings mt ON mt.id = :meeting"
    " LEFT JOIN device_polls p ON p.open_meeting_id = mt.id"
    " LEFT JOIN attendance a ON a.meeting_id = mt.id AND a.member_id = m.id"
    " LEFT JOIN device_participations dp ON dp.poll_id = p.id AND dp.member_id = m.id"
    " WHERE m.id IN ({members})"
)

CHOICES = tuple(c.value for c in Choice)

# The writes, as fixed SQL run on the DBAPI cursor (no ORM or SQLAlchemy compiling while
# the write lock is held). Each re-checks what the read found: the poll is still open, the
# member was not counted meanwhile (ON CONFLICT DO NOTHING: a refusal, not an error that
# would abort a PostgreSQL transaction holding other votes), no other change came between.
SHIFT_SQL = (
    "UPDATE device_polls SET yes = yes + :yes, no = no + :no, abstain = abstain + :abstain"
    " WHERE id = :poll AND open_meeting_id IS NOT NULL"
)
INSERT_SQL = (
    "INSERT INTO device_participations (poll_id, member_id, choice, seq)"
    " VALUES {rows} ON CONFLICT DO NOTHING"
)
BUMP_SQL = (
    "UPDATE device_participations SET seq = seq + 1, choice = CASE id {choices} END WHERE {guards}"
)


@dataclass(frozen=True, slots=True)
class Change:
    """The writes one vote needs: move a counter, then add or update the member's row."""

    poll_id: int
    member_id: int
    old: str | None
    new: str
    participation_id: int | None  # None: the member's first vote, a new row
    seq: int | None  # the row's seq as read (the guard against a change meanwhile)
    stored: str | None  # the choice kept in the row: None on a secret poll


def apply_votes(run: writer.Run, votes: list[Vote]) -> list[Counted | str]:
    """A batch of votes with one read and one guarded statement per kind of write.

    Raises writer.Retry when a guard finds the database changed after the read (possible
    on PostgreSQL, another worker): the writer then rolls back and uses `apply_vote`.
    A member's further votes in the same batch are applied after, one by one.
    """
    firsts, again, seen = [], [], set()
    for vote in votes:
        key = (vote.meeting_id, vote.member_id)
        (again if key in seen else firsts).append(vote)
        seen.add(key)
    states = _read_states(run, firsts)
    decided = {id(v): _decide(v, states.get((v.meeting_id, v.member_id))) for v in firsts}
    _write_batch(run, [change for _outcome, change in decided.values() if change])
    for vote in again:
        decided[id(vote)] = (apply_vote(run, vote), None)
    return [decided[id(v)][0] for v in votes]


def apply_vote(run: writer.Run, vote: Vote) -> Counted | str:
    """One vote; its writes under a SAVEPOINT, so a refused vote undoes only its own."""
    outcome, change = _decide(
        vote, _read_states(run, [vote]).get((vote.meeting_id, vote.member_id))
    )
    if change is None:
        return outcome
    run("SAVEPOINT vote", {})
    refusal = _write_one(run, change)
    if refusal:
        run("ROLLBACK TO SAVEPOINT vote", {})
    run("RELEASE SAVEPOINT vote", {})
    return refusal or outcome


def _read_states(run: writer.Run, votes: list[Vote]) -> dict[tuple[int, int], dict]:
    states = {}
    for meeting_id in sorted({v.meeting_id for v in votes}):
        members = sorted({v.member_id for v in votes if v.meeting_id == meeting_id})
        params = {"meeting": meeting_id} | {f"m{i}": m for i, m in enumerate(members)}
        cursor = run(_state_sql(len(members)), params)
        names = [c[0] for c in cursor.description]
        for row in cursor.fetchall():
            state = dict(zip(names, row, strict=True))
            states[(meeting_id, state["member_id"])] = state
    return states


@lru_cache(maxsize=256)
def _state_sql(count: int) -> str:
    return STATE_SQL.format(members=", ".join(f":m{i}" for i in range(count)))


def _decide(vote: Vote, state: dict | None) -> tuple[Counted | str, Change | None]:
    """The vote's outcome as the read shows it, and the writes it needs (if any)."""
    if refusal := _refusal(state, vote.poll_id):
        return refusal, None
    poll_id, secret, seq = state["poll_id"], bool(state["secret"]), state["seq"]
    old = None
    if seq is not None:
        old = _receipt_old_choice(vote, poll_id, seq) if secret else state["choice"]
        if secret and old is None:
            return "receipt", None
    if old == vote.choice:
        return Counted(poll_id, secret, None), None
    stored = None if secret else vote.choice
    change = Change(
        poll_id, vote.member_id, old, vote.choice, state["participation_id"], seq, stored
    )
    return Counted(poll_id, secret, 1 if seq is None else seq + 1), change


def _refusal(state: dict | None, poll_id: int | None = None) -> str | None:
    if state is None or state["meeting_body"] != state["member_body"]:
        return "link"
    if state["meeting_status"] != "open":
        return "meeting"
    if state["poll_id"] is None:
        return "closed" if poll_id else "no_poll"
    if poll_id is not None and state["poll_id"] != poll_id:
        return "closed"
    if state["attendance"] != "present":
        return "absent"
    return None


def _receipt_old_choice(vote: Vote, poll_id: int, seq: int) -> str | None:
    """The member's current secret choice, known only from the receipt on their device."""
    if vote.receipt is None or tuple(vote.receipt[:3]) != (poll_id, vote.member_id, seq):
        return None
    return vote.receipt[3]


def _write_one(run: writer.Run, change: Change) -> str | None:
    """A single vote's writes; the refusal if a guard does not hold."""
    if _shift(run, change.poll_id, [change]) != 1:
        return "closed"
    new, bumps = _split(change)
    if new and _insert(run, new) != 1:
        return "twice"
    if bumps and _bump(run, bumps) != 1:
        return "changed"
    return None


def _write_batch(run: writer.Run, changes: list[Change]) -> None:
    """Every change of the batch: one counter UPDATE per poll, one INSERT, one UPDATE."""
    for poll_id in sorted({c.poll_id for c in changes}):  # one order: no deadlock (PostgreSQL)
        if _shift(run, poll_id, [c for c in changes if c.poll_id == poll_id]) != 1:
            raise writer.Retry
    new, bumps = _split(*changes)
    if new and _insert(run, new) != len(new):
        raise writer.Retry
    if bumps and _bump(run, bumps) != len(bumps):
        raise writer.Retry


def _split(*changes: Change) -> tuple[list[Change], list[Change]]:
    new = [c for c in changes if c.participation_id is None]
    return new, [c for c in changes if c.participation_id is not None]


def _shift(run: writer.Run, poll_id: int, changes: list[Change]) -> int:
    """Move the counters by the changes' net amounts; 0 rows when the poll is closed."""
    delta = dict.fromkeys(CHOICES, 0)
    for c in changes:
        delta[c.new] += 1
        if c.old:
            delta[c.old] -= 1
    return run(SHIFT_SQL, {"poll": poll_id, **delta}).rowcount


def _insert(run: writer.Run, new: list[Change]) -> int:
    params = {}
    for i, c in enumerate(new):
        params |= {f"p{i}": c.poll_id, f"m{i}": c.member_id, f"c{i}": c.stored}
    return run(_insert_sql(len(new)), params).rowcount


def _bump(run: writer.Run, bumps: list[Change]) -> int:
    params = {}
    for i, c in enumerate(bumps):
        params |= {f"i{i}": c.participation_id, f"s{i}": c.seq, f"c{i}": c.stored}
    return run(_bump_sql(len(bumps)), params).rowcount


@lru_cache(maxsize=256)
def _insert_sql(count: int) -> str:
    rows = ", ".join(f"(:p{i}, :m{i}, :c{i}, 1)" for i in range(count))
    return INSERT_SQL.format(rows=rows)


@lru_cache(maxsize=256)
def _bump_sql(count: int) -> str:
    choices = " ".join(f"WHEN :i{i} THEN :c{i}" for i in range(count))
    guards = " OR ".join(f"(id = :i{i} AND seq = :s{i})" for i in range(count))
    return BUMP_SQL.format(choices=choices, guards=guards)


def _receipt_choice(receipt: str | None, row: Any) -> str:
    """The member's current secret choice, known only from the receipt on their device."""
    poll_id, member_id, seq, choice = _read_receipt(receipt) or (None, None, None, None)
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
