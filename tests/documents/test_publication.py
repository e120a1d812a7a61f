"""Councils make their resolutions public: a signed document is published and listed, with
its signed PDF and nothing else, without login."""

from __future__ import annotations

from tests.documents.conftest import new_document, user


def _signed(app, world, n: int = 1) -> list[int]:
    from governance.documents import service

    ids = []
    with app.app_context():
        for _ in range(n):
            document = new_document(world)
            service.sign(document, user(world, "chair_a"))
            ids.append(document.id)
    return ids


def test_only_a_signed_document_is_published(client, world, app):
    with app.app_context():
        draft_id = new_document(world).id
    refused = client.post(f"/api/v1/documents/{draft_id}/publish", headers=world.auth("clerk_a"))
    assert refused.status_code == 409
    (signed,) = _signed(app, world)
    made = client.post(f"/api/v1/documents/{signed}/publish", headers=world.auth("clerk_a"))
    assert made.status_code == 200 and made.get_json()["published_at"]
    assert (
        client.post(
            f"/api/v1/documents/{signed}/publish", headers=world.auth("member_a")
        ).status_code
        == 403
    )


def test_the_public_list_needs_no_login_and_shows_nothing_else(client, world, app):
    first, second, kept = _signed(app, world, 3)
    for document_id in (first, second):
        client.post(f"/api/v1/documents/{document_id}/publish", headers=world.auth("chair_a"))
    answer = client.get("/api/v1/public/A/documents?page_size=1")
    assert answer.status_code == 200
    assert '"total": 2' in answer.headers["X-Pagination"]
    (row,) = answer.get_json()
    assert set(row) == {"number", "title", "kind", "signed_at", "pdf"}
    assert row["number"] == "Số 02-NQ/ĐU" and row["signed_at"].endswith("+07:00")
    everything = client.get("/api/v1/public/A/documents").get_json()
    assert [r["number"] for r in everything] == ["Số 02-NQ/ĐU", "Số 01-NQ/ĐU"]
    assert client.get("/api/v1/public/A/documents?page=0").status_code == 422
    assert client.get("/api/v1/public/NOPE/documents").status_code == 404
    assert client.get(f"/api/v1/public/documents/{kept}/pdf").status_code == 404  # not published
    page = client.get("/public/A/documents").get_data(as_text=True)
    assert "Số 01-NQ/ĐU" in page and "Số 02-NQ/ĐU" in page and "Số 03-NQ/ĐU" not in page
    assert client.get("/public/B/documents").status_code == 200  # nothing published there
