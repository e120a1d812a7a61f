"""Bad input gets a clear 4xx with the error shape, and nothing is half-saved."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from tests.conftest import csrf_from, web_login


def _count_members(app) -> int:
    from governance.extensions import db
    from governance.org.models import Member

    with app.app_context():
        return db.session.scalar(select(func.count(Member.id)))


def _members_url(world) -> str:
    return f"/api/v1/bodies/{world.bodies['A']}/members"


def test_malformed_json_is_400(client, world, app):
    answer = client.post(
        _members_url(world),
        headers=world.auth("clerk_a"),
        data='{"full_name": "x", ',
        content_type="application/json",
    )
    assert answer.status_code == 400
    error = answer.get_json()["error"]
    assert error["code"] == "bad_request" and "JSON" in error["message"]
    assert _count_members(app) == 3


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"full_name": "A", "gender": "male", "birth_year": "1970"}, "birth_year"),  # wrong type
        ({"full_name": 12, "gender": "male"}, "full_name"),
        ({"full_name": "x" * 121, "gender": "male"}, "full_name"),  # over-long
        ({"full_name": "A", "gender": "other"}, "gender"),  # unknown enum value
        ({"full_name": "A", "gender": "male", "shoe_size": 42}, "shoe_size"),  # unknown field
        ({"gender": "male"}, "full_name"),  # missing
        ({"full_name": "A", "gender": "male", "party_joined_on": "19/05/2001"}, "party_joined_on"),
        (
            {
                "full_name": "A",
                "gender": "male",
                "birth_year": 1990,
                "party_joined_on": "2000-01-01",
            },
            "party_joined_on",
        ),  # joined at 10
        ({"full_name": "A", "gender": "male", "birth_year": 2199}, "birth_year"),
    ],
)
def test_invalid_member_values_are_422_naming_the_field(client, world, app, payload, field):
    answer = client.post(_members_url(world), headers=world.auth("clerk_a"), json=payload)
    assert answer.status_code == 422
    error = answer.get_json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"] and error["fields"][field]
    assert _count_members(app) == 3


def test_a_json_array_instead_of_an_object_is_422(client, world):
    answer = client.post(_members_url(world), headers=world.auth("clerk_a"), json=[1, 2])
    assert answer.status_code == 422


@pytest.mark.parametrize(
    "payload",
    [
        {"kind": "parliament", "name": "X", "term": "2025–2030", "seats": 3},
        {"kind": "people_council", "name": "X", "term": "next year", "seats": 3},
        {"kind": "people_council", "name": "X", "term": "2025–2030", "seats": 0},
        {"kind": "people_council", "name": "X", "term": "2025–2030", "seats": 3.5},
    ],
)
def test_invalid_bodies_are_422(client, world, payload):
    answer = client.post("/api/v1/units/A/bodies", headers=world.auth("clerk_a"), json=payload)
    assert answer.status_code == 422


def test_messages_follow_accept_language(client, world):
    payload = {"full_name": "A", "gender": "other"}
    vi = client.post(
        _members_url(world), json=payload, headers=world.auth("clerk_a") | {"Accept-Language": "vi"}
    ).get_json()
    en = client.post(
        _members_url(world), json=payload, headers=world.auth("clerk_a") | {"Accept-Language": "en"}
    ).get_json()
    assert en["error"]["fields"]["gender"] == "Gender must be Nam or Nữ (API: male or female)."
    assert vi["error"]["fields"]["gender"] != en["error"]["fields"]["gender"]
    assert "Nam" in vi["error"]["fields"]["gender"]


def _upload(client, world, data: bytes, name: str):
    return client.post(
        f"{_members_url(world)}/import",
        headers=world.auth("clerk_a"),
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_a_file_that_is_not_a_spreadsheet_is_422(client, world, app):
    answer = _upload(client, world, b"PK\x03\x04 this is no zip at all", "members.xlsx")
    assert answer.status_code == 422
    assert ".xlsx" in answer.get_json()["error"]["message"]
    png = _upload(client, world, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.png")
    assert png.status_code == 422
    assert _count_members(app) == 3


def test_a_20_mb_upload_is_refused_with_413(client, world, app):
    answer = _upload(client, world, b"a" * (20 * 1024 * 1024), "huge.csv")
    assert answer.status_code == 413
    error = answer.get_json()["error"]
    assert error["code"] == "too_large" and "5 MB" in error["message"]
    assert _count_members(app) == 3


def test_an_upload_without_a_file_is_422(client, world):
    answer = client.post(
        f"{_members_url(world)}/import",
        headers=world.auth("clerk_a"),
        data={},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 422
    assert "file" in answer.get_json()["error"]["fields"]


# Issue 11, item 9: no 500 on bad input -------------------------------------------------


def _error(answer, status: int) -> dict:
    assert answer.status_code == status, answer.get_data(as_text=True)[:300]
    error = answer.get_json()["error"]
    assert error["code"] and error["message"] and isinstance(error["fields"], dict)
    return error


def test_json_nested_100000_deep_is_400(client, world, app):
    body = "[" * 100_000 + "]" * 100_000
    answer = client.post(
        _members_url(world),
        headers=world.auth("clerk_a"),
        data=body,
        content_type="application/json",
    )
    assert "JSON" in _error(answer, 400)["message"]
    assert _count_members(app) == 3


@pytest.mark.parametrize("bad", ["\\ud800", "Nguy\\u1ec5n\\u0000V"], ids=["surrogate", "nul"])
def test_text_that_cannot_be_stored_is_422_naming_the_field(client, world, app, bad):
    payload = '{"full_name": "' + bad + '", "gender": "male", "position": "ok"}'
    answer = client.post(
        _members_url(world),
        headers=world.auth("clerk_a"),
        data=payload,
        content_type="application/json",
    )
    assert "full_name" in _error(answer, 422)["fields"]
    assert _count_members(app) == 3


def _meeting(client, world, **extra) -> dict:
    answer = client.post(
        "/api/v1/meetings",
        headers=world.auth("clerk_a"),
        json={"body_id": world.bodies["A"], "title": "Họp", "starts_at": "2099-03-01T08:00"}
        | extra,
    )
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


NUL = "x\x00y"


def _nul_cases(world, meeting: dict) -> list[tuple[str, str, str, dict]]:
    """(method, url, field, body): text fields of every kind of record."""
    m, body_id = meeting["id"], world.bodies["A"]
    return [
        ("post", "/api/v1/units", "name", {"code": "NX", "name": NUL, "kind": "province"}),
        ("post", "/api/v1/units", "code", {"code": NUL, "name": "X", "kind": "province"}),
        ("patch", "/api/v1/units/A", "name", {"name": NUL}),
        (
            "post",
            "/api/v1/units/A/bodies",
            "name",
            {"kind": "people_council", "name": NUL, "term": "2025–2030", "seats": 3},
        ),
        ("patch", f"/api/v1/bodies/{body_id}", "term", {"term": NUL}),
        (
            "post",
            f"/api/v1/bodies/{body_id}/members",
            "position",
            {"full_name": "A", "gender": "male", "position": NUL},
        ),
        (
            "post",
            f"/api/v1/bodies/{body_id}/members",
            "ethnicity",
            {"full_name": "A", "gender": "male", "ethnicity": NUL},
        ),
        (
            "post",
            f"/api/v1/bodies/{body_id}/members",
            "education",
            {"full_name": "A", "gender": "male", "education": NUL},
        ),
        (
            "post",
            f"/api/v1/bodies/{body_id}/members",
            "theory_level",
            {"full_name": "A", "gender": "male", "theory_level": NUL},
        ),
        ("patch", f"/api/v1/meetings/{m}", "title", {"title": NUL}),
        ("patch", f"/api/v1/meetings/{m}", "location", {"location": NUL}),
        ("patch", f"/api/v1/meetings/{m}", "guests", {"guests": NUL}),
        ("post", f"/api/v1/meetings/{m}/agenda", "title", {"title": NUL}),
        ("post", f"/api/v1/meetings/{m}/agenda", "notes", {"title": "t", "notes": NUL}),
        ("post", f"/api/v1/meetings/{m}/agenda", "presenter", {"title": "t", "presenter": NUL}),
        (
            "put",
            f"/api/v1/meetings/{m}/attendance",
            "records.0.reason",
            {"records": [{"member_id": world.members["A"], "status": "absent", "reason": NUL}]},
        ),
    ]


def test_nul_bytes_in_any_text_field_are_422(client, world, app):
    meeting = _meeting(client, world)
    for method, url, field, body in _nul_cases(world, meeting):
        answer = getattr(client, method)(url, headers=world.auth("admin"), json=body)
        assert field in _error(answer, 422)["fields"], (url, field)
    assert (
        client.get(f"/api/v1/meetings/{meeting['id']}", headers=world.auth("admin")).get_json()[
            "agenda"
        ]
        == []
    )


@pytest.mark.parametrize("number", [2**31, 2**63, 10**30])
def test_huge_integers_in_paths_are_404(client, world, number):
    for url in (
        f"/api/v1/bodies/{number}",
        f"/api/v1/members/{number}",
        f"/api/v1/meetings/{number}",
        f"/api/v1/documents/{number}",
    ):
        _error(client.get(url, headers=world.auth("admin")), 404)


@pytest.mark.parametrize("number", [2**31, 2**63, -(2**63) - 1])
def test_huge_integers_in_bodies_are_422(client, world, number):
    answer = client.post(
        "/api/v1/meetings",
        headers=world.auth("clerk_a"),
        json={"body_id": number, "title": "Họp", "starts_at": "2099-03-01T08:00"},
    )
    assert "body_id" in _error(answer, 422)["fields"]
    seats = {"kind": "people_council", "name": "X", "term": "2025–2030", "seats": number}
    answer = client.post("/api/v1/units/A/bodies", headers=world.auth("clerk_a"), json=seats)
    assert "seats" in _error(answer, 422)["fields"]


@pytest.mark.parametrize(
    "starts_at", ["9999-12-31T23:59:59-12:00", "9999-12-31T20:00", "0001-01-01T00:00+14:00"]
)
def test_times_out_of_range_are_422(client, world, starts_at):
    answer = client.post(
        "/api/v1/meetings",
        headers=world.auth("clerk_a"),
        json={"body_id": world.bodies["A"], "title": "Họp", "starts_at": starts_at},
    )
    assert "starts_at" in _error(answer, 422)["fields"]
    listing = client.get(f"/api/v1/meetings?start={starts_at}", headers=world.auth("clerk_a"))
    _error(listing, 422)


def test_a_bogus_attendance_status_is_refused(client, world, app):
    meeting = _meeting(client, world)
    answer = client.put(
        f"/api/v1/meetings/{meeting['id']}/attendance",
        headers=world.auth("clerk_a"),
        json={"records": [{"member_id": world.members["A"], "status": "bogus"}]},
    )
    assert "records.0.status" in _error(answer, 422)["fields"]
    web_login(client, "clerk_a")
    url = f"/meetings/{meeting['id']}/attendance"
    token = csrf_from(client.get(url).get_data(as_text=True))
    page = client.post(url, data={"csrf_token": token, f"status-{world.members['A']}": "bogus"})
    assert page.status_code == 422
    assert "html" in page.content_type


def test_huge_page_numbers_do_not_break_the_audit_page(client, world):
    web_login(client, "admin")
    for page in ("-5", "abc", "2147483647"):
        assert client.get(f"/audit?page={page}").status_code == 200
    huge = client.get("/audit?page=99999999999999999999")
    assert huge.status_code == 422 and "</html>" in huge.get_data(as_text=True)


def _history(client, world) -> dict:
    meeting = _meeting(client, world)
    client.put(
        f"/api/v1/meetings/{meeting['id']}/attendance",
        headers=world.auth("clerk_a"),
        json={"records": [{"member_id": world.members["A"], "status": "present"}]},
    )
    return meeting


def test_a_member_with_history_cannot_be_deleted(client, world, app):
    _history(client, world)
    answer = client.delete(f"/api/v1/members/{world.members['A']}", headers=world.auth("clerk_a"))
    assert "Nguyễn Văn A" in _error(answer, 409)["message"]
    assert _count_members(app) == 3
    web_login(client, "clerk_a")
    page = client.get(f"/org/bodies/{world.bodies['A']}")
    token = csrf_from(page.get_data(as_text=True))
    web = client.post(
        f"/org/members/{world.members['A']}/delete",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    assert web.status_code == 200 and "Nguyễn Văn A" in web.get_data(as_text=True)
    assert _count_members(app) == 3


def test_a_body_with_meetings_cannot_be_deleted(client, world, app):
    _history(client, world)
    answer = client.delete(f"/api/v1/bodies/{world.bodies['A']}", headers=world.auth("clerk_a"))
    assert "Ban Chấp hành A" in _error(answer, 409)["message"]
    assert _count_members(app) == 3
    # a body with members but no history still goes, members with it
    assert (
        client.delete(
            f"/api/v1/bodies/{world.bodies['B']}", headers=world.auth("clerk_b")
        ).status_code
        == 204
    )
    assert _count_members(app) == 2


def test_a_patch_with_nulls_keeps_what_a_meeting_must_have(client, world, caplog):
    """Found by fuzzing: `{"sequence": null}` reached the database's NOT NULL."""
    meeting = _meeting(client, world, sequence=4)
    url = f"/api/v1/meetings/{meeting['id']}"
    answer = client.patch(url, headers=world.auth("clerk_a"), json={"sequence": None, "kind": None})
    assert answer.status_code == 200
    assert answer.get_json()["sequence"] == 4 and answer.get_json()["kind"] == meeting["kind"]
    assert not [r for r in caplog.records if r.name == "governance.core.errors"]


@pytest.mark.parametrize("number", ["2147483648", "99999999999999999999", "-9223372036854775809"])
def test_huge_numbers_in_the_query_are_422(client, world, number):
    answer = client.get(f"/api/v1/meetings?body_id={number}", headers=world.auth("clerk_a"))
    assert "body_id" in _error(answer, 422)["fields"]
    assert (
        client.get(
            f"/api/v1/meetings?body_id={world.bodies['A']}", headers=world.auth("clerk_a")
        ).status_code
        == 200
    )
