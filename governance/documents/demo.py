"""Demo: the first meeting of Đồng Đăng's Standing Committee and the first session of its
People's Council, already held from their standard agendas, with their record, the minutes,
a resolution (its submission and review report attached) and a counting report drafted:
signing (secretary and chair) and publishing can be tried at once."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select

from governance.core.database import utcnow
from governance.core.models import User
from governance.core.schemas import local_zone
from governance.documents import assembly
from governance.extensions import db
from governance.meetings.models import AgendaItem, Attachment, Attendance, Meeting
from governance.meetings.standard import agenda_templates
from governance.org.models import Body, Unit
from governance.voting import elections as voting_elections
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
    for council in db.session.scalars(select(Body).where(Body.kind.like("people_council%"))):
        council.term_label = council.term_label or "khóa I"
    meeting = _held_meeting(body, "first_party_standing", "Phòng họp Đảng ủy xã")
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
    council = db.session.scalar(
        select(Body).where(Body.unit_id == unit.id, Body.kind == "people_council")
    )
    if council is not None:
        _council_session(council, users)


COUNCIL_RESOLVED = 10  # "Nghị quyết thành lập các cơ quan chuyên môn thuộc UBND xã"
COUNCIL_ELECTION = 5  # "Bầu Chủ tịch Hội đồng nhân dân xã"


def _council_session(body: Body, users: dict) -> None:
    meeting = _held_meeting(body, "first_people_council", "Hội trường Ủy ban nhân dân xã")
    present = sum(a.status == "present" for a in meeting.attendance)
    for item in meeting.items:
        if item.kind == "vote":
            counts = {"method": "show_of_hands", "yes": present - 1, "no": 1, "abstain": 0}
            voting.record_vote(item, counts, users["chair"])
    item = meeting.items[COUNCIL_ELECTION]
    chair_name = body.members[0].full_name
    other = body.members[5].full_name
    election = voting_elections.create_election(
        item, {"seats": 1, "candidates": [chair_name, other]}, users["chair"]
    )
    counted = voting_elections.record_round(
        election,
        {
            "ballots_issued": present,
            "ballots_returned": present,
            "invalid": 1,
            "votes": {chair_name: present - 3, other: 2},
        },
        users["chair"],
    )
    # As if counted during the session (the demo is seeded days later).
    election.created_at = meeting.opened_at + timedelta(hours=1)
    counted.recorded_at = meeting.opened_at + timedelta(hours=1, minutes=25)
    _papers(meeting.items[COUNCIL_RESOLVED], meeting.starts_at.date())
    meeting.status, meeting.closed_at = "closed", meeting.opened_at + timedelta(hours=4)
    db.session.commit()
    assembly.draft_minutes(meeting, users["secretary"])
    resolution = assembly.draft_resolution(meeting.items[COUNCIL_RESOLVED], users["clerk"])
    assembly.draft_counting_report(item, users["clerk"])
    _fill_operative(resolution, users["clerk"])


def _fill_operative(document, clerk) -> None:
    """What the office does before signing when the adopted draft is not in the app: type the
    operative text in place of the placeholder."""
    from governance.documents import samples, service
    from governance.documents.contexts import context_from_dict

    context = context_from_dict(document.kind, document.context)
    where = samples.resolution("state").articles[0]
    context.articles[0].paragraphs = where.paragraphs
    service.update_draft(document, context, clerk)


def _papers(item: AgendaItem, day) -> None:
    """The submission and the review report the resolution's "Xét" line names."""
    for kind, number, issuer in (
        ("submission", "01/TTr-UBND", "Ủy ban nhân dân xã Đồng Đăng"),
        ("review_report", "01/BC-BPC", "Ban Pháp chế Hội đồng nhân dân xã"),
    ):
        item.attachments.append(
            Attachment(
                filename=f"{number.replace('/', '-')}.pdf",
                content_type="application/pdf",
                size=0,
                sha256="",
                storage_key=f"demo-{kind}-{item.id}",
                uploaded_by="demo",
                paper_kind=kind,
                doc_number=number,
                issued_on=day - timedelta(days=3),
                issuer=issuer,
            )
        )


def _held_meeting(body: Body, template_key: str, location: str) -> Meeting:
    day = datetime.now(local_zone()).date() - timedelta(days=4)
    starts = datetime.combine(day, time(8), local_zone())
    meeting = Meeting(
        body=body,
        title="",
        kind="first",
        sequence=1,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        location=location,
        chair_name=body.members[0].full_name,
        secretary_name=body.members[3].full_name,
        status="open",
        opened_at=starts,
        created_at=utcnow(),
    )
    template = agenda_templates()[template_key]
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
