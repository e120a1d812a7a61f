"""Build the Word templates in document_templates/ (python-docx layout, Jinja tags in text).

    python scripts/make_document_templates.py

Formats: DOMAIN.md §6 — Decree 30/2020/NĐ-CP Appendix I (state) and Guidance 36-HD/VPTW
(Party). The files stay editable in Word; docxtpl tags: `{{ x }}`, `{%p … %}` (a whole
paragraph), `{%tr … %}` (a whole table row). Render context: governance/documents/contexts.py.
"""

from __future__ import annotations

import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
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
    _no_stretched_breaks(doc)
    return doc


def _no_stretched_breaks(doc: Document) -> None:
    """A line ending in a manual break (\\x0b typed in Word) is not stretched to the full
    width of a justified paragraph (Word's compatibility option)."""
    settings = doc.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        settings.append(compat)
    compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))


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
    keep: bool = False,
):
    """A paragraph with one run; `first` reuses a table cell's empty first paragraph;
    `keep`: kept on the page of the next paragraph (headings never end a page)."""
    p = where.paragraphs[0] if first and where.paragraphs else where.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.keep_with_next = keep or None
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
    cant_split(table.rows[0])  # one block
    return table


def grid_table(
    doc,
    headings: list[str],
    cells: list[str],
    widths_cm: list[float],
    loop: str,
    left: tuple[int, ...] = (1,),
):
    """A bordered table: a heading row, then one row repeated by `{%tr for … %}`. Rows never
    split across pages; names and text (`left` columns) are left-aligned, numbers centred."""
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
    for index, (cell, text) in enumerate(zip(data_row.cells, cells, strict=True)):
        align = LEFT if index in left else CENTER
        para(cell, text, size=12, align=align, after=Pt(0), first=True)
    para(end_row.cells[0], "{%tr endfor %}", size=12, align=LEFT, after=Pt(0), first=True)
    for row in table.rows:
        cant_split(row)
    return table


def cant_split(row) -> None:
    """`w:cantSplit`: Word and LibreOffice move the whole row to the next page."""
    trpr = row._tr.get_or_add_trPr()
    if trpr.find(qn("w:cantSplit")) is None:
        trpr.insert(0, OxmlElement("w:cantSplit"))


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
    """State: title 14 pt, summary, a rule of 1/3–1/2 of the text width (Decree 30).
    Party (Guidance 36): the type 16 pt, the lowercase "về …" summary 14 pt, then "-----"."""
    party = style == "party"
    para(
        doc,
        "{{ title|upper }}",
        bold=True,
        size=16 if party else 14,
        align=CENTER,
        before=Pt(18),
        after=Pt(0),
        keep=True,
    )
    if summary:
        tag(doc, "{%p if summary %}")
        para(doc, "{{ summary }}", bold=True, size=14, align=CENTER, after=Pt(0), keep=True)
        tag(doc, "{%p endif %}")
    if party:
        para(doc, "-----", size=14, align=CENTER, after=Pt(12))
    else:
        # 16.5 cm of text: a 7.5 cm rule (45 %)
        rule(doc, 4.5, 4.5).paragraph_format.space_after = Pt(12)


def bases(doc) -> None:
    """ "Căn cứ …;" and "Xét …" lines, italic; the renderer ends the last with "."."""
    tag(doc, "{%p for line in bases %}")
    para(doc, "{{ line }}", italic=True, indent=True)
    tag(doc, "{%p endfor %}")


def articles(doc) -> None:
    """ "Điều 1. …" (state, Party decisions) or "I." / "1." sections (Party resolutions)."""
    tag(doc, "{%p for article in articles %}")
    p = para(doc, indent=True, keep=True)
    add_run(p, "{{ article.heading }}", bold=True)
    add_run(p, "{% if article.title %} {{ article.title }}{% endif %}", bold=True)
    # no title: the first paragraph runs on after the label ("Điều 1. Ban hành kèm theo …")
    add_run(
        p,
        "{% if not article.title and article.paragraphs %} {{ article.paragraphs[0] }}{% endif %}",
    )
    tag(doc, "{%p for text in (article.paragraphs if article.title else article.paragraphs[1:]) %}")
    para(doc, "{{ text }}", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")


def recipients(cell, style: str, first: bool = True) -> None:
    """State: "Nơi nhận:" bold italic 12 pt, list 11 pt, "- Lưu: VT, …".
    Party: "Nơi nhận:" 14 pt underlined, list 12 pt ending ",", "- Lưu Văn phòng Đảng ủy."."""
    if style == "party":
        para(cell, "Nơi nhận:", size=14, underline=True, align=LEFT, after=Pt(0), first=first)
        tag(cell, "{%p for r in recipients %}")
        para(cell, "- {{ r }},", size=12, align=LEFT, after=Pt(0))
        tag(cell, "{%p endfor %}")
        para(cell, "- Lưu Văn phòng Đảng ủy.", size=12, align=LEFT, after=Pt(0))
        return
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
    """On behalf of (TM./T/M), position, room for the signature (and, once signed, the
    visible digital signature drawn there on the PDF), the person's name bold, or a
    dotted line where nobody holds the office."""
    tag(cell, "{%p if " + sig + ".on_behalf %}", first=first)
    para(cell, "{{ " + sig + ".on_behalf|upper }}", bold=True, size=14, align=CENTER, after=Pt(0))
    tag(cell, "{%p endif %}")
    para(cell, "{{ " + sig + ".position|upper }}", bold=True, size=14, align=CENTER, after=Pt(0))
    tag(cell, "{%p if " + sig + ".signed_note %}")
    para(cell, "({{ " + sig + ".signed_note }})", italic=True, size=11, align=CENTER, after=Pt(0))
    tag(cell, "{%p endif %}")
    for _ in range(3):
        para(cell, "", size=14, align=CENTER, after=Pt(0))
    para(
        cell,
        "{% if " + sig + ".name %}{{ " + sig + ".name }}{% else %}……………………{% endif %}",
        bold=True,
        size=14,
        align=CENTER,
        before=Pt(12),
    )


def closing_block(doc, style: str) -> None:
    """ "Nơi nhận" left, signature right: one block, never split across pages."""
    para(doc, "", after=Pt(0), keep=True)
    left, right = layout_table(doc, [7.5, 9.0]).rows[0].cells
    recipients(left, style)
    signer(right, "signature")


def adoption(doc) -> None:
    tag(doc, "{%p if adoption %}")
    para(doc, "{{ adoption }}", indent=True, keep=True)
    tag(doc, "{%p endif %}")


def page_break(doc) -> None:
    p = para(doc, after=Pt(0))
    p.add_run().add_break(WD_BREAK.PAGE)


def annexes(doc) -> None:
    """Each annex on a page of its own: "PHỤ LỤC" / "(Kèm theo Nghị quyết số …)", or the
    regulation a resolution promulgates. Only where the content calls for one."""
    tag(doc, "{%p for annex in annexes %}")
    page_break(doc)
    para(doc, "{{ annex.title|upper }}", bold=True, size=14, align=CENTER, after=Pt(0), keep=True)
    tag(doc, "{%p if annex.summary %}")
    para(doc, "{{ annex.summary }}", bold=True, size=14, align=CENTER, after=Pt(0), keep=True)
    tag(doc, "{%p endif %}")
    para(doc, "{{ annex.note }}", italic=True, size=14, align=CENTER, after=Pt(0), keep=True)
    rule(doc, 5.5, 5.5).paragraph_format.space_after = Pt(12)
    tag(doc, "{%p for line in annex.lines %}")
    tag(doc, "{%p if line.centre %}")
    para(doc, "{{ line.text }}", bold=True, align=CENTER, after=Pt(0), keep=True)
    tag(doc, "{%p elif line.heading %}")
    para(doc, "{{ line.text }}", bold=True, indent=True, keep=True)
    tag(doc, "{%p else %}")
    para(doc, "{{ line.text }}", indent=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")


# Kinds --------------------------------------------------------------------------------


def resolution(style: str) -> Document:
    """Authority line, "Căn cứ", "Xét", "QUYẾT NGHỊ:", articles (Party: sections), the
    adoption sentence (council), signature; annexes on their own pages."""
    doc = new_document(style)
    header(doc, style)
    title(doc, style)
    tag(doc, "{%p for line in authority_lines %}")
    para(doc, "{{ line|upper }}", bold=True, size=14, align=CENTER, after=Pt(0), keep=True)
    tag(doc, "{%p endfor %}")
    para(doc, "", after=Pt(0))
    bases(doc)
    para(doc, "{{ decides }}", bold=True, size=14, align=CENTER, before=Pt(6), keep=True)
    articles(doc)
    adoption(doc)
    closing_block(doc, style)
    annexes(doc)
    return doc


def labelled(doc, label: str, value: str, before: Pt | None = None) -> None:
    p = para(doc, indent=True, before=before)
    add_run(p, label, bold=True)
    add_run(p, value)


def heading(doc, text: str, **kwargs) -> None:
    para(doc, text, bold=True, indent=True, keep=True, **kwargs)


def minutes(style: str) -> Document:
    """DOMAIN 6: opening, attendance and quorum, chair and secretary, the programme, each item
    in order (who spoke, discussion, conclusion, the vote in one line, its election rounds),
    closing, copies; signed by the secretary and the chair."""
    doc = new_document(style)
    header(doc, style)
    title(doc, style)
    para(doc, "{{ opening }}", indent=True)
    heading(doc, "I. THÀNH PHẦN THAM DỰ")
    para(
        doc,
        "Tổng số được triệu tập: {{ members_total }}; có mặt: {{ present|length }}; vắng mặt: "
        "{{ absent|length }}.",
        indent=True,
        keep=True,
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
        [1.0, 4.6, 5.0, 2.6, 3.3],
        "for a in attendance",
        left=(1, 2, 4),
    )
    para(doc, "{{ quorum }}", bold=True, indent=True, before=Pt(6))
    tag(doc, "{%p if guests %}")
    para(doc, "Khách mời: {{ guests|join('; ') }}.", indent=True)
    tag(doc, "{%p endif %}")
    labelled(doc, "Chủ tọa: ", "{{ chair }}.")
    labelled(doc, "Thư ký: ", "{{ secretary }}.")
    heading(doc, "II. CHƯƠNG TRÌNH ĐƯỢC THÔNG QUA")
    tag(doc, "{%p for title in programme %}")
    item = para(doc, "{{ loop.index }}. {{ title }}", after=Pt(0))
    item.paragraph_format.left_indent = INDENT + Cm(0.6)  # a long title wraps under its text
    item.paragraph_format.first_line_indent = -Cm(0.6)
    tag(doc, "{%p endfor %}")
    heading(doc, "III. DIỄN BIẾN VÀ KẾT QUẢ", before=Pt(6))
    tag(doc, "{%p for item in items %}")
    heading(doc, "{{ item.number }} {{ item.title }}")
    tag(doc, "{%p if item.presenter %}")
    para(doc, "Trình bày: {{ item.presenter }}.", italic=True, indent=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if item.speakers %}")
    labelled(doc, "Ý kiến phát biểu: ", "{{ item.speakers|join(', ') }}.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for text in item.notes %}")
    para(doc, "{{ text }}", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if item.conclusion %}")
    para(doc, "{{ item.conclusion }}", indent=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for line in item.vote_lines %}")
    para(doc, "{{ line }}", indent=True)
    tag(doc, "{%p endfor %}")
    election_rounds(doc, "item.elections")
    tag(doc, "{%p endfor %}")
    para(doc, "{{ closing }}", indent=True, before=Pt(6), keep=True)
    para(doc, "{{ copies }}", indent=True, keep=True)
    two_signers(doc, "secretary_signature", "signature", style)
    return doc


def election_rounds(doc, rounds: str) -> None:
    tag(doc, "{%p for e in " + rounds + " %}")
    para(
        doc,
        "Kết quả bầu cử (vòng {{ e.round_no }}, {{ e.seats }} người): phát ra "
        "{{ e.ballots_issued }} phiếu, thu vào {{ e.ballots_returned }}, hợp lệ "
        "{{ e.ballots_valid }}, không hợp lệ {{ e.ballots_invalid }}; cơ sở tính "
        "{{ e.base }}.",
        indent=True,
        keep=True,
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


def two_signers(doc, left_sig: str, right_sig: str, style: str) -> None:
    para(doc, "", after=Pt(0), keep=True)
    left, right = layout_table(doc, [8.25, 8.25]).rows[0].cells
    signer(left, left_sig)
    signer(right, right_sig)
    tag(doc, "{%p if recipients %}")
    recipients(doc, style, first=False)
    tag(doc, "{%p endif %}")


def board_signatures(doc) -> None:
    """A signature place for every member of the counting board, two to a row."""
    para(doc, "", after=Pt(0), keep=True)
    table = layout_table(doc, [8.25, 8.25])
    left = table.rows[0].cells[0]
    tag(left, "{%tr for pair in board_rows %}", first=True)
    row = table.add_row()
    cant_split(row)
    for index, cell in enumerate(row.cells):
        cell.width = Cm(8.25)
        tag(cell, "{%p if pair|length > " + str(index) + " %}", first=True)
        para(
            cell,
            "{{ pair[" + str(index) + "].position|upper }}",
            bold=True,
            size=14,
            align=CENTER,
            after=Pt(0),
        )
        for _ in range(2):
            para(cell, "", size=14, align=CENTER, after=Pt(0))
        para(
            cell,
            "{% if pair["
            + str(index)
            + "].name %}{{ pair["
            + str(index)
            + "].name }}{% else %}……………………{% endif %}",
            bold=True,
            size=14,
            align=CENTER,
            before=Pt(12),
            after=Pt(6),
        )
        tag(cell, "{%p endif %}")
        para(cell, "", size=6, after=Pt(0))  # a cell keeps one paragraph whatever the pair
    end = table.add_row()
    tag(end.cells[0], "{%tr endfor %}", first=True)


def counting_report() -> Document:
    """Biên bản kiểm phiếu: the board by name, convened and present, ballots issued, returned,
    valid, invalid; votes; elected; start and end; every member of the board signs."""
    doc = new_document("state")
    header_either(doc)
    for style, size in (("party", 16), ("state", 14)):
        tag(doc, "{%p if letterhead.style == '" + style + "' %}")
        para(
            doc,
            "{{ title|upper }}",
            bold=True,
            size=size,
            align=CENTER,
            before=Pt(18),
            after=Pt(0),
            keep=True,
        )
        tag(doc, "{%p endif %}")
    para(doc, "{{ election.title }}", bold=True, size=14, align=CENTER, after=Pt(12), keep=True)
    labelled(doc, "Bắt đầu kiểm phiếu: ", "{{ started_text }}, tại {{ place }}.")
    heading(doc, "{{ board_title }} gồm:")
    tag(doc, "{%p for m in board %}")
    para(
        doc,
        "- {% if m.name %}{{ m.name }}{% else %}……………………{% endif %}, {{ m.position|lower }};",
        indent=True,
        after=Pt(0),
    )
    tag(doc, "{%p endfor %}")
    para(
        doc,
        "Tổng số được triệu tập: {{ convened }}; có mặt: {{ present }}. Số người cần bầu: "
        "{{ election.seats }}. Cơ sở tính: {{ election.base }}.",
        indent=True,
        before=Pt(6),
    )
    labelled(
        doc,
        "Số phiếu: ",
        "phát ra {{ election.ballots_issued }}; thu vào {{ election.ballots_returned }}; hợp lệ "
        "{{ election.ballots_valid }}; không hợp lệ {{ election.ballots_invalid }}.",
    )
    heading(doc, "Số phiếu bầu cho từng người:")
    candidate_table(doc, "election.candidates")
    para(
        doc,
        "Những người trúng cử: {{ election.elected|join(', ') if election.elected else "
        "'không có' }}.",
        bold=True,
        indent=True,
        before=Pt(6),
    )
    para(doc, "Việc kiểm phiếu kết thúc lúc {{ ended_text }}./.", indent=True, keep=True)
    board_signatures(doc)
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
        left=(1, 3),
    )
    closing_block(doc, style)
    return doc


def invitation(style: str) -> Document:
    doc = new_document(style)
    header(doc, style)
    title(doc, style)
    para(
        doc,
        "{{ inviter or letterhead.issuer_name }} trân trọng kính mời:",
        indent=True,
        keep=True,
    )
    tag(doc, "{%p for who in invitees %}")
    para(doc, "{{ who }}", bold=True, indent=True, after=Pt(0))
    tag(doc, "{%p endfor %}")
    heading(doc, "Tới dự:", before=Pt(6))
    tag(doc, "{%p for text in content %}")
    para(doc, "{{ text }}", indent=True)
    tag(doc, "{%p endfor %}")
    labelled(doc, "Thời gian: ", "{{ starts_text }}.")
    labelled(doc, "Địa điểm: ", "{{ place }}.")
    tag(doc, "{%p for text in notes %}")
    para(doc, "{{ text }}", italic=True, indent=True)
    tag(doc, "{%p endfor %}")
    para(doc, "Rất mong quý vị đến dự đúng thời gian./.", indent=True)
    closing_block(doc, style)
    return doc


TEMPLATES: dict[str, Callable[[], Document]] = {
    "resolution_state": lambda: resolution("state"),
    "resolution_party": lambda: resolution("party"),
    "decision_state": lambda: resolution("state"),
    "decision_party": lambda: resolution("party"),
    "minutes_state": lambda: minutes("state"),
    "minutes_party": lambda: minutes("party"),
    "counting_report": counting_report,
    "programme_state": lambda: programme("state"),
    "programme_party": lambda: programme("party"),
    "invitation_state": lambda: invitation("state"),
    "invitation_party": lambda: invitation("party"),
}
CREATED = re.compile(
    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)"
)


def core_tags(path: Path) -> None:
    """Title, author and created filled per document (the issuer, now), not the template's."""
    with zipfile.ZipFile(path) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    core = parts["docProps/core.xml"]
    core = CREATED.sub(rb"\1{{ core.created }}\2", core)
    parts["docProps/core.xml"] = core
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)


def main(out: Path = OUT) -> None:
    out.mkdir(exist_ok=True)
    for name, build in TEMPLATES.items():
        doc = build()
        props = doc.core_properties
        props.title, props.author = "{{ core.title }}", "{{ core.author }}"
        props.last_modified_by, props.revision = "{{ core.author }}", 1
        props.comments = props.keywords = props.subject = ""
        doc.save(out / f"{name}.docx")
        core_tags(out / f"{name}.docx")
        print(f"wrote {out / name}.docx")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
