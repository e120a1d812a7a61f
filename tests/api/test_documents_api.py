"""Documents over HTTP: the CONTRACT shapes, sign, verify, 409, 404, 422 — never a 500."""

from __future__ import annotations

import io

import docx

from tests.documents.conftest import new_document


def _create(app, world, **kwargs) -> int:
    with app.app_context():
        return new_document(world, **kwargs).id


def test_get_sign_verify_and_conflict(app, client, world):
    document_id = _create(app, world)
    chair, clerk = world.auth("chair_a"), world.auth("clerk_a")
    body = client.get(f"/api/v1/documents/{document_id}", headers=clerk).get_json()
    assert {k: body[k] for k in ("id", "kind", "number", "status", "signed_by", "signed_at")} == {
        "id": document_id,
        "kind": "resolution",
        "number": "Số 01-NQ/ĐU",
        "status": "draft",
        "signed_by": None,
        "signed_at": None,
    }
    assert len(body["sha256"]) == 64
    verify = client.get(f"/api/v1/documents/{document_id}/verify", headers=clerk).get_json()
    assert verify["valid"] is False
    signed = client.post(f"/api/v1/documents/{document_id}/sign", headers=chair)
    assert signed.status_code == 200, signed.get_data(as_text=True)
    body = signed.get_json()
    assert body["status"] == "signed" and body["signed_by"] == world.users["chair_a"]
    assert body["signed_at"].endswith("+07:00")
    again = client.post(f"/api/v1/documents/{document_id}/sign", headers=chair)
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "conflict"
    verify = client.get(f"/api/v1/documents/{document_id}/verify", headers=clerk).get_json()
    assert verify == verify | {"valid": True, "sha256": body["sha256"]}
    word = client.get(f"/api/v1/documents/{document_id}/docx", headers=clerk)
    assert word.status_code == 200 and word.mimetype.endswith("wordprocessingml.document")
    docx.Document(io.BytesIO(word.data))
    p7s = client.get(f"/api/v1/documents/{document_id}/p7s", headers=clerk)
    assert p7s.status_code == 200 and p7s.data[:1] == b"\x30"


def test_bad_inputs_are_4xx(app, client, world):
    document_id = _create(app, world)
    chair = world.auth("chair_a")
    assert client.get("/api/v1/documents/999999", headers=chair).status_code == 404
    assert client.post("/api/v1/documents/999999/sign", headers=chair).status_code == 404
    url = f"/api/v1/documents/{document_id}/signed-pdf"
    missing = client.post(url, headers=chair)
    assert missing.status_code == 422
    for data in (b"", b"%PDF-1.7 nonsense", b"\x00" * 100):
        answer = client.post(
            url,
            headers=chair,
            data={"file": (io.BytesIO(data), "x.pdf")},
            content_type="multipart/form-data",
        )
        assert answer.status_code == 422, answer.get_data(as_text=True)
        assert answer.get_json()["error"]["code"] == "invalid"
    assert client.get(f"/api/v1/documents/{document_id}/pdf", headers=chair).status_code == 404


def test_openapi_lists_document_routes(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "/api/v1/documents/{document_id}/verify" in paths


def test_web_pages(app, client, world):
    from tests.conftest import web_login

    document_id = _create(app, world)
    web_login(client, "clerk_a")
    assert client.get("/documents/").status_code in (200, 302)
    page = client.get("/documents/units/A").get_data(as_text=True)
    assert "Số 01-NQ/ĐU" in page
    page = client.get(f"/documents/{document_id}")
    assert page.status_code == 200
    assert "DỰ THẢO" in page.get_data(as_text=True)
    assert client.get(f"/documents/{document_id}/docx").status_code == 200
    assert client.get(f"/documents/{document_id}/pdf-status").status_code == 200
    assert client.get("/documents/units/A/templates").status_code == 403
