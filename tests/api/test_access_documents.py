"""Documents API: who may call each route, on commune A's document (see test_access.py)."""

from __future__ import annotations

import io

import pytest

from tests.api.test_access import ACTORS, READ, assert_access

SIGNERS = {a: 403 for a in ACTORS} | {"chair_a": "ok"}  # a signature is personal: no admin
WRITERS = {a: 403 for a in ACTORS} | {
    a: "ok" for a in ("admin", "clerk_a", "chair_a", "secretary_a")
}
# Files are only there once made: a reader gets 404 (not made yet), others 403.
NOT_MADE = {a: (404 if v == 200 else v) for a, v in READ.items()}

ROUTES = [
    ("GET", "/api/v1/units/{unit}/documents", {}, READ),
    ("GET", "/api/v1/documents/{document}", {}, READ),
    ("GET", "/api/v1/documents/{document}/docx", {}, READ),
    ("GET", "/api/v1/documents/{document}/p7s", {}, NOT_MADE),
    ("GET", "/api/v1/documents/{document}/pdf", {}, NOT_MADE),
    ("GET", "/api/v1/documents/{document}/verify", {}, READ),
    ("POST", "/api/v1/documents/{document}/sign", {}, SIGNERS),
    ("POST", "/api/v1/documents/{document}/void", {"json": {"reason": "Nhầm nội dung"}}, WRITERS),
    ("POST", "/api/v1/documents/{document}/signed-pdf", {"files": True}, SIGNERS),
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("method", "template", "kwargs", "expected"),
    ROUTES,
    ids=[f"{m} {p}" for m, p, _k, _e in ROUTES],
)
def test_document_route_by_role_and_unit(
    app, client, world, method, template, kwargs, expected, actor
):
    from tests.documents.conftest import new_document

    with app.app_context():
        document_id = new_document(world).id
    path = template.format(unit="A", document=document_id)
    if kwargs.get("files"):
        kwargs = {
            "data": {"file": (io.BytesIO(_signed_pdf(app)), "signed.pdf")},
            "content_type": "multipart/form-data",
        }
    answer = client.open(path, method=method, headers=world.auth(actor), **kwargs)
    assert_access(answer, expected[actor])


def _signed_pdf(app) -> bytes:
    from tests.documents.test_service import _token_signed_pdf

    return _token_signed_pdf(app)
