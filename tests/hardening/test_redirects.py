"""Issue 11, item 7: no open redirect through /login?next= or /lang."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD, csrf_from

EVIL = [
    "////evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "/\t/evil.example/",
    "/\n/evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
]


def _lands_here(location: str) -> bool:
    return location.startswith("/") and not location.startswith("//") and "evil" not in location


@pytest.mark.parametrize("target", EVIL)
def test_login_never_sends_the_user_to_another_site(client, world, target):
    token = csrf_from(client.get("/login").get_data(as_text=True))
    answer = client.post(
        "/login",
        query_string={"next": target},
        data={"username": "clerk_a", "password": PASSWORD, "csrf_token": token},
    )
    assert answer.status_code == 302
    assert _lands_here(answer.headers["Location"]), answer.headers["Location"]


@pytest.mark.parametrize("target", EVIL)
def test_the_language_switch_never_sends_the_user_to_another_site(client, world, target):
    token = csrf_from(client.get("/login").get_data(as_text=True))
    answer = client.post("/lang/en", data={"csrf_token": token, "next": target})
    assert answer.status_code == 302
    assert _lands_here(answer.headers["Location"]), answer.headers["Location"]


def test_a_local_next_is_kept(client, world):
    token = csrf_from(client.get("/login").get_data(as_text=True))
    answer = client.post(
        "/login?next=/meetings/calendar%3Fview%3Dweek",
        data={"username": "clerk_a", "password": PASSWORD, "csrf_token": token},
    )
    assert answer.headers["Location"] == "/meetings/calendar?view=week"
    token = csrf_from(client.get("/").get_data(as_text=True))  # the signed-in session's
    switched = client.post("/lang/en", data={"csrf_token": token, "next": "/org/units?x=1"})
    assert switched.headers["Location"] == "/org/units?x=1"
