"""Device polls as the API and the signed-in member's page see them (CONTRACT 3).

A member votes as themselves through the account linked to their member record
(org.people); the vote goes through the same writer and guarded SQL as a personal
link (voting.devices), so a secret poll keeps no voter-to-choice link either way.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from governance.core import access
from governance.core.errors import Conflict, Forbidden, Invalid, NotFound
from governance.core.models import User
from governance.extensions import db
from governance.meetings.models import Attendance, AttendanceStatus
from governance.org import people
from governance.org.models import Member
from governance.voting import devices
from governance.voting.models import DeviceParticipation, DevicePoll


def get_poll(poll_id: int, by: User, need: str = "read") -> DevicePoll:
    poll = db.session.get(DevicePoll, poll_id)
    if poll is None:
        raise NotFound(_("This vote does not exist."))
    check = access.can_run_session if need == "run" else access.can_read
    access.require(check(by, poll.item.meeting.body.unit))
    return poll


def participation(poll: DevicePoll) -> tuple[list[str], list[str]]:
    """Names of the present members who have voted, and of those who have not yet.

    Who has voted is not secret (a ballot box shows it too); what they chose is, on a
    secret poll, and is not read here.
    """
    voted_ids = set(
        db.session.scalars(
            select(DeviceParticipation.member_id).where(DeviceParticipation.poll_id == poll.id)
        )
    )
    present = db.session.execute(
        select(Member.id, Member.full_name)
        .join(Attendance, Attendance.member_id == Member.id)
        .where(
            Attendance.meeting_id == poll.meeting_id,
            Attendance.status == AttendanceStatus.PRESENT,
        )
        .order_by(Member.id)
    ).all()
    voted = [name for member_id, name in present if member_id in voted_ids]
    missing = [name for member_id, name in present if member_id not in voted_ids]
    return voted, missing


def poll_dict(poll: DevicePoll, by: User | None = None) -> dict[str, Any]:
    voted, missing = participation(poll)
    data = {
        "id": poll.id,
        "item_id": poll.agenda_item_id,
        "secret": poll.secret,
        "open": poll.open_meeting_id is not None,
        "voted": len(voted),
        "voted_names": voted,
        "not_voted": missing,
        "present": len(voted) + len(missing),
        "result_id": poll.result_id,
    }
    if by is not None and (member := people.member_in(by, poll.item.meeting)) is not None:
        data["my_ballot_counted"] = member.full_name in voted
    return data


def ballot(poll: DevicePoll, by: User, choice: str, receipt: str | None = None) -> dict:
    """The caller's own ballot in this poll; a second one replaces the first while open.

    403 for an account that is not a present member of the body; 409 once closed. On a
    secret poll the replacement needs the receipt the first ballot answered (the server
    keeps no link from a member to a choice, so only the voter's device can move it).
    """
    meeting = poll.item.meeting
    member = people.member_in(by, meeting)
    if member is None:
        raise Forbidden(_("Only the members of this body vote, each from their own account."))
    if choice not in devices.CHOICES:
        raise Invalid(fields={"choice": _("Choose yes, no or abstain.")})
    if poll.open_meeting_id is None:
        raise Conflict(_("The chair has closed this vote."))
    vote = devices.Vote(meeting.id, member.id, choice, devices._read_receipt(receipt), poll.id)
    outcome = devices._submit(vote)
    if outcome == "absent":
        raise Forbidden(_("You are not marked present: ask the secretary to mark you present."))
    if isinstance(outcome, str):
        raise devices.REFUSALS[outcome]()
    new_receipt = receipt
    if poll.secret and outcome.seq is not None:
        new_receipt = devices.make_receipt(poll.id, member.id, outcome.seq, choice)
    return {"poll_id": poll.id, "counted": True, "receipt": new_receipt if poll.secret else None}


def my_choice(poll: DevicePoll | None, member: Member, receipt: str | None) -> str | None:
    return devices.my_choice(poll, member, receipt)
