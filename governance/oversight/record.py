"""The inspection record (`Biên bản kiểm tra`) of a commune, in the state format
(Decree 30/2020/NĐ-CP, Appendix I): header, date line, title, the checklist as found, the
findings and requests with the commune's answers, two signatures."""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from flask_babel import force_locale

from governance.documents.letterhead import UNIT_PREFIXES, short_name, unit_caps
from governance.org.models import Unit
from governance.oversight.checklist import DONE, LATE, MISSING, Item
from governance.oversight.models import Finding
from governance.rules.formats import date_line

STATES_VI = {DONE: "Đã thực hiện", MISSING: "Chưa thực hiện", LATE: "Chậm tiến độ"}
UNKNOWN_VI = "Kiểm tra tại cơ sở"
ISSUER = "TỔ CÔNG TÁC KIỂM TRA"  # the provincial working group (configurable by the caller)


def inspection_record(
    unit: Unit, items: list[Item], findings: list[Finding], day: date, issuer: str = ISSUER
) -> bytes:
    with force_locale("vi"):  # the record is Vietnamese whatever the reader's language
        return _build(unit, items, findings, day, issuer)


def _build(unit: Unit, items: list[Item], findings: list[Finding], day: date, issuer: str) -> bytes:
    doc = Document()
    _page(doc)
    _header(doc, unit, issuer)
    _para(doc, date_line(short_name(unit), day) + ".", italic=True, align="right", size=13)
    _para(doc, "BIÊN BẢN KIỂM TRA", bold=True, align="center", size=14, before=12)
    _para(
        doc,
        "Tình hình vận hành thử nghiệm mô hình chính quyền địa phương hai cấp "
        f"tại {_in_text(unit)}",
        bold=True,
        align="center",
    )
    _rule(_para(doc, "", align="center", size=6), indent_cm=6)
    _para(
        doc,
        f"Hôm nay, ngày {day:%d/%m/%Y}, Tổ công tác kiểm tra của {_province(unit)} "
        f"làm việc với {_in_text(unit)} về kết quả vận hành thử nghiệm, "
        "với các nội dung sau:",
        indent=True,
    )
    _para(doc, "I. KẾT QUẢ KIỂM TRA", bold=True, before=6)
    _checklist_table(doc, items)
    _para(doc, "II. NHẬN XÉT, KIẾN NGHỊ VÀ Ý KIẾN CỦA ĐỊA PHƯƠNG", bold=True, before=6)
    if not findings:
        _para(doc, "Không có kiến nghị.", indent=True)
    for number, finding in enumerate(findings, start=1):
        kind = "Kiến nghị" if finding.kind == "request" else "Nhận xét"
        _para(doc, f"{number}. {kind}: {finding.text}", indent=True)
        answer = finding.answer or "(chưa trả lời)"
        _para(doc, f"Ý kiến của {_in_text(unit)}: {answer}", indent=True, italic=not finding.answer)
    _para(
        doc,
        "Biên bản được lập thành 02 bản có giá trị như nhau, mỗi bên giữ 01 bản; các bên "
        "thống nhất với nội dung trên./.",
        indent=True,
        before=6,
    )
    _signatures(doc, unit)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _province(unit: Unit) -> str:
    return unit.parent.name if unit.parent else "tỉnh"


def _in_text(unit: Unit) -> str:
    """`Xã Cao Lộc` → `xã Cao Lộc` inside a sentence."""
    prefix = UNIT_PREFIXES.get(unit.kind, "")
    if prefix and unit.name.startswith(prefix + " "):
        return prefix.lower() + unit.name[len(prefix) :]
    return unit.name


def _page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    style.paragraph_format.space_after = Pt(6)


def _para(
    doc_or_cell,
    text,
    *,
    bold=False,
    italic=False,
    align="justify",
    size=None,
    indent=False,
    before=0,
):
    paragraph = doc_or_cell.add_paragraph()
    paragraph.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.27)
    paragraph.paragraph_format.space_before = Pt(before)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    return paragraph


def _rule(paragraph, indent_cm: float) -> None:
    """A short centred line under a heading: a bottom border on a narrowed paragraph."""
    paragraph.paragraph_format.left_indent = Cm(indent_cm)
    paragraph.paragraph_format.right_indent = Cm(indent_cm)
    paragraph.paragraph_format.space_after = Pt(6)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _cell_text(cell, lines, *, size=13, rule_cm=None, keep=False):
    if not keep:  # a new cell holds one empty paragraph: replace it
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for text, line_bold in lines:
        paragraph = _para(cell, text, bold=line_bold, align="center", size=size)
        paragraph.paragraph_format.space_after = Pt(0)
    if rule_cm is not None:
        _rule(_para(cell, "", align="center", size=4), rule_cm)


def _widths(table, widths) -> None:
    """Fixed column widths that Word and LibreOffice both keep."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _header(doc, unit: Unit, issuer: str) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, (Cm(6.5), Cm(10)))
    left, right = table.rows[0].cells
    province = (unit.parent.name if unit.parent else "").upper()
    _cell_text(left, [(f"UBND {province}".strip(), False), (issuer, True)], rule_cm=1.5)
    _cell_text(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True)], size=12)
    _cell_text(right, [("Độc lập - Tự do - Hạnh phúc", True)], rule_cm=1.7, keep=True)


def _checklist_table(doc, items: list[Item]) -> None:
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, title in zip(
        table.rows[0].cells, ("STT", "Nội dung kiểm tra", "Kết quả", "Số liệu"), strict=True
    ):
        _cell_text(cell, [(title, True)])
    for number, item in enumerate(items, start=1):
        row = table.add_row()
        _no_split(row)
        values = (str(number), str(item.label), STATES_VI.get(item.state, UNKNOWN_VI), item.detail)
        for cell, value in zip(row.cells, values, strict=True):
            _cell_text(cell, [(value, False)])
        row.cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    _widths(table, (Cm(1.3), Cm(8.7), Cm(4), Cm(2)))


def _no_split(row) -> None:
    properties = row._tr.get_or_add_trPr()
    cant = OxmlElement("w:cantSplit")
    properties.append(cant)


def _signatures(doc, unit: Unit) -> None:
    table = doc.add_table(rows=1, cols=2)
    _widths(table, (Cm(8), Cm(8)))
    left, right = table.rows[0].cells
    _cell_text(left, [(f"ĐẠI DIỆN {unit_caps(unit)}", True), ("(Ký, ghi rõ họ tên)", False)])
    _cell_text(right, [("TRƯỞNG ĐOÀN KIỂM TRA", True), ("(Ký, ghi rõ họ tên)", False)])
    for cell in (left, right):
        cell.paragraphs[1].runs[0].italic = True
        for _ in range(4):  # room for the signatures
            cell.add_paragraph()
