"""Sign-out API: every signed-in account may revoke its own token (see test_access.py)."""

from __future__ import annotations

import pytest

from tests.api.test_access import ACTORS, assert_access

ROUTES = [
    ("POST", "/api/v1/auth/logout", {}, dict.fromkeys(ACTORS, "ok")),
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("method", "template", "kwargs", "expected"),
    ROUTES,
    ids=[f"{m} {p}" for m, p, _k, _e in ROUTES],
)
def test_sign_out_route_by_role(client, world, method, template, kwargs, expected, actor):
    answer = client.open(template, method=method, headers=world.auth(actor), **kwargs)
    assert_access(answer, expected[actor])
    assert client.get("/api/v1/units", headers=world.auth(actor)).status_code == 401
