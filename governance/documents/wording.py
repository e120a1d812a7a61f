"""Sentences of the minutes, resolutions and counting reports, built from the record.

Pure text: dates follow the date-line rule (rules.formats.date_line), times are local.
"""

from __future__ import annotations

import datetime

from governance.documents.contexts import VoteRow
from governance.documents.signers import DOTS
from governance.rules.formats import date_line

ORDINALS = {1: "nhất", 4: "tư"}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX"}
_LEADS = (  # words naming the act or the paper, not what it is about ("thông qua" stays)
    "biểu quyết ",
    "dự thảo ",
    "nghị quyết ",
    "quyết định ",
    "về việc ",
    "về ",
)


def ordinal(n: int) -> str:
    """ "thứ nhất", "thứ hai" … as Vietnamese sessions are numbered."""
    return f"thứ {ORDINALS.get(n, str(n))}"


def day_text(day: datetime.date | None) -> str:
    """`ngày 05 tháng 02 năm 2026`, `ngày 15 tháng 3 năm 2026` (the date-line rule)."""
    if day is None:
        return "ngày … tháng … năm …"
    return date_line("-", day).removeprefix("-, ")


def clock(moment: datetime.datetime | None) -> str:
    """`08 giờ 30 phút`, or dots for the hand."""
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút" if moment else "…… giờ …… phút"


def lower_first(text: str) -> str:
    return f"{text[:1].lower()}{text[1:]}" if text else text


def subject_of(title: str) -> str:
    """ "Nghị quyết thành lập các cơ quan…" → "thành lập các cơ quan…" (what it is about)."""
    text = " ".join(title.split()).rstrip(".")
    changed = True
    while changed:
        changed = False
        for lead in _LEADS:
            if text.lower().startswith(lead) and len(text) > len(lead):
                text, changed = text[len(lead) :], True
    return lower_first(text)


def summary_line(title: str, party: bool) -> str:
    """State: "Về việc thành lập …"; Party (Guidance 36): lowercase "về thành lập …"."""
    subject = subject_of(title)
    return f"về {subject}" if party else f"Về việc {subject}"


def name_or_dots(name: str) -> str:
    return name.strip() or DOTS


def vote_line(row: VoteRow, method: str) -> str:
    """One compact line: counts against the base, the rule with its basis, the result."""
    return (
        f"Kết quả biểu quyết ({method.lower()}): {row.yes}/{row.base} tán thành "
        f"({row.yes_percent}), {row.no} không tán thành, {row.abstain} không biểu quyết. "
        f"Quy định: {row.rule}, cần ít nhất {row.required} phiếu tán thành. "
        f"Kết quả: {row.result.lower()}."
    )


def quorum_sentence(present: int, total: int, met: bool, who: str, what: str) -> str:
    """ "28/30 đại biểu có mặt, đủ điều kiện tiến hành kỳ họp theo quy định." """
    outcome = "đủ" if met else "chưa đủ"
    return f"{present}/{total} {who} có mặt, {outcome} điều kiện tiến hành {what} theo quy định."


def roman(n: int) -> str:
    return ROMAN.get(n, str(n))
