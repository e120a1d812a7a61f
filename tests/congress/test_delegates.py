"""Delegates, replacement by alternates, credentials, sessions and the election base."""

from __future__ import annotations

from tests.congress.conftest import new_congress

ROSTER = [
    # name, category, cell, gender, birth year, ethnicity, education, theory, joined
    ("Nguyễn Văn An", "ex_officio", None, "male", 1970, "Kinh", "Đại học", "Cao cấp", "1995-05-19"),
    (
        "Hoàng Thị Bích",
        "designated",
        None,
        "female",
        1988,
        "Tày",
        "Thạc sĩ",
        "Trung cấp",
        "2012-03-03",
    ),
    (
        "Lý Văn Cường",
        "official",
        "Chi bộ 1",
        "male",
        1954,
        "Nùng",
        "Trung cấp",
        "Sơ cấp",
        "1975-01-01",
    ),
    (
        "Trần Thị Dung",
        "official",
        "Chi bộ 1",
        "female",
        1990,
        "Kinh",
        "Đại học",
        "Trung cấp",
        "2016-09-02",
    ),
    ("Phạm Văn Em", "official", "Chi bộ 2", "male", 1980, "Kinh", "Đại học", "", "2005-02-03"),
    (
        "Vũ Thị Gấm",
        "alternate",
        "Chi bộ 1",
        "female",
        1995,
        "Dao",
        "Cao đẳng",
        "Sơ cấp",
        "2020-06-01",
    ),
    (
        "Đỗ Văn Hải",
        "alternate",
        "Chi bộ 1",
        "male",
        1985,
        "Kinh",
        "Đại học",
        "Trung cấp",
        "2010-01-01",
    ),
]


def seed(client, world, congress_id: int) -> dict[str, int]:
    cells = [{"name": "Chi bộ 1", "members": 40}, {"name": "Chi bộ 2", "members": 20}]
    client.post(
        f"/api/v1/congresses/{congress_id}/allocation",
        json={"seats": 3, "cells": cells},
        headers=world.auth("clerk_a"),
    )
    ids = {}
    for name, category, cell, gender, born, ethnicity, education, theory, joined in ROSTER:
        answer = client.post(
            f"/api/v1/congresses/{congress_id}/delegates",
            json={
                "full_name": name,
                "category": category,
                "cell": cell,
                "gender": gender,
                "birth_year": born,
                "ethnicity": ethnicity,
                "education": education,
                "theory_level": theory,
                "party_joined_on": joined,
            },
            headers=world.auth("clerk_a"),
        )
        assert answer.status_code == 201, answer.get_json()
        ids[name] = answer.get_json()["id"]
    return ids


def test_credentials_figures_on_a_known_roster(client, world):
    congress = new_congress(client, world, opens_on="2026-12-28")
    seed(client, world, congress["id"])
    figures = client.get(
        f"/api/v1/congresses/{congress['id']}/credentials", headers=world.auth("inspector_p1")
    ).get_json()
    # Convened: An, Bích, Cường, Dung, Em (alternates wait). Ages in 2026: 56, 38, 72, 36, 46.
    assert figures["total"] == 5
    assert figures["by_category"] == {"ex_officio": 1, "designated": 1, "official": 3}
    assert (figures["women"], figures["women_pct"]) == (2, "40.0")
    assert (figures["ethnic_minority"], figures["ethnic_minority_pct"]) == (2, "40.0")
    assert (figures["under_40"], figures["over_70"]) == (2, 1)
    assert (figures["average_age"], figures["oldest"], figures["youngest"]) == ("49.6", 72, 36)
    assert figures["education"][0] == {"label": "Đại học", "count": 3}
    assert {"label": "Chưa rõ", "count": 1} in figures["theory_level"]
    # Party age at 28/12/2026: 31, 14, 51, 10, 21 → under 10: 0; 10–30: 3; 30+: 2
    assert [b["count"] for b in figures["party_age"]] == [0, 3, 2]
    assert figures["average_party_age"] == "25.4"


def test_a_delegate_not_convened_is_replaced_by_the_next_alternate(client, world, app):
    congress = new_congress(client, world)
    ids = seed(client, world, congress["id"])
    url = f"/api/v1/delegates/{ids['Lý Văn Cường']}/status"
    refused = client.post(
        url, json={"status": "active", "reason": "x"}, headers=world.auth("clerk_a")
    )
    assert refused.status_code == 422
    answer = client.post(
        url,
        json={"status": "transferred", "reason": "Chuyển sinh hoạt đảng ngày 01/12/2026"},
        headers=world.auth("clerk_a"),
    )
    body = answer.get_json()
    assert answer.status_code == 200, body
    assert body["delegate"]["convened"] is False and body["delegate"]["status"] == "transferred"
    assert body["seated_alternate"]["full_name"] == "Vũ Thị Gấm"  # first on the list
    second = client.post(
        f"/api/v1/delegates/{ids['Trần Thị Dung']}/status",
        json={"status": "suspended", "reason": "Quyết định đình chỉ số 5"},
        headers=world.auth("clerk_a"),
    ).get_json()
    assert second["seated_alternate"]["full_name"] == "Đỗ Văn Hải"
    third = client.post(
        f"/api/v1/delegates/{ids['Vũ Thị Gấm']}/status",
        json={"status": "retiring", "reason": "Nghỉ hưu trước ngày khai mạc"},
        headers=world.auth("clerk_a"),
    ).get_json()
    assert third["seated_alternate"] is None  # no alternate left in Chi bộ 1
    figures = client.get(
        f"/api/v1/congresses/{congress['id']}/credentials", headers=world.auth("clerk_a")
    ).get_json()
    assert figures["total"] == 4 and figures["by_category"]["official"] == 2
    twice = client.post(
        url, json={"status": "suspended", "reason": "x"}, headers=world.auth("clerk_a")
    )
    assert twice.status_code == 409


def test_sessions_reuse_meetings_and_the_base_shows_each_exclusion(client, world, app):
    congress = new_congress(client, world)
    ids = seed(client, world, congress["id"])
    with app.app_context():
        from governance.congress import delegates
        from governance.congress.models import Congress
        from governance.core.models import User
        from governance.extensions import db

        sessions = delegates.convene(
            db.session.get(Congress, congress["id"]), db.session.get(User, world.users["clerk_a"])
        )
        meeting_id = sessions[1].id
        titles = [i.title for i in sessions[1].items]
        members = {m.full_name: m.id for m in sessions[1].body.members}
    assert "Bầu Ban Chấp hành Đảng bộ khóa mới" in titles and len(members) == 5
    assert ids  # the delegates became the congress body's members
    roll = [
        {"member_id": mid, "status": "absent" if name == "Phạm Văn Em" else "present"}
        for name, mid in members.items()
    ]
    answer = client.put(
        f"/api/v1/meetings/{meeting_id}/attendance",
        json={"records": roll},
        headers=world.auth("clerk_a"),
    )
    assert answer.status_code == 200, answer.get_json()
    base = client.get(
        f"/api/v1/meetings/{meeting_id}/election-base", headers=world.auth("member_a")
    ).get_json()
    assert (base["form"], base["convened"], base["base"]) == ("delegates", 5, 4)
    assert [(x["category"], x["count"]) for x in base["exclusions"]] == [("absent_no_alternate", 1)]
    recorded = client.put(
        f"/api/v1/meetings/{meeting_id}/exclusions",
        json={"records": [{"member_id": members["Nguyễn Văn An"], "category": "committee_absent"}]},
        headers=world.auth("secretary_a"),
    )
    assert recorded.status_code == 200, recorded.get_json()
    body = recorded.get_json()
    assert body["base"] == 3 and [(x["category"], x["count"]) for x in body["exclusions"]] == [
        ("committee_absent", 1),
        ("absent_no_alternate", 1),
    ]
    wrong = client.put(
        f"/api/v1/meetings/{meeting_id}/exclusions",
        json={"records": [{"member_id": members["Nguyễn Văn An"], "category": "suspended"}]},
        headers=world.auth("secretary_a"),
    )
    assert wrong.status_code == 422  # a members-form category at a congress of delegates


def test_delegates_import_all_rows_or_none(client, world):
    import io

    congress = new_congress(client, world)
    seed(client, world, congress["id"])
    url = f"/api/v1/congresses/{congress['id']}/delegates/import"
    header = (
        "Họ và tên,Giới tính,Năm sinh,Dân tộc,Ngày vào Đảng,Thành phần,Chi bộ,Thứ tự dự khuyết\n"
    )
    bad = (
        header + "Lò Văn Tùng,Nam,1979,Thái,12/05/2001,chính thức,Chi bộ 9,\nVi Thị Hạnh,Nữ,x,,,,\n"
    )
    answer = client.post(
        url,
        data={"file": (io.BytesIO(bad.encode()), "d.csv")},
        content_type="multipart/form-data",
        headers=world.auth("clerk_a"),
    )
    assert answer.status_code == 422
    assert {(e["row"], e["field"]) for e in answer.get_json()["errors"]} == {
        (2, "cell"),
        (3, "birth_year"),
        (3, "category"),
    }
    good = header + (
        "Lò Văn Tùng,Nam,1979,Thái,12/05/2001,chính thức,Chi bộ 2,\n"
        "Vi Thị Hạnh,Nữ,1992,Tày,,dự khuyết,Chi bộ 2,1\n"
    )
    answer = client.post(
        url,
        data={"file": (io.BytesIO(good.encode()), "d.csv")},
        content_type="multipart/form-data",
        headers=world.auth("clerk_a"),
    )
    assert answer.get_json() == {"created": 2, "errors": []}
    listed = client.get(
        f"/api/v1/congresses/{congress['id']}/delegates?page_size=500",
        headers=world.auth("clerk_a"),
    ).get_json()
    tung = next(d for d in listed if d["full_name"] == "Lò Văn Tùng")
    assert (tung["cell"], tung["category"], tung["party_joined_on"]) == (
        "Chi bộ 2",
        "official",
        "2001-05-12",
    )
