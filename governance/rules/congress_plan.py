"""A congress plan counted back in working days, and the size caps as warnings.

DOMAIN section 5: the notice period and the provincial deadline are set by the province;
the offsets below are a starting plan the office edits, not figures claimed as law.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "DEFAULT_MILESTONES",
    "CapWarning",
    "MilestoneDraft",
    "cap_warnings",
    "is_working_day",
    "plan_milestones",
    "working_days_before",
]

_DIRECTIVE_45 = "Chỉ thị 45-CT/TW ngày 14/4/2025 của Bộ Chính trị"


def is_working_day(day: date, holidays: Iterable[date] = ()) -> bool:
    return day.weekday() < 5 and day not in set(holidays)


def working_days_before(day: date, n: int, holidays: Iterable[date] = ()) -> date:
    """The working day `n` working days before `day` (weekends and holidays skipped).

    0 gives `day` itself: a congress may open on any day; the count starts the day before.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"The number of working days must be a whole number ≥ 0 (got {n!r}).")
    if n > 36_500:
        raise ValueError("A plan cannot reach back more than a century.")
    off = set(holidays)
    cursor, left = day, n
    while left:
        cursor -= timedelta(days=1)
        if is_working_day(cursor, off):
            left -= 1
    return cursor


@dataclass(frozen=True)
class MilestoneDraft:
    title: str
    owner: str
    working_days_before: int | None  # None: the province's fixed date
    due_on: date


# (title, owner, working days before the opening; "notice" = the province's notice period)
DEFAULT_MILESTONES: tuple[tuple[str, str, int | str], ...] = (
    ("Ban hành kế hoạch tổ chức đại hội", "Ban Thường vụ Đảng ủy", "notice+40"),
    ("Phân bổ số lượng đại biểu cho các chi bộ, đảng bộ cơ sở", "Ban Tổ chức", "notice+30"),
    ("Hoàn thành dự thảo báo cáo chính trị", "Tổ biên tập", "notice+20"),
    ("Đại hội các chi bộ bầu đại biểu dự đại hội", "Các chi bộ", "notice+10"),
    ("Trình cấp trên báo cáo chính trị, đề án nhân sự", "Văn phòng Đảng ủy", "notice"),
    ("Gửi giấy triệu tập và tài liệu cho đại biểu", "Văn phòng Đảng ủy", 10),
    ("Hoàn thành thẩm tra tư cách đại biểu", "Ban Tổ chức", 3),
    ("Khai mạc đại hội", "Ban Thường vụ Đảng ủy", 0),
)


def _offset(spec: int | str, notice: int) -> int:
    if isinstance(spec, int):
        return spec
    return notice + (int(spec.split("+")[1]) if "+" in spec else 0)


def plan_milestones(
    opens_on: date,
    notice_days: int,
    holidays: Iterable[date] = (),
    provincial_deadline: date | None = None,
) -> list[MilestoneDraft]:
    """The default plan counted back from the opening; the province's deadline added."""
    off = set(holidays)
    drafts = [
        MilestoneDraft(title, owner, n, working_days_before(opens_on, n, off))
        for title, owner, spec in DEFAULT_MILESTONES
        for n in [_offset(spec, notice_days)]
    ]
    if provincial_deadline is not None:
        drafts.append(
            MilestoneDraft(
                "Hạn hoàn thành đại hội theo kế hoạch của Tỉnh ủy",
                "Tỉnh ủy",
                None,
                provincial_deadline,
            )
        )
    return sorted(drafts, key=lambda d: d.due_on)


@dataclass(frozen=True)
class CapWarning:
    code: str
    message_vi: str
    source_vi: str


def cap_warnings(
    *,
    delegates: int,
    max_delegates: int,
    executive_seats: int,
    max_executive: int,
    opens_on: date,
    provincial_deadline: date | None,
    allocated: int | None = None,
    elected: int | None = None,
) -> list[CapWarning]:
    """What exceeds the caps the office configured (warnings, never refusals)."""
    found = []
    if max_delegates and delegates > max_delegates:
        found.append(
            CapWarning(
                "delegates",
                f"Tổng số đại biểu {delegates} vượt mức tối đa {max_delegates}.",
                f"{_DIRECTIVE_45}: đại hội đảng bộ xã sau hợp nhất không quá 250 đại biểu",
            )
        )
    if max_executive and executive_seats > max_executive:
        found.append(
            CapWarning(
                "executive",
                f"Số lượng Ban Chấp hành {executive_seats} vượt mức tối đa {max_executive}.",
                f"{_DIRECTIVE_45}: không quá 27 (hợp nhất 2 xã hoặc không hợp nhất), "
                "không quá 33 (hợp nhất từ 3 xã trở lên)",
            )
        )
    if provincial_deadline is not None and opens_on > provincial_deadline:
        found.append(
            CapWarning(
                "deadline",
                f"Ngày khai mạc {opens_on:%d/%m/%Y} sau hạn của Tỉnh "
                f"({provincial_deadline:%d/%m/%Y}).",
                "Kế hoạch của Tỉnh ủy",
            )
        )
    if allocated is not None and elected is not None and allocated != elected:
        found.append(
            CapWarning(
                "allocation",
                f"Đã phân bổ {allocated} đại biểu cho các chi bộ, khác số bầu {elected}.",
                "Kế hoạch đại hội",
            )
        )
    return found
