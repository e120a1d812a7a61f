"""Every API route, for every role, on its own unit and on another: the expected status.

The target is always commune A (province P1). `*_a` users belong to A, clerk_b to B (same
province), inspector_p1 oversees P1, inspector_p2 another province.
"""

from __future__ import annotations

import io
import re

import pytest

ACTORS = (
    "admin",
    "inspector_p1",
    "inspector_p2",
    "clerk_a",
    "chair_a",
    "secretary_a",
    "member_a",
    "clerk_b",
)
READ = {
    "admin": 200,
    "inspector_p1": 200,
    "inspector_p2": 403,
    "clerk_a": 200,
    "chair_a": 200,
    "secretary_a": 200,
    "member_a": 200,
    "clerk_b": 403,
}
KEEP = {"admin": "ok", "clerk_a": "ok"} | {
    a: 403
    for a in ("inspector_p1", "inspector_p2", "chair_a", "secretary_a", "member_a", "clerk_b")
}
ADMIN_ONLY = {a: 403 for a in ACTORS} | {"admin": 201}
EVERYONE = dict.fromkeys(ACTORS, 200)

MEMBER = {"full_name": "Trần Thị Mai", "gender": "female", "birth_year": 1980}
CSV = "full_name,gender\nLê Văn Tám,male\n".encode()

# (method, path template, request kwargs, expected per actor; "ok" = 200/201/204)
ROUTES = [
    ("GET", "/api/v1/units", {}, EVERYONE),
    (
        "POST",
        "/api/v1/units",
        {"json": {"code": "NEW", "name": "Xã Mới", "kind": "commune", "parent_code": "P1"}},
        ADMIN_ONLY,
    ),
    ("GET", "/api/v1/units/{unit}", {}, READ),
    ("PATCH", "/api/v1/units/{unit}", {"json": {"name": "Xã An Mới"}}, ADMIN_ONLY | {"admin": 200}),
    ("DELETE", "/api/v1/units/{empty}", {}, ADMIN_ONLY | {"admin": 204}),
    ("GET", "/api/v1/units/{unit}/bodies", {}, READ),
    (
        "POST",
        "/api/v1/units/{unit}/bodies",
        {"json": {"kind": "people_council", "name": "HĐND", "term": "2021–2026", "seats": 30}},
        KEEP,
    ),
    ("GET", "/api/v1/bodies/{body}", {}, READ),
    ("PATCH", "/api/v1/bodies/{body}", {"json": {"seats": 31}}, KEEP),
    ("DELETE", "/api/v1/bodies/{body}", {}, KEEP),
    ("GET", "/api/v1/bodies/{body}/members", {}, READ),
    ("POST", "/api/v1/bodies/{body}/members", {"json": MEMBER}, KEEP),
    ("POST", "/api/v1/bodies/{body}/members/import", {"files": True}, KEEP),
    ("GET", "/api/v1/members/{member}", {}, READ),
    ("PATCH", "/api/v1/members/{member}", {"json": {"position": "Phó Bí thư"}}, KEEP),
    ("DELETE", "/api/v1/members/{member}", {}, KEEP),
]
PUBLIC = {("POST", "/api/v1/auth/token"), ("GET", "/api/v1/openapi.json")}


def _call(client, world, method, template, kwargs, actor):
    path = template.format(unit="A", empty="E", body=world.bodies["A"], member=world.members["A"])
    if kwargs.get("files"):
        kwargs = {
            "data": {"file": (io.BytesIO(CSV), "members.csv")},
            "content_type": "multipart/form-data",
        }
    return client.open(path, method=method, headers=world.auth(actor), **kwargs)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("method", "template", "kwargs", "expected"),
    ROUTES,
    ids=[f"{m} {p}" for m, p, _k, _e in ROUTES],
)
def test_route_answers_by_role_and_unit(client, world, method, template, kwargs, expected, actor):
    assert_access(_call(client, world, method, template, kwargs, actor), expected[actor])


def assert_access(answer, want) -> None:
    """`want` is a status, or "ok" for any success; a refusal carries the error shape."""
    if want == "ok":
        assert answer.status_code in (200, 201, 204), answer.get_data(as_text=True)
    else:
        assert answer.status_code == want, answer.get_data(as_text=True)
    if answer.status_code == 403:
        assert answer.get_json()["error"]["code"] == "forbidden"


def _all_route_tables() -> list[tuple]:
    """ROUTES of this module and of every tests/api/test_access_<domain>.py."""
    import importlib
    import pkgutil

    import tests.api

    tables = list(ROUTES)
    for info in pkgutil.iter_modules(tests.api.__path__):
        if info.name.startswith("test_access_"):
            tables += importlib.import_module(f"tests.api.{info.name}").ROUTES
    return tables


def _prefix(path: str) -> str:
    """A route's shape: '/api/v1/bodies/{body}/x' and '/api/v1/bodies/<int:body_id>/x' alike."""
    return re.sub(r"\{[^}]+\}|<[^>]+>", "*", path)


def test_every_api_route_is_in_the_matrix(app):
    """A new route must say who may call it: add it to ROUTES here, or to the ROUTES of a
    tests/api/test_access_<domain>.py module (method, path template, kwargs, expected)."""
    covered = {(m, _prefix(p)) for m, p, *_rest in _all_route_tables()} | {
        (m, _prefix(p)) for m, p in PUBLIC
    }
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if (method, _prefix(rule.rule)) not in covered:
                missing.append(f"{method} {rule.rule}")
    assert not missing, f"routes without an access test: {missing}"


def test_unit_list_is_filtered_by_scope(client, world):
    codes = {
        actor: sorted(
            u["code"] for u in client.get("/api/v1/units", headers=world.auth(actor)).get_json()
        )
        for actor in ACTORS
    }
    assert codes["admin"] == ["A", "B", "C", "E", "P1", "P2"]
    assert codes["inspector_p1"] == ["A", "B", "E", "P1"]
    assert codes["inspector_p2"] == ["C", "P2"]
    assert codes["clerk_a"] == ["A"] and codes["clerk_b"] == ["B"]


def test_missing_things_are_404(client, world):
    headers = world.auth("admin")
    for path in (
        "/api/v1/units/NOPE",
        "/api/v1/bodies/999999",
        "/api/v1/members/999999",
        "/api/v1/no-such-route",
    ):
        answer = client.get(path, headers=headers)
        assert answer.status_code == 404, path
        assert answer.get_json()["error"]["code"] == "not_found"
