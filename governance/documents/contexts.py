"""What each kind of document is rendered from: typed dataclasses, the interface for callers.

The meetings and voting code fills these (MinutesContext from a session's record,
ResolutionContext from an adopted item); `governance.documents.service.create_document`
numbers, renders and stores them. Text is Vietnamese document content, as it is printed.
Counts are integers; percentages are formatted here with integer arithmetic.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from typing import Any

from governance.documents.letterhead import Letterhead, Signature

__all__ = [
    "KINDS",
    "Annex",
    "AnnexLine",
    "Article",
    "AttendanceRow",
    "CandidateRow",
    "CountingReportContext",
    "DecisionContext",
    "DocumentContext",
    "ElectionRound",
    "InvitationContext",
    "ItemRow",
    "Letterhead",
    "MinutesContext",
    "ProgrammeContext",
    "ProgrammeRow",
    "ResolutionContext",
    "Signature",
    "VoteRow",
    "context_from_dict",
    "percent",
]


def percent(part: int, whole: int) -> str:
    """`53,33%`: two decimals, Vietnamese decimal comma, rounded half up, integers only."""
    if whole <= 0:
        return ""
    hundredths = (part * 10000 * 2 + whole) // (2 * whole)
    return f"{hundredths // 100},{hundredths % 100:02d}%"


@dataclass(kw_only=True)
class DocumentContext:
    """Parts every official document has (DOMAIN.md §6)."""

    letterhead: Letterhead
    title: str  # e.g. "NGHỊ QUYẾT"; printed in capitals
    summary: str = ""  # the line under the title ("Về việc …"), bold
    date: datetime.date | None = None  # of signing/issue; the date line is built from it
    number: str = ""  # filled by the numbering register: "Số: 05/NQ-HĐND"
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận"; "Lưu: VT" is added
    archive_note: str = ""  # after "- Lưu: VT, " (e.g. the drafting office)
    signature: Signature = field(default_factory=Signature)
    draft: bool = True  # the service sets it: unsigned documents carry "DỰ THẢO"

    kind = "document"
    type_code = "CV"


@dataclass(kw_only=True)
class Article:
    heading: str  # "Điều 1."
    title: str = ""  # "Thành lập các cơ quan chuyên môn"
    paragraphs: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class VoteRow:
    """One vote as the minutes print it: counts, the base, the rule and the result."""

    item: str
    method: str = "Biểu quyết giơ tay"
    yes: int = 0
    no: int = 0
    abstain: int = 0
    base: int = 0  # the number the rule counts against (all members, not those present)
    rule: str = "Quá 1/2 tổng số thành viên"
    required: int = 0  # the least number of yes votes that adopts
    adopted: bool = False

    @property
    def result(self) -> str:
        return "Thông qua" if self.adopted else "Không thông qua"

    @property
    def yes_percent(self) -> str:
        return percent(self.yes, self.base)


@dataclass(kw_only=True)
class AnnexLine:
    text: str
    heading: bool = False  # "Chương I", "Điều 1. …": bold
    centre: bool = False  # "Chương I" / its title: centred on lines of their own


@dataclass(kw_only=True)
class Annex:
    """Printed on a page of its own after the signature: a "Phụ lục" the clerk adds, or the
    regulation a resolution promulgates ("QUY CHẾ …" "(Ban hành kèm theo Nghị quyết số …)")."""

    title: str  # "PHỤ LỤC", "QUY CHẾ"
    summary: str = ""  # bold line under the title
    note: str = ""  # "(Kèm theo Nghị quyết số 05/NQ-HĐND ngày …)", italic
    lines: list[AnnexLine] = field(default_factory=list)


@dataclass(kw_only=True)
class ResolutionContext(DocumentContext):
    title: str = "NGHỊ QUYẾT"
    authority_lines: list[str] = field(default_factory=list)  # "HỘI ĐỒNG NHÂN DÂN XÃ …"
    legal_bases: list[str] = field(default_factory=list)  # "Căn cứ …" (punctuated on render)
    considerations: list[str] = field(default_factory=list)  # "Xét Tờ trình số …"
    decides: str = "QUYẾT NGHỊ:"
    articles: list[Article] = field(default_factory=list)
    adoption: str = ""  # "Nghị quyết này đã được … thông qua ngày …/."
    votes: list[VoteRow] = field(default_factory=list)  # the record (not printed)
    annexes: list[Annex] = field(default_factory=list)  # each on its own page

    kind = "resolution"
    type_code = "NQ"


@dataclass(kw_only=True)
class DecisionContext(ResolutionContext):
    title: str = "QUYẾT ĐỊNH"
    decides: str = "QUYẾT ĐỊNH:"

    kind = "decision"
    type_code = "QĐ"


@dataclass(kw_only=True)
class AttendanceRow:
    name: str
    position: str = ""
    status: str = "present"  # present | absent_excused | absent
    reason: str = ""

    @property
    def status_text(self) -> str:
        return {"present": "Có mặt", "absent_excused": "Vắng có lý do"}.get(
            self.status, "Vắng không lý do"
        )


@dataclass(kw_only=True)
class ItemRow:
    number: str  # "1."
    title: str
    presenter: str = ""
    speakers: list[str] = field(default_factory=list)  # who took the floor, in order
    notes: list[str] = field(default_factory=list)  # discussion, one paragraph each
    conclusion: str = ""  # the chair's conclusion
    votes: list[VoteRow] = field(default_factory=list)
    vote_lines: list[str] = field(default_factory=list)  # one compact line per vote
    elections: list[ElectionRound] = field(default_factory=list)  # this item's rounds


@dataclass(kw_only=True)
class CandidateRow:
    name: str
    votes: int = 0
    base: int = 0
    elected: bool = False

    @property
    def share(self) -> str:
        return percent(self.votes, self.base)


@dataclass(kw_only=True)
class ElectionRound:
    title: str  # "Bầu Chủ tịch HĐND xã"
    round_no: int = 1
    seats: int = 1
    ballots_issued: int = 0
    ballots_returned: int = 0
    ballots_valid: int = 0
    ballots_invalid: int = 0
    base: int = 0
    candidates: list[CandidateRow] = field(default_factory=list)

    @property
    def elected(self) -> list[str]:
        return [c.name for c in self.candidates if c.elected]


@dataclass(kw_only=True)
class MinutesContext(DocumentContext):
    title: str = "BIÊN BẢN"
    started_at: datetime.datetime | None = None
    ended_at: datetime.datetime | None = None
    place: str = ""
    chair: str = ""  # "Ông Nguyễn Văn A, Bí thư Đảng ủy"
    secretary: str = ""
    opening: str = ""  # "Hôm nay, vào lúc … giờ …, ngày …, tại …, …"
    members_total: int = 0
    quorum: str = ""  # "28/30 đại biểu có mặt, đủ điều kiện tiến hành kỳ họp …"
    programme: list[str] = field(default_factory=list)  # the programme adopted, in order
    closing: str = ""  # "Biên bản được thông qua lúc … giờ … cùng ngày, …"
    copies: str = ""  # "Biên bản được lập thành 03 bản …"
    attendance: list[AttendanceRow] = field(default_factory=list)
    guests: list[str] = field(default_factory=list)
    items: list[ItemRow] = field(default_factory=list)
    elections: list[ElectionRound] = field(default_factory=list)
    secretary_signature: Signature = field(default_factory=Signature)

    kind = "minutes"
    type_code = "BB"

    @property
    def present(self) -> list[AttendanceRow]:
        return [a for a in self.attendance if a.status == "present"]

    @property
    def absent(self) -> list[AttendanceRow]:
        return [a for a in self.attendance if a.status != "present"]


@dataclass(kw_only=True)
class CountingReportContext(DocumentContext):
    title: str = "BIÊN BẢN KIỂM PHIẾU"
    started_at: datetime.datetime | None = None
    ended_at: datetime.datetime | None = None
    place: str = ""
    board: list[AttendanceRow] = field(default_factory=list)  # the counting board
    board_title: str = "Ban kiểm phiếu"  # "Tổ kiểm phiếu" at a council session
    convened: int = 0
    present: int = 0
    election: ElectionRound | None = None
    board_members_signature: Signature = field(default_factory=Signature)

    @property
    def board_rows(self) -> list[list[AttendanceRow]]:
        """Two signature places a row: every member of the board signs (DOMAIN 4)."""
        return [self.board[i : i + 2] for i in range(0, len(self.board), 2)]

    kind = "counting_report"
    type_code = "BB"


@dataclass(kw_only=True)
class ProgrammeRow:
    time: str  # "08:00 – 08:15"
    title: str
    presenter: str = ""


@dataclass(kw_only=True)
class ProgrammeContext(DocumentContext):
    title: str = "CHƯƠNG TRÌNH"
    starts_at: datetime.datetime | None = None
    place: str = ""
    rows: list[ProgrammeRow] = field(default_factory=list)

    kind = "programme"
    type_code = "CTr"


@dataclass(kw_only=True)
class InvitationContext(DocumentContext):
    title: str = "GIẤY MỜI"
    inviter: str = ""  # the convening body in running text: "Thường trực Hội đồng nhân dân xã …"
    invitees: list[str] = field(default_factory=list)  # "Ông (bà) …", or groups
    content: list[str] = field(default_factory=list)  # what the meeting is about
    starts_at: datetime.datetime | None = None
    place: str = ""
    notes: list[str] = field(default_factory=list)  # documents to bring, contact

    kind = "invitation"
    type_code = "GM"


KINDS: dict[str, type[DocumentContext]] = {
    cls.kind: cls
    for cls in (
        ResolutionContext,
        DecisionContext,
        MinutesContext,
        CountingReportContext,
        ProgrammeContext,
        InvitationContext,
    )
}

_NESTED: dict[str, type] = {
    "letterhead": Letterhead,
    "signature": Signature,
    "secretary_signature": Signature,
    "board_members_signature": Signature,
    "election": ElectionRound,
}
_LISTS: dict[str, type] = {
    "articles": Article,
    "votes": VoteRow,
    "attendance": AttendanceRow,
    "board": AttendanceRow,
    "items": ItemRow,
    "elections": ElectionRound,
    "candidates": CandidateRow,
    "rows": ProgrammeRow,
    "annexes": Annex,
    "lines": AnnexLine,
}
_DATES = {"date"}
_TIMES = {"started_at", "ended_at", "starts_at"}


def context_from_dict(kind: str, data: dict[str, Any]) -> DocumentContext:
    """Rebuild a context from its stored JSON (`dataclasses.asdict` + ISO dates)."""
    if kind not in KINDS:
        raise ValueError(f"Unknown document kind {kind!r}.")
    return _build(KINDS[kind], data)


def _build(cls: type, data: dict[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(cls)}
    values = {}
    for key, value in data.items():
        if key not in names:
            continue
        values[key] = _value(key, value)
    return cls(**values)


def _value(key: str, value: Any) -> Any:
    if value is None:
        return None
    if key in _NESTED and isinstance(value, dict):
        return _build(_NESTED[key], value)
    if key in _LISTS and isinstance(value, list):
        return [_build(_LISTS[key], v) if isinstance(v, dict) else v for v in value]
    if key in _DATES and isinstance(value, str):
        return datetime.date.fromisoformat(value)
    if key in _TIMES and isinstance(value, str):
        return datetime.datetime.fromisoformat(value)
    return value


def context_to_dict(context: DocumentContext) -> dict[str, Any]:
    """JSON-ready: dates as ISO strings."""
    return _jsonable(dataclasses.asdict(context))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value
