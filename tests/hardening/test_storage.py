"""Issue 11, item 13: read-only storage answers a clear 503; files the app writes are
private; API answers are never cached; no vote on a discussion item."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from governance.core.models import User
from governance.extensions import db
from governance.meetings.models import AgendaItem
from governance.voting import devices
from tests.api.test_meetings import plan
from tests.api.test_meetings_web import PDF, upload
from tests.conftest import PASSWORD, csrf_from, web_login
from tests.voting.helpers import make_session


def _read_only_url(database_url: str) -> str:
    if database_url.startswith("sqlite:///"):
        return f"sqlite:///file:{database_url.removeprefix('sqlite:///')}?mode=ro&uri=true"
    return database_url + "%20-cdefault_transaction_read_only%3Don"


@pytest.fixture
def read_only_app(app, database_url):
    """A second app host whose database refuses every write (a read-only volume)."""
    from governance import create_app

    other = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": _read_only_url(database_url),
            "TESTING": True,
            "SECRET_KEY": "test-secret",
        }
    )
    yield other
    with other.app_context():
        db.engine.dispose()


def _is_clear_503(answer) -> bool:
    text = answer.get_data(as_text=True)
    return answer.status_code == 503 and ("read-only" in text or "chỉ đọc" in text)


def test_read_only_storage_answers_a_clear_503(app, world, read_only_app):
    s = make_session(app, world, 3, items={"vote": ("vote", None)})
    with app.app_context():
        item = db.session.get(AgendaItem, s.item)
        devices.open_poll(item, secret=False, by=db.session.get(User, world.users["chair_a"]))
        token = devices.member_token(s.meeting, s.present[0])
    browser = read_only_app.test_client()
    headers = {"Accept-Language": "en"}
    vote = browser.post(f"/sessions/vote/{token}", data={"choice": "yes"}, headers=headers)
    assert _is_clear_503(vote) and "</html>" in vote.get_data(as_text=True)
    login_page = browser.get("/login", headers=headers)
    login = browser.post(
        "/login",
        headers=headers,
        data={
            "username": "clerk_a",
            "password": PASSWORD,
            "csrf_token": csrf_from(login_page.get_data(as_text=True)),
        },
    )
    assert _is_clear_503(login)
    api = browser.post(
        "/api/v1/auth/token", json={"username": "clerk_a", "password": "x"}, headers=headers
    )
    assert _is_clear_503(api) and api.get_json()["error"]["code"] == "busy"


def test_a_paper_that_cannot_be_written_answers_503(client, world, app, tmp_path):
    item = plan(client, world)["agenda"][2]["id"]
    web_login(client, "clerk_a")
    blocked = tmp_path / "storage"
    blocked.write_text("a file where the folder should be")  # writing under it fails
    app.config["STORAGE_DIR"] = str(blocked)
    try:
        answer = client.post(
            f"/meetings/items/{item}/papers",
            data={
                "csrf_token": csrf_from(client.get("/meetings/").get_data(as_text=True)),
                "file": (__import__("io").BytesIO(PDF), "a.pdf"),
            },
            content_type="multipart/form-data",
            headers={"Accept-Language": "en"},
        )
    finally:
        app.config["STORAGE_DIR"] = app.instance_path
    assert _is_clear_503(answer)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_the_app_writes_are_private(client, world, app, database_url, tmp_path):
    item = plan(client, world)["agenda"][2]["id"]
    web_login(client, "clerk_a")
    storage = tmp_path / "shared-storage"
    app.config["STORAGE_DIR"] = str(storage)
    try:
        upload(client, item, PDF, "paper.pdf")
    finally:
        app.config["STORAGE_DIR"] = app.instance_path
    uploads = storage / "uploads"
    assert _mode(uploads) == 0o700
    assert [_mode(p) for p in uploads.iterdir()] == [0o600]
    with app.test_request_context():
        from governance.core.seeding import _save_accounts

        _save_accounts([("demo", "clerk", "secret-pass")])
    instance = Path(app.instance_path)
    assert _mode(instance / "demo-accounts.txt") == 0o600
    assert _mode(instance / "secret_key") == 0o600
    assert _mode(instance) == 0o700
    if database_url.startswith("sqlite:///"):
        assert _mode(Path(database_url.removeprefix("sqlite:///"))) == 0o600


def test_api_answers_are_never_cached(client, world):
    assert client.get("/api/v1/units", headers=world.auth("admin")).headers["Cache-Control"] == (
        "no-store"
    )
    assert client.get("/api/v1/units").headers["Cache-Control"] == "no-store"  # errors too
    assert client.get("/api/v1/openapi.json").headers["Cache-Control"] == "no-store"


def test_no_vote_is_recorded_on_a_discussion_item(client, app, world):
    s = make_session(app, world, 3, items={"talk": ("discussion", None)})
    answer = client.post(
        f"/api/v1/agenda/{s.item}/votes",
        headers=world.auth("chair_a"),
        json={"method": "show_of_hands", "yes": 3, "no": 0, "abstain": 0},
    )
    assert answer.status_code == 409
    assert (
        "discussion" in answer.get_json()["error"]["message"]
        or "thảo luận" in (answer.get_json()["error"]["message"])
    )
    with app.app_context():
        item = db.session.get(AgendaItem, s.item)
        with pytest.raises(Exception) as refused:
            devices.open_poll(item, secret=False, by=db.session.get(User, world.users["chair_a"]))
        assert getattr(refused.value, "status", None) == 409


def test_restoring_into_a_damaged_sqlite_file_says_so_without_a_traceback(app, world, tmp_path):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("a damaged database file is an SQLite matter")
    from governance import create_app

    snapshot = tmp_path / "backup.zip"
    assert app.test_cli_runner().invoke(args=["backup", str(snapshot)]).exit_code == 0
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"this is not a database " * 400)
    other = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{damaged}", "TESTING": True})
    result = other.test_cli_runner().invoke(args=["restore", str(snapshot), "--yes"])
    assert result.exit_code == 1
    assert "Nothing was restored" in result.output and "Traceback" not in result.output
    with other.app_context():
        db.engine.dispose()
