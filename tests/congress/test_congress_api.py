"""The congress through the API: CONTRACT section 3 and issue 10."""

from __future__ import annotations

import io

import pytest

from tests.congress.conftest import CELLS_50, new_congress


def post(client, world, path, who="clerk_a", **body):
    return client.post(f"/api/v1{path}", json=body, headers=world.auth(who))


def test_create_congress_with_its_plan_counted_back(client, world):
    congress = new_congress(
        client, world, provincial_deadline="2026-12-31", holidays=["2026-12-25"]
    )
    assert congress["status"] == "preparing" and congress["total_delegates"] == 17
    plan = client.get(
        f"/api/v1/congresses/{congress['id']}/milestones", headers=world.auth("member_a")
    ).get_json()
    opening = next(m for m in plan if m["title"] == "Khai mạc đại hội")
    assert opening["due_on"] == "2026-12-28" and opening["working_days_before"] == 0
    sending = next(m for m in plan if m["working_days_before"] == 10)
    # 10 working days before Mon 28/12, skipping the weekends and the 25/12 holiday
    assert sending["due_on"] == "2026-12-11"
    assert any(m["working_days_before"] is None and m["due_on"] == "2026-12-31" for m in plan)
    assert [m["due_on"] for m in plan] == sorted(m["due_on"] for m in plan)


def test_moving_the_opening_moves_the_plan_and_late_items_stand_out(client, world, congress):
    cid = congress["id"]
    url = f"/api/v1/congresses/{cid}"
    moved = client.patch(url, json={"opens_on": "2027-01-11"}, headers=world.auth("clerk_a"))
    assert moved.status_code == 200
    plan = client.get(f"{url}/milestones", headers=world.auth("clerk_a")).get_json()
    assert next(m for m in plan if m["working_days_before"] == 0)["due_on"] == "2027-01-11"
    late = client.patch(url, json={"opens_on": "2026-01-05"}, headers=world.auth("clerk_a"))
    assert late.status_code == 200
    plan = client.get(f"{url}/milestones", headers=world.auth("clerk_a")).get_json()
    assert {m["state"] for m in plan} == {"late"}
    first = plan[0]["id"]
    done = client.patch(
        f"{url}/milestones/{first}", json={"done_on": "2025-01-02"}, headers=world.auth("clerk_a")
    )
    assert done.status_code == 200 and done.get_json()["state"] == "done"


def test_allocation_per_contract(client, world, congress):
    cells = [
        {"name": "Chi bộ 1", "members": 45},
        {"name": "Chi bộ 2", "members": 30},
        {"name": "Chi bộ 3", "members": 12},
        {"name": "Chi bộ 4", "members": 8},
        {"name": "Chi bộ 5", "members": 5},
    ]
    answer = post(
        client,
        world,
        f"/congresses/{congress['id']}/allocation",
        seats=25,
        method="hamilton",
        minimum=2,
        cells=cells,
    )
    body = answer.get_json()
    assert answer.status_code == 200, body
    assert body["allocations"] == [
        {"cell": "Chi bộ 1", "members": 45, "seats": 9},
        {"cell": "Chi bộ 2", "members": 30, "seats": 6},
        {"cell": "Chi bộ 3", "members": 12, "seats": 4},
        {"cell": "Chi bộ 4", "members": 8, "seats": 3},
        {"cell": "Chi bộ 5", "members": 5, "seats": 3},
    ]
    assert body["total"] == 25 and body["tied"] == [] and body["to_decide"] == 0


def test_a_tie_is_reported_then_decided_with_a_reason_in_the_audit(client, world, congress, app):
    cid = congress["id"]
    cells = [{"name": n, "members": m} for n, m in (("A", 450), ("B", 300), ("C", 150), ("D", 100))]
    body = post(client, world, f"/congresses/{cid}/allocation", seats=10, cells=cells).get_json()
    assert body["tied"] == ["A", "C"] and body["to_decide"] == 1 and body["total"] == 9
    url = f"/congresses/{cid}/allocation/decision"
    assert post(client, world, url, winners=["C"], reason="").status_code == 422
    assert post(client, world, url, winners=["B"], reason="Lý do").status_code == 422
    decided = post(client, world, url, winners=["C"], reason="Chi bộ C có nhiều tổ đảng")
    assert decided.status_code == 200, decided.get_json()
    body = decided.get_json()
    assert body["total"] == 10 and body["to_decide"] == 0 and body["decided"] == ["C"]
    assert {a["cell"]: a["seats"] for a in body["allocations"]}["C"] == 2
    again = client.get(f"/api/v1/congresses/{cid}/allocation", headers=world.auth("member_a"))
    assert again.get_json()["decided"] == ["C"]
    with app.app_context():
        from sqlalchemy import select

        from governance.core.models import AuditEntry
        from governance.extensions import db

        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "decide_tie"))
        assert entry.reason == "Chi bộ C có nhiều tổ đảng"
    changed = post(client, world, url, winners=["A"], reason="Nghị quyết Ban Thường vụ số 12")
    assert changed.status_code == 200 and changed.get_json()["decided"] == ["A"]
    no_tie = [{"name": "A", "members": 3}, {"name": "B", "members": 1}]
    post(client, world, f"/congresses/{cid}/allocation", seats=4, cells=no_tie)
    assert post(client, world, url, winners=["A"], reason="x").status_code == 409


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {
                "seats": 3,
                "minimum": 2,
                "cells": [{"name": "A", "members": 1}, {"name": "B", "members": 5}],
            },
            "need 4 seats",
        ),
        ({"seats": 5, "cells": [{"name": "A", "members": 0}]}, "0 members"),
        ({"seats": 5, "method": "webster", "cells": [{"name": "A", "members": 3}]}, "method"),
        ({"seats": -1, "cells": [{"name": "A", "members": 3}]}, "seats"),
        (
            {"seats": 5, "cells": [{"name": "A", "members": 3}, {"name": "A", "members": 2}]},
            "cells",
        ),
        ({"seats": 5}, "chi bộ"),  # "import the cells first", in the user's language
        ({"seats": 5, "cells": [{"name": "A", "members": 2**40}]}, "members"),
    ],
)
def test_impossible_allocations_answer_422(client, world, congress, body, field):
    answer = post(client, world, f"/congresses/{congress['id']}/allocation", **body)
    assert answer.status_code == 422, answer.get_json()
    assert field in str(answer.get_json()["error"])


def test_cells_import_from_csv_and_xlsx(client, world, congress):
    from openpyxl import Workbook

    url = f"/api/v1/congresses/{congress['id']}/cells/import"
    csv = "Tên chi bộ,Số đảng viên\nChi bộ Thôn 1,25\nChi bộ Thôn 2,31\n".encode()
    answer = client.post(
        url,
        data={"file": (io.BytesIO(csv), "cells.csv")},
        content_type="multipart/form-data",
        headers=world.auth("clerk_a"),
    )
    assert answer.get_json() == {"created": 2, "errors": []}
    book = Workbook()
    book.active.append(["Chi bộ", "Số đảng viên"])
    for row in CELLS_50:
        book.active.append([row["name"], row["members"]])
    book.active.append(["Chi bộ 01", "ba mươi"])
    data = io.BytesIO()
    book.save(data)
    bad = client.post(
        url,
        data={"file": (io.BytesIO(data.getvalue()), "cells.xlsx")},
        content_type="multipart/form-data",
        headers=world.auth("clerk_a"),
    )
    assert bad.status_code == 422
    assert {(e["row"], e["field"]) for e in bad.get_json()["errors"]} == {
        (52, "name"),
        (52, "members"),
    }
    cells = client.get(
        f"/api/v1/congresses/{congress['id']}/cells?page_size=1&page=2",
        headers=world.auth("clerk_a"),
    )
    assert [c["name"] for c in cells.get_json()] == ["Chi bộ Thôn 2"]
    assert '"total": 2' in cells.headers["X-Pagination"]


def test_lists_are_paginated(client, world):
    for year in ("2026-12-01", "2027-01-05", "2027-02-01"):
        new_congress(client, world, opens_on=year)
    first = client.get("/api/v1/congresses?page_size=2", headers=world.auth("member_a"))
    assert len(first.get_json()) == 2 and '"total": 3' in first.headers["X-Pagination"]
    assert first.get_json()[0]["opens_on"] == "2027-02-01"
    bad = client.get("/api/v1/congresses?page=0", headers=world.auth("member_a"))
    assert bad.status_code == 422
    other = client.get("/api/v1/congresses", headers=world.auth("clerk_b")).get_json()
    assert other == []


def test_caps_are_warnings_with_their_source(app, client, world):
    congress = new_congress(client, world, ex_officio=30, designated=5, elected=230)
    with app.app_context():
        from governance.congress import service
        from governance.congress.models import Congress
        from governance.extensions import db

        found = service.warnings(db.session.get(Congress, congress["id"]))
    assert [w.code for w in found] == ["delegates"]
    assert "265" in found[0].message_vi and "45-CT/TW" in found[0].source_vi


def test_patch_with_a_stale_version_is_refused(client, world, congress):
    url = f"/api/v1/congresses/{congress['id']}"
    headers = world.auth("clerk_a") | {"If-Match": str(congress["version"])}
    first = client.patch(url, json={"designated": 3}, headers=headers)
    assert first.status_code == 200 and first.get_json()["version"] == congress["version"] + 1
    stale = client.patch(url, json={"designated": 4}, headers=headers)
    assert stale.status_code == 409
    bad = client.patch(
        url, json={"designated": 4}, headers=world.auth("clerk_a") | {"If-Match": "x"}
    )
    assert bad.status_code == 422
