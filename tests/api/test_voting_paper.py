"""The paper fallback: attendance sheet and ballots, as print pages and as Word files."""

from __future__ import annotations

import io

from docx import Document

from tests.conftest import web_login
from tests.voting.helpers import make_session

ITEMS = {"vote": ("vote", "more_than_half"), "elect": ("election", None)}


def text(data: bytes) -> tuple[Document, str]:
    document = Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return document, "\n".join([p.text for p in document.paragraphs] + cells)


def test_attendance_sheet_and_ballots_in_word(client, world, app):
    s = make_session(app, world, 4, items=ITEMS)
    client.post(
        f"/api/v1/agenda/{s.items['elect']}/election",
        headers=world.auth("chair_a"),
        json={"seats": 1, "alternates": 0, "candidates": ["Hoàng Thị Lan", "Vi Văn Toàn"]},
    )
    web_login(client, "secretary_a")
    sheet = client.get(f"/sessions/{s.meeting}/paper/attendance.docx")
    assert sheet.status_code == 200
    document, content = text(sheet.data)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert all(f"Đại biểu {i:03d}" in content for i in range(1, 5)) and "Ký tên" in content
    _doc, ballots = text(client.get(f"/sessions/{s.meeting}/paper/ballots.docx").data)
    assert ballots.count("PHIẾU BIỂU QUYẾT") == 2 and ballots.count("PHIẾU BẦU") == 2
    assert "Hoàng Thị Lan" in ballots and "quá 1 tên" in ballots
    page = client.get(f"/sessions/{s.meeting}/print/ballots").get_data(as_text=True)
    assert "PHIẾU BẦU" in page and "Vi Văn Toàn" in page


def test_paper_of_another_commune_is_refused(client, world, app):
    s = make_session(app, world, 3)
    web_login(client, "clerk_b")
    assert client.get(f"/sessions/{s.meeting}/paper/attendance.docx").status_code == 403
    assert client.get(f"/sessions/{s.meeting}/print/attendance").status_code == 403
