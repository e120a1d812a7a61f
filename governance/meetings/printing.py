"""The programme (Chương trình) and invitation (Giấy mời) of a meeting as Word files.

Both are working papers the office prints before the meeting: rendered on request from the
current agenda, with the number left blank for the register (documents domain) to fill.
"""

from __future__ import annotations

from datetime import datetime

from governance.core.schemas import local_zone
from governance.documents.compose import compose
from governance.documents.contexts import InvitationContext, ProgrammeContext, ProgrammeRow
from governance.documents.letterhead import letterhead_for, unit_text
from governance.documents.signers import convener_text, convening_signature
from governance.meetings.models import Meeting
from governance.meetings.service import schedule

BLANK = "      "  # room for the number, written in by hand or by the register


def blank_number(type_code: str, issuer_code: str, style: str) -> str:
    if style == "party":
        return f"Số{BLANK}-{type_code}/{issuer_code}"
    return f"Số:{BLANK}/{type_code}-{issuer_code}"


def _common(meeting: Meeting, type_code: str) -> dict:
    letterhead = letterhead_for(meeting.body.unit, meeting.body.kind)
    return {
        "letterhead": letterhead,
        "summary": meeting.title,
        "date": datetime.now(local_zone()).date(),
        "number": blank_number(type_code, letterhead.issuer_code, letterhead.style),
        # Signed by the convening body, with the name of the person holding the office.
        "signature": convening_signature(meeting.body),
        "draft": False,
    }


def programme_docx(meeting: Meeting) -> bytes:
    zone = local_zone()
    items, _overrun = schedule(meeting)
    rows = [
        ProgrammeRow(
            time=f"{i.starts_at.astimezone(zone):%H:%M} – {i.ends_at.astimezone(zone):%H:%M}",
            title=i.title,
            presenter=i.presenter,
        )
        for i in items
    ]
    context = ProgrammeContext(
        **_common(meeting, "CTr"),
        starts_at=meeting.starts_at.astimezone(zone),
        place=meeting.location,
        rows=rows,
    )
    return compose(context)


def invitation_docx(meeting: Meeting) -> bytes:
    zone = local_zone()
    # A council's members are its delegates ("đại biểu"); a committee's, its members.
    who = "đại biểu" if meeting.body.kind == "people_council" else "thành viên"
    invitees = [f"Các đồng chí {who} {meeting.body.name}"]
    invitees += [g.strip() for g in meeting.guests.splitlines() if g.strip()]
    content = [meeting.title, "Nội dung: theo chương trình gửi kèm."]
    context = InvitationContext(
        **_common(meeting, "GM"),
        inviter=convener_text(
            meeting.body.kind,
            unit_text(meeting.body.unit),
            letterhead_for(meeting.body.unit, meeting.body.kind).issuer_name,
        ),
        invitees=invitees,
        content=content,
        starts_at=meeting.starts_at.astimezone(zone),
        place=meeting.location,
        notes=["Đề nghị các đồng chí nghiên cứu tài liệu trước khi dự họp."],
    )
    return compose(context)
