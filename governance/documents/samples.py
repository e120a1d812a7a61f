"""Realistic sample contexts: to check an uploaded template, for tests, screenshots, bench."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from governance.documents.contexts import (
    Article,
    AttendanceRow,
    CandidateRow,
    CountingReportContext,
    DecisionContext,
    DocumentContext,
    ElectionRound,
    InvitationContext,
    ItemRow,
    MinutesContext,
    ProgrammeContext,
    ProgrammeRow,
    ResolutionContext,
    VoteRow,
)
from governance.documents.letterhead import Signature, letterhead_for, signature_for
from governance.rules.formats import document_number

PROVINCE = SimpleNamespace(name="Tỉnh Lạng Sơn", kind="province", parent=None)
COMMUNE = SimpleNamespace(name="Xã Đồng Đăng", kind="commune", parent=PROVINCE)
DAY = datetime.date(2026, 2, 5)
START = datetime.datetime(2026, 2, 5, 8, 0)
END = datetime.datetime(2026, 2, 5, 11, 30)
NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Vi Thị Giang",
    "Lương Văn Hải",
    "Nông Thị Hoa",
    "Hà Văn Khánh",
    "Đinh Thị Lan",
]


def body_kind_for(style: str) -> str:
    return "party_executive" if style == "party" else "people_council"


def vote_rows(n: int, base: int = 30) -> list[VoteRow]:
    return [
        VoteRow(
            item=f"Nội dung số {i + 1}: thông qua dự thảo nghị quyết",
            yes=base - 3 - i % 4,
            no=1 + i % 2,
            abstain=i % 3,
            base=base,
            required=base // 2 + 1,
            adopted=2 * (base - 3 - i % 4) > base,
        )
        for i in range(n)
    ]


def resolution(style: str = "state", votes: int = 0, articles: int = 3) -> ResolutionContext:
    kind = body_kind_for(style)
    party = style == "party"
    body_text = (
        "Giao Ủy ban nhân dân xã tổ chức thực hiện Nghị quyết; Thường trực Hội đồng nhân dân, "
        "các Ban của Hội đồng nhân dân, các Tổ đại biểu và đại biểu Hội đồng nhân dân xã giám "
        "sát việc thực hiện Nghị quyết theo quy định của pháp luật."
    )
    return ResolutionContext(
        letterhead=letterhead_for(COMMUNE, kind),
        summary="Về việc thành lập các cơ quan chuyên môn thuộc Ủy ban nhân dân xã",
        date=DAY,
        authority_lines=[]
        if party
        else ["HỘI ĐỒNG NHÂN DÂN XÃ ĐỒNG ĐĂNG", "KHÓA I, KỲ HỌP THỨ NHẤT"],
        legal_bases=[
            "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
            "Căn cứ Nghị quyết số 104/2025/UBTVQH15 của Ủy ban Thường vụ Quốc hội",
        ]
        if not party
        else ["Căn cứ Điều lệ Đảng Cộng sản Việt Nam", "Căn cứ Quy chế làm việc của Đảng ủy xã"],
        considerations=["Xét đề nghị của Ban Thường vụ Đảng ủy xã"]
        if party
        else [
            "Xét Tờ trình số 01/TTr-UBND ngày 02 tháng 02 năm 2026 của Ủy ban nhân "
            "dân xã; Báo cáo thẩm tra của Ban Pháp chế và ý kiến thảo luận của đại "
            "biểu Hội đồng nhân dân xã tại kỳ họp"
        ],
        decides="QUYẾT NGHỊ:",
        articles=[
            Article(
                heading=f"Điều {i + 1}.",
                title="Thành lập các cơ quan chuyên môn" if i == 0 else "Tổ chức thực hiện",
                paragraphs=[body_text, "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã."],
            )
            for i in range(articles)
        ],
        adoption=""
        if party
        else "Nghị quyết này đã được Hội đồng nhân dân xã Đồng Đăng khóa I, kỳ họp thứ nhất "
        "thông qua ngày 05 tháng 02 năm 2026 và có hiệu lực từ ngày thông qua./.",
        votes=vote_rows(votes),
        recipients=["Thường trực HĐND, UBND tỉnh", "Đảng ủy xã", "Đại biểu HĐND xã"],
        archive_note="VP",
        signature=signature_for(kind, "Nguyễn Văn An"),
    )


def decision() -> DecisionContext:
    base = resolution("state")
    return DecisionContext(
        letterhead=letterhead_for(COMMUNE, "people_committee"),
        summary="Về việc giao nhiệm vụ chuẩn bị kỳ họp",
        date=DAY,
        authority_lines=["CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐỒNG ĐĂNG"],
        legal_bases=base.legal_bases,
        considerations=["Xét đề nghị của Văn phòng HĐND và UBND xã"],
        articles=base.articles,
        recipients=["Như Điều 3", "TT Đảng ủy, HĐND xã"],
        signature=signature_for("people_committee", "Lê Văn Cường"),
    )


def attendance(n: int = 10) -> list[AttendanceRow]:
    rows = [AttendanceRow(name=NAMES[i % len(NAMES)], position="Ủy viên") for i in range(n)]
    rows[-1].status, rows[-1].reason = "absent_excused", "Đi công tác"
    return rows


def election(base: int = 29) -> ElectionRound:
    return ElectionRound(
        title="Bầu Chủ tịch Hội đồng nhân dân xã",
        seats=1,
        ballots_issued=base,
        ballots_returned=base,
        ballots_valid=base - 1,
        ballots_invalid=1,
        base=base,
        candidates=[
            CandidateRow(name="Nguyễn Văn An", votes=base - 2, base=base, elected=True),
            CandidateRow(name="Trần Thị Bình", votes=1, base=base),
        ],
    )


def minutes(style: str = "state") -> MinutesContext:
    kind = body_kind_for(style)
    chair = signature_for(kind, "Nguyễn Văn An")
    chair.on_behalf, chair.position = "", "CHỦ TỌA"
    return MinutesContext(
        letterhead=letterhead_for(COMMUNE, kind),
        summary="Kỳ họp thứ nhất Hội đồng nhân dân xã Đồng Đăng khóa I"
        if style == "state"
        else "Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ xã Đồng Đăng",
        date=DAY,
        started_at=START,
        ended_at=END,
        place="Hội trường Ủy ban nhân dân xã Đồng Đăng",
        chair="Ông Nguyễn Văn An, Chủ tịch HĐND xã",
        secretary="Bà Trần Thị Bình, Ủy viên",
        members_total=10,
        attendance=attendance(),
        guests=["Đại diện Thường trực HĐND tỉnh"],
        items=[
            ItemRow(
                number="1.",
                title="Thông qua chương trình kỳ họp",
                presenter="Ông Nguyễn Văn An",
                notes=["Kỳ họp nhất trí thông qua chương trình như dự kiến."],
                votes=vote_rows(1, 10),
            ),
            ItemRow(
                number="2.",
                title="Nghị quyết thành lập các cơ quan chuyên môn thuộc UBND xã",
                presenter="Ông Lê Văn Cường, Chủ tịch UBND xã",
                notes=[
                    "Các đại biểu thảo luận, đề nghị làm rõ chức năng của từng phòng.",
                    "Chủ tọa kết luận, đưa ra biểu quyết.",
                ],
                votes=vote_rows(2, 10),
            ),
        ],
        elections=[election(10)],
        recipients=["Thường trực HĐND tỉnh", "Lưu hồ sơ kỳ họp"],
        signature=chair,
        secretary_signature=Signature(position="THƯ KÝ", name="Trần Thị Bình"),
    )


def counting_report(style: str = "state") -> CountingReportContext:
    kind = body_kind_for(style)
    return CountingReportContext(
        letterhead=letterhead_for(COMMUNE, kind),
        date=DAY,
        started_at=START,
        ended_at=END,
        place="Hội trường Ủy ban nhân dân xã Đồng Đăng",
        board=[AttendanceRow(name=n, position="Thành viên") for n in NAMES[5:8]],
        election=election(),
        signature=Signature(position="TRƯỞNG BAN KIỂM PHIẾU", name=NAMES[5]),
        board_members_signature=Signature(position="CÁC THÀNH VIÊN", name=", ".join(NAMES[6:8])),
    )


def programme(style: str = "state") -> ProgrammeContext:
    kind = body_kind_for(style)
    times = ["07:30 – 08:00", "08:00 – 08:15", "08:15 – 09:30", "09:30 – 10:30", "10:30 – 11:00"]
    titles = [
        "Đón tiếp đại biểu",
        "Khai mạc kỳ họp",
        "Bầu các chức danh",
        "Thông qua các nghị quyết",
        "Bế mạc",
    ]
    return ProgrammeContext(
        letterhead=letterhead_for(COMMUNE, kind),
        summary="Kỳ họp thứ nhất Hội đồng nhân dân xã Đồng Đăng khóa I",
        date=DAY,
        starts_at=START,
        place="Hội trường Ủy ban nhân dân xã Đồng Đăng",
        rows=[
            ProgrammeRow(time=t, title=x, presenter="Chủ tọa")
            for t, x in zip(times, titles, strict=True)
        ],
        recipients=["Đại biểu HĐND xã"],
        signature=signature_for(kind, "Nguyễn Văn An"),
    )


def invitation(style: str = "state") -> InvitationContext:
    kind = body_kind_for(style)
    return InvitationContext(
        letterhead=letterhead_for(COMMUNE, kind),
        summary="Dự kỳ họp thứ nhất Hội đồng nhân dân xã khóa I",
        date=DAY,
        invitees=["Đồng chí Bí thư Đảng ủy xã", "Các vị đại biểu HĐND xã"],
        content=["Kỳ họp thứ nhất Hội đồng nhân dân xã Đồng Đăng khóa I, nhiệm kỳ 2021–2026."],
        starts_at=START,
        place="Hội trường Ủy ban nhân dân xã Đồng Đăng",
        notes=["Đề nghị đại biểu nghiên cứu tài liệu gửi kèm."],
        recipients=["Như trên"],
        signature=signature_for(kind, "Nguyễn Văn An"),
    )


def sample(kind: str, style: str = "state") -> DocumentContext:
    """A full sample of a kind, for checking that a template renders."""
    context = _sample(kind, style)
    head = context.letterhead
    context.number = document_number(5, context.type_code, head.issuer_code, head.style)
    return context


def _sample(kind: str, style: str) -> DocumentContext:
    builders = {
        "resolution": lambda: resolution(style, votes=3),
        "decision": decision,
        "minutes": lambda: minutes(style),
        "counting_report": lambda: counting_report(style),
        "programme": lambda: programme(style),
        "invitation": lambda: invitation(style),
    }
    return builders[kind]()
