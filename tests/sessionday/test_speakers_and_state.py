"""Speakers' list (CONTRACT 3), the live state screens follow, local times in the API."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import web_login


def _ask(client, who_headers, item, member):
    return client.post(
        f"/api/v1/agenda/{item}/speakers", headers=who_headers, json={"member_id": member}
    )


def test_members_ask_the_chair_gives_the_floor_and_time_is_kept(app, client, world, day):
    item, members = day.session.items["a"], day.session.members
    assert _ask(client, day.auth("m1"), item, members[0]).status_code == 201
    assert _ask(client, day.auth("m1"), item, members[0]).status_code == 409  # already waiting
    assert _ask(client, day.auth("m1"), item, members[1]).status_code == 403  # not themselves
    added = _ask(client, world.auth("clerk_a"), item, members[1])  # the clerk adds anyone
    assert added.status_code == 201
    assert _ask(client, world.auth("clerk_a"), item, 999999).status_code == 422
    listing = client.get(f"/api/v1/agenda/{item}/speakers", headers=day.auth("m3")).get_json()
    assert [(s["name"], s["status"]) for s in listing] == [
        ("Đại biểu 001", "waiting"),
        ("Đại biểu 002", "waiting"),
    ]
    first, second = listing[0]["id"], listing[1]["id"]
    order = client.put(
        f"/api/v1/agenda/{item}/speakers/order",
        headers=world.auth("chair_a"),
        json={"speaker_ids": [second, first]},
    )
    assert [s["id"] for s in order.get_json()] == [second, first]
    assert (
        client.post(f"/api/v1/speakers/{second}/start", headers=day.auth("m1")).status_code == 403
    )
    started = client.post(f"/api/v1/speakers/{second}/start", headers=world.auth("chair_a"))
    assert started.get_json()["status"] == "speaking"
    assert started.get_json()["started_at"].endswith("+07:00")
    _backdate(app, second, seconds=75)
    # Giving the floor to the next one ends the current turn; its time is kept.
    client.post(f"/api/v1/speakers/{first}/start", headers=world.auth("chair_a"))
    client.post(f"/api/v1/speakers/{first}/stop", headers=world.auth("chair_a"))
    listing = client.get(f"/api/v1/agenda/{item}/speakers", headers=world.auth("chair_a"))
    rows = {s["name"]: s for s in listing.get_json()}
    assert rows["Đại biểu 002"]["status"] == "done" and rows["Đại biểu 002"]["seconds"] >= 75
    assert rows["Đại biểu 001"]["status"] == "done"
    # After speaking, a member may ask again.
    assert _ask(client, day.auth("m1"), item, members[0]).status_code == 201
    with app.app_context():
        from governance.voting.speakers import speakers_for_item

        spoke = speakers_for_item(item)
        assert [name for name, _s in spoke] == ["Đại biểu 002", "Đại biểu 001"]
        assert spoke[0][1] >= 75


def _backdate(app, speaker_id: int, seconds: int) -> None:
    from governance.extensions import db
    from governance.voting.live_models import Speaker

    with app.app_context():
        row = db.session.get(Speaker, speaker_id)
        row.started_at -= timedelta(seconds=seconds)
        db.session.commit()


def test_the_state_changes_with_the_session_and_costs_one_query(app, client, world, day):
    web_login(client, "chair_a")
    url = f"/sessions/{day.session.meeting}/state"
    first = client.get(url).get_json()
    assert first["changed"] is True and first["item"]["id"] == day.session.items["a"]
    assert first["now"].endswith("+07:00")
    version = first["version"]
    same = client.get(f"{url}?since={version}").get_json()
    assert same == {"version": version, "changed": False}
    poll = client.post(
        f"/api/v1/agenda/{day.session.items['b']}/poll",
        headers=world.auth("chair_a"),
        json={"secret": True},
    ).get_json()["id"]
    moved = client.get(f"{url}?since={version}").get_json()
    assert moved["changed"] is True and moved["item"]["id"] == day.session.items["b"]
    assert moved["poll"]["voted"] == 0 and moved["poll"]["present"] == 4
    client.post(f"/api/v1/polls/{poll}/ballot", headers=day.auth("m2"), json={"choice": "no"})
    voted = client.get(f"{url}?since={moved['version']}").get_json()
    assert voted["poll"]["voted"] == 1 and "Đại biểu 002" not in voted["poll"]["not_voted"]
    client.post(f"/api/v1/polls/{poll}/close", headers=world.auth("chair_a"))
    closed = client.get(f"{url}?since={voted['version']}").get_json()
    assert closed["poll"] is None and closed["result"]["outcome"] == "KHÔNG THÔNG QUA"
    assert "Điều 9 Điều lệ Đảng" in closed["result"]["explanation"]
    # Nothing new: one statement for the session (its unit and version), besides the
    # statement that loads the signed-in account.
    unchanged = f"{url}?since={closed['version']}"
    assert (
        _selects(app, lambda: client.get(unchanged)) == _selects(app, lambda: client.get("/no")) + 1
    )


def _selects(app, call) -> int:
    from sqlalchemy import event

    from governance.extensions import db

    with app.app_context():
        engine = db.engine
    seen = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    # The header's notice counter is drawn on pages (the baseline), never in the JSON state.
    selects = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
    return len([s for s in selects if "FROM notifications" not in s])


def test_pages_show_local_time_in_vietnamese_form(app, client, world, day):
    from datetime import UTC, datetime

    from governance.extensions import db
    from governance.meetings.models import Meeting

    with app.app_context():
        meeting = db.session.get(Meeting, day.session.meeting)
        meeting.starts_at = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)  # 11:00 in Hà Nội
        db.session.commit()
    web_login(client, "chair_a")
    for path in (
        "/sessions/",
        f"/sessions/{day.session.meeting}",
        f"/meetings/{day.session.meeting}",
    ):
        html = client.get(path).get_data(as_text=True)
        assert "Thứ Năm, 03/12/2026 11:00" in html, path
        assert "04:00" not in html, path
    answer = client.get(f"/api/v1/meetings/{day.session.meeting}", headers=world.auth("chair_a"))
    assert answer.get_json()["starts_at"] == "2026-12-03T11:00:00+07:00"
