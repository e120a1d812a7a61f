"""Publication and drafting warnings: who may call each route (see test_access.py)."""

from __future__ import annotations

import pytest

from tests.api.test_access import ACTORS, READ, assert_access

EVERYONE = dict.fromkeys(ACTORS, 200)
NOBODY_FOUND = dict.fromkeys(ACTORS, 404)
# A draft cannot be published (409) by those who may publish; the others are refused.
PUBLISHERS = {a: 403 for a in ACTORS} | {a: 409 for a in ("admin", "clerk_a", "chair_a")}

WRITERS = {a: 403 for a in ACTORS} | {
    a: "ok" for a in ("admin", "clerk_a", "chair_a", "secretary_a")
}
OPERATIVE = {"json": {"text": "Điều 1. Thành lập\nNội dung."}}

ROUTES = [
    ("PUT", "/api/v1/documents/{document}/operative", OPERATIVE, WRITERS),
    ("GET", "/api/v1/public/{unit}/documents", {}, EVERYONE),
    ("GET", "/api/v1/public/documents/{document}/pdf", {}, NOBODY_FOUND),
    ("POST", "/api/v1/documents/{document}/publish", {}, PUBLISHERS),
    ("GET", "/api/v1/meetings/{meeting}/document-warnings", {}, READ),
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("method", "template", "kwargs", "expected"),
    ROUTES,
    ids=[f"{m} {p}" for m, p, _k, _e in ROUTES],
)
def test_publication_route_by_role_and_unit(
    app, client, world, method, template, kwargs, expected, actor
):
    from tests.documents.conftest import new_document
    from tests.voting.helpers import make_session

    with app.app_context():
        document_id = new_document(world).id
    meeting = make_session(app, world, 3).meeting
    path = template.format(unit="A", document=document_id, meeting=meeting)
    answer = client.open(path, method=method, headers=world.auth(actor), **kwargs)
    assert_access(answer, expected[actor])
