"""Paper fallback as Word files: the attendance sheet to sign at the door, and the ballots
(two to an A4 page, to photocopy). Results are then entered on the console as counts."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt

from governance.meetings.models import Meeting
from governance.voting import console, elections

FONT = "Times New Roman"


def _new_document(landscape: bool = False) -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = (
        (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    )
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    style.element.rPr.rFonts.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", FONT
    )
    return document


def _line(document, text: str, *, bold=False, size=13, center=True, italic=False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def attendance_sheet(meeting: Meeting) -> bytes:
    document = _new_document()
    _line(document, meeting.body.unit.name.upper())
    _line(document, meeting.body.name.upper(), bold=True)
    _line(document, f"DANH SÁCH ĐẠI BIỂU DỰ {meeting.title.upper()}", bold=True, size=14)
    _line(document, meeting.location, italic=True)
    roll = console.roll(meeting)
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, title in zip(
        table.rows[0].cells, ("STT", "Họ và tên", "Chức vụ", "Vắng (lý do)", "Ký tên"), strict=True
    ):
        cell.text = title
        cell.paragraphs[0].runs[0].bold = True
    for number, person in enumerate(roll, start=1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = str(number), person["name"]
        cells[2].text = person["position"]
    _line(
        document,
        f"Tổng số: {len(roll)}. Có mặt: ……  Vắng có lý do: ……  Vắng không lý do: ……",
        center=False,
    )
    return _save(document)


def ballots(meeting: Meeting) -> bytes:
    """Per item to decide, two ballots to a page; an election's lists its candidates."""
    document = _new_document()
    items = [i for i in meeting.items if i.kind in console.DECIDED_KINDS]
    if not items:
        _line(document, "Không có nội dung biểu quyết hoặc bầu cử.")
    for index, item in enumerate(items):
        for copy in range(2):
            _ballot(document, meeting, item)
            if copy == 0:
                _line(document, "- - - - - - - - - - - - - - - - - - - - - - - - - - - -")
        if index < len(items) - 1:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    return _save(document)


def _ballot(document, meeting: Meeting, item) -> None:
    election = elections.election_of(item)
    _line(document, meeting.body.name.upper(), size=12)
    if election is None:
        _line(document, "PHIẾU BIỂU QUYẾT", bold=True, size=15)
        _line(document, item.title, italic=True)
        _line(document, "☐ Tán thành        ☐ Không tán thành        ☐ Không biểu quyết")
        _line(document, "Đánh dấu vào một ô.", italic=True, size=11)
        return
    _line(document, "PHIẾU BẦU", bold=True, size=15)
    _line(document, f"{item.title} — bầu {election.seats} người", italic=True)
    for number, candidate in enumerate(election.candidates, start=1):
        _line(document, f"{number}. {candidate.name}", center=False)
    _line(
        document,
        f"Gạch tên người không bầu. Phiếu để lại quá {election.seats} tên là phiếu không hợp lệ.",
        italic=True,
        size=11,
    )
