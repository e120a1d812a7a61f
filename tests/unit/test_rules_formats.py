"""Document numbers and date lines: DOMAIN.md section 6."""

import datetime

import pytest

from governance.rules import DOCUMENT_TYPES, date_line, document_number


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        ((5, "NQ", "HĐND"), {}, "Số: 05/NQ-HĐND"),
        ((5, "NQ", "HĐND"), {"year": 2026}, "Số: 05/2026/NQ-HĐND"),
        ((5, "NQ", "ĐU"), {"style": "party"}, "Số 05-NQ/ĐU"),
        ((9, "QĐ", "UBND"), {}, "Số: 09/QĐ-UBND"),
        ((10, "TTr", "UBND"), {}, "Số: 10/TTr-UBND"),
        ((123, "NQ", "ĐU"), {"style": "party"}, "Số 123-NQ/ĐU"),
        ((123, "BB", "HĐND"), {}, "Số: 123/BB-HĐND"),
    ],
)
def test_document_numbers(args, kwargs, expected):
    assert document_number(*args, **kwargs) == expected


def test_codes_are_trimmed():
    assert document_number(1, " KH ", " ĐU ", style="party") == "Số 01-KH/ĐU"


@pytest.mark.parametrize(
    ("args", "kwargs", "fragment"),
    [
        ((0, "NQ", "HĐND"), {}, "from 1"),
        ((-3, "NQ", "HĐND"), {}, "from 1"),
        (("5", "NQ", "HĐND"), {}, "whole number"),
        ((5, "", "HĐND"), {}, "type code cannot be empty"),
        ((5, "NQ", "  "), {}, "issuer code cannot be empty"),
        ((5, "N Q", "HĐND"), {}, "spaces"),
        ((5, "NQ", "HĐND/X"), {}, "spaces"),
        ((5, "NQ", "HĐND"), {"style": "church"}, "Unknown numbering style"),
        ((5, "NQ", "ĐU"), {"style": "party", "year": 2026}, "year"),
        ((5, "NQ", "HĐND"), {"year": 26}, "four digits"),
    ],
)
def test_document_number_rejects_bad_input(args, kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        document_number(*args, **kwargs)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 2, 5), "Đồng Đăng, ngày 05 tháng 02 năm 2026"),
        (datetime.date(2026, 3, 15), "Đồng Đăng, ngày 15 tháng 3 năm 2026"),
        (datetime.date(2026, 1, 10), "Đồng Đăng, ngày 10 tháng 01 năm 2026"),
        (datetime.date(2025, 12, 9), "Đồng Đăng, ngày 09 tháng 12 năm 2025"),
        (datetime.date(2025, 10, 31), "Đồng Đăng, ngày 31 tháng 10 năm 2025"),
    ],
)
def test_date_line(day, expected):
    assert date_line("Đồng Đăng", day) == expected


def test_date_line_rejects_bad_input():
    with pytest.raises(ValueError, match="place"):
        date_line("  ", datetime.date(2026, 3, 15))
    with pytest.raises(ValueError, match=r"datetime\.date"):
        date_line("Đồng Đăng", "2026-03-15")


def test_type_code_table():
    assert DOCUMENT_TYPES == {
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
