"""Units, bodies and members through the API, and what the audit log keeps of it."""

from __future__ import annotations

from sqlalchemy import select


def _audit(app):
    from governance.core.models import AuditEntry
    from governance.extensions import db

    with app.app_context():
        return db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()


def test_admin_creates_a_province_and_a_commune(client, world):
    headers = world.auth("admin")
    answer = client.post(
        "/api/v1/units",
        headers=headers,
        json={"code": "LSN2", "name": "Tỉnh Lạng Sơn", "kind": "province"},
    )
    assert answer.status_code == 201
    answer = client.post(
        "/api/v1/units",
        headers=headers,
        json={"code": "DD", "name": "Xã Đồng Đăng", "kind": "commune", "parent_code": "LSN2"},
    )
    assert answer.status_code == 201
    assert answer.get_json() == {
        "code": "DD",
        "name": "Xã Đồng Đăng",
        "kind": "commune",
        "parent_code": "LSN2",
        "version": 1,
    }


def test_a_commune_needs_an_existing_province_and_codes_are_unique(client, world):
    headers = world.auth("admin")
    orphan = client.post(
        "/api/v1/units", headers=headers, json={"code": "ZZ", "name": "Xã", "kind": "commune"}
    )
    assert orphan.status_code == 422
    assert "parent_code" in orphan.get_json()["error"]["fields"]
    under_commune = client.post(
        "/api/v1/units",
        headers=headers,
        json={"code": "ZZ", "name": "Xã", "kind": "commune", "parent_code": "A"},
    )
    assert under_commune.status_code == 422
    again = client.post(
        "/api/v1/units", headers=headers, json={"code": "P1", "name": "Tỉnh", "kind": "province"}
    )
    assert again.status_code == 409


def test_clerk_keeps_bodies_and_members_and_each_change_is_audited(client, world, app):
    headers = world.auth("clerk_a")
    body = client.post(
        "/api/v1/units/A/bodies",
        headers=headers,
        json={
            "kind": "people_council",
            "name": "Hội đồng nhân dân xã An",
            "term": "2021–2026",
            "seats": 30,
        },
    ).get_json()
    assert body["member_count"] == 0 and body["unit_code"] == "A"
    member = client.post(
        f"/api/v1/bodies/{body['id']}/members",
        headers=headers,
        json={
            "full_name": "Hoàng Thị Lan",
            "position": "Chủ tịch HĐND",
            "gender": "female",
            "birth_year": 1978,
            "ethnicity": "Tày",
            "education": "Đại học",
            "theory_level": "Cao cấp",
            "party_joined_on": "2001-05-19",
        },
    ).get_json()
    assert member["party_joined_on"] == "2001-05-19" and member["body_id"] == body["id"]
    changed = client.patch(
        f"/api/v1/members/{member['id']}", headers=headers, json={"position": "Phó Chủ tịch HĐND"}
    )
    assert changed.get_json()["position"] == "Phó Chủ tịch HĐND"
    assert changed.get_json()["full_name"] == "Hoàng Thị Lan"  # PATCH leaves the rest
    listed = client.get(f"/api/v1/bodies/{body['id']}/members", headers=headers).get_json()
    assert [m["full_name"] for m in listed] == ["Hoàng Thị Lan"]
    assert client.delete(f"/api/v1/members/{member['id']}", headers=headers).status_code == 204

    entries = [(e.action, e.entity, e.username) for e in _audit(app)]
    assert entries == [
        ("create", "body", "clerk_a"),
        ("create", "member", "clerk_a"),
        ("update", "member", "clerk_a"),
        ("delete", "member", "clerk_a"),
    ]
    update = _audit(app)[2]
    assert update.before["position"] == "Chủ tịch HĐND"
    assert update.after["position"] == "Phó Chủ tịch HĐND"
    assert update.unit_id == world.units["A"]


def test_deleting_a_body_removes_its_members_and_keeps_their_names_in_the_log(client, world, app):
    headers = world.auth("clerk_a")
    assert client.delete(f"/api/v1/bodies/{world.bodies['A']}", headers=headers).status_code == 204
    assert client.get(f"/api/v1/members/{world.members['A']}", headers=headers).status_code == 404
    assert _audit(app)[-1].before["members"] == ["Nguyễn Văn A"]


def test_admin_renames_a_unit_and_removes_only_an_empty_one(client, world):
    headers = world.auth("admin")
    renamed = client.patch("/api/v1/units/A", headers=headers, json={"name": "Xã An Hòa"})
    assert renamed.get_json()["name"] == "Xã An Hòa" and renamed.get_json()["code"] == "A"
    busy = client.delete("/api/v1/units/A", headers=headers)
    assert busy.status_code == 409 and "Xã An Hòa" in busy.get_json()["error"]["message"]
    assert client.delete("/api/v1/units/E", headers=headers).status_code == 204
    assert client.get("/api/v1/units/E", headers=headers).status_code == 404
