"""Documents a clerk signs without opening Word (issue 9): each point checked in the .docx."""

from __future__ import annotations

import io

import docx
from docx.shared import Pt

from tests.documents.record import adopt, council_session

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def fetch(client, world, document_id: int, who: str = "clerk_a"):
    answer = client.get(f"/api/v1/documents/{document_id}/docx", headers=world.auth(who))
    assert answer.status_code == 200
    return docx.Document(io.BytesIO(answer.data)), answer


def paragraphs(document) -> list:
    """Every paragraph, body and table cells alike, in order."""
    return [docx.text.paragraph.Paragraph(p, document) for p in document.element.body.iter(f"{W}p")]


def texts(document) -> list[str]:
    return [p.text for p in paragraphs(document) if p.text.strip()]


def find(document, start: str):
    return next(p for p in paragraphs(document) if p.text.startswith(start))


def find_last(document, start: str):
    return [p for p in paragraphs(document) if p.text.startswith(start)][-1]


def beside(document, paragraph, step: int):
    """The paragraph `step` places after (or before) this one."""
    elements = [p._p for p in paragraphs(document)]
    return paragraphs(document)[elements.index(paragraph._p) + step]


def draft(client, world, path: str, who: str = "clerk_a") -> dict:
    answer = client.post(path, headers=world.auth(who))
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def test_a_council_resolution_reads_as_decree_30_wants(client, world, app, monkeypatch):
    adopt(monkeypatch)
    s = council_session(client, world, app, monkeypatch=monkeypatch)
    made = draft(client, world, f"/api/v1/agenda/{s.items['organs']}/resolution")
    document, answer = fetch(client, world, made["id"])
    lines = texts(document)
    # The authority line carries the council's khóa, not "NHIỆM KỲ".
    assert "HỘI ĐỒNG NHÂN DÂN XÃ AN" in lines and "KHÓA I, KỲ HỌP THỨ NHẤT" in lines
    assert not any("NHIỆM KỲ" in line for line in lines)
    # The summary is what the item is about, not "Về việc nghị quyết …".
    assert "Về việc thành lập các cơ quan chuyên môn thuộc Ủy ban nhân dân xã" in lines
    # "Xét" from the item's submission and review report.
    consider = find(document, "Xét ")
    assert "Tờ trình số 12/TTr-UBND ngày 02 tháng 7 năm 2026 của Ủy ban nhân dân xã An" in (
        consider.text
    )
    assert "Báo cáo thẩm tra số 03/BC-KTXH" in consider.text
    # The operative text is the adopted draft's.
    assert "Điều 1. Thành lập các cơ quan chuyên môn" in lines
    assert "1. Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã." in lines
    # Adoption sentence: "xã An" in full, khóa, unpadded date as the date-line rule, effect.
    adoption = find(document, "Nghị quyết này đã được")
    assert "Hội đồng nhân dân xã An khóa I, kỳ họp thứ nhất thông qua ngày" in adoption.text
    assert "tháng 07" not in adoption.text and "có hiệu lực từ ngày thông qua" in adoption.text
    assert "kể từ ngày ký" not in "\n".join(lines)
    # No appendix, no vote table, unless the clerk adds one.
    assert not any("PHỤ LỤC" in line for line in lines) and len(document.tables) == 2
    # The signer is the person holding the office, from the registry.
    assert "TM. HỘI ĐỒNG NHÂN DÂN" in lines and "Nguyễn Văn Bình" in lines
    # Named after the number; core properties of the document, not the template's.
    assert answer.headers["Content-Disposition"].endswith("01-NQ-HDND.docx")
    props = document.core_properties
    assert props.author == "Hội đồng nhân dân xã An" and "NGHỊ QUYẾT" in props.title
    assert props.created.year >= 2026 and props.title != "resolution_state"


def test_the_minutes_carry_domain_6_and_two_signatures(client, world, app, monkeypatch):
    s = council_session(client, world, app, monkeypatch=monkeypatch)
    made = draft(client, world, f"/api/v1/meetings/{s.meeting}/minutes", who="secretary_a")
    document, _answer = fetch(client, world, made["id"])
    lines = texts(document)
    joined = "\n".join(lines)
    assert lines[lines.index("BIÊN BẢN") + 1] == "Kỳ họp thứ nhất"
    assert find(document, "Hôm nay, vào lúc ").text.endswith(
        "Hội trường UBND xã An, Hội đồng nhân dân xã An họp kỳ họp thứ nhất."
    )
    assert "28/30 đại biểu có mặt, đủ điều kiện tiến hành kỳ họp theo quy định." in lines
    assert "Chủ tọa: Nguyễn Văn Bình." in lines and "Thư ký: Trần Thị Thu." in lines
    assert ": ." not in joined
    # Elections under their own item, in agenda order, before the closing.
    # (the programme adopted lists the same titles first: take the item headings, the last)
    order = [
        len(lines) - 1 - lines[::-1].index(t)
        for t in ("2. Biểu quyết elect", "3. Biểu quyết organs")
    ]
    election = next(i for i, t in enumerate(lines) if t.startswith("Kết quả bầu cử"))
    closing = next(i for i, t in enumerate(lines) if t.startswith("Biên bản được thông qua lúc"))
    assert order[0] < election < order[1] < closing
    # One compact vote line per vote, no 8-column table.
    assert any(
        t.startswith("Kết quả biểu quyết (biểu quyết giơ tay): 27/30 tán thành") for t in lines
    )
    assert all(len(t.columns) <= 5 for t in document.tables)
    # Secretary and chair sign, each by name.
    assert "THƯ KÝ KỲ HỌP" in lines and "CHỦ TỌA KỲ HỌP" in lines and "Trần Thị Thu" in lines


def test_missing_names_are_dotted_lines_and_the_clerk_is_told(client, world, app, monkeypatch):
    s = council_session(client, world, app, monkeypatch=monkeypatch)
    with app.app_context():
        from governance.extensions import db
        from governance.meetings.models import Meeting
        from governance.org.models import Member

        meeting = db.session.get(Meeting, s.meeting)
        meeting.chair_name = meeting.secretary_name = ""
        db.session.get(Member, s.members[0]).position = "Đại biểu"
        db.session.commit()
    warned = client.get(
        f"/api/v1/meetings/{s.meeting}/document-warnings", headers=world.auth("clerk_a")
    ).get_json()["warnings"]
    assert any("Chủ tịch HĐND" in w for w in warned) and any("Thư ký" in w for w in warned)
    made = draft(client, world, f"/api/v1/meetings/{s.meeting}/minutes")
    lines = texts(fetch(client, world, made["id"])[0])
    assert "Chủ tọa: ……………………." in lines and "……………………" in lines
    assert not any(t.endswith(": .") for t in lines)


def test_the_counting_report_names_the_board_and_each_signs(client, world, app, monkeypatch):
    s = council_session(client, world, app, monkeypatch=monkeypatch)
    made = draft(client, world, f"/api/v1/agenda/{s.items['elect']}/counting-report")
    document, _answer = fetch(client, world, made["id"])
    lines = texts(document)
    assert "Tổ kiểm phiếu gồm:" in lines
    assert "- Vi Thị Giang, trưởng ban;" in lines and "- Nông Thị Hoa, thành viên;" in lines
    assert any(t.startswith("Tổng số được triệu tập: 30; có mặt: 28.") for t in lines)
    end = find(document, "Việc kiểm phiếu kết thúc lúc")
    assert "…" not in end.text and "giờ" in end.text
    signatures = document.tables[-1]
    names = [
        c.text.strip().splitlines()[-1] for r in signatures.rows for c in r.cells if c.text.strip()
    ]
    assert {"Vi Thị Giang", "Lương Văn Hải", "Nông Thị Hoa"} <= set(names)


def test_party_documents_follow_guidance_36(client, world, app):
    from tests.api.test_documents_from_record import session_with_record

    s = session_with_record(client, world, app)
    made = draft(client, world, f"/api/v1/agenda/{s.items['pass']}/resolution")
    document, _answer = fetch(client, world, made["id"])
    title = find(document, "NGHỊ QUYẾT")
    assert Pt(15) <= title.runs[0].font.size <= Pt(16)
    summary = beside(document, title, 1)
    assert summary.text.startswith("về ") and summary.runs[0].bold
    assert find(document, "-----").text == "-----"
    where = find(document, "Nơi nhận:")
    run = where.runs[0]
    assert run.underline and not run.bold and run.font.size == Pt(14)
    recipients = [p.text for p in paragraphs(document) if p.text.startswith("- ")]
    assert all(r.endswith(",") for r in recipients[:-1])
    assert recipients[-1] == "- Lưu Văn phòng Đảng ủy."
    lines = texts(document)
    assert "T/M ĐẢNG ỦY" in lines and "BÍ THƯ" in lines
    assert not any(t.startswith("Điều ") for t in lines)  # sections, not articles
    assert made["number"] == "Số 01-NQ/ĐU"


def test_page_rules_rows_never_split_headings_keep_with_next(client, world, app, monkeypatch):
    s = council_session(client, world, app, monkeypatch=monkeypatch)
    made = draft(client, world, f"/api/v1/meetings/{s.meeting}/minutes")
    document, _answer = fetch(client, world, made["id"])
    for table in document.tables:
        for row in table.rows:
            assert row._tr.trPr is not None and row._tr.trPr.find(f"{W}cantSplit") is not None
    for heading in (
        "I. THÀNH PHẦN THAM DỰ",
        "III. DIỄN BIẾN VÀ KẾT QUẢ",
        "1. Biểu quyết programme",
    ):
        assert find_last(document, heading).paragraph_format.keep_with_next, heading
    attendance = document.tables[1]
    name_cell = attendance.rows[1].cells[1].paragraphs[0]
    assert name_cell.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.LEFT


def test_typed_vertical_tab_is_a_word_line_break(app, world):
    from governance.documents import compose, samples

    context = samples.sample("resolution", "state")
    context.articles[0].paragraphs = ["Dòng một\x0bDòng hai"]
    document = docx.Document(io.BytesIO(compose.compose(context)))
    line = find(document, "Dòng một")
    assert line._p.find(f".//{W}br") is not None and "Dòng hai" in line.text


def test_an_appendix_the_clerk_adds_starts_its_own_page():
    from governance.documents import compose, samples

    context = samples.resolution("state", annex=True)
    context.number = "Số: 05/NQ-HĐND"
    document = docx.Document(io.BytesIO(compose.compose(context)))
    annex = find(document, "PHỤ LỤC")
    before = beside(document, annex, -1)
    assert before._p.find(f".//{W}br[@{W}type='page']") is not None
    assert "(Kèm theo Nghị quyết số 05/NQ-HĐND ngày 05 tháng 02 năm 2026)" in texts(document)
