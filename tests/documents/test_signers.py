"""Who signs, what the summary says, how a download is named: the small rules, alone."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from governance.documents import signers, wording
from governance.documents.api import file_stem


def _body(kind: str, positions: dict[str, str], siblings=()):
    unit = SimpleNamespace(bodies=[])
    members = [SimpleNamespace(full_name=n, position=p) for n, p in positions.items()]
    body = SimpleNamespace(id=id(members), kind=kind, unit=unit, members=members)
    unit.bodies = [body, *siblings]
    for sibling in siblings:
        sibling.unit = unit
    return body


@pytest.mark.parametrize(
    ("position", "office", "holds"),
    [
        ("Chủ tịch HĐND xã", "people_council", True),
        ("Phó Chủ tịch HĐND", "people_council", False),
        ("Chủ tịch UBND xã", "people_council", False),  # another office, same title
        ("Bí thư Đảng ủy, Chủ tịch HĐND", "people_council", True),
        ("Bí thư", "party_executive", True),
        ("Phó Bí thư", "party_executive", False),
        ("Chủ tịch UBND", "people_committee", True),
    ],
)
def test_who_holds_an_office(position, office, holds):
    assert signers.holds(position, signers.OFFICES[office]) is holds


def test_the_office_holder_may_sit_in_the_sibling_body():
    standing = _body("party_standing", {"Trần Văn Bí": "Bí thư"})
    executive = _body("party_executive", {"Lê Thị Một": "Ủy viên"}, siblings=[standing])
    assert signers.office_holder(executive) == "Trần Văn Bí"
    nobody = _body("people_council", {"Lê Thị Một": "Đại biểu"})
    assert signers.office_holder(nobody) == ""
    assert "Chủ tịch HĐND" in signers.missing_offices(nobody, "x", "y")


def test_the_convening_body_signs_invitations():
    council = _body("people_council", {"Nguyễn Văn Bình": "Chủ tịch HĐND"})
    block = signers.convening_signature(council)
    assert (block.on_behalf, block.position, block.name) == (
        "TM. THƯỜNG TRỰC HĐND",
        "CHỦ TỊCH",
        "Nguyễn Văn Bình",
    )
    executive = _body("party_executive", {"Trần Văn Bí": "Bí thư"})
    assert signers.convening_signature(executive).on_behalf == "T/M BAN THƯỜNG VỤ"


def test_a_congress_presidium_signs_as_configured(app):
    congress = _body("congress", {"Đại biểu A": "Đại biểu chính thức"})
    with app.app_context():
        block = signers.body_signature(congress, "Chủ tọa Đại hội")
        assert block.on_behalf == "T/M ĐOÀN CHỦ TỊCH" and block.name == "Chủ tọa Đại hội"
        app.config["CONGRESS_SIGNATURE"] = "T/M ĐOÀN CHỦ TỊCH ĐẠI HỘI"
        try:
            assert signers.body_signature(congress).on_behalf == "T/M ĐOÀN CHỦ TỊCH ĐẠI HỘI"
        finally:
            del app.config["CONGRESS_SIGNATURE"]


@pytest.mark.parametrize(
    ("title", "party", "summary"),
    [
        ("Nghị quyết thành lập các cơ quan", False, "Về việc thành lập các cơ quan"),
        ("Thông qua Quy chế làm việc", False, "Về việc thông qua Quy chế làm việc"),
        ("Biểu quyết thông qua Kế hoạch", False, "Về việc thông qua Kế hoạch"),
        ("Bố trí, phân công cán bộ", True, "về bố trí, phân công cán bộ"),
        ("Về việc giao chỉ tiêu", False, "Về việc giao chỉ tiêu"),
    ],
)
def test_the_summary_line_is_what_the_item_is_about(title, party, summary):
    assert wording.summary_line(title, party) == summary


def test_dates_in_sentences_follow_the_date_line_rule():
    assert wording.day_text(datetime.date(2026, 7, 5)) == "ngày 05 tháng 7 năm 2026"
    assert wording.day_text(datetime.date(2026, 2, 15)) == "ngày 15 tháng 02 năm 2026"


@pytest.mark.parametrize(
    ("number", "stem"),
    [("Số: 01/NQ-HĐND", "01-NQ-HDND"), ("Số 05-NQ/ĐU", "05-NQ-DU"), ("", "resolution-3")],
)
def test_downloads_are_named_after_the_number(number, stem):
    assert file_stem(SimpleNamespace(number=number, kind="resolution", id=3)) == stem
