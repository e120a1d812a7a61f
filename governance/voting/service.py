"""Recording votes by the body's legal rule, locking them, reopening them with a reason.

The base of a vote is ALL members of the meeting's body (Party Charter art. 9; Law 72/2025
on local government): those present only bound how many votes can have been cast.
Thresholds and sentences come from governance.rules; nothing here re-implements them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from governance import rules
from governance.core import access, audit
from governance.core.database import utcnow
from governance.core.errors import Conflict, Invalid
from governance.core.models import User
from governance.core.schemas import local_zone
from governance.extensions import db
from governance.meetings.models import AgendaItem, Attendance, AttendanceStatus, ItemKind, Meeting
from governance.meetings.models import MeetingStatus as Status
from governance.org.models import Member
from governance.voting.models import Choice, DevicePoll, Method, RollCallBallot, VoteResult

DEFAULT_MAJORITY = "more_than_half"


# Counting what is in the room -----------------------------------------------------------


def member_count(meeting: Meeting) -> int:
    query = select(func.count(Member.id)).where(Member.body_id == meeting.body_id)
    return db.session.scalar(query) or 0


def present_ids(meeting: Meeting) -> set[int]:
    query = select(Attendance.member_id).where(
        Attendance.meeting_id == meeting.id, Attendance.status == AttendanceStatus.PRESENT
    )
    return set(db.session.scalars(query))


def current_result(item: AgendaItem) -> VoteResult | None:
    return db.session.scalar(select(VoteResult).where(VoteResult.current_item_id == item.id))


def history(item: AgendaItem) -> list[VoteResult]:
    query = select(VoteResult).where(VoteResult.agenda_item_id == item.id)
    return list(db.session.scalars(query.order_by(VoteResult.id)))


def require_open(meeting: Meeting) -> None:
    if meeting.status != Status.OPEN:
        raise Conflict(
            _(
                "Votes are taken only while the meeting is in session; it is “%(status)s”.",
                status=Status(meeting.status).label,
            )
        )


# Recording ------------------------------------------------------------------------------


def record_vote(item: AgendaItem, data: dict, by: User) -> VoteResult:
    """Record the item's result: counts, or one ballot per present member (roll call)."""
    meeting = item.meeting
    access.require(access.can_run_session(by, meeting.body.unit))
    require_open(meeting)
    _refuse_if_recorded(item)
    if _open_poll(item) is not None:
        raise Conflict(_("Members are voting on their devices: close that vote to record it."))
    result = _record(item, data, by)
    db.session.commit()
    return result


def _record(item: AgendaItem, data: dict, by: User) -> VoteResult:
    """Validate, compute by the rule, insert; the caller commits. Shared by device polls."""
    meeting = item.meeting
    base, present = member_count(meeting), present_ids(meeting)
    if base < 1:
        raise Invalid(_("%(body)s has no members: nothing can be decided.", body=meeting.body.name))
    ballots = _check_ballots(data, meeting, present) if data["method"] == Method.ROLL_CALL else {}
    counts = Counter(ballots.values()) if ballots else data
    yes, no, abstain = (int(counts.get(c, 0)) for c in Choice)
    _check_counts(yes, no, abstain, len(present))
    majority = item.majority or DEFAULT_MAJORITY
    result = VoteResult(
        agenda_item_id=item.id,
        current_item_id=item.id,
        method=data["method"],
        yes=yes,
        no=no,
        abstain=abstain,
        present=len(present),
        base=base,
        majority=majority,
        required=rules.required_yes(base, majority),
        adopted=rules.adopted(yes, base, majority),
        body_kind=meeting.body.kind,
        explanation=rules.explain_vote(yes, base, majority, meeting.body.kind),
        recorded_by=by.username,
        ballots=[RollCallBallot(member_id=m, choice=c) for m, c in sorted(ballots.items())],
    )
    db.session.add(result)
    try:
        db.session.flush()
    except IntegrityError:  # another device recorded it first: theirs stands
        db.session.rollback()
        _refuse_if_recorded(db.session.get(AgendaItem, item.id))
        raise
    audit.record(
        "vote",
        "agenda_item",
        item.id,
        unit_id=meeting.body.unit_id,
        user=by,
        after=result_dict(result, with_names=False),
    )
    return result


def _refuse_if_recorded(item: AgendaItem) -> None:
    """Before any vote on the item (recorded, or opened on the members' devices)."""
    _refuse_if_not_votable(item)
    if (existing := current_result(item)) is not None:
        raise Conflict(
            _(
                "A result is already recorded for this item and is locked; the chair may reopen "
                "it with a reason."
            ),
            extra={"result": result_dict(existing)},
        )


def _refuse_if_not_votable(item: AgendaItem) -> None:
    """A discussion is recorded in the minutes, never decided by a vote."""
    if item.kind == ItemKind.DISCUSSION:
        raise Conflict(
            _(
                "“%(title)s” is a discussion item: nothing is voted on it. Add a vote item "
                "to the agenda for the decision.",
                title=item.title,
            )
        )


def _check_counts(yes: int, no: int, abstain: int, present: int) -> None:
    if min(yes, no, abstain) < 0:
        raise Invalid(
            _(
                "Counts cannot be negative (yes %(yes)s, no %(no)s, abstain %(abstain)s).",
                yes=yes,
                no=no,
                abstain=abstain,
            )
        )
    if yes + no + abstain > present:
        raise Invalid(
            _(
                "%(yes)s yes + %(no)s no + %(abstain)s abstain = %(total)s votes, but only "
                "%(present)s members are present: check the count.",
                yes=yes,
                no=no,
                abstain=abstain,
                total=yes + no + abstain,
                present=present,
            )
        )


def _check_ballots(data: dict, meeting: Meeting, present: set[int]) -> dict[int, str]:
    ballots: dict[int, str] = data.get("ballots") or {}
    if not ballots and not data.get("from_devices"):
        raise Invalid(fields={"ballots": _("A roll call needs one vote per member voting.")})
    members = set(db.session.scalars(select(Member.id).where(Member.body_id == meeting.body_id)))
    strangers = sorted(set(ballots) - members)
    if strangers:
        raise Invalid(
            fields={
                "ballots": _(
                    "Not members of %(body)s: %(ids)s.", body=meeting.body.name, ids=_ids(strangers)
                )
            }
        )
    absent = sorted(set(ballots) - present)
    if absent:
        raise Invalid(
            fields={
                "ballots": _("Not marked present, so they cannot vote: %(ids)s.", ids=_ids(absent))
            }
        )
    return ballots


def _ids(ids: list[int]) -> str:
    return ", ".join(map(str, ids))


def _open_poll(item: AgendaItem) -> DevicePoll | None:
    query = select(DevicePoll).where(
        DevicePoll.agenda_item_id == item.id, DevicePoll.open_meeting_id.is_not(None)
    )
    return db.session.scalar(query)


# Reopening ------------------------------------------------------------------------------


def reopen_vote(item: AgendaItem, reason: str, by: User) -> VoteResult:
    """Unlock the item's result; it stays in the history with who reopened it and why."""
    meeting = item.meeting
    access.require(access.can_reopen_vote(by, meeting.body.unit))
    require_open(meeting)
    reason = (reason or "").strip()
    if not reason:
        raise Invalid(fields={"reason": _("Give the reason for reopening the vote.")})
    result = current_result(item)
    if result is None:
        raise Conflict(_("No result is recorded for this item: there is nothing to reopen."))
    before = result_dict(result, with_names=False)
    result.current_item_id = None
    result.reopened_at, result.reopened_by, result.reopen_reason = utcnow(), by.username, reason
    audit.record(
        "reopen_vote",
        "agenda_item",
        item.id,
        unit_id=meeting.body.unit_id,
        user=by,
        before=before,
        after={"current": None},
        reason=reason,
    )
    db.session.commit()
    return result


# What the console, the API and the minutes read ------------------------------------------


def result_dict(result: VoteResult, with_names: bool = True) -> dict[str, Any]:
    """A result as plain data: counts, base, rule and its basis, outcome, explanation."""
    rule = rules.MAJORITY_RULES[result.majority]
    data = {
        "id": result.id,
        "item_id": result.agenda_item_id,
        "method": result.method,
        "yes": result.yes,
        "no": result.no,
        "abstain": result.abstain,
        "present": result.present,
        "base": result.base,
        "majority": result.majority,
        "rule": rule.label_vi,
        "basis": rule.basis_vi,
        "required": result.required,
        "adopted": result.adopted,
        "outcome": "THÔNG QUA" if result.adopted else "KHÔNG THÔNG QUA",
        "explanation": result.explanation,
        "recorded_at": _local(result.recorded_at),
        "recorded_by": result.recorded_by,
        "locked": result.current_item_id is not None,
        "reopened_at": _local(result.reopened_at),
        "reopened_by": result.reopened_by,
        "reopen_reason": result.reopen_reason,
    }
    if result.method == Method.ROLL_CALL:
        names = _names([b.member_id for b in result.ballots]) if with_names else {}
        data["ballots"] = [
            {"member_id": b.member_id, "full_name": names.get(b.member_id, ""), "choice": b.choice}
            for b in result.ballots
        ]
    return data


def _names(ids: list[int]) -> dict[int, str]:
    rows = db.session.execute(select(Member.id, Member.full_name).where(Member.id.in_(ids)))
    return {member_id: name for member_id, name in rows}


def _local(moment) -> str | None:
    return moment.astimezone(local_zone()).isoformat() if moment else None


def item_votes(item: AgendaItem) -> dict[str, Any]:
    """The item's standing result (or None) and every earlier, reopened one."""
    current = current_result(item)
    return {
        "item_id": item.id,
        "title": item.title,
        "result": result_dict(current) if current else None,
        "history": [result_dict(r) for r in history(item) if r.current_item_id is None],
    }


def meeting_votes(meeting: Meeting) -> list[dict[str, Any]]:
    """For the minutes: per agenda item, in order, its result and history (items with any)."""
    rows = [item_votes(item) for item in meeting.items]
    return [row for row in rows if row["result"] or row["history"]]
