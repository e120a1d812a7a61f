"""Demo: the first meeting of Đồng Đăng's Standing Committee, already held from its standard
agenda, with its record, the minutes and a resolution drafted: signing can be tried at once."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select

from governance.core.database import utcnow
from governance.core.models import User
from governance.core.schemas import local_zone
from governance.documents import assembly
from governance.extensions import db
from governance.meetings.models import AgendaItem, Attendance, Meeting
from governance.meetings.standard import agenda_templates
from governance.org.models import Body, Unit
from governance.voting import service as voting

ORDER = 40  # after the registry (10) and the planned meetings (20)

# Show-of-hands counts for the items put to the vote (11 members, 10 present).
COUNTS = {1: (10, 0, 0), 2: (10, 0, 0), 3: (9, 1, 0), 4: (10, 0, 0)}
RESOLVED = 2  # "Bố trí, phân công cán bộ lãnh đạo các phòng, ban chuyên môn …"


def seed(context: dict) -> None:
    unit = db.session.scalar(select(Unit).where(Unit.code == "DONG-DANG"))
    users = (
        {u.role: u for u in db.session.scalars(select(User).where(User.unit_id == unit.id))}
        if unit
        else {}
    )
    if "chair" not in users or db.session.scalar(
        select(Meeting.id).where(Meeting.status == "closed").limit(1)
    ):
        return
    body = db.session.scalar(
        select(Body).where(Body.unit_id == unit.id, Body.kind == "party_standing")
    )
    meeting = _held_meeting(body)
    for position, (yes, no, abstain) in COUNTS.items():
        item = meeting.items[position]
        if item.kind == "vote":
            voting.record_vote(
                item,
                {"method": "show_of_hands", "yes": yes, "no": no, "abstain": abstain},
                users["chair"],
            )
    meeting.status, meeting.closed_at = "closed", meeting.opened_at + timedelta(hours=2)
    db.session.commit()
    assembly.draft_minutes(meeting, users["secretary"])
    assembly.draft_resolution(meeting.items[RESOLVED], users["clerk"])


def _held_meeting(body: Body) -> Meeting:
    day = datetime.now(local_zone()).date() - timedelta(days=4)
    starts = datetime.combine(day, time(8), local_zone())
    meeting = Meeting(
        body=body,
        title="",
        kind="first",
        sequence=1,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        location="Phòng họp Đảng ủy xã",
        chair_name=body.members[0].full_name,
        secretary_name=body.members[3].full_name,
        status="open",
        opened_at=starts,
        created_at=utcnow(),
    )
    template = agenda_templates()["first_party_standing"]
    meeting.title, meeting.template = template.title, template.key
    for position, entry in enumerate(template.items):
        meeting.items.append(
            AgendaItem(
                position=position,
                title=entry.title,
                kind=entry.kind,
                majority=entry.majority,
                presenter=entry.presenter,
                duration_minutes=entry.duration,
            )
        )
    for index, member in enumerate(body.members):
        away = index == len(body.members) - 1
        meeting.attendance.append(
            Attendance(
                member_id=member.id,
                status="absent_excused" if away else "present",
                reason="Đi công tác" if away else "",
            )
        )
    db.session.add(meeting)
    db.session.commit()
    return meeting
