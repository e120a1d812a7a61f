"""Sign-in for the API: tokens, throttling, and no cookie-borne access."""

from __future__ import annotations

from tests.conftest import PASSWORD, csrf_from, web_login


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


# Revocation (CONTRACT 3) ------------------------------------------------------------------


def _token(client, username: str = "clerk_a", password: str = PASSWORD) -> dict:
    answer = client.post("/api/v1/auth/token", json={"username": username, "password": password})
    assert answer.status_code == 200, answer.get_json()
    return {"Authorization": f"Bearer {answer.get_json()['token']}"}


def test_logout_revokes_that_token_and_no_other(client, world):
    first, second = _token(client), _token(client)
    assert client.post("/api/v1/auth/logout", headers=first).status_code == 204
    refused = client.get("/api/v1/units", headers=first)
    assert refused.status_code == 401 and refused.get_json()["error"]["code"] == "unauthorized"
    assert client.get("/api/v1/units", headers=second).status_code == 200
    assert client.post("/api/v1/auth/logout").status_code == 401  # nothing to revoke


def _logout(client) -> None:
    token = csrf_from(client.get("/").get_data(as_text=True))
    client.post("/logout", data={"csrf_token": token})


def test_a_copied_session_cookie_stops_working_at_logout(app, world):
    browser, thief = app.test_client(), app.test_client()
    assert web_login(browser, "clerk_a").status_code == 302
    cookie = browser.get_cookie("session")
    thief.set_cookie("session", cookie.value)
    assert thief.get("/").status_code == 200  # the copy works while the owner is signed in
    _logout(browser)
    assert thief.get("/").status_code == 302  # back to the login page


def test_changing_the_password_on_its_page_signs_out_every_other_session_and_token(app, world):
    browser, other_browser = app.test_client(), app.test_client()
    web_login(browser, "clerk_a")
    web_login(other_browser, "clerk_a")
    api = _token(browser)
    page = browser.get("/account/password")
    assert page.status_code == 200
    wrong = browser.post(
        "/account/password",
        data={
            "csrf_token": csrf_from(page.get_data(as_text=True)),
            "current": "not-my-password",
            "password": "a-new-password-9",
            "confirm": "a-new-password-9",
        },
    )
    assert wrong.status_code == 200 and "a-new-password-9" not in wrong.get_data(as_text=True)
    changed = browser.post(
        "/account/password",
        data={
            "csrf_token": csrf_from(wrong.get_data(as_text=True)),
            "current": PASSWORD,
            "password": "a-new-password-9",
            "confirm": "a-new-password-9",
        },
    )
    assert changed.status_code == 302
    assert browser.get("/").status_code == 200  # the changer stays signed in
    assert other_browser.get("/").status_code == 302
    assert browser.get("/api/v1/units", headers=api).status_code == 401
    assert world.auth("clerk_a") and client_units(app, world.auth("clerk_a")) == 401
    assert _token(browser, "clerk_a", "a-new-password-9")


def client_units(app, headers: dict) -> int:
    return app.test_client().get("/api/v1/units", headers=headers).status_code


# Throttling -----------------------------------------------------------------------------


def _attempt(app, username: str, password: str, address: str):
    client = app.test_client()
    return client.post(
        "/api/v1/auth/token",
        json={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_an_attacker_cannot_lock_the_owner_out_from_elsewhere(app, world):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert _attempt(app, "chair_a", "bad", "203.0.113.9").status_code == 401
    assert _attempt(app, "chair_a", PASSWORD, "203.0.113.9").status_code == 429
    assert _attempt(app, "chair_a", PASSWORD, "198.51.100.7").status_code == 200


def test_unknown_names_are_answered_like_known_ones(app, world, monkeypatch):
    from governance.core import auth

    answers = {}
    for name in ("chair_a", "nobody-here"):
        first = _attempt(app, name, "bad", "203.0.113.10")
        for _ in range(app.config["LOGIN_MAX_FAILURES"] - 1):
            _attempt(app, name, "bad", "203.0.113.10")
        locked = _attempt(app, name, "bad", "203.0.113.10")
        answers[name] = (first.status_code, first.get_json(), locked.status_code, locked.get_json())
    assert answers["chair_a"] == answers["nobody-here"]
    assert answers["chair_a"][0] == 401 and answers["chair_a"][2] == 429
    checked = []
    real = auth.check_password_hash
    monkeypatch.setattr(auth, "check_password_hash", lambda h, p: checked.append(h) or real(h, p))
    _attempt(app, "someone-else", "bad", "203.0.113.11")
    assert len(checked) == 1  # a hash is checked for an unknown name too: the same time


def test_many_names_from_one_address_are_throttled(app, world):
    limit = app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"]
    for i in range(limit):
        _attempt(app, f"guess{i}", "bad", "203.0.113.12")
    assert _attempt(app, "clerk_a", PASSWORD, "203.0.113.12").status_code == 429
    assert _attempt(app, "clerk_a", PASSWORD, "203.0.113.13").status_code == 200


def test_the_throttle_is_shared_by_every_app_host(app, world, database_url):
    """Counted in the database: failures on two app instances add up."""
    from governance import create_app

    other = create_app(
        {"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True, "SECRET_KEY": "test-secret"}
    )
    half = app.config["LOGIN_MAX_FAILURES"] // 2
    for host in [app] * half + [other] * (app.config["LOGIN_MAX_FAILURES"] - half):
        assert _attempt(host, "secretary_a", "bad", "203.0.113.14").status_code == 401
    assert _attempt(app, "secretary_a", PASSWORD, "203.0.113.14").status_code == 429
    assert _attempt(other, "secretary_a", PASSWORD, "203.0.113.14").status_code == 429
    with other.app_context():
        from governance.extensions import db

        db.engine.dispose()
