"""The oversight and notifications API (CONTRACT section 3), and the pages around them."""

from __future__ import annotations

import json

from tests.conftest import csrf_from, web_login
from tests.oversight.conftest import add_meeting, local


def test_province_oversight_shape_and_pagination(client, world):
    answer = client.get("/api/v1/oversight/P1?page_size=2", headers=world.auth("inspector_p1"))
    assert answer.status_code == 200
    units = answer.get_json()
    assert [u["code"] for u in units] == ["A", "B"]
    assert {"code", "name", "meetings_held", "drafts_adopted", "congress_late"} <= set(units[0])
    assert units[0]["meetings_held"] == 0 and units[0]["drafts_adopted"] == 0
    assert json.loads(answer.headers["X-Pagination"])["total"] == 3
    second = client.get("/api/v1/oversight/P1?page=2&page_size=2", headers=world.auth("admin"))
    assert [u["code"] for u in second.get_json()] == ["E"]
    bad = client.get("/api/v1/oversight/P1?page=0", headers=world.auth("admin"))
    assert bad.status_code == 422 and bad.get_json()["error"]["code"]
    too_big = client.get("/api/v1/oversight/P1?page_size=501", headers=world.auth("admin"))
    assert too_big.status_code == 422


def test_late_filter_in_the_api_uses_discovered_columns(client, world, fake_domain):
    answer = client.get("/api/v1/oversight/P1?only=late", headers=world.auth("admin"))
    late = {u["code"] for u in answer.get_json()}
    assert late == {c for c in ("A", "B", "E") if world.units[c] % 2}
    assert all(u["congress_late"] == 1 and u["progress"]["fake_done"] for u in answer.get_json())


def test_notifications_api_lists_only_the_caller_s(app, client, world, fake_domain):
    import governance.fakedomain.reminders as fake

    from governance.notifications.delivery import deliver

    fake.UNIT_ID = world.units["A"]
    with app.app_context():
        assert deliver() == (1, 0)  # the fake provider's reminder, for clerk_a only
    mine = client.get("/api/v1/notifications", headers=world.auth("clerk_a")).get_json()
    assert [(n["key"], n["link"], n["read"]) for n in mine] == [("fake:1", "/fake/1", False)]
    assert mine[0]["due_at"].endswith("+07:00")
    assert client.get("/api/v1/notifications", headers=world.auth("chair_a")).get_json() == []
    read = client.post(f"/api/v1/notifications/{mine[0]['id']}/read", headers=world.auth("clerk_a"))
    assert read.get_json()["read"] is True
    unread = client.get("/api/v1/notifications?unread=true", headers=world.auth("clerk_a"))
    assert unread.get_json() == []


def test_header_counter_page_and_opening_a_notice(app, client, world):
    from governance.notifications.delivery import deliver

    meeting = add_meeting(app, world.bodies["A"], local(2026, 3, 3, 8, 0))
    with app.app_context():
        deliver(local(2026, 3, 1, 9, 0))
    web_login(client, "clerk_a")
    home = client.get("/").get_data(as_text=True)
    # clerk: the 7-day reminder and the late invitation and papers (5 and 3 working days).
    assert 'id="unread-count"' in home and ">3</span>" in home
    page = client.get("/notifications/").get_data(as_text=True)
    assert "Quá hạn gửi giấy mời" in page
    notices = client.get("/api/v1/notifications", headers=world.auth("clerk_a")).get_json()
    opened = client.get(f"/notifications/{notices[0]['id']}/open")
    assert opened.status_code == 302 and opened.headers["Location"] == f"/meetings/{meeting}"
    assert ">2</span>" in client.get("/").get_data(as_text=True)
    token = csrf_from(page)
    client.post("/notifications/read-all", data={"csrf_token": token})
    assert 'id="unread-count"' not in client.get("/").get_data(as_text=True)
    # Someone else's notice does not exist for this account.
    web_login(client, "chair_a")
    assert client.get(f"/notifications/{notices[0]['id']}/open").status_code == 404


def test_e_mail_address_is_checked_and_kept(client, world):
    web_login(client, "clerk_a")
    token = csrf_from(client.get("/notifications/").get_data(as_text=True))
    bad = client.post("/notifications/", data={"csrf_token": token, "email": "not an address"})
    assert bad.status_code == 200 and "not an address" in bad.get_data(as_text=True)
    good = client.post("/notifications/", data={"csrf_token": token, "email": "vp@xa-an.vn"})
    assert good.status_code == 302
    assert 'value="vp@xa-an.vn"' in client.get("/notifications/").get_data(as_text=True)


def test_finding_reaches_the_commune_which_answers(client, world):
    web_login(client, "inspector_p1")
    dashboard = client.get("/oversight/", follow_redirects=True)
    assert "Xã An" in dashboard.get_data(as_text=True)
    page = client.get("/oversight/units/A").get_data(as_text=True)
    token = csrf_from(page)
    empty = client.post("/oversight/units/A/findings", data={"csrf_token": token, "text": ""})
    assert empty.status_code == 422
    client.post(
        "/oversight/units/A/findings",
        data={"csrf_token": token, "item_key": "", "kind": "finding", "text": "Chưa có quy chế"},
    )
    # The inspector cannot answer, nor write elsewhere.
    findings = client.get("/api/v1/oversight/units/A/findings", headers=world.auth("admin"))
    finding_id = findings.get_json()[0]["id"]
    refused = client.post(
        f"/oversight/findings/{finding_id}/answer", data={"csrf_token": token, "answer": "x"}
    )
    assert refused.status_code == 403
    assert client.get("/oversight/units/C").status_code == 403
    assert client.post("/oversight/units/C/findings", data={"csrf_token": token}).status_code == 403
    # The commune's clerk is notified and answers once.
    web_login(client, "clerk_a")
    notices = client.get("/api/v1/notifications", headers=world.auth("clerk_a")).get_json()
    assert notices[0]["link"] == f"/oversight/units/A#finding-{finding_id}"
    page = client.get("/oversight/units/A").get_data(as_text=True)
    assert "Chưa có quy chế" in page and "finding-form" not in page
    token = csrf_from(page)
    done = client.post(
        f"/oversight/findings/{finding_id}/answer",
        data={"csrf_token": token, "answer": "Sẽ ban hành trước 15/8"},
    )
    assert done.status_code == 302
    again = client.post(
        f"/oversight/findings/{finding_id}/answer",
        data={"csrf_token": token, "answer": "Sửa"},
        follow_redirects=True,
    )
    assert "Sẽ ban hành trước 15/8" in again.get_data(as_text=True)
    assert "Sửa" not in again.get_data(as_text=True).split("finding-text")[1]
    # Another commune's clerk cannot answer.
    web_login(client, "clerk_b")
    assert client.get("/oversight/units/A").status_code == 403


def test_admin_picks_a_province_and_a_clerk_has_no_dashboard(client, world):
    web_login(client, "admin")
    national = client.get("/oversight/").get_data(as_text=True)
    assert "Tỉnh Một" in national and "Tỉnh Hai" in national and "<svg" in national
    assert "Xã Cường" in client.get("/oversight/provinces/P2").get_data(as_text=True)
    web_login(client, "clerk_a")
    assert client.get("/oversight/").status_code == 403
    assert client.get("/oversight/provinces/P1").status_code == 403
    assert client.get("/oversight/mine").headers["Location"].endswith("/oversight/units/A")
