"""Sign-in for the API: tokens, throttling, and no cookie-borne access."""

from __future__ import annotations

from tests.conftest import PASSWORD, web_login


def test_token_for_good_credentials_opens_the_api(client, world):
    answer = client.post("/api/v1/auth/token", json={"username": "clerk_a", "password": PASSWORD})
    assert answer.status_code == 200
    token = answer.get_json()["token"]
    units = client.get("/api/v1/units", headers={"Authorization": f"Bearer {token}"})
    assert units.status_code == 200
    assert [u["code"] for u in units.get_json()] == ["A"]


def test_wrong_password_is_401_with_the_error_shape(client, world):
    answer = client.post("/api/v1/auth/token", json={"username": "clerk_a", "password": "nope"})
    assert answer.status_code == 401
    error = answer.get_json()["error"]
    assert error["code"] == "unauthorized" and error["message"]


def test_account_locks_after_repeated_failures(client, world, app):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        client.post("/api/v1/auth/token", json={"username": "chair_a", "password": "bad"})
    locked = client.post("/api/v1/auth/token", json={"username": "chair_a", "password": PASSWORD})
    assert locked.status_code == 429
    assert "15" in locked.get_json()["error"]["message"]
    other = client.post("/api/v1/auth/token", json={"username": "clerk_a", "password": PASSWORD})
    assert other.status_code == 200  # only the attacked account is locked


def test_missing_or_forged_token_is_401(client, world):
    assert client.get("/api/v1/units").status_code == 401
    forged = client.get("/api/v1/units", headers={"Authorization": "Bearer abc.def.ghi"})
    assert forged.status_code == 401
    assert forged.headers["WWW-Authenticate"] == "Bearer"


def test_changing_the_password_revokes_tokens(client, world, app):
    from governance.core.models import User
    from governance.extensions import db

    headers = world.auth("clerk_a")
    assert client.get("/api/v1/units", headers=headers).status_code == 200
    with app.app_context():
        user = db.session.get(User, world.users["clerk_a"])
        user.set_password("another-password-1")
        db.session.commit()
    assert client.get("/api/v1/units", headers=headers).status_code == 401


def test_a_web_session_cookie_does_not_authenticate_the_api(client, world):
    """The API is exempt from CSRF, so it must never accept the session cookie."""
    assert web_login(client, "admin").status_code == 302
    assert client.get("/api/v1/units").status_code == 401
    created = client.post("/api/v1/units", json={"code": "X", "name": "X", "kind": "province"})
    assert created.status_code == 401
