"""The resolution that promulgates an adopted regulation, with the regulation attached, reads
as Decree 30 / Guidance 36 print it: nothing a clerk has to fix in Word."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from tests.documents.record import Adopted, Block, adopt, council_session
from tests.documents.test_content import beside, draft, fetch, find, texts

REGULATION = Adopted(
    draft_id=7,
    type_code="QC",
    title="Quy chế làm việc của Hội đồng nhân dân xã An khóa I",
    version=3,
    blocks=[
        Block("chapter", "Chương I", "Những quy định chung", ""),
        Block("article", "Điều 1.", "Phạm vi điều chỉnh", ""),
        Block("clause", "1.", "", "Quy chế này quy định chế độ làm việc."),
        Block("chapter", "Chương II", "Điều khoản thi hành", ""),
        Block("article", "Điều 2.", "Hiệu lực thi hành", "Có hiệu lực từ ngày thông qua."),
    ],
)


def test_council_resolution_issues_the_regulation_attached(client, world, app, monkeypatch):
    adopt(monkeypatch, REGULATION)
    s = council_session(client, world, app, monkeypatch=monkeypatch)
    made = draft(client, world, f"/api/v1/agenda/{s.items['organs']}/resolution")
    document, _answer = fetch(client, world, made["id"])
    lines = texts(document)
    assert "Về việc ban hành Quy chế làm việc của Hội đồng nhân dân xã An khóa I" in lines
    # Article 1 in one paragraph: label and text together, no bare "Điều 1." line.
    assert (
        "Điều 1. Ban hành kèm theo Nghị quyết này Quy chế làm việc của Hội đồng nhân dân xã "
        "An khóa I." in lines
    )
    assert "Điều 1." not in lines
    # The attached regulation: type name whole, summary under it, note with number and date.
    kind = find(document, "QUY CHẾ")
    assert kind.text == "QUY CHẾ"
    assert beside(document, kind, 1).text == "làm việc của Hội đồng nhân dân xã An khóa I"
    note = beside(document, kind, 2).text
    bare = made["number"].removeprefix("Số: ")
    assert note.startswith(f"(Ban hành kèm theo Nghị quyết số {bare} ngày ")
    assert note.endswith("của Hội đồng nhân dân xã An)")
    # Chapters centred on two lines, "Chương I" then its title in capitals.
    chapter = find(document, "Chương I")
    assert chapter.text == "Chương I"
    assert chapter.alignment == WD_ALIGN_PARAGRAPH.CENTER
    title = beside(document, chapter, 1)
    assert title.text == "NHỮNG QUY ĐỊNH CHUNG"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "Điều 1. Phạm vi điều chỉnh" in lines


def test_party_resolution_issuing_its_rules_does_not_rest_on_them(client, world, app, monkeypatch):
    from tests.api.test_documents_from_record import session_with_record

    adopt(monkeypatch, REGULATION)
    s = session_with_record(client, world, app)
    made = draft(client, world, f"/api/v1/agenda/{s.items['pass']}/resolution")
    document, _answer = fetch(client, world, made["id"])
    lines = texts(document)
    assert "về ban hành Quy chế làm việc của Hội đồng nhân dân xã An khóa I" in lines
    assert not any(t.startswith("Căn cứ Quy chế làm việc") for t in lines)
    assert any(t.startswith("Căn cứ Quy định số 294-QĐ/TW") for t in lines)
    assert any(t.startswith("1. Ban hành kèm theo Nghị quyết này Quy chế") for t in lines)
