"""Bad input gets a clear 4xx with the error shape, and nothing is half-saved."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select


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
