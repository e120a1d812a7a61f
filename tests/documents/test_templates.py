"""Every template, rendered: A4, margins, Times New Roman, header, number, date, signature."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.shared import Mm, Pt
from lxml import etree

from governance.documents import compose, samples
from governance.documents.render import compile_docx, render_plain_docxtpl

KINDS = [
    ("resolution", "state"),
    ("resolution", "party"),
    ("decision", "state"),
    ("minutes", "state"),
    ("minutes", "party"),
    ("counting_report", "state"),
    ("counting_report", "party"),
    ("programme", "state"),
    ("programme", "party"),
    ("invitation", "state"),
    ("invitation", "party"),
]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MARGINS = {"state": (20, 20, 30, 15), "party": (20, 20, 30, 15)}


def render(kind: str, style: str, **changes) -> tuple[object, bytes]:
    context = samples.sample(kind, style)
    for key, value in changes.items():
        setattr(context, key, value)
    return context, compose.compose(context)


def all_text(document) -> str:
    """Body text including table cells (python-docx lists paragraphs of the body only)."""
    return "\n".join(t.text or "" for t in document.element.body.iter(f"{W}t"))


def header_table_cells(document) -> tuple[str, str]:
    cells = document.tables[0].rows[0].cells
    return cells[0].text, cells[1].text


@pytest.mark.parametrize(("kind", "style"), KINDS)
def test_page_margins_and_font(kind, style):
    _ctx, data = render(kind, style)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(m.mm) for m in margins) == MARGINS[style]
    assert document.styles["Normal"].font.name == "Times New Roman"
    fonts = {f.get(f"{W}ascii") for f in document.element.iter(f"{W}rFonts") if f.get(f"{W}ascii")}
    assert fonts == {"Times New Roman"}
    body = document.styles["Normal"].font.size
    assert Pt(13) <= body <= Pt(15)


@pytest.mark.parametrize(("kind", "style"), KINDS)
def test_header_number_date_and_signature(kind, style):
    context, data = render(kind, style)
    document = docx.Document(io.BytesIO(data))
    left, right = header_table_cells(document)
    text = all_text(document)
    if style == "state":
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right
        assert "Độc lập - Tự do - Hạnh phúc" in right
        assert context.number.startswith("Số: 05/") and context.number in left
    else:
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in right
        assert "ĐẢNG BỘ TỈNH LẠNG SƠN" in left and "ĐẢNG ỦY XÃ ĐỒNG ĐĂNG" in left
        assert "*" in left
        assert context.number.startswith("Số 05-") and context.number in left
    assert "Đồng Đăng, ngày 05 tháng 02 năm 2026" in right
    assert context.signature.position.upper() in text
    assert context.signature.name in text
    assert "DỰ THẢO" in text  # an unsigned draft says so


def _runs_with(document, needle: str):
    return [r for p in _paragraphs(document) for r in p.runs if needle in r.text]


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def test_state_header_sizes_and_styles():
    _ctx, data = render("resolution", "state")
    document = docx.Document(io.BytesIO(data))
    (national,) = _runs_with(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert national.bold and Pt(12) <= national.font.size <= Pt(13)
    (motto,) = _runs_with(document, "Độc lập - Tự do - Hạnh phúc")
    assert motto.bold and Pt(13) <= motto.font.size <= Pt(14)
    (issuer,) = _runs_with(document, "HỘI ĐỒNG NHÂN DÂN")[:1]
    assert issuer.bold
    (date,) = _runs_with(document, "Đồng Đăng, ngày 05 tháng 02 năm 2026")
    assert date.italic
    (title,) = [r for r in _runs_with(document, "NGHỊ QUYẾT") if r.text == "NGHỊ QUYẾT"]
    assert title.bold and Pt(13) <= title.font.size <= Pt(14)
    (decides,) = _runs_with(document, "QUYẾT NGHỊ:")
    assert decides.bold
    bases = _runs_with(document, "Căn cứ")
    assert bases and all(r.italic for r in bases)
    assert bases[0].text.endswith(";")
    (consider,) = _runs_with(document, "Xét Tờ trình")
    assert consider.text.endswith("kỳ họp.")  # the last basis ends with "."
    (received,) = _runs_with(document, "Nơi nhận:")
    assert received.bold and received.italic and received.font.size == Pt(12)
    (archive,) = _runs_with(document, "Lưu: VT")
    assert archive.font.size == Pt(11) and archive.text == "- Lưu: VT, VP."
    (on_behalf,) = _runs_with(document, "TM. HỘI ĐỒNG NHÂN DÂN")
    assert on_behalf.bold
    (adoption,) = _runs_with(document, "Nghị quyết này đã được")
    assert "thông qua ngày 05 tháng 02 năm 2026" in adoption.text


def test_body_paragraphs_are_justified_and_indented():
    _ctx, data = render("resolution", "state")
    document = docx.Document(io.BytesIO(data))
    article_text = [p for p in document.paragraphs if p.text.startswith("Giao Ủy ban")]
    assert article_text
    for p in article_text:
        fmt = p.paragraph_format
        assert p.alignment == 3  # justify
        assert Mm(10) <= fmt.first_line_indent <= Mm(12.7)
        assert fmt.space_after >= Pt(6)


def test_party_header_styles():
    _ctx, data = render("resolution", "party")
    document = docx.Document(io.BytesIO(data))
    (party,) = _runs_with(document, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert party.bold and party.underline and party.font.size == Pt(15)
    (committee,) = _runs_with(document, "ĐẢNG ỦY XÃ ĐỒNG ĐĂNG")
    assert committee.bold
    assert any(r.text == "T/M ĐẢNG ỦY" and r.bold for r in _runs_with(document, "T/M"))
    assert any(r.text == "BÍ THƯ" for r in _runs_with(document, "BÍ THƯ"))


def test_page_numbers_from_page_two():
    _ctx, data = render("minutes", "state")
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header_xml = etree.tostring(section.header._element).decode()
    assert "PAGE" in header_xml
    assert "PAGE" not in etree.tostring(section.first_page_header._element).decode()


def test_minutes_content():
    context, data = render("minutes", "state")
    text = all_text(docx.Document(io.BytesIO(data)))
    for needle in (
        "Hôm nay, vào lúc 08 giờ 00 phút, ngày 05 tháng 02 năm 2026",
        context.place,
        "Vắng có lý do",
        "Đi công tác",
        "9/10 đại biểu có mặt, đủ điều kiện tiến hành kỳ họp",
        "Chủ tọa:",
        "Thư ký:",
        "II. CHƯƠNG TRÌNH ĐƯỢC THÔNG QUA",
        "Kết quả biểu quyết (biểu quyết giơ tay): 7/10 tán thành",
        "Quá 1/2 tổng số thành viên",
        "Biên bản được thông qua lúc 11 giờ 30 phút cùng ngày",
        "Bầu Chủ tịch Hội đồng nhân dân xã",
        "Trúng cử",
        "THƯ KÝ KỲ HỌP",
        "CHỦ TỌA KỲ HỌP",
    ):
        assert needle in text, needle


def test_counting_report_content():
    _context, data = render("counting_report", "party")
    text = all_text(docx.Document(io.BytesIO(data)))
    for needle in (
        "BIÊN BẢN KIỂM PHIẾU",
        "Ban kiểm phiếu gồm:",
        "Vi Thị Giang, trưởng ban",
        "phát ra 29; thu vào 29; hợp lệ 28; không hợp lệ 1.",
        "Tổng số được triệu tập: 30; có mặt: 29.",
        "Những người trúng cử: Nguyễn Văn An",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
    ):
        assert needle in text, needle


def test_signed_document_has_no_draft_mark():
    _ctx, data = render("resolution", "state", draft=False)
    document = docx.Document(io.BytesIO(data))
    assert "DỰ THẢO" not in all_text(document)
    assert "DỰ THẢO" not in etree.tostring(document.sections[0].header._element).decode()


HOSTILE = "A & B <c> ]]> \x00\x01\x0b\x1f 😀 \"q\" 'a' {{ x }} {% if %}\nline two " + "x" * 10_000


def test_hostile_text_yields_a_valid_file_containing_it():
    context = samples.sample("resolution", "state")
    context.summary = HOSTILE
    context.articles[0].paragraphs = [HOSTILE]
    context.recipients = [HOSTILE[:40]]
    data = compose.compose(context)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        etree.fromstring(package.read("word/document.xml"))
    text = all_text(docx.Document(io.BytesIO(data)))
    # \x0b, Word's manual line break, stays a line break; the other controls are dropped.
    assert "A & B <c> ]]> \n 😀 \"q\" 'a' {{ x }} {% if %}" in text
    assert "line two " + "x" * 10_000 in text
    assert "\x00" not in text and "\x01" not in text


def test_fast_renderer_matches_docxtpl_text():
    context = samples.sample("minutes", "party")
    data = compose.render_data(context)
    path = compose.template_path("minutes_party")
    fast = all_text(docx.Document(io.BytesIO(compile_docx(path.read_bytes()).render(data))))
    plain = all_text(docx.Document(io.BytesIO(render_plain_docxtpl(path, data))))
    assert fast == plain


def test_templates_are_plain_word_files_with_tags():
    for name in compose.TEMPLATE_NAMES:
        document = docx.Document(str(compose.template_path(name)))
        assert "{{ number }}" in all_text(document) or "{{ number }}" in "".join(
            c.text for c in document.tables[0].rows[0].cells
        ), name


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_converts_and_the_texts_are_in_the_pdf(tmp_path):
    files = []
    for kind, style in KINDS:
        context, data = render(kind, style)
        path = tmp_path / f"{kind}_{style}.docx"
        path.write_bytes(data)
        files.append((context, path))
    profile = tmp_path / "profile"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to",
         "pdf", "--outdir", str(tmp_path), *(str(p) for _c, p in files)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    for context, path in files:
        text = subprocess.run(
            ["pdftotext", "-layout", str(path.with_suffix(".pdf")), "-"],
            check=True, capture_output=True,
        ).stdout.decode()  # fmt: skip
        flat = " ".join(text.split())
        assert context.number in flat, path.name
        assert "ngày 05 tháng 02 năm 2026" in flat, path.name
        assert context.signature.name in flat, path.name
        header = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        assert (header if context.letterhead.style == "state" else "ĐẢNG CỘNG SẢN VIỆT NAM") in flat
