"""Realistic sample contexts: to check an uploaded template, for tests, screenshots, bench."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from governance.documents.contexts import (
    Annex,
    AnnexLine,
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
from governance.documents.signers import CONVENERS
from governance.documents.wording import quorum_sentence, summary_line, vote_line
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


def resolution(
    style: str = "state", votes: int = 0, articles: int = 3, annex: bool = False
) -> ResolutionContext:
    kind = body_kind_for(style)
    party = style == "party"
    body_text = (
        "Giao Ủy ban nhân dân xã tổ chức thực hiện Nghị quyết; Thường trực Hội đồng nhân dân, "
        "các Ban của Hội đồng nhân dân, các Tổ đại biểu và đại biểu Hội đồng nhân dân xã giám "
        "sát việc thực hiện Nghị quyết theo quy định của pháp luật."
    )
    state_articles = [
        Article(
            heading="Điều 1.",
            title="Thành lập các cơ quan chuyên môn thuộc Ủy ban nhân dân xã Đồng Đăng",
            paragraphs=[
                "1. Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã.",
                "2. Phòng Kinh tế.",
                "3. Phòng Văn hóa - Xã hội.",
            ],
        ),
        Article(heading="Điều 2.", title="Tổ chức thực hiện", paragraphs=[body_text]),
        Article(
            heading="Điều 3.",
            title="Hiệu lực thi hành",
            paragraphs=[
                "Nghị quyết này có hiệu lực từ ngày được Hội đồng nhân dân xã Đồng Đăng thông qua."
            ],
        ),
    ]
    party_sections = [
        Article(
            heading="1.",
            title="Thống nhất chủ trương",
            paragraphs=[
                "Thống nhất thành lập các cơ quan chuyên môn thuộc Ủy ban nhân dân xã gồm: Văn "
                "phòng Hội đồng nhân dân và Ủy ban nhân dân; Phòng Kinh tế; Phòng Văn hóa - Xã hội."
            ],
        ),
        Article(
            heading="2.",
            title="Tổ chức thực hiện",
            paragraphs=[
                "Giao Đảng đoàn Hội đồng nhân dân, Ban cán sự đảng Ủy ban nhân dân xã lãnh đạo "
                "thực hiện; Ủy ban Kiểm tra Đảng ủy giám sát việc thực hiện Nghị quyết này."
            ],
        ),
    ]
    chosen = (party_sections if party else state_articles)[: max(articles, 1)]
    return ResolutionContext(
        letterhead=letterhead_for(COMMUNE, kind),
        summary=summary_line(
            "Nghị quyết thành lập các cơ quan chuyên môn thuộc Ủy ban nhân dân xã", party
        ),
        date=DAY,
        authority_lines=[]
        if party
        else ["HỘI ĐỒNG NHÂN DÂN XÃ ĐỒNG ĐĂNG", "KHÓA I, KỲ HỌP THỨ NHẤT"],
        legal_bases=[
            "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
            "Căn cứ Nghị quyết số 104/2025/UBTVQH15 của Ủy ban Thường vụ Quốc hội",
        ]
        if not party
        else [
            "Căn cứ Điều lệ Đảng Cộng sản Việt Nam",
            "Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ xã nhiệm kỳ 2025–2030",
        ],
        considerations=[
            "Xét Tờ trình số 03/TTr-BTV ngày 02 tháng 02 năm 2026 của Ban Thường vụ Đảng ủy xã"
        ]
        if party
        else [
            "Xét Tờ trình số 01/TTr-UBND ngày 02 tháng 02 năm 2026 của Ủy ban nhân "
            "dân xã; Báo cáo thẩm tra số 01/BC-BPC ngày 03 tháng 02 năm 2026 của Ban Pháp chế "
            "Hội đồng nhân dân xã; ý kiến thảo luận của đại biểu Hội đồng nhân dân xã tại kỳ họp"
        ],
        decides="QUYẾT NGHỊ:",
        articles=chosen,
        adoption=""
        if party
        else "Nghị quyết này đã được Hội đồng nhân dân xã Đồng Đăng khóa I, kỳ họp thứ nhất "
        "thông qua ngày 05 tháng 02 năm 2026 và có hiệu lực từ ngày thông qua./.",
        votes=vote_rows(votes),
        annexes=[
            Annex(
                title="PHỤ LỤC",
                summary="Danh sách các cơ quan chuyên môn",
                note="(Kèm theo Nghị quyết số {number} ngày 05 tháng 02 năm 2026)",
                lines=[AnnexLine(text="1. Văn phòng HĐND và UBND xã", heading=True)],
            )
        ]
        if annex
        else [],
        recipients=["Ban Thường vụ Tỉnh ủy (để báo cáo)", "Các đồng chí Đảng ủy viên", "Các chi bộ"]
        if party
        else ["Thường trực HĐND, UBND tỉnh", "Thường trực Đảng ủy xã", "Đại biểu HĐND xã"],
        archive_note="" if party else "VP",
        signature=signature_for(kind, "Nguyễn Văn An"),
    )


def decision(style: str = "state") -> DecisionContext:
    base = resolution("state")
    if style == "party":
        return DecisionContext(
            letterhead=letterhead_for(COMMUNE, "party_standing"),
            summary="về việc thành lập Tổ giúp việc Ban Thường vụ Đảng ủy xã",
            date=DAY,
            legal_bases=[
                "Căn cứ Điều lệ Đảng Cộng sản Việt Nam",
                "Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ xã nhiệm kỳ 2025–2030",
            ],
            considerations=["Xét đề nghị của Văn phòng Đảng ủy"],
            articles=[
                Article(
                    heading="Điều 1.",
                    paragraphs=[
                        "Thành lập Tổ giúp việc Ban Thường vụ Đảng ủy xã gồm các đồng chí có tên "
                        "trong danh sách kèm theo."
                    ],
                ),
                Article(
                    heading="Điều 2.",
                    paragraphs=[
                        "Tổ giúp việc tham mưu cho Ban Thường vụ chuẩn bị nội dung các hội nghị "
                        "và theo dõi việc thực hiện các nghị quyết, kết luận của Đảng ủy."
                    ],
                ),
                Article(
                    heading="Điều 3.",
                    paragraphs=[
                        "Văn phòng Đảng ủy và các đồng chí có tên tại Điều 1 thi hành Quyết định "
                        "này. Quyết định có hiệu lực kể từ ngày ký."
                    ],
                ),
            ],
            recipients=["Như Điều 3", "Các đồng chí Ủy viên Ban Thường vụ"],
            signature=signature_for("party_standing", "Nguyễn Văn An"),
        )
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
    state = style == "state"
    who, what = ("đại biểu", "kỳ họp") if state else ("đồng chí", "hội nghị")
    votes = vote_rows(2, 10)
    rounds = [election(10)]
    return MinutesContext(
        letterhead=letterhead_for(COMMUNE, kind),
        summary="Kỳ họp thứ nhất Hội đồng nhân dân xã Đồng Đăng khóa I"
        if state
        else "hội nghị lần thứ nhất Ban Chấp hành Đảng bộ xã Đồng Đăng",
        date=DAY,
        started_at=START,
        ended_at=END,
        place="Hội trường Ủy ban nhân dân xã Đồng Đăng",
        opening="Hôm nay, vào lúc 08 giờ 00 phút, ngày 05 tháng 02 năm 2026, tại Hội trường Ủy "
        "ban nhân dân xã Đồng Đăng, "
        + (
            "Hội đồng nhân dân xã Đồng Đăng khóa I họp kỳ họp thứ nhất."
            if state
            else "Ban Chấp hành Đảng bộ xã Đồng Đăng họp hội nghị lần thứ nhất."
        ),
        chair="Nguyễn Văn An",
        secretary="Trần Thị Bình",
        members_total=10,
        quorum=quorum_sentence(9, 10, True, who, what),
        attendance=attendance(),
        guests=["Đại diện Thường trực HĐND tỉnh"],
        programme=[
            "Khai mạc",
            "Bầu Chủ tịch",
            "Thông qua nghị quyết thành lập các cơ quan chuyên môn",
        ],
        items=[
            ItemRow(
                number="1.",
                title="Khai mạc",
                presenter="Ông Nguyễn Văn An",
                notes=["Chủ tọa tuyên bố lý do, giới thiệu đại biểu."],
            ),
            ItemRow(
                number="2.",
                title="Bầu Chủ tịch Hội đồng nhân dân xã",
                notes=["Chủ tọa giới thiệu Tổ kiểm phiếu; đại biểu bỏ phiếu kín."],
                elections=rounds,
            ),
            ItemRow(
                number="3.",
                title="Nghị quyết thành lập các cơ quan chuyên môn thuộc UBND xã",
                presenter="Ông Lê Văn Cường, Chủ tịch UBND xã",
                notes=["Các đại biểu thảo luận, đề nghị làm rõ chức năng của từng phòng."],
                conclusion="Kết luận: chủ tọa đề nghị biểu quyết thông qua.",
                votes=votes[:1],
                vote_lines=[vote_line(votes[0], votes[0].method)],
            ),
        ],
        closing=f"Biên bản được thông qua lúc 11 giờ 30 phút cùng ngày, các {who} dự {what} "
        "nhất trí với nội dung biên bản.",
        copies=f"Biên bản được lập thành 02 bản, lưu hồ sơ {what}./.",
        recipients=[],
        signature=Signature(
            position="CHỦ TỌA KỲ HỌP" if state else "CHỦ TRÌ HỘI NGHỊ", name="Nguyễn Văn An"
        ),
        secretary_signature=Signature(
            position="THƯ KÝ KỲ HỌP" if state else "THƯ KÝ HỘI NGHỊ", name="Trần Thị Bình"
        ),
    )


def counting_report(style: str = "state") -> CountingReportContext:
    kind = body_kind_for(style)
    return CountingReportContext(
        letterhead=letterhead_for(COMMUNE, kind),
        date=DAY,
        started_at=START,
        ended_at=END,
        place="Hội trường Ủy ban nhân dân xã Đồng Đăng",
        summary="Bầu Chủ tịch Hội đồng nhân dân xã",
        board=[AttendanceRow(name=NAMES[5], position="Trưởng ban")]
        + [AttendanceRow(name=n, position="Thành viên") for n in NAMES[6:8]],
        board_title="Tổ kiểm phiếu" if style == "state" else "Ban kiểm phiếu",
        convened=30,
        present=29,
        election=election(),
        signature=Signature(position="TRƯỞNG BAN", name=NAMES[5]),
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
        signature=signature_for(CONVENERS.get(kind, kind), "Nguyễn Văn An"),
    )


def invitation(style: str = "state") -> InvitationContext:
    kind = body_kind_for(style)
    return InvitationContext(
        letterhead=letterhead_for(COMMUNE, kind),
        summary="Dự kỳ họp thứ nhất Hội đồng nhân dân xã khóa I"
        if style == "state"
        else "dự hội nghị lần thứ nhất Ban Chấp hành Đảng bộ xã",
        date=DAY,
        inviter="Thường trực Hội đồng nhân dân xã Đồng Đăng"
        if style == "state"
        else "Ban Thường vụ Đảng ủy xã Đồng Đăng",
        invitees=["Đồng chí Bí thư Đảng ủy xã", "Các vị đại biểu HĐND xã"]
        if style == "state"
        else ["Các đồng chí Ủy viên Ban Chấp hành Đảng bộ xã"],
        content=["Kỳ họp thứ nhất Hội đồng nhân dân xã Đồng Đăng khóa I, nhiệm kỳ 2026–2031."]
        if style == "state"
        else ["Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ xã Đồng Đăng, nhiệm kỳ 2025–2030."],
        starts_at=START,
        place="Hội trường Ủy ban nhân dân xã Đồng Đăng",
        notes=["Đề nghị đại biểu nghiên cứu tài liệu gửi kèm."],
        recipients=["Như trên"],
        signature=signature_for(CONVENERS.get(kind, kind), "Nguyễn Văn An"),
    )


def sample(kind: str, style: str = "state") -> DocumentContext:
    """A full sample of a kind, for checking that a template renders."""
    context = _sample(kind, style)
    head = context.letterhead
    context.number = document_number(5, context.type_code, head.issuer_code, head.style)
    return context


def _sample(kind: str, style: str) -> DocumentContext:
    builders = {
        "resolution": lambda: resolution(style),
        "decision": lambda: decision(style),
        "minutes": lambda: minutes(style),
        "counting_report": lambda: counting_report(style),
        "programme": lambda: programme(style),
        "invitation": lambda: invitation(style),
    }
    return builders[kind]()
