"""The web pages: sign-in, CSRF, throttling, headers, scope, language, registry forms."""

from __future__ import annotations

from tests.conftest import PASSWORD, csrf_from, web_login


def test_pages_need_a_sign_in(client, world):
    answer = client.get(f"/org/bodies/{world.bodies['A']}")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]


def test_a_form_without_csrf_token_is_refused(client, world):
    answer = client.post("/login", data={"username": "clerk_a", "password": PASSWORD})
    assert answer.status_code == 400
    assert "reload the page" in answer.get_data(
        as_text=True
    ).lower() or "tải lại trang" in answer.get_data(as_text=True)
    assert client.get("/").status_code == 302  # not signed in
    web_login(client, "clerk_a")
    no_token = client.post(f"/org/members/{world.members['A']}/delete")
    assert no_token.status_code == 400
    assert "Nguyễn Văn A" in client.get(f"/org/bodies/{world.bodies['A']}").get_data(as_text=True)


def test_sign_in_is_throttled(client, world, app):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        page = web_login(client, "secretary_a", "wrong").get_data(as_text=True)
    page = web_login(client, "secretary_a").get_data(as_text=True)
    assert client.get("/").status_code == 302
    assert "15" in page


def test_secure_headers_and_session_lifetime(client, world, app):
    answer = web_login(client, "clerk_a")
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "Expires=" in cookie and "SameSite=Lax" in cookie
    page = client.get("/")
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["X-Content-Type-Options"] == "nosniff"


def test_open_redirects_are_refused(client, world):
    token = csrf_from(client.get("/login").get_data(as_text=True))
    answer = client.post(
        "/login?next=//evil.example/x",
        data={"username": "clerk_a", "password": PASSWORD, "csrf_token": token},
    )
    assert answer.headers["Location"] == "/"


def test_a_clerk_of_another_commune_cannot_open_or_change_the_body(client, world):
    web_login(client, "clerk_b")
    body = world.bodies["A"]
    for path in (
        f"/org/bodies/{body}",
        f"/org/bodies/{body}/members/new",
        f"/org/bodies/{body}/import",
        f"/org/bodies/{body}/export.xlsx",
        f"/org/members/{world.members['A']}/edit",
        "/org/units/A",
    ):
        assert client.get(path).status_code == 403, path
    token = csrf_from(client.get("/").get_data(as_text=True))
    deleted = client.post(f"/org/members/{world.members['A']}/delete", data={"csrf_token": token})
    assert deleted.status_code == 403


def test_a_chair_reads_but_cannot_edit(client, world):
    web_login(client, "chair_a")
    page = client.get(f"/org/bodies/{world.bodies['A']}").get_data(as_text=True)
    assert "Nguyễn Văn A" in page and "/members/new" not in page
    assert client.get(f"/org/bodies/{world.bodies['A']}/members/new").status_code == 403


def test_clerk_adds_edits_and_removes_a_member_through_forms(client, world):
    web_login(client, "clerk_a")
    url = f"/org/bodies/{world.bodies['A']}/members/new"
    token = csrf_from(client.get(url).get_data(as_text=True))
    bad = client.post(url, data={"csrf_token": token, "full_name": "", "gender": "male"})
    assert bad.status_code == 200 and "is-invalid" in bad.get_data(as_text=True)
    added = client.post(
        url,
        data={
            "csrf_token": token,
            "full_name": "Lộc Văn Sáu",
            "gender": "male",
            "birth_year": "1981",
            "party_joined_on": "2005-06-07",
        },
    )
    assert added.status_code == 302
    page = client.get(f"/org/bodies/{world.bodies['A']}").get_data(as_text=True)
    assert "Lộc Văn Sáu" in page


def test_a_stale_edit_is_refused_and_says_why(client, world):
    web_login(client, "clerk_a")
    url = f"/org/members/{world.members['A']}/edit"
    token = csrf_from(client.get(url).get_data(as_text=True))
    form = {"csrf_token": token, "full_name": "Nguyễn Văn Á", "gender": "male", "version": "1"}
    assert client.post(url, data=form).status_code == 302
    stale = client.post(url, data=form | {"full_name": "Lost update"})
    assert stale.status_code == 409
    assert "Lost update" not in client.get(f"/org/bodies/{world.bodies['A']}").get_data(
        as_text=True
    )


def test_vietnamese_first_and_english_on_request(client, world):
    page = client.get("/login").get_data(as_text=True)
    assert "Đăng nhập" in page and 'lang="vi"' in page
    token = csrf_from(page)
    client.post("/lang/en", data={"csrf_token": token, "next": "/login"})
    page = client.get("/login").get_data(as_text=True)
    assert "Sign in" in page and 'lang="en"' in page


def test_a_write_that_waits_too_long_says_the_system_is_busy(client, world, app, monkeypatch):
    """SQLite writers queue for a turn (core.database); PostgreSQL has no such queue."""
    from governance.core import database

    sqlite = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    monkeypatch.setattr(database, "WRITE_WAIT_SECONDS", 0.01)
    assert database._WRITE_TURN.acquire(timeout=1)  # another writer holds the turn
    try:
        answer = client.post(
            f"/api/v1/bodies/{world.bodies['A']}/members",
            headers=world.auth("clerk_a") | {"Accept-Language": "vi"},
            json={"full_name": "Người chờ", "gender": "male"},
        )
    finally:
        database._WRITE_TURN.release()
    listed = client.get(
        f"/api/v1/bodies/{world.bodies['A']}/members", headers=world.auth("clerk_a")
    ).get_json()
    saved = "Người chờ" in [m["full_name"] for m in listed]
    if not sqlite:
        assert answer.status_code == 201 and saved
        return
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "5"
    error = answer.get_json()["error"]
    assert error["code"] == "busy" and "thử lại" in error["message"]
    assert not saved


def test_a_commune_without_its_province_is_refused_under_the_field(client, world):
    web_login(client, "admin")
    token = csrf_from(client.get("/org/units").get_data(as_text=True))
    page = client.post(
        "/org/units",
        data={
            "csrf_token": token,
            "code": "NEW1",
            "name": "Xã Mới",
            "kind": "commune",
            "parent_code": "ZZZ",
        },
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'id="parent_code"' in html and "is-invalid" in html.split('id="parent_code"')[0][-200:]
    assert "Xã Mới" not in html.split("<tbody>")[1].split("</tbody>")[0]


def test_the_menu_marks_only_the_page_being_read(client, world):
    """Home and the audit log both live in core: each marks its own entry, not the other."""
    import re

    web_login(client, "admin")

    def current(path: str) -> list[str]:
        page = client.get(path).get_data(as_text=True)
        return re.findall(r'aria-current="page" href="([^"]+)"', page)

    assert current("/") == ["/"]
    assert current("/audit") == ["/audit"]
    assert current("/meetings/") == ["/meetings/"]
