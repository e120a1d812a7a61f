"""What the chair's console, the projector and the paper fallback show: plain data."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from governance import rules
from governance.core import access
from governance.core.models import User
from governance.core.pagination import Page, web_page
from governance.extensions import db
from governance.meetings import service as meetings
from governance.meetings.models import AgendaItem, Meeting, MeetingStatus
from governance.voting import devices, elections, polls, service
from governance.voting.models import DevicePoll, Election, VoteResult

DECIDED_KINDS = ("vote", "election")


def sessions(by: User, unit: str | None = None) -> Page:
    """Meetings in the user's scope that are planned or open, the open ones first: filtered,
    ordered and cut to one page by the database."""
    query = meetings.meeting_query(
        by, unit=unit, status=(MeetingStatus.PLANNED, MeetingStatus.OPEN)
    )
    # "open" sorts before "planned": the index on (status, starts_at) serves this order.
    return web_page(query.order_by(None).order_by(Meeting.status, Meeting.starts_at, Meeting.id))


def current_item(meeting: Meeting, item_id: int | None) -> AgendaItem | None:
    """The item asked for, else the first vote or election still undecided."""
    chosen = [i for i in meeting.items if i.id == item_id]
    if chosen:
        return chosen[0]
    for item in meeting.items:
        if item.kind in DECIDED_KINDS and not _decided(item):
            return item
    return meeting.items[0] if meeting.items else None


def _decided(item: AgendaItem) -> bool:
    if item.kind == "election":
        election = elections.election_of(item)
        return election is not None and elections.next_scope(election) is None
    return service.current_result(item) is not None


def quorum_state(meeting: Meeting) -> dict[str, Any]:
    count = meetings.quorum(meeting)
    sentence = (
        rules.explain_quorum(count["present"], count["total"], meeting.body.kind)
        if count["total"] and meeting.body.kind in rules.BODY_KINDS
        else ""
    )
    return count | {"sentence": sentence}


def roll(meeting: Meeting) -> list[dict[str, Any]]:
    marks = {a.member_id: a.status for a in meeting.attendance}
    return [
        {"id": m.id, "name": m.full_name, "position": m.position, "status": marks.get(m.id, "")}
        for m in meeting.body.members
    ]


def item_state(item: AgendaItem) -> dict[str, Any]:
    meeting = item.meeting
    poll = service._open_poll(item)
    election = elections.election_of(item)
    majority = item.majority or service.DEFAULT_MAJORITY
    base = service.member_count(meeting)
    return {
        "item": item,
        "votes": service.item_votes(item),
        "poll": poll,
        "tally": devices.tally(poll) if poll else None,
        "participation": _participation(poll),
        "election": elections.election_dict(election) if election else None,
        "is_election": item.kind == "election" or election is not None,
        "majority": majority,
        "rule": rules.MAJORITY_RULES[majority],
        "hint": _hint(majority, meeting.body.kind),
        "base": base,
        "required": rules.required_yes(base, majority) if base else 0,
        "default_base": _safe_base(meeting),
    }


def _participation(poll) -> dict[str, Any] | None:
    """Who of those present has not voted yet: the chair sees it before closing."""
    if poll is None:
        return None
    voted, missing = polls.participation(poll)
    return {"voted": len(voted), "present": len(voted) + len(missing), "not_voted": missing}


def _hint(majority: str, body_kind: str) -> str:
    """ "quá nửa tổng số ủy viên (Điều 9 Điều lệ Đảng)": the rule as the chair reads it."""
    rule, kind = rules.MAJORITY_RULES[majority], rules.BODY_KINDS.get(body_kind)
    return f"{rule.label_vi} {kind.base_vi} ({kind.basis_vi})" if kind else rule.label_vi


def _safe_base(meeting: Meeting) -> int | None:
    try:
        return elections.default_base(meeting)
    except Exception:  # nobody left to vote: the form asks for the base instead
        return None


def permissions(meeting: Meeting, by: User) -> dict[str, bool]:
    unit = meeting.body.unit
    return {
        "run": access.can_run_session(by, unit),
        "roll": access.can_take_attendance(by, unit),
        "prepare": access.can_prepare_meetings(by, unit),
        "reopen": access.can_reopen_vote(by, unit),
    }


def last_result(meeting: Meeting) -> dict[str, Any] | None:
    """The most recently recorded standing result of the meeting, for the projector."""
    item_ids = [i.id for i in meeting.items]
    if not item_ids:
        return None
    query = (
        select(VoteResult)
        .where(VoteResult.current_item_id.in_(item_ids))
        .order_by(VoteResult.recorded_at.desc(), VoteResult.id.desc())
    )
    result = db.session.scalars(query.limit(1)).first()
    if result is None:
        return None
    return service.result_dict(result, with_names=False) | {"title": result.item.title}


def items_on_record(item_ids: list[int]) -> set[int]:
    """Items with a vote recorded (standing or reopened), an election or a device poll:
    their record cannot lose its item, so they cannot be deleted."""
    if not item_ids:
        return set()
    found: set[int] = set()
    for column in (VoteResult.agenda_item_id, Election.agenda_item_id, DevicePoll.agenda_item_id):
        found |= set(db.session.scalars(select(column).where(column.in_(item_ids)).distinct()))
    return found
