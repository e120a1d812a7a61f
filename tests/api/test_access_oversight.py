"""Oversight and notifications API: who may call each route (see test_access.py), and an
inspector writes nothing but findings."""

from __future__ import annotations

import pytest

from tests.api.test_access import ACTORS, READ, assert_access

OVERSEERS = {a: 403 for a in ACTORS} | {"admin": 200, "inspector_p1": 200}
FINDERS = {a: 403 for a in ACTORS} | {"admin": 201, "inspector_p1": 201}
ANSWERERS = {a: 403 for a in ACTORS} | {"admin": 200, "clerk_a": 200, "chair_a": 200}
EVERYONE = dict.fromkeys(ACTORS, 200)
OWN_ONLY = dict.fromkeys(ACTORS, 404) | {"clerk_a": 200}  # another's notice does not exist

ROUTES = [
    ("GET", "/api/v1/oversight/{province}", {}, OVERSEERS),
    ("GET", "/api/v1/oversight/units/{unit}/findings", {}, READ),
    (
        "POST",
        "/api/v1/oversight/units/{unit}/findings",
        {"json": {"text": "Chưa ban hành quy chế làm việc", "kind": "request"}},
        FINDERS,
    ),
    (
        "POST",
        "/api/v1/oversight/findings/{finding}/answer",
        {"json": {"answer": "Đã bổ sung"}},
        ANSWERERS,
    ),
    ("GET", "/api/v1/notifications", {}, EVERYONE),
    ("POST", "/api/v1/notifications/{notification}/read", {}, OWN_ONLY),
]


def _setup(app, world) -> dict:
    """A finding on commune A and a notification for clerk_a."""
    from governance.core.database import utcnow
    from governance.extensions import db
    from governance.notifications.models import Notification
    from governance.oversight.models import Finding

    with app.app_context():
        finding = Finding(unit_id=world.units["A"], text="Chưa họp phiên đầu", author_name="x")
        notice = Notification(
            user_id=world.users["clerk_a"], key="k", subject="s", link="/", due_at=utcnow()
        )
        db.session.add_all([finding, notice])
        db.session.commit()
        return {"finding": finding.id, "notification": notice.id}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("method", "template", "kwargs", "expected"),
    ROUTES,
    ids=[f"{m} {p}" for m, p, _k, _e in ROUTES],
)
def test_oversight_route_by_role_and_unit(
    app, client, world, method, template, kwargs, expected, actor
):
    ids = _setup(app, world)
    path = template.format(province="P1", unit="A", **ids)
    answer = client.open(path, method=method, headers=world.auth(actor), **kwargs)
    assert_access(answer, expected[actor])


def test_an_inspector_writes_nothing_but_findings():
    """Across every domain's access table: each write route refuses the inspector, except
    recording a finding."""
    from tests.api.test_access import _all_route_tables

    writes = [
        (method, path, expected)
        for method, path, _kwargs, expected in _all_route_tables()
        if method in ("POST", "PUT", "PATCH", "DELETE") and "inspector_p1" in expected
    ]
    allowed = [
        (method, path)
        for method, path, expected in writes
        if expected["inspector_p1"] not in (403, 404) and path != "/api/v1/auth/logout"
    ]  # revoking one's own token writes no record
    assert allowed == [("POST", "/api/v1/oversight/units/{unit}/findings")]
    assert len(writes) > 10


def test_an_inspector_of_another_province_sees_nothing(client, world):
    for path in ("/api/v1/oversight/P1", "/api/v1/oversight/units/A/findings"):
        assert client.get(path, headers=world.auth("inspector_p2")).status_code == 403
    assert client.get("/api/v1/oversight/A", headers=world.auth("admin")).status_code == 404
