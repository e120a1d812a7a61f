"""Minutes, resolutions and counting reports assembled from what a session recorded.

Each is drafted once per record: `source_key` is UNIQUE among live documents (the database
refuses a second), and the service checks it again inside the numbering lock. The secretary
then edits the draft before the secretary and the chair sign.
"""

from __future__ import annotations

from flask_babel import gettext as _

from governance.core import access
from governance.core.errors import Conflict
from governance.core.models import User
from governance.core.schemas import local_zone
from governance.documents import operative, service, wording
from governance.documents.contexts import (
    AttendanceRow,
    CandidateRow,
    CountingReportContext,
    ElectionRound,
    ItemRow,
    MinutesContext,
    ResolutionContext,
    VoteRow,
)
from governance.documents.letterhead import Signature, letterhead_for, unit_text
from governance.documents.models import Document
from governance.documents.signers import body_signature, missing_offices, office_holder
from governance.meetings.models import AgendaItem, Meeting, MeetingStatus
from governance.rules import BODY_KINDS, MAJORITY_RULES, quorum_met
from governance.voting import elections as voting_elections
from governance.voting import service as voting
from governance.voting.speakers import speakers_for_item

METHOD_TEXT = {
    "show_of_hands": "Biểu quyết giơ tay",
    "roll_call": "Biểu quyết điểm danh",
    "secret_ballot": "Bỏ phiếu kín",
    "device": "Biểu quyết điện tử",
}
ordinal = wording.ordinal  # kept for callers of the old name


def about(title: str, party: bool = False) -> str:
    return wording.summary_line(title, party)


def is_council(body) -> bool:
    return body.kind in ("people_council", "people_council_standing")


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


def _item_row(number: int, item: AgendaItem, body_kind: str) -> ItemRow:
    lines = [p.strip() for p in item.notes.splitlines() if p.strip()]
    conclusion = next((n for n in lines if n.lower().startswith("kết luận")), "")
    result = voting.item_votes(item)["result"]
    votes = [vote_row(item.title, result, body_kind)] if result else []
    return ItemRow(
        number=f"{number}.",
        title=item.title,
        presenter=item.presenter,
        speakers=list(dict.fromkeys(name for name, _seconds in speakers_for_item(item.id))),
        notes=[n for n in lines if n != conclusion],
        conclusion=conclusion,
        votes=votes,
        vote_lines=[wording.vote_line(v, v.method) for v in votes],
        elections=election_rounds(item),
    )


def minutes_context(meeting: Meeting) -> MinutesContext:
    zone, body = local_zone(), meeting.body
    council = is_council(body)
    start = (meeting.opened_at or meeting.starts_at).astimezone(zone)
    end = meeting.closed_at.astimezone(zone) if meeting.closed_at else None
    marks = {a.member_id: a for a in meeting.attendance}
    attendance = [
        AttendanceRow(
            name=m.full_name,
            position=m.position,
            status=marks[m.id].status if m.id in marks else "absent",
            reason=marks[m.id].reason if m.id in marks else "",
        )
        for m in body.members
    ]
    total, present = len(attendance), sum(a.status == "present" for a in attendance)
    who, what = ("đại biểu", "kỳ họp") if council else ("đồng chí", "hội nghị")
    chair = meeting.chair_name.strip() or office_holder(body)
    secretary = meeting.secretary_name.strip()
    place = meeting.location.strip() or "……"
    return MinutesContext(
        letterhead=letterhead_for(body.unit, body.kind),
        summary=meeting.title if council else wording.lower_first(meeting.title),
        date=start.date(),
        started_at=start,
        ended_at=end,
        place=place,
        opening=(
            f"Hôm nay, vào lúc {wording.clock(start)}, {wording.day_text(start.date())}, tại "
            f"{place}, {body.name} họp {wording.lower_first(meeting.title)}."
        ),
        chair=wording.name_or_dots(chair),
        secretary=wording.name_or_dots(secretary),
        members_total=total,
        quorum=wording.quorum_sentence(
            present, total, total > 0 and quorum_met(present, total), who, what
        ),
        attendance=attendance,
        guests=[g.strip() for g in meeting.guests.splitlines() if g.strip()],
        programme=[item.title for item in meeting.items],
        items=[_item_row(n, item, body.kind) for n, item in enumerate(meeting.items, start=1)],
        closing=(
            f"Biên bản được thông qua lúc {wording.clock(end)} cùng ngày, các {who} dự "
            f"{what} nhất trí với nội dung biên bản."
        ),
        copies="Biên bản được lập thành 02 bản, lưu hồ sơ " + what + "./.",
        signature=Signature(
            position="CHỦ TỌA KỲ HỌP" if council else "CHỦ TRÌ HỘI NGHỊ", name=chair
        ),
        secretary_signature=Signature(
            position="THƯ KÝ KỲ HỌP" if council else "THƯ KÝ HỘI NGHỊ", name=secretary
        ),
    )


def draft_minutes(meeting: Meeting, by: User) -> Document:
    """The minutes of a session that has opened, from its record (once per meeting)."""
    access.require(access.can_write_documents(by, meeting.body.unit))
    if meeting.status == MeetingStatus.PLANNED:
        raise Conflict(_("The meeting has not opened yet: there is nothing to record."))
    return service.create_document(
        "minutes",
        minutes_context(meeting),
        meeting.body.unit,
        meeting.body,
        by,
        meeting_id=meeting.id,
        source_key=f"minutes:meeting:{meeting.id}",
    )


# Resolutions --------------------------------------------------------------------------


def _papers_line(item: AgendaItem, council: bool, where: str) -> list[str]:
    """ "Xét Tờ trình số … ngày … của …; Báo cáo thẩm tra số … của …; ý kiến thảo luận …"."""
    parts = []
    for kind, label in (("submission", "Tờ trình"), ("review_report", "Báo cáo thẩm tra")):
        for paper in (a for a in item.attachments if a.paper_kind == kind):
            text = f"{label} số {paper.doc_number}" if paper.doc_number else label
            if paper.issued_on:
                text += f" {wording.day_text(paper.issued_on)}"
            if paper.issuer:
                text += f" của {paper.issuer}"
            parts.append(text)
    if council:
        if not any(p.startswith("Tờ trình") for p in parts):
            parts.insert(0, f"Tờ trình số ……/TTr-UBND ngày …… của Ủy ban nhân dân {where}")
        parts.append(f"ý kiến thảo luận của đại biểu Hội đồng nhân dân {where} tại kỳ họp")
    return [f"Xét {'; '.join(parts)}"] if parts else []


def resolution_context(item: AgendaItem, result: dict) -> ResolutionContext:
    meeting, body = item.meeting, item.meeting.body
    unit = body.unit
    head = letterhead_for(unit, body.kind)
    party, council = head.style == "party", is_council(body)
    day = (meeting.opened_at or meeting.starts_at).astimezone(local_zone()).date()
    where = unit_text(unit)
    term = body.term_label.strip() or "khóa ……"
    session = f"kỳ họp {wording.ordinal(meeting.sequence)}"
    effect = (
        f"Nghị quyết này có hiệu lực từ ngày được Hội đồng nhân dân {where} thông qua."
        if council
        else "Nghị quyết này có hiệu lực từ ngày ký."
    )
    text = operative.operative_for(
        item.id,
        party=party,
        unit_text=where,
        effect=effect,
        subject=wording.subject_of(item.title),
        of=f" {wording.day_text(day)} của {body.name}",
    )
    if party:
        own_rules = f"Căn cứ Quy chế làm việc của {body.name} nhiệm kỳ {body.term}"
        if text.type_code == "QC":  # the resolution that issues them cannot rest on them
            own_rules = (
                "Căn cứ Quy định số 294-QĐ/TW của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng"
            )
        authority, bases = [], ["Căn cứ Điều lệ Đảng Cộng sản Việt Nam", own_rules]
    else:
        authority = [f"HỘI ĐỒNG NHÂN DÂN {where.upper()}", f"{term}, {session}".upper()]
        authority = authority if council else []
        bases = [
            "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
            "Căn cứ Luật Ban hành văn bản quy phạm pháp luật",
        ]
    adoption = ""
    if council:
        adoption = (
            f"Nghị quyết này đã được Hội đồng nhân dân {where} {term}, {session} thông qua "
            f"{wording.day_text(day)} và có hiệu lực từ ngày thông qua./."
        )
    return ResolutionContext(
        letterhead=head,
        summary=wording.summary_line(text.title or item.title, party),
        date=day,
        authority_lines=authority,
        legal_bases=bases,
        considerations=_papers_line(item, council, where),
        articles=text.articles,
        annexes=text.annexes,
        adoption=adoption,
        votes=[vote_row(item.title, result, body.kind)],
        signature=body_signature(body, meeting.chair_name),
        recipients=_recipients(body, party, where),
        archive_note="" if party else "VP",
    )


def _recipients(body, party: bool, where: str) -> list[str]:
    if party:
        return ["Ban Thường vụ Tỉnh ủy (để báo cáo)", "Các đồng chí Đảng ủy viên", "Các chi bộ"]
    if is_council(body):
        return [
            "Thường trực HĐND, UBND tỉnh",
            f"Thường trực Đảng ủy {where}",
            f"Thường trực HĐND, UBND {where}",
            f"Đại biểu HĐND {where}",
        ]
    return [f"Các thành viên {body.name}"]


def draft_resolution(item: AgendaItem, by: User) -> Document:
    """An adopted item yields its resolution (once)."""
    unit = item.meeting.body.unit
    access.require(access.can_write_documents(by, unit))
    result = voting.item_votes(item)["result"]
    if result is None or not result["adopted"]:
        raise Conflict(_("Only an adopted item yields a resolution; this one was not adopted."))
    return service.create_document(
        "resolution",
        resolution_context(item, result),
        unit,
        item.meeting.body,
        by,
        meeting_id=item.meeting_id,
        agenda_item_id=item.id,
        source_key=f"resolution:item:{item.id}",
    )


# Counting reports ---------------------------------------------------------------------


def counting_board(election) -> list[AttendanceRow]:
    """The board recorded with the election (CONTRACT `counting_board`), head first. The
    voting domain stores it; until it does, the report prints dotted lines for the hand."""
    board = getattr(election, "counting_board", None) or []
    rows = [
        AttendanceRow(
            name=str(m.get("name", "")).strip(),
            position="Trưởng ban" if m.get("role") == "head" else "Thành viên",
        )
        for m in board
        if isinstance(m, dict) and str(m.get("name", "")).strip()
    ]
    rows.sort(key=lambda r: r.position != "Trưởng ban")
    if not rows:
        rows = [AttendanceRow(name="", position=p) for p in ("Trưởng ban", "Thành viên")]
    return rows


def draft_counting_report(item: AgendaItem, by: User) -> Document:
    """The counting board's report of the item's election, its latest round."""
    meeting, body = item.meeting, item.meeting.body
    access.require(access.can_write_documents(by, body.unit))
    election = voting_elections.election_of(item)
    rounds = election_rounds(item)
    if election is None or not rounds:
        raise Conflict(_("No round of this election has been counted yet."))
    zone, council = local_zone(), is_council(body)
    board = counting_board(election)
    title = "Tổ kiểm phiếu" if council else "Ban kiểm phiếu"
    head = board[0]
    started = election.created_at.astimezone(zone)
    ended = election.rounds[-1].recorded_at.astimezone(zone)
    context = CountingReportContext(
        letterhead=letterhead_for(body.unit, body.kind),
        summary=item.title,
        date=started.date(),
        started_at=started,
        ended_at=ended,
        place=meeting.location,
        board=board,
        board_title=title,
        convened=len(body.members),
        present=sum(a.status == "present" for a in meeting.attendance),
        election=rounds[-1],
        signature=Signature(position=f"{'TỔ TRƯỞNG' if council else 'TRƯỞNG BAN'}", name=head.name),
    )
    return service.create_document(
        "counting_report",
        context,
        body.unit,
        body,
        by,
        meeting_id=meeting.id,
        agenda_item_id=item.id,
        source_key=f"counting_report:round:{election.rounds[-1].id}",
    )


def warnings_for(meeting: Meeting) -> list[str]:
    """Told to the clerk before drafting: offices nobody holds, names not given."""
    body = meeting.body
    missing = missing_offices(
        body, meeting.chair_name or office_holder(body), meeting.secretary_name
    )
    return [
        _(
            "Nobody is recorded as %(office)s: the document will show a dotted line for the "
            "name. Add the person's position in the registry or the meeting first.",
            office=office,
        )
        for office in missing
    ]
