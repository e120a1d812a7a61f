"""Build the Word templates in document_templates/ (python-docx layout, Jinja tags in text).

    python scripts/make_document_templates.py

Formats: DOMAIN.md §6 — Decree 30/2020/NĐ-CP Appendix I (state) and Guidance 36-HD/VPTW
(Party). The files stay editable in Word; docxtpl tags: `{{ x }}`, `{%p … %}` (a whole
paragraph), `{%tr … %}` (a whole table row). Render context: governance/documents/contexts.py.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

OUT = Path(__file__).resolve().parent.parent / "document_templates"
FONT = "Times New Roman"
BODY_PT = 14  # state 13–14, Party 14–15
INDENT = Cm(1.27)  # first line, 1–1.27 cm
AFTER = Pt(6)  # at least 6 pt between paragraphs
# top, bottom, left, right (mm): state 20–25/20–25/30–35/15–20; Party 20/20/30/15
MARGINS = {"state": (20, 20, 30, 15), "party": (20, 20, 30, 15)}
TEXT_WIDTH = Mm(210 - 30 - 15)
LEFT, CENTER, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)
_PPR_AFTER_BDR = ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")


# Low-level helpers --------------------------------------------------------------------


def new_document(style: str) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = MARGINS[style]
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = section.footer_distance = Mm(10)
    _base_font(doc)
    _page_numbers(doc)
    return doc


def _set_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _base_font(doc: Document) -> None:
    """Times New Roman everywhere: the defaults, Normal, and the styles built on it."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr)
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rpr.find(qn("w:rFonts")).attrib.pop(qn(theme_attr), None)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _set_fonts(normal.element.get_or_add_rPr())
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    normal.element.get_or_add_rPr().append(lang)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), AFTER, 1.0
    for name in ("Header", "Footer", "Table Grid"):
        _set_fonts(doc.styles[name].element.get_or_add_rPr())


def _page_numbers(doc: Document) -> None:
    """Page numbers from page 2: a different first page, PAGE in the other pages' header."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    header = section.header
    p = header.paragraphs[0]
    p.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    p._p.append(field)
    mark = header.add_paragraph()
    mark.alignment = RIGHT
    mark.add_run("{% if draft %}DỰ THẢO{% endif %}").bold = True
    section.first_page_header.paragraphs[0].text = ""


def para(
    where,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float = BODY_PT,
    align=JUSTIFY,
    indent: bool = False,
    after: Pt | None = AFTER,
    before: Pt | None = None,
    underline: bool = False,
    first: bool = False,
):
    """A paragraph with one run; `first` reuses a table cell's empty first paragraph."""
    p = where.paragraphs[0] if first and where.paragraphs else where.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.first_line_indent = INDENT if indent else Cm(0)
    fmt.space_after = after if after is not None else Pt(0)
    fmt.space_before = before if before is not None else Pt(0)
    if text:
        add_run(p, text, bold=bold, italic=italic, size=size, underline=underline)
    return p


def add_run(p, text: str, *, bold=False, italic=False, size: float = BODY_PT, underline=False):
    run = p.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    run.font.name = FONT
    _set_fonts(run._r.get_or_add_rPr())
    return run


def tag(where, text: str, first: bool = False):
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it disappears on render."""
    return para(where, text, after=Pt(0), align=LEFT, first=first)


def rule(where, left_cm: float, right_cm: float, first: bool = False):
    """A short horizontal rule: the bottom border of an empty, indented paragraph."""
    p = para(where, after=Pt(0), first=first)
    fmt = p.paragraph_format
    fmt.left_indent, fmt.right_indent = Cm(left_cm), Cm(right_cm)
    fmt.line_spacing = Pt(8)  # exact: the rule sits just under the line above
    add_run(p, "", size=4)
    _bottom_border(p)
    return p


def _bottom_border(p) -> None:
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, *_PPR_AFTER_BDR)


def _box(p) -> None:
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "2")):
            edge.set(qn(key), value)
        edge.set(qn("w:color"), "000000")
        borders.append(edge)
    ppr.insert_element_before(borders, *_PPR_AFTER_BDR)


def layout_table(doc, widths_cm: list[float]):
    """A borderless table for side-by-side blocks (header, signatures)."""
    table = doc.add_table(rows=1, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, width in zip(table.rows[0].cells, widths_cm, strict=True):
        cell.width = Cm(width)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # one block
    return table


def grid_table(doc, headings: list[str], cells: list[str], widths_cm: list[float], loop: str):
    """A bordered table: a heading row, then one row repeated by `{%tr for … %}`."""
    table = doc.add_table(rows=4, cols=len(headings))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        para(cell, text, bold=True, size=12, align=CENTER, after=Pt(0), first=True)
    _repeat_heading(table.rows[0])
    loop_row, data_row, end_row = table.rows[1], table.rows[2], table.rows[3]
    para(loop_row.cells[0], "{%tr " + loop + " %}", size=12, align=LEFT, after=Pt(0), first=True)
    for cell, text in zip(data_row.cells, cells, strict=True):
        align = LEFT if cell is data_row.cells[1] else CENTER
        para(cell, text, size=12, align=align, after=Pt(0), first=True)
    para(end_row.cells[0], "{%tr endfor %}", size=12, align=LEFT, after=Pt(0), first=True)
    return table


def _repeat_heading(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    trpr.append(header)


# Document parts -----------------------------------------------------------------------


def draft_mark(doc) -> None:
    tag(doc, "{%p if draft %}", first=True)
    p = para(doc, "DỰ THẢO", bold=True, size=13, align=CENTER, after=Pt(4))
    p.paragraph_format.left_indent = Cm(13)
    _box(p)
    tag(doc, "{%p endif %}")


def header_state(doc) -> None:
    """Decree 30: issuer left (caps bold, short rule), national title right (rule)."""
    table = layout_table(doc, [6.2, 10.3])
    left, right = table.rows[0].cells
    tag(left, "{%p if letterhead.parent_line %}", first=True)
    para(left, "{{ letterhead.parent_line }}", size=13, align=CENTER, after=Pt(0))
    tag(left, "{%p endif %}")
    tag(left, "{%p for line in letterhead.issuer_lines %}")
    para(left, "{{ line }}", bold=True, size=13, align=CENTER, after=Pt(0))
    tag(left, "{%p endfor %}")
    rule(left, 2.0, 2.0)
    para(left, "{{ number }}", size=13, align=CENTER, before=Pt(6), after=Pt(0))
    para(
        right,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        bold=True,
        size=12,
        align=CENTER,
        after=Pt(0),
        first=True,
    )
    motto = para(
        right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13, align=CENTER, after=Pt(0)
    )
    motto.paragraph_format.left_indent = motto.paragraph_format.right_indent = Cm(1.95)
    _bottom_border(motto)
    para(right, "{{ date_line }}", italic=True, size=14, align=CENTER, before=Pt(8), after=Pt(0))


def header_party(doc) -> None:
    """Guidance 36: committee left (bold, "*"); right "ĐẢNG CỘNG SẢN VIỆT NAM" 15 pt, underlined."""
    table = layout_table(doc, [7.0, 9.5])
    left, right = table.rows[0].cells
    tag(left, "{%p if letterhead.parent_line %}", first=True)
    para(left, "{{ letterhead.parent_line }}", size=14, align=CENTER, after=Pt(0))
    tag(left, "{%p endif %}")
    tag(left, "{%p for line in letterhead.issuer_lines %}")
    para(left, "{{ line }}", bold=True, size=14, align=CENTER, after=Pt(0))
    tag(left, "{%p endfor %}")
    para(left, "*", size=14, align=CENTER, after=Pt(0))
    para(left, "{{ number }}", size=14, align=CENTER, after=Pt(0))
    para(
        right,
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        bold=True,
        size=15,
        align=CENTER,
        underline=True,
        after=Pt(0),
        first=True,
    )
    para(right, "{{ date_line }}", italic=True, size=14, align=CENTER, before=Pt(18), after=Pt(0))


def header(doc, style: str) -> None:
    draft_mark(doc)
    (header_party if style == "party" else header_state)(doc)


def header_either(doc) -> None:
    """Both headers, chosen by `letterhead.style` (templates shared by state and Party)."""
    draft_mark(doc)
    tag(doc, "{%p if letterhead.style == 'party' %}")
    header_party(doc)
    tag(doc, "{%p else %}")
    header_state(doc)
    tag(doc, "{%p endif %}")


def title(doc, style: str, summary: bool = True) -> None:
    para(doc, "{{ title|upper }}", bold=True, size=14, align=CENTER, before=Pt(18), after=Pt(0))
    if summary:
        tag(doc, "{%p if summary %}")
        para(doc, "{{ summary }}", bold=True, size=14, align=CENTER, after=Pt(0))
        tag(doc, "{%p endif %}")
    if style == "party":
        para(doc, "-----", size=14, align=CENTER, after=Pt(12))
    else:
        rule(doc, 6.5, 6.5).paragraph_format.space_after = Pt(12)


def bases(doc) -> None:
    """ "Căn cứ …;" and "Xét …" lines, italic; the renderer ends the last with "."."""
    tag(doc, "{%p for line in bases %}")
    para(doc, "{{ line }}", italic=True, indent=True)
    tag(doc, "{%p endfor %}")


def articles(doc) -> None:
    tag(doc, "{%p for article in articles %}")
    p = para(doc, indent=True)
    add_run(p, "{{ article.heading }}", bold=True)
    add_run(p, "{% if article.title %} {{ article.title }}{% endif %}", bold=True)
    tag(doc, "{%p for text in article.paragraphs %}")
    para(doc, "{{ text }}", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")


def vote_table(doc, rows: str, heading: str | None = None) -> None:
    if heading:
        para(doc, heading, bold=True, size=13, align=CENTER, before=Pt(6))
    grid_table(
        doc,
        [
            "TT",
            "Nội dung biểu quyết",
            "Tán thành",
            "Không tán thành",
            "Không biểu quyết",
            "Cơ sở tính",
            "Quy tắc",
            "Kết quả",
        ],
        [
            "{{ loop.index }}",
            "{{ v.item }} ({{ v.method }})",
            "{{ v.yes }} ({{ v.yes_percent }})",
            "{{ v.no }}",
            "{{ v.abstain }}",
            "{{ v.base }}",
            "{{ v.rule }}; cần {{ v.required }}",
            "{{ v.result }}",
        ],
        [1.1, 4.3, 2.0, 1.7, 1.7, 1.3, 2.5, 1.9],
        f"for v in {rows}",
    )


def recipients(cell, first: bool = True) -> None:
    para(cell, "Nơi nhận:", bold=True, italic=True, size=12, align=LEFT, after=Pt(0), first=first)
    tag(cell, "{%p for r in recipients %}")
    para(cell, "- {{ r }};", size=11, align=LEFT, after=Pt(0))
    tag(cell, "{%p endfor %}")
    para(
        cell,
        "- Lưu: VT{% if archive_note %}, {{ archive_note }}{% endif %}.",
        size=11,
        align=LEFT,
        after=Pt(0),
    )


def signer(cell, sig: str, first: bool = True) -> None:
    """On behalf of (TM./T/M), position, space for the signature, name: caps bold, name bold."""
    tag(cell, "{%p if " + sig + ".on_behalf %}", first=first)
    para(cell, "{{ " + sig + ".on_behalf|upper }}", bold=True, size=14, align=CENTER, after=Pt(0))
    tag(cell, "{%p endif %}")
    para(cell, "{{ " + sig + ".position|upper }}", bold=True, size=14, align=CENTER, after=Pt(0))
    tag(cell, "{%p if " + sig + ".signed_note %}")
    para(
        cell,
        "{{ " + sig + ".signed_note }}",
        italic=True,
        size=12,
        align=CENTER,
        before=Pt(12),
        after=Pt(12),
    )
    tag(cell, "{%p else %}")
    for _ in range(3):
        para(cell, "", size=14, align=CENTER, after=Pt(0))
    tag(cell, "{%p endif %}")
    para(cell, "{{ " + sig + ".name }}", bold=True, size=14, align=CENTER, before=Pt(12))


def closing_block(doc) -> None:
    """ "Nơi nhận" left, signature right."""
    para(doc, "", after=Pt(0))
    left, right = layout_table(doc, [7.5, 9.0]).rows[0].cells
    recipients(left)
    signer(right, "signature")


def adoption(doc) -> None:
    tag(doc, "{%p if adoption %}")
    para(doc, "{{ adoption }}", indent=True)
    tag(doc, "{%p endif %}")


# Kinds --------------------------------------------------------------------------------


def resolution(style: str) -> Document:
    """Authority line, "Căn cứ", "QUYẾT NGHỊ:", articles, adoption sentence, signature."""
    doc = new_document(style)
    header(doc, style)
    title(doc, style)
    tag(doc, "{%p for line in authority_lines %}")
    para(doc, "{{ line|upper }}", bold=True, size=14, align=CENTER, after=Pt(0))
    tag(doc, "{%p endfor %}")
    para(doc, "", after=Pt(0))
    bases(doc)
    para(doc, "{{ decides }}", bold=True, size=14, align=CENTER, before=Pt(6))
    articles(doc)
    adoption(doc)
    closing_block(doc)
    tag(doc, "{%p if votes %}")
    para(doc, "PHỤ LỤC: KẾT QUẢ BIỂU QUYẾT", bold=True, size=13, align=CENTER, before=Pt(18))
    vote_table(doc, "votes")
    tag(doc, "{%p endif %}")
    return doc


def minutes(style: str) -> Document:
    """Time, place, attendance, chair, secretary, items with votes, elections, closing."""
    doc = new_document(style)
    header(doc, style)
    title(doc, style)
    labelled(doc, "Thời gian bắt đầu: ", "{{ started_text }}.")
    labelled(doc, "Địa điểm: ", "{{ place }}.")
    para(doc, "Thành phần:", bold=True, indent=True)
    para(
        doc,
        "Tổng số thành viên: {{ members_total }}; có mặt: {{ present|length }}; vắng mặt: "
        "{{ absent|length }}.",
        indent=True,
    )
    grid_table(
        doc,
        ["TT", "Họ và tên", "Chức vụ", "Có mặt / vắng", "Lý do vắng"],
        [
            "{{ loop.index }}",
            "{{ a.name }}",
            "{{ a.position }}",
            "{{ a.status_text }}",
            "{{ a.reason }}",
        ],
        [1.0, 5.0, 4.3, 3.0, 3.2],
        "for a in attendance",
    )
    tag(doc, "{%p if guests %}")
    para(doc, "Khách mời: {{ guests|join('; ') }}.", indent=True, before=Pt(6))
    tag(doc, "{%p endif %}")
    labelled(doc, "Chủ trì: ", "{{ chair }}.", before=Pt(6))
    labelled(doc, "Thư ký: ", "{{ secretary }}.")
    para(doc, "NỘI DUNG", bold=True, align=CENTER, before=Pt(6))
    tag(doc, "{%p for item in items %}")
    para(doc, "{{ item.number }} {{ item.title }}", bold=True, indent=True)
    tag(doc, "{%p if item.presenter %}")
    para(doc, "Trình bày: {{ item.presenter }}.", italic=True, indent=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for text in item.notes %}")
    para(doc, "{{ text }}", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if item.votes %}")
    para(doc, "Kết quả biểu quyết:", italic=True, indent=True)
    vote_table(doc, "item.votes")
    para(doc, "", after=Pt(0))
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    election_rounds(doc)
    para(
        doc,
        "Cuộc họp kết thúc vào {{ ended_hour }} giờ {{ ended_minute }} phút cùng ngày. "
        "Biên bản đã được đọc lại trước cuộc họp và những người dự họp nhất trí./.",
        indent=True,
        before=Pt(6),
    )
    two_signers(doc, "secretary_signature", "signature")
    return doc


def labelled(doc, label: str, value: str, before: Pt | None = None) -> None:
    p = para(doc, indent=True, before=before)
    add_run(p, label, bold=True)
    add_run(p, value)


def election_rounds(doc) -> None:
    tag(doc, "{%p for e in elections %}")
    para(
        doc,
        "{{ e.title }} (vòng {{ e.round_no }}, {{ e.seats }} chức danh/người):",
        bold=True,
        indent=True,
    )
    para(
        doc,
        "Số phiếu phát ra: {{ e.ballots_issued }}; thu vào: {{ e.ballots_returned }}; hợp "
        "lệ: {{ e.ballots_valid }}; không hợp lệ: {{ e.ballots_invalid }}; cơ sở tính: "
        "{{ e.base }}.",
        indent=True,
    )
    candidate_table(doc, "e.candidates")
    para(
        doc,
        "Trúng cử: {{ e.elected|join(', ') if e.elected else 'không có' }}.",
        indent=True,
        before=Pt(6),
    )
    tag(doc, "{%p endfor %}")


def candidate_table(doc, rows: str) -> None:
    grid_table(
        doc,
        ["TT", "Họ và tên", "Số phiếu bầu", "Tỷ lệ so với cơ sở tính", "Kết quả"],
        [
            "{{ loop.index }}",
            "{{ c.name }}",
            "{{ c.votes }}",
            "{{ c.share }}",
            "{{ 'Trúng cử' if c.elected else 'Không trúng cử' }}",
        ],
        [1.0, 6.0, 2.7, 3.5, 3.3],
        f"for c in {rows}",
    )


def two_signers(doc, left_sig: str, right_sig: str) -> None:
    para(doc, "", after=Pt(0))
    left, right = layout_table(doc, [8.25, 8.25]).rows[0].cells
    signer(left, left_sig)
    signer(right, right_sig)
    tag(doc, "{%p if recipients %}")
    recipients(doc, first=False)
    tag(doc, "{%p endif %}")


def counting_report() -> Document:
    """Biên bản kiểm phiếu: ballots issued, returned, valid, invalid; votes; elected."""
    doc = new_document("state")
    header_either(doc)
    para(doc, "{{ title|upper }}", bold=True, size=14, align=CENTER, before=Pt(18), after=Pt(0))
    para(doc, "{{ election.title }}", bold=True, size=14, align=CENTER, after=Pt(12))
    labelled(doc, "Thời gian: ", "{{ started_text }}.")
    labelled(doc, "Địa điểm: ", "{{ place }}.")
    para(doc, "Ban kiểm phiếu gồm:", bold=True, indent=True)
    tag(doc, "{%p for m in board %}")
    para(
        doc,
        "- {{ m.name }}{% if m.position %}, {{ m.position }}{% endif %};",
        indent=True,
        after=Pt(0),
    )
    tag(doc, "{%p endfor %}")
    para(
        doc,
        "Số chức danh/người cần bầu: {{ election.seats }}. Cơ sở tính: {{ election.base }}.",
        indent=True,
        before=Pt(6),
    )
    for label, attr in (
        ("Số phiếu phát ra", "ballots_issued"),
        ("Số phiếu thu vào", "ballots_returned"),
        ("Số phiếu hợp lệ", "ballots_valid"),
        ("Số phiếu không hợp lệ", "ballots_invalid"),
    ):
        labelled(doc, f"{label}: ", "{{ election." + attr + " }} phiếu.")
    para(doc, "Số phiếu bầu cho từng người:", bold=True, indent=True)
    candidate_table(doc, "election.candidates")
    para(
        doc,
        "Những người trúng cử: {{ election.elected|join(', ') if election.elected else "
        "'không có' }}.",
        bold=True,
        indent=True,
        before=Pt(6),
    )
    para(
        doc,
        "Biên bản lập xong hồi {{ ended_hour }} giờ {{ ended_minute }} phút cùng ngày./.",
        indent=True,
    )
    two_signers(doc, "board_members_signature", "signature")
    return doc


def programme(style: str) -> Document:
    doc = new_document(style)
    header(doc, style)
    title(doc, style)
    labelled(doc, "Thời gian: ", "{{ starts_text }}.")
    labelled(doc, "Địa điểm: ", "{{ place }}.")
    grid_table(
        doc,
        ["TT", "Nội dung", "Thời gian", "Người thực hiện"],
        ["{{ loop.index }}", "{{ r.title }}", "{{ r.time }}", "{{ r.presenter }}"],
        [1.0, 8.5, 3.0, 4.0],
        "for r in rows",
    )
    closing_block(doc)
    return doc


def invitation(style: str) -> Document:
    doc = new_document(style)
    header(doc, style)
    title(doc, style)
    para(doc, "{{ letterhead.issuer_name }} trân trọng kính mời:", indent=True)
    tag(doc, "{%p for who in invitees %}")
    para(doc, "{{ who }}", bold=True, indent=True, after=Pt(0))
    tag(doc, "{%p endfor %}")
    para(doc, "Tới dự:", bold=True, indent=True, before=Pt(6))
    tag(doc, "{%p for text in content %}")
    para(doc, "{{ text }}", indent=True)
    tag(doc, "{%p endfor %}")
    labelled(doc, "Thời gian: ", "{{ starts_text }}.")
    labelled(doc, "Địa điểm: ", "{{ place }}.")
    tag(doc, "{%p for text in notes %}")
    para(doc, "{{ text }}", italic=True, indent=True)
    tag(doc, "{%p endfor %}")
    para(doc, "Rất mong quý vị đến dự đúng thời gian./.", indent=True)
    closing_block(doc)
    return doc


TEMPLATES: dict[str, Callable[[], Document]] = {
    "resolution_state": lambda: resolution("state"),
    "resolution_party": lambda: resolution("party"),
    "decision_state": lambda: resolution("state"),
    "minutes_state": lambda: minutes("state"),
    "minutes_party": lambda: minutes("party"),
    "counting_report": counting_report,
    "programme_state": lambda: programme("state"),
    "programme_party": lambda: programme("party"),
    "invitation_state": lambda: invitation("state"),
    "invitation_party": lambda: invitation("party"),
}


def main(out: Path = OUT) -> None:
    out.mkdir(exist_ok=True)
    for name, build in TEMPLATES.items():
        doc = build()
        doc.core_properties.title = name
        doc.core_properties.author = "Hội nghị"
        doc.save(out / f"{name}.docx")
        print(f"wrote {out / name}.docx")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
