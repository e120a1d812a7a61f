"""The allocation table (.docx, .xlsx) and the credentials report (.docx).

Party format (Guidance 36-HD/VPTW): the issuer on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" and
the date line on the right, the title in capitals, the body, the signature block.
"""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Font

from governance import rules
from governance.congress.models import Congress
from governance.documents.letterhead import letterhead_for
from governance.rules.apportion import format_ratio
from governance.rules.credentials import Credentials, percent

FONT = "Times New Roman"
CATEGORY_VI = {
    "ex_officio": "Đại biểu đương nhiên",
    "designated": "Đại biểu chỉ định",
    "official": "Đại biểu được bầu",
    "alternate": "Đại biểu dự khuyết",
}


def vi_number(value: object) -> str:
    """Decimals as Vietnamese write them: 1.990 → 1,990 (only numbers, never names)."""
    text = str(value)
    if text.replace(".", "", 1).isdigit():
        return text.replace(".", ",")
    return text


def _document():
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    style.paragraph_format.space_after = Pt(3)
    return document


def _line(cell_or_doc, text: str, *, bold=False, italic=False, size=None, center=True):
    paragraph = cell_or_doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _header(document, congress: Congress, body_kind: str, issuer_extra: str, on: date) -> None:
    head = letterhead_for(congress.unit, body_kind)
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(8.5)
    left.paragraphs[0].text = head.parent_line
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in head.issuer_lines:
        _line(left, line, bold=True, size=13)
    if issuer_extra:
        _line(left, issuer_extra, bold=True, size=13)
    _line(left, "*")
    right.paragraphs[0].text = ""
    title = right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM")
    title.bold, title.underline = True, True
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _line(right, "")
    _line(right, rules.date_line(head.place, on), italic=True, size=13)


def _table(
    document, header: list[str], rows: list[list[object]], widths: list[float], size: int = 12
):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in rows:
        cells = table.add_row().cells
        for i, value in enumerate(row):
            cells[i].text = vi_number(value)
            if i > 0 and isinstance(value, int | str) and str(value)[:1].isdigit():
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid LibreOffice reads …
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)  # … and the cells Word reads
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)
    return table


def _signature(document, on_behalf: str, position: str, name: str = "") -> None:
    table = document.add_table(rows=1, cols=2)
    right = table.rows[0].cells[1]
    right.paragraphs[0].text = ""
    run = right.paragraphs[0].add_run(on_behalf)
    run.bold = True
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _line(right, position, bold=True)
    for _ in range(3):
        _line(right, "")
    _line(right, name, bold=True)


def _bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# The allocation table ------------------------------------------------------------------


def allocation_rows(allocation: rules.Allocation) -> list[list[object]]:
    rows = []
    for i, unit in enumerate(allocation.units, start=1):
        rows.append(
            [
                i,
                unit.name,
                unit.members,
                unit.minimum,
                format_ratio(unit.quota_num, unit.denominator, 3),
                unit.floor,
                format_ratio(unit.remainder, unit.denominator, 3),
                unit.seats,
            ]
        )
    return rows


ALLOCATION_HEADER = [
    "TT",
    "Chi bộ, đảng bộ cơ sở",
    "Số đảng viên",
    "Cơ sở",
    "Hạn ngạch",
    "Phần nguyên",
    "Phần dư",
    "Số đại biểu",
]


def allocation_docx(congress: Congress, allocation: rules.Allocation, on: date) -> bytes:
    document = _document()
    _header(document, congress, "party_executive", "", on)
    _line(document, "")
    _line(document, "BẢNG PHÂN BỔ ĐẠI BIỂU", bold=True, size=14)
    _line(document, f"dự {congress.title}", bold=True)
    total = sum(allocation.members.values())
    _line(
        document,
        f"Số đại biểu bầu: {allocation.seats}; mỗi chi bộ {allocation.minimum} đại biểu cơ sở; "
        f"phần còn lại chia theo số đảng viên ({total} đảng viên), phương pháp "
        f"{rules.METHODS[allocation.method]}.",
        center=False,
    )
    rows = allocation_rows(allocation)
    rows.append(["", "Cộng", total, "", "", "", "", sum(allocation.won.values())])
    _table(document, ALLOCATION_HEADER, rows, [1.0, 5.4, 1.8, 1.2, 1.8, 1.6, 1.6, 1.6], size=11)
    if allocation.decided:
        _line(
            document,
            f"Các chi bộ bằng nhau tại ngưỡng: {', '.join(allocation.tied)}. Cấp ủy quyết định "
            f"{', '.join(allocation.decided)} nhận đại biểu; lý do: {congress.decision_reason}.",
            italic=True,
            center=False,
        )
    elif allocation.to_decide:
        _line(
            document,
            f"CHƯA HOÀN THÀNH: {', '.join(allocation.tied)} bằng nhau cho "
            f"{allocation.to_decide} đại biểu; cấp ủy quyết định.",
            bold=True,
            center=False,
        )
    _line(document, f"Căn cứ: {rules.ALLOCATION_BASIS_VI}.", italic=True, size=11, center=False)
    _signature(document, "T/M BAN THƯỜNG VỤ", "BÍ THƯ")
    return _bytes(document)


def allocation_xlsx(congress: Congress, allocation: rules.Allocation) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Phân bổ đại biểu"
    sheet.append([congress.title])
    sheet.append(ALLOCATION_HEADER)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in allocation.units:
        sheet.append(
            [
                None,
                row.name,
                row.members,
                row.minimum,
                row.quota_num / row.denominator if row.denominator else 0,
                row.floor,
                row.remainder / row.denominator if row.denominator else 0,
                row.seats,
            ]
        )
    for i, line in enumerate(sheet.iter_rows(min_row=3), start=1):
        line[0].value = i
        line[1].data_type = "s"  # a name is text, never a formula
        line[4].number_format = line[6].number_format = "0.000"
    sheet.append(
        ["", "Cộng", sum(allocation.members.values()), "", "", "", "", sum(allocation.won.values())]
    )
    for column, width in zip("ABCDEFGH", (5, 36, 12, 8, 11, 11, 11, 12), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# The credentials report ----------------------------------------------------------------


def credentials_docx(congress: Congress, figures: Credentials, on: date) -> bytes:
    document = _document()
    _header(document, congress, "congress", "BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU", on)
    _line(document, "")
    _line(document, "BÁO CÁO", bold=True, size=14)
    _line(document, "thẩm tra tư cách đại biểu", bold=True)
    _line(document, congress.title, bold=True)
    total = figures.total
    _line(
        document,
        f"Tổng số đại biểu được triệu tập: {total} đồng chí; trong đó:",
        center=False,
    )
    rows = [
        [CATEGORY_VI.get(code, code), count, percent(count, total)]
        for code, count in figures.by_category.items()
    ]
    _table(document, ["Thành phần", "Số lượng", "Tỷ lệ (%)"], rows, [9.0, 3.0, 3.0])
    _line(document, "")
    _line(document, "1. Cơ cấu", bold=True, center=False)
    structure = [
        ["Nữ", figures.women, figures.women_pct],
        ["Dân tộc thiểu số", figures.minority, figures.minority_pct],
        ["Dưới 40 tuổi", figures.under_40, figures.under_40_pct],
        ["Trên 70 tuổi", figures.over_70, figures.over_70_pct],
    ]
    _table(document, ["Cơ cấu", "Số lượng", "Tỷ lệ (%)"], structure, [9.0, 3.0, 3.0])
    _line(
        document,
        f"Tuổi bình quân {vi_number(figures.average_age)}; "
        f"cao tuổi nhất {figures.oldest or '—'} tuổi, "
        f"trẻ tuổi nhất {figures.youngest or '—'} tuổi.",
        center=False,
    )
    for title, pairs in (
        ("2. Trình độ chuyên môn", figures.education),
        ("3. Trình độ lý luận chính trị", figures.theory),
        ("4. Tuổi đảng", figures.party_bands),
    ):
        _line(document, title, bold=True, center=False)
        rows = [[label, n, percent(n, total)] for label, n in pairs]
        _table(document, ["", "Số lượng", "Tỷ lệ (%)"], rows, [9.0, 3.0, 3.0])
    _line(
        document,
        f"Tuổi đảng bình quân {vi_number(figures.average_party_age)} năm; "
        f"tuổi đảng cao nhất {figures.longest_party_age or '—'} năm.",
        center=False,
    )
    _line(
        document,
        "Ban Thẩm tra tư cách đại biểu đề nghị Đại hội xác nhận tư cách của "
        f"{total} đại biểu được triệu tập.",
        center=False,
    )
    _signature(document, "T/M BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU", "TRƯỞNG BAN")
    return _bytes(document)
