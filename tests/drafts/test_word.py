"""Word round trip: export a draft, read an edited .docx back; the comments summary table."""

from __future__ import annotations

import io

from docx import Document

from tests.drafts.conftest import in_review, new_draft, user


def _paragraph_texts(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def _office_file() -> bytes:
    """A Word file as an office writes it: title lines, then chapters and numbered articles."""
    doc = Document()
    for line in (
        "QUY CHẾ",
        "làm việc của Ban Chấp hành",
        "Chương I",
        "NHỮNG QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh",
        "Quy chế này quy định chế độ làm việc.",
        "Điều 2. Nguyên tắc làm việc",
        "1. Tập trung dân chủ.",
        "2. Tập thể lãnh đạo; & <không> phải thẻ.",
        "a) Bí thư chịu trách nhiệm chung.",
        "Chương II",
        "ĐIỀU KHOẢN THI HÀNH",
        "Điều 3. Hiệu lực",
        "Có hiệu lực từ ngày ký.",
    ):
        doc.add_paragraph(line)
    table = doc.add_table(rows=1, cols=2)  # a signature table is not text of the draft
    table.rows[0].cells[0].text = "Nơi nhận:"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_export_prints_chapters_articles_and_clauses(ctx, world):
    from governance.drafts import word

    draft = new_draft(world)
    texts = _paragraph_texts(word.export_docx(draft, draft.latest))
    assert "QUY CHẾ" in texts
    assert "làm việc của Ban Chấp hành" in texts
    assert "Chương I" in texts and "NHỮNG QUY ĐỊNH CHUNG" in texts
    assert "Điều 1. Phạm vi điều chỉnh" in texts
    assert "1. Tập trung dân chủ." in texts and "a) Bí thư chịu trách nhiệm chung." in texts
    assert "(Dự thảo lần 1" in "\n".join(texts)


def test_an_office_word_file_becomes_the_next_version(ctx, world):
    from governance.drafts import service, structure, word

    draft = new_draft(world)
    text = word.read_docx(_office_file(), draft)
    version = service.add_version(draft, text, 1, user(world, "clerk_a"), source="docx")
    blocks = structure.parse(version.text)
    assert [b.label for b in blocks if b.kind == "article"] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert [b.label for b in blocks if b.kind == "chapter"] == ["Chương I", "Chương II"]
    assert blocks[0].label == "Chương I"  # the title lines were left out
    clause = next(b for b in blocks if b.label == "2.")
    assert clause.text == "Tập thể lãnh đạo; & <không> phải thẻ."
    assert "Nơi nhận" not in version.text


def test_export_then_import_gives_the_same_text(ctx, world):
    from governance.drafts import structure, word

    draft = new_draft(world)
    again = word.read_docx(word.export_docx(draft, draft.latest), draft)
    assert structure.parse(again) == structure.parse(draft.latest.text)


def test_not_a_word_file_is_refused(ctx, world):
    import pytest

    from governance.core.errors import Invalid
    from governance.drafts import word

    draft = new_draft(world)
    with pytest.raises(Invalid):
        word.read_docx(b"PK\x03\x04 broken", draft)
    with pytest.raises(Invalid):
        word.read_docx(b"plain text", draft)


def test_comments_summary_is_a_table_with_each_handling(ctx, world):
    from governance.documents.service import local_today
    from governance.drafts import review, word

    draft = in_review(world, new_draft(world))
    change = review.add_comment(
        draft,
        {"version": 1, "article": "Điều 1.", "text": "Rõ hơn", "proposed": "Điều 1. Mới"},
        user(world, "member_a"),
    )
    plain = review.add_comment(draft, {"version": 1, "text": "Bỏ <b>"}, user(world, "chair_a"))
    review.handle_comment(change, "accepted", "", user(world, "clerk_a"))
    review.handle_comment(plain, "declined", "Trái Điều lệ", user(world, "clerk_a"))
    data = word.comments_docx(draft, local_today())
    table = Document(io.BytesIO(data)).tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0][3] == "Nội dung góp ý"
    assert rows[1][1:3] == ["Điều 1.", "member_a"] and rows[1][4] == "Tiếp thu"
    assert "Đề nghị sửa thành: Điều 1. Mới" in rows[1][3]
    assert rows[2][3] == "Bỏ <b>" and rows[2][4] == "Không tiếp thu, giải trình: Trái Điều lệ"
    assert "tiếp thu 1" in "\n".join(_paragraph_texts(data))


def test_comments_summary_is_a_report_signed_by_a_person_naming_people(ctx, world):
    """A report (BC, not the draft's QC), signed by the office holder, each comment under
    the name of the person behind the account."""
    from governance.documents.service import local_today
    from governance.drafts import review, word
    from governance.extensions import db

    member = user(world, "member_a")
    member.member_id = world.members["A"]  # the account of Nguyễn Văn A, the Secretary
    db.session.commit()
    draft = in_review(world, new_draft(world))
    review.add_comment(draft, {"version": 1, "text": "Rõ hơn"}, member)
    data = word.comments_docx(draft, local_today())
    rows = [[c.text for c in row.cells] for row in Document(io.BytesIO(data)).tables[1].rows]
    assert rows[1][2] == "Nguyễn Văn A"
    texts = "\n".join(_paragraph_texts(data)) + "\n".join(
        c.text for t in Document(io.BytesIO(data)).tables for r in t.rows for c in r.cells
    )
    assert "-BC/" in texts and "-QC/" not in texts
    assert texts.count("Nguyễn Văn A") >= 2  # the comment and the signature
