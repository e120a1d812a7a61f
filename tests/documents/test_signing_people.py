"""Each signature is a person's: the name printed is the office holder's, minutes need the
secretary and the chair, a placeholder blocks signing, and the signed PDF shows who signed."""

from __future__ import annotations

import shutil

import pytest

from tests.documents.record import adopt, council_session
from tests.documents.test_content import draft, fetch, texts


def sign(client, world, document_id: int, who: str):
    return client.post(f"/api/v1/documents/{document_id}/sign", headers=world.auth(who))


def test_minutes_are_final_once_the_secretary_and_the_chair_have_signed(
    client, world, app, monkeypatch
):
    s = council_session(client, world, app, monkeypatch=monkeypatch)
    made = draft(client, world, f"/api/v1/meetings/{s.meeting}/minutes")
    assert sign(client, world, made["id"], "clerk_a").status_code == 403
    first = sign(client, world, made["id"], "secretary_a")
    assert first.status_code == 200 and first.get_json()["status"] == "draft"
    assert [x["name"] for x in first.get_json()["signatures"]] == ["Trần Thị Thu"]
    assert sign(client, world, made["id"], "secretary_a").status_code == 409  # once each
    voided = client.post(
        f"/api/v1/documents/{made['id']}/void",
        headers=world.auth("clerk_a"),
        json={"reason": "x" * 5},
    )
    assert voided.status_code == 409  # signed by someone: it can no longer change
    final = sign(client, world, made["id"], "chair_a").get_json()
    assert final["status"] == "signed"
    assert [x["slot"] for x in final["signatures"]] == ["secretary", "chair"]
    lines = texts(fetch(client, world, made["id"])[0])
    assert lines.count("(Đã ký số)") == 2
    assert "Trần Thị Thu" in lines and "Nguyễn Văn Bình" in lines
    assert "chair_a" not in lines and "secretary_a" not in lines  # people, not accounts


def test_a_resolution_is_signed_in_the_office_holders_name(client, world, app, monkeypatch):
    adopt(monkeypatch)
    s = council_session(client, world, app, monkeypatch=monkeypatch)
    made = draft(client, world, f"/api/v1/agenda/{s.items['organs']}/resolution")
    assert sign(client, world, made["id"], "secretary_a").status_code == 403
    signed = sign(client, world, made["id"], "chair_a")
    assert signed.status_code == 200 and signed.get_json()["status"] == "signed"
    lines = texts(fetch(client, world, made["id"])[0])
    assert "Nguyễn Văn Bình" in lines and "chair_a" not in lines and "DỰ THẢO" not in lines


def test_a_placeholder_blocks_signing(client, world, app, monkeypatch):
    adopt(monkeypatch, None)  # nothing adopted: the drafts domain has no text for the item
    s = council_session(client, world, app, monkeypatch=monkeypatch)
    made = draft(client, world, f"/api/v1/agenda/{s.items['organs']}/resolution")
    lines = texts(fetch(client, world, made["id"])[0])
    assert "[Nội dung nghị quyết do văn phòng điền trước khi ký]" in lines
    refused = sign(client, world, made["id"], "chair_a")
    message = refused.get_json()["error"]["message"]
    assert refused.status_code == 409 and ("placeholder" in message or "để trống" in message)
    clerk = world.auth("clerk_a")
    path = f"/api/v1/documents/{made['id']}/operative"
    still = client.put(path, headers=clerk, json={"text": lines[lines.index("QUYẾT NGHỊ:") + 2]})
    assert still.status_code == 422  # the placeholder itself is not a text
    typed = (
        "Điều 1. Thành lập các cơ quan chuyên môn\n1. Văn phòng.\n"
        "Điều 2. Hiệu lực\nTừ ngày thông qua.\nPHỤ LỤC\nDanh sách các cơ quan\n1. Văn phòng"
    )
    answer = client.put(path, headers=clerk, json={"text": typed, "version": 1})
    assert answer.status_code == 200, answer.get_json()
    lines = texts(fetch(client, world, made["id"])[0])
    assert "Điều 1. Thành lập các cơ quan chuyên môn" in lines and "1. Văn phòng." in lines
    # The appendix the clerk added: its own page, "(Kèm theo Nghị quyết số …)".
    assert "PHỤ LỤC" in lines and "Danh sách các cơ quan" in lines
    assert any(t.startswith("(Kèm theo Nghị quyết số 01/NQ-HĐND ngày ") for t in lines)
    assert sign(client, world, made["id"], "chair_a").status_code == 200


def test_nobody_in_office_means_no_signature_until_the_registry_says_who(
    client, world, app, monkeypatch
):
    adopt(monkeypatch)
    s = council_session(client, world, app, monkeypatch=monkeypatch)
    with app.app_context():
        from governance.extensions import db
        from governance.meetings.models import Meeting
        from governance.org.models import Member

        db.session.get(Member, s.members[0]).position = "Đại biểu"
        db.session.get(Meeting, s.meeting).chair_name = ""  # nor the meeting's chair
        db.session.commit()
    made = draft(client, world, f"/api/v1/agenda/{s.items['organs']}/resolution")
    assert "……………………" in texts(fetch(client, world, made["id"])[0])
    refused = sign(client, world, made["id"], "chair_a")
    assert refused.status_code == 409


def _seal_p12(tmp_path) -> str:
    from cryptography.hazmat.primitives.serialization import NoEncryption, pkcs12

    from governance.documents import signing

    pem = signing._new_development_pem("HĐND xã An (con dấu)")
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(pem, None)
    cert = x509.load_pem_x509_certificate(pem)
    data = pkcs12.serialize_key_and_certificates(b"seal", key, cert, None, NoEncryption())
    path = tmp_path / "A.p12"
    path.write_bytes(data)
    return str(tmp_path)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_signed_pdf_shows_each_signature_and_the_seal(
    client, world, app, monkeypatch, tmp_path
):
    from governance.documents import pdf, stamps

    monkeypatch.setitem(app.config, "DOCUMENT_SEAL_P12", _seal_p12(tmp_path))
    s = council_session(client, world, app, monkeypatch=monkeypatch)
    made = draft(client, world, f"/api/v1/meetings/{s.meeting}/minutes")
    sign(client, world, made["id"], "secretary_a")
    sign(client, world, made["id"], "chair_a")
    with app.app_context():
        assert "1 of 1" in pdf.process_jobs()
    signed = client.get(f"/api/v1/documents/{made['id']}/pdf", headers=world.auth("clerk_a"))
    widgets = stamps.widgets(signed.data)
    assert [w["field"] for w in widgets] == ["Signature-secretary", "Signature-chair", "Seal"]
    for widget in widgets:
        x1, y1, x2, y2 = widget["rect"]
        assert x2 - x1 > 50 and y2 - y1 > 20, widget  # visible, not a zero rectangle
    secretary, chair = widgets[0]["rect"], widgets[1]["rect"]
    assert secretary[2] < chair[0]  # at each person's own block: secretary left, chair right
    check = client.get(f"/api/v1/documents/{made['id']}/verify", headers=world.auth("clerk_a"))
    report = check.get_json()
    assert report["valid"] and [x["valid"] for x in report["signatures"]] == [True, True, True]
    assert "con dấu" in report["signatures"][-1]["signer"]
