"""Document numbers and date lines, as the formatting rules write them.

State documents (People's Council, People's Committee): Decree 30/2020/NĐ-CP,
Appendix I. Party documents: Guidance 36-HD/VPTW (2018; a newer guidance may
replace it — check).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

__all__ = [
    "DOCUMENT_TYPES",
    "NUMBER_BASIS_VI",
    "date_line",
    "document_number",
]

# Type codes and their names (Decree 30/2020/NĐ-CP, Appendix III).
DOCUMENT_TYPES: Mapping[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "QC": "Quy chế",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "BC": "Báo cáo",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "TB": "Thông báo",
    "GM": "Giấy mời",
    "HD": "Hướng dẫn",
    "CV": "Công văn",
}

NUMBER_BASIS_VI: Mapping[str, str] = {
    "state": "Nghị định 30/2020/NĐ-CP, Phụ lục I",
    "party": "Hướng dẫn 36-HD/VPTW năm 2018 (cần kiểm tra văn bản thay thế)",
}

# Numbers and days below 10 get a leading zero; so do months 1 and 2 only,
# so that "ngày 05 tháng 02" cannot be misread (Decree 30/2020/NĐ-CP).
_PAD_BELOW = 10
_PADDED_MONTHS = (1, 2)


def _code(name: str, value: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"The {name} cannot be empty.")
    value = value.strip()
    if any(ch.isspace() or ch == "/" for ch in value):
        raise ValueError(f"The {name} {value!r} may contain neither spaces nor '/'.")
    return value


def _padded(n: int) -> str:
    return f"{n:02d}" if n < _PAD_BELOW else str(n)


def document_number(
    seq: int, type_code: str, issuer_code: str, style: str = "state", year: int | None = None
) -> str:
    """`Số: 05/NQ-HĐND`, `Số: 05/2026/NQ-HĐND` (state, with year), `Số 05-NQ/ĐU` (party)."""
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise ValueError(f"The document number must be a whole number from 1 (got {seq!r}).")
    type_code = _code("document type code", type_code)
    issuer_code = _code("issuer code", issuer_code)
    number = _padded(seq)
    if style == "state":
        if year is None:
            return f"Số: {number}/{type_code}-{issuer_code}"
        if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 9999:
            raise ValueError(f"The year must have four digits (got {year!r}).")
        return f"Số: {number}/{year}/{type_code}-{issuer_code}"
    if style == "party":
        if year is not None:
            raise ValueError("Party document numbers do not carry a year.")
        return f"Số {number}-{type_code}/{issuer_code}"
    raise ValueError(f"Unknown numbering style {style!r}; use 'state' or 'party'.")


def date_line(place: str, day: datetime.date) -> str:
    """`Đồng Đăng, ngày 05 tháng 02 năm 2026`; `Đồng Đăng, ngày 15 tháng 3 năm 2026`."""
    if not isinstance(place, str) or not place.strip():
        raise ValueError("The place name cannot be empty.")
    if not isinstance(day, datetime.date):
        raise ValueError(f"The date must be a datetime.date (got {day!r}).")
    month = f"{day.month:02d}" if day.month in _PADDED_MONTHS else str(day.month)
    return f"{place.strip()}, ngày {_padded(day.day)} tháng {month} năm {day.year}"
