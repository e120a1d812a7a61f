"""Congress API: who may call each route, on commune A's congress (see test_access.py)."""

from __future__ import annotations

import io

import pytest

from tests.api.test_access import ACTORS, EVERYONE, KEEP, READ, assert_access

ROLL = {a: 403 for a in ACTORS} | {a: "ok" for a in ("admin", "clerk_a", "chair_a", "secretary_a")}
CELLS = [{"name": n, "members": m} for n, m in (("A", 450), ("B", 300), ("C", 150), ("D", 100))]
NEW = {"unit_code": "A", "term": "2025–2030", "opens_on": "2027-01-04"}
DELEGATE = {"full_name": "Lê Thị Hoa", "category": "designated", "gender": "female"}

ROUTES = [
    ("GET", "/api/v1/congresses", {}, EVERYONE),
    ("POST", "/api/v1/congresses", {"json": NEW}, KEEP),
    ("GET", "/api/v1/congresses/{congress}", {}, READ),
    ("PATCH", "/api/v1/congresses/{congress}", {"json": {"designated": 3}}, KEEP),
    ("GET", "/api/v1/congresses/{congress}/allocation", {}, READ),
    ("POST", "/api/v1/congresses/{congress}/allocation", {"json": {"seats": 12}}, KEEP),
    (
        "POST",
        "/api/v1/congresses/{congress}/allocation/decision",
        {"json": {"winners": ["C"], "reason": "Theo nghị quyết"}},
        KEEP,
    ),
    ("GET", "/api/v1/congresses/{congress}/cells", {}, READ),
    ("POST", "/api/v1/congresses/{congress}/cells/import", {"files": True}, KEEP),
    ("GET", "/api/v1/congresses/{congress}/milestones", {}, READ),
    (
        "PATCH",
        "/api/v1/congresses/{congress}/milestones/{milestone}",
        {"json": {"done_on": "2026-11-30"}},
        KEEP,
    ),
    ("GET", "/api/v1/congresses/{congress}/delegates", {}, READ),
    ("POST", "/api/v1/congresses/{congress}/delegates", {"json": DELEGATE}, KEEP),
    ("POST", "/api/v1/congresses/{congress}/delegates/import", {"files": "DELEGATES"}, KEEP),
    (
        "POST",
        "/api/v1/delegates/{delegate}/status",
        {"json": {"status": "transferred", "reason": "Chuyển công tác"}},
        KEEP,
    ),
    ("PUT", "/api/v1/delegates/{delegate}/person", {"json": "PERSON"}, KEEP),
    ("GET", "/api/v1/congresses/{congress}/credentials", {}, READ),
    ("GET", "/api/v1/meetings/{meeting}/election-base", {}, READ),
    ("PUT", "/api/v1/meetings/{meeting}/exclusions", {"json": "EXCLUDE"}, ROLL),
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("method", "template", "kwargs", "expected"),
    ROUTES,
    ids=[f"{m} {p}" for m, p, _k, _e in ROUTES],
)
def test_congress_route_by_role_and_unit(
    app, client, world, method, template, kwargs, expected, actor
):
    from tests.voting.helpers import make_session

    clerk = world.auth("clerk_a")
    congress = client.post("/api/v1/congresses", json=NEW, headers=clerk).get_json()
    cid = congress["id"]
    client.post(
        f"/api/v1/congresses/{cid}/allocation", json={"seats": 10, "cells": CELLS}, headers=clerk
    )
    delegate = client.post(f"/api/v1/congresses/{cid}/delegates", json=DELEGATE, headers=clerk)
    milestones = client.get(f"/api/v1/congresses/{cid}/milestones", headers=clerk).get_json()
    session = make_session(app, world, 5)
    path = template.format(
        congress=cid,
        milestone=milestones[0]["id"],
        delegate=delegate.get_json()["id"],
        meeting=session.meeting,
    )
    if kwargs.get("files") == "DELEGATES":
        sheet = "Họ và tên,Giới tính,Thành phần\nLê Văn Nam,Nam,chỉ định\n".encode()
        kwargs = {
            "data": {"file": (io.BytesIO(sheet), "d.csv")},
            "content_type": "multipart/form-data",
        }
    if kwargs.get("files") is True:
        kwargs = {
            "data": {"file": (io.BytesIO("Tên chi bộ,Số đảng viên\nE,5\n".encode()), "c.csv")},
            "content_type": "multipart/form-data",
        }
    if kwargs.get("json") == "PERSON":  # commune A's Party Secretary, in the registry
        kwargs = {"json": {"person_id": world.members["A"]}}
    if kwargs.get("json") == "EXCLUDE":
        record = {"member_id": session.members[0], "category": "absent_with_reason"}
        kwargs = {"json": {"records": [record]}}
    answer = client.open(path, method=method, headers=world.auth(actor), **kwargs)
    assert_access(answer, expected[actor])
