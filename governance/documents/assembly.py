"""Minutes, resolutions and counting reports assembled from what a session recorded.

The secretary then edits the draft (documents.service.update_draft) before the chair signs.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from governance.core import access
from governance.core.errors import Conflict
from governance.core.models import User
from governance.core.schemas import local_zone
from governance.documents import service
from governance.documents.contexts import (
    Article,
    AttendanceRow,
    CandidateRow,
    CountingReportContext,
    ElectionRound,
    ItemRow,
    MinutesContext,
    ResolutionContext,
    VoteRow,
)
from governance.documents.letterhead import Signature, letterhead_for, short_name, signature_for
from governance.documents.models import Document
from governance.extensions import db
from governance.meetings.models import AgendaItem, Meeting, MeetingStatus
from governance.rules import BODY_KINDS, MAJORITY_RULES
from governance.voting import elections as voting_elections
from governance.voting import service as voting

METHOD_TEXT = {
    "show_of_hands": "Biểu quyết giơ tay",
    "roll_call": "Biểu quyết điểm danh",
    "secret_ballot": "Bỏ phiếu kín",
    "device": "Biểu quyết điện tử",
}
ORDINALS = {1: "nhất", 4: "tư"}


def ordinal(n: int) -> str:
    """ "thứ nhất", "thứ hai" … as Vietnamese sessions are numbered."""
    return f"thứ {ORDINALS.get(n, str(n))}"


def about(title: str) -> str:
    """A resolution's summary line: "Về việc bố trí, phân công …"."""
    if title.lower().startswith("về"):
        return title
    return f"Về việc {title[:1].lower()}{title[1:]}"


def vote_row(title: str, result: dict, body_kind: str) -> VoteRow:
    """The rule as this body's law states it: "quá nửa tổng số ủy viên (Điều 9 Điều lệ Đảng)"."""
    rule, body = MAJORITY_RULES[result["majority"]], BODY_KINDS[body_kind]
    return VoteRow(
        item=title,
        method=METHOD_TEXT.get(result["method"], result["method"]),
        yes=result["yes"],
        no=result["no"],
        abstain=result["abstain"],
        base=result["base"],
        rule=f"{rule.label_vi} {body.base_vi} ({body.basis_vi})",
        required=result["required"],
        adopted=result["adopted"],
    )


def election_rounds(item: AgendaItem) -> list[ElectionRound]:
    election = voting_elections.election_of(item)
    if election is None:
        return []
    report = voting_elections.counting_report(election)
    return [
        ElectionRound(
            title=item.title,
            round_no=r["number"],
            seats=r["seats"],
            ballots_issued=r["ballots_issued"],
            ballots_returned=r["ballots_returned"],
            ballots_valid=r["ballots_valid"],
            ballots_invalid=r["invalid"],
            base=r["base"],
            candidates=[
                CandidateRow(
                    name=v["name"],
                    votes=v["votes"],
                    base=r["base"],
                    elected=v["name"] in r["elected"],
                )
                for v in r["votes"]
            ],
        )
        for r in report["rounds"]
    ]


# Minutes ------------------------------------------------------------------------------


def minutes_context(meeting: Meeting) -> MinutesContext:
    zone = local_zone()
    marks = {a.member_id: a for a in meeting.attendance}
    attendance = [
        AttendanceRow(
            name=m.full_name,
            position=m.position,
            status=marks[m.id].status if m.id in marks else "absent",
            reason=marks[m.id].reason if m.id in marks else "",
        )
        for m in meeting.body.members
    ]
    items = []
    for number, item in enumerate(meeting.items, start=1):
        result = voting.item_votes(item)["result"]
        items.append(
            ItemRow(
                number=f"{number}.",
                title=item.title,
                presenter=item.presenter,
                notes=[p.strip() for p in item.notes.splitlines() if p.strip()],
                votes=[vote_row(item.title, result, meeting.body.kind)] if result else [],
            )
        )
    return MinutesContext(
        letterhead=letterhead_for(meeting.body.unit, meeting.body.kind),
        summary=meeting.title,
        date=(meeting.opened_at or meeting.starts_at).astimezone(zone).date(),
        started_at=(meeting.opened_at or meeting.starts_at).astimezone(zone),
        ended_at=meeting.closed_at.astimezone(zone) if meeting.closed_at else None,
        place=meeting.location,
        chair=meeting.chair_name,
        secretary=meeting.secretary_name,
        members_total=len(meeting.body.members),
        attendance=attendance,
        guests=[g.strip() for g in meeting.guests.splitlines() if g.strip()],
        items=items,
        elections=[r for item in meeting.items for r in election_rounds(item)],
        signature=Signature(position="CHỦ TỌA", name=meeting.chair_name),
        secretary_signature=Signature(position="THƯ KÝ", name=meeting.secretary_name),
    )


def draft_minutes(meeting: Meeting, by: User) -> Document:
    """The minutes of a session that has opened, from its record (once per meeting)."""
    access.require(access.can_write_documents(by, meeting.body.unit))
    if meeting.status == MeetingStatus.PLANNED:
        raise Conflict(_("The meeting has not opened yet: there is nothing to record."))
    _refuse_second("minutes", meeting_id=meeting.id)
    return service.create_document(
        "minutes",
        minutes_context(meeting),
        meeting.body.unit,
        meeting.body,
        by,
        meeting_id=meeting.id,
    )


# Resolutions --------------------------------------------------------------------------


def resolution_context(item: AgendaItem, result: dict) -> ResolutionContext:
    meeting, body = item.meeting, item.meeting.body
    unit = body.unit
    head = letterhead_for(unit, body.kind)
    day = (meeting.opened_at or meeting.starts_at).astimezone(local_zone()).date()
    # Who adopted it: the meeting itself for a Party body, the Council at its session else.
    adopted_by = (
        meeting.title
        if head.style == "party"
        else f"{head.issuer_name} nhiệm kỳ {body.term}, kỳ họp {ordinal(meeting.sequence)}"
    )
    if head.style == "state":
        authority = [
            f"{head.issuer_lines[0]} {unit.name.upper()}",
            f"NHIỆM KỲ {body.term}, KỲ HỌP {ordinal(meeting.sequence).upper()}",
        ]
        bases = [
            "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
            "Căn cứ Luật Ban hành văn bản quy phạm pháp luật",
        ]
    else:
        authority = []
        bases = [
            "Căn cứ Điều lệ Đảng Cộng sản Việt Nam",
            f"Căn cứ Quy chế làm việc của {body.name} nhiệm kỳ {body.term}",
        ]
    considerations = [f"Xét đề nghị của {item.presenter}"] if item.presenter else []
    articles = [
        Article(
            heading="Điều 1.",
            title=item.title,
            paragraphs=[p.strip() for p in item.notes.splitlines() if p.strip()],
        ),
        Article(
            heading="Điều 2.",
            title="Tổ chức thực hiện",
            paragraphs=[
                f"Giao các cơ quan, đơn vị liên quan của {short_name(unit)} tổ "
                "chức thực hiện Nghị quyết này."
            ],
        ),
        Article(
            heading="Điều 3.",
            title="Hiệu lực thi hành",
            paragraphs=["Nghị quyết này có hiệu lực kể từ ngày ký."],
        ),
    ]
    adoption = (
        f"Nghị quyết này đã được {adopted_by} thông qua ngày "
        f"{day.day:02d} tháng {day.month:02d} năm {day.year}./."
    )
    return ResolutionContext(
        letterhead=head,
        summary=about(item.title),
        date=day,
        authority_lines=authority,
        legal_bases=bases,
        considerations=considerations,
        articles=articles,
        adoption=adoption,
        votes=[vote_row(item.title, result, body.kind)],
        signature=signature_for(body.kind, meeting.chair_name),
        recipients=[f"Các thành viên {body.name}"],
    )


def draft_resolution(item: AgendaItem, by: User) -> Document:
    """An adopted item yields its resolution (once)."""
    unit = item.meeting.body.unit
    access.require(access.can_write_documents(by, unit))
    result = voting.item_votes(item)["result"]
    if result is None or not result["adopted"]:
        raise Conflict(_("Only an adopted item yields a resolution; this one was not adopted."))
    _refuse_second("resolution", agenda_item_id=item.id)
    return service.create_document(
        "resolution",
        resolution_context(item, result),
        unit,
        item.meeting.body,
        by,
        meeting_id=item.meeting_id,
        agenda_item_id=item.id,
    )


# Counting reports ---------------------------------------------------------------------


def draft_counting_report(item: AgendaItem, by: User) -> Document:
    """The counting board's report of the item's election, all its rounds so far."""
    meeting = item.meeting
    access.require(access.can_write_documents(by, meeting.body.unit))
    rounds = election_rounds(item)
    if not rounds:
        raise Conflict(_("No round of this election has been counted yet."))
    zone = local_zone()
    context = CountingReportContext(
        letterhead=letterhead_for(meeting.body.unit, meeting.body.kind),
        summary=item.title,
        date=(meeting.opened_at or meeting.starts_at).astimezone(zone).date(),
        started_at=(meeting.opened_at or meeting.starts_at).astimezone(zone),
        place=meeting.location,
        election=rounds[-1],
        board_members_signature=Signature(position="TỔ KIỂM PHIẾU"),
    )
    return service.create_document(
        "counting_report",
        context,
        meeting.body.unit,
        meeting.body,
        by,
        meeting_id=meeting.id,
        agenda_item_id=item.id,
    )


def _refuse_second(kind: str, **where: int) -> None:
    query = (
        select(Document).where(Document.kind == kind, Document.status != "void").filter_by(**where)
    )
    existing = db.session.scalar(query)
    if existing is not None:
        raise Conflict(
            _(
                "This document exists already (%(number)s): edit it instead.",
                number=existing.number,
            ),
            extra={"document_id": existing.id},
        )
