"""Documents drawn from a session's record: who may draft them (see test_access.py)."""

from __future__ import annotations

import pytest

from tests.api.test_access import ACTORS
from tests.api.test_documents_from_record import session_with_record

WRITERS = {a: 403 for a in ACTORS} | {
    a: 201 for a in ("admin", "clerk_a", "chair_a", "secretary_a")
}
ROUTES = [
    ("POST", "/api/v1/meetings/{meeting}/minutes", {}, WRITERS),
    ("POST", "/api/v1/agenda/{adopted}/resolution", {}, WRITERS),
    ("POST", "/api/v1/agenda/{election}/counting-report", {}, WRITERS),
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("method", "template", "kwargs", "expected"),
    ROUTES,
    ids=[f"{m} {p}" for m, p, _k, _e in ROUTES],
)
def test_record_document_route_by_role_and_unit(
    client, world, app, method, template, kwargs, expected, actor
):
    s = session_with_record(client, world, app)
    path = template.format(meeting=s.meeting, adopted=s.items["pass"], election=s.items["elect"])
    answer = client.open(path, method=method, headers=world.auth(actor))
    assert answer.status_code == expected[actor], answer.get_data(as_text=True)
