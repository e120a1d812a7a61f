"""CONTRACT section 3 over every route of the app, read from the OpenAPI document: every
PATCH honours `If-Match` (a stale version answers 409 with the current record), every list
is paginated (`X-Pagination`; a bad `page` is 422 in the JSON error shape).

A new PATCH route fails here until it has a body below (and `check_if_match`); a new list
fails until it is paginated.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from tests.hardening.test_fuzz import METHODS, real_records
from tests.hardening.test_fuzz import error_shape_problem as _problem

# A valid body per PATCH route, so that the answer is about the version, not the body.
PATCH_BODIES = {
    "/api/v1/units/{code}": {"name": "Xã An Mới"},
    "/api/v1/bodies/{body_id}": {"seats": 29},
    "/api/v1/members/{member_id}": {"position": "Phó Bí thư"},
    "/api/v1/meetings/{meeting_id}": {"location": "Hội trường"},
    "/api/v1/agenda/{item_id}": {"presenter": "Chủ tịch"},
    "/api/v1/congresses/{congress_id}": {"designated": 3},
    "/api/v1/congresses/{congress_id}/milestones/{milestone_id}": {"owner": "Văn phòng"},
}


def error_shape_problem(answer) -> str | None:
    """The fuzz test's check, on a Flask test response (whose `json` is no method)."""
    return _problem(
        SimpleNamespace(status_code=answer.status_code, text=answer.text, json=lambda: answer.json)
    )


def _records(client, world) -> dict:
    admin = world.auth("admin")
    records = real_records(client, world)
    congress = client.post(
        "/api/v1/congresses",
        headers=admin,
        json={"unit_code": "A", "term": "2025–2030", "opens_on": "2027-01-04"},
    ).get_json()
    plan = client.get(f"/api/v1/congresses/{congress['id']}/milestones", headers=admin)
    draft = client.post(
        f"/api/v1/bodies/{world.bodies['A']}/drafts",
        headers=admin,
        json={"type_code": "QC", "title": "Quy chế", "text": "Điều 1. Phạm vi"},
    ).get_json()
    client.post(
        "/api/v1/oversight/units/A/findings",
        headers=admin,
        json={"kind": "finding", "text": "Chưa họp đủ kỳ"},
    )
    return records | {
        "congress_id": congress["id"],
        "milestone_id": plan.get_json()[0]["id"],
        "draft_id": draft["id"],
        "province_code": "P1",
        "unit_code": "A",
    }


def _routes(client) -> list[tuple[str, str, dict]]:
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    return [
        (m.upper(), p, op) for p, item in paths.items() for m, op in item.items() if m in METHODS
    ]


def _fill(template: str, records: dict) -> str | None:
    names = re.findall(r"{(\w+)}", template)
    if any(name not in records for name in names):
        return None
    return template.format(**{name: records[name] for name in names})


def test_every_patch_refuses_a_stale_version_with_the_current_record(app, client, world):
    records, admin = _records(client, world), world.auth("admin")
    patches = [path for method, path, _op in _routes(client) if method == "PATCH"]
    assert set(patches) == set(PATCH_BODIES), "a PATCH route without an If-Match check here"
    for template in patches:
        path, body = _fill(template, records), PATCH_BODIES[template]
        stale = client.patch(path, headers=admin | {"If-Match": "999999"}, json=body)
        assert stale.status_code == 409, (template, stale.get_json())
        assert error_shape_problem(stale) is None, stale.get_json()
        error = stale.get_json()["error"]
        assert isinstance(error["current"], dict) and error["current"], template
        current = error["version"]
        assert error["current"].get("version", current) == current
        fresh = client.patch(path, headers=admin | {"If-Match": f'"{current}"'}, json=body)
        assert fresh.status_code == 200, (template, fresh.get_json())
        # A second client that read the same version loses nothing silently.
        again = client.patch(path, headers=admin | {"If-Match": str(current)}, json=body)
        assert again.status_code == 409, template
        bad = client.patch(path, headers=admin | {"If-Match": "version-one"}, json=body)
        assert bad.status_code == 422 and error_shape_problem(bad) is None, template


def test_every_list_is_paginated_and_refuses_a_bad_page(app, client, world):
    records, admin = _records(client, world), world.auth("admin")
    lists = 0
    for method, template, _op in _routes(client):
        path = _fill(template, records)
        if method != "GET" or path is None:
            continue
        answer = client.get(path, headers=admin)
        if answer.status_code != 200 or not answer.is_json or not isinstance(answer.json, list):
            continue
        lists += 1
        assert "X-Pagination" in answer.headers, f"{template} is a list without X-Pagination"
        small = client.get(path, headers=admin, query_string={"page_size": 1})
        assert len(small.get_json()) <= 1, template
        for page in ("0", "abc", "-1"):
            bad = client.get(path, headers=admin, query_string={"page": page})
            assert bad.status_code == 422, (template, page, bad.status_code)
            assert error_shape_problem(bad) is None, template
        too_big = client.get(path, headers=admin, query_string={"page_size": 501})
        assert too_big.status_code == 422, template
    assert lists >= 15  # the lists the records above reach (a drop means a path went 404)


def test_an_allocation_cell_without_a_name_is_422_not_500(app, client, world):
    """Found by the fuzz at 20 cases: the duplicate-name check read the failed cell."""
    admin = world.auth("admin")
    congress = client.post(
        "/api/v1/congresses",
        headers=admin,
        json={"unit_code": "A", "term": "2025–2030", "opens_on": "2027-01-04"},
    ).get_json()
    answer = client.post(
        f"/api/v1/congresses/{congress['id']}/allocation",
        headers=admin,
        json={"seats": 3, "cells": [{"members": 3}, {"name": "B", "members": 2}]},
    )
    assert answer.status_code == 422 and error_shape_problem(answer) is None
    assert "cells" in str(answer.get_json()["error"]["fields"]), answer.get_json()
