"""The session day's pages: planning, deletion on record, role-aware pages, people linked."""

from __future__ import annotations

import re

from sqlalchemy import event, select

from tests.conftest import PASSWORD, csrf_from, web_login
from tests.voting.helpers import make_session


def _plan_form(client, body_id: int) -> str:
    return client.get(f"/meetings/new/{body_id}").get_data(as_text=True)


def _post_plan(client, body_id: int, **fields):
    token = csrf_from(_plan_form(client, body_id))
    data = {"csrf_token": token, "starts_at": "24/12/2030 08:00", "title": ""} | fields
    return client.post(f"/meetings/new/{body_id}", data=data)


def test_a_first_session_starts_from_the_standard_agenda_and_is_not_planned_twice(client, world):
    web_login(client, "clerk_a")
    body = world.bodies["A"]  # a party executive with its secretary "Bí thư"
    form = _plan_form(client, body)
    assert re.search(r'<option selected value="first_party_executive"', form)
    assert 'value="Nguyễn Văn A"' in form  # the chair preselected from the members
    assert 'list="body-members"' in form and "<datalist" in form
    assert 'type="datetime-local"' not in form  # typed dd/mm/yyyy, whatever the language
    first = _post_plan(client, body, template="first_party_executive")
    assert first.status_code == 302
    again = _post_plan(client, body, template="first_party_executive")
    page = again.get_data(as_text=True)
    assert again.status_code == 200 and "đã có phiên họp đầu tiên" in page
    assert 'name="confirm_second"' in page
    assert not re.search(
        r'<option selected value="first_party_executive"', _plan_form(client, body)
    )
    confirmed = _post_plan(client, body, template="first_party_executive", confirm_second="1")
    assert confirmed.status_code == 302
    bad = _post_plan(client, body, template="", title="Họp", starts_at="12/31/2030 8 PM")
    assert bad.status_code == 200 and "dd/mm/yyyy hh:mm" in bad.get_data(as_text=True)


def test_an_item_on_record_cannot_be_removed(app, client, world):
    s = make_session(app, world, 3, items={"voted": ("vote", None), "free": ("discussion", None)})
    admin = world.auth("admin")
    recorded = client.post(
        f"/api/v1/agenda/{s.items['voted']}/votes",
        headers=admin,
        json={"method": "show_of_hands", "yes": 3},
    )
    assert recorded.status_code == 201
    answer = client.delete(f"/api/v1/agenda/{s.items['voted']}", headers=admin)
    assert answer.status_code == 409 and answer.get_json()["error"]["code"] == "conflict"
    web_login(client, "chair_a")
    page = client.get(f"/meetings/{s.meeting}").get_data(as_text=True)
    assert f"/meetings/items/{s.items['voted']}/delete" not in page  # no button
    assert f"/meetings/items/{s.items['free']}/delete" in page
    token = csrf_from(page)
    forced = client.post(
        f"/meetings/items/{s.items['voted']}/delete",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    text = forced.get_data(as_text=True)
    assert forced.status_code == 200 and "không thể xóa" in text
    assert client.delete(f"/api/v1/agenda/{s.items['free']}", headers=admin).status_code == 204


def test_a_member_sees_no_button_that_leads_to_a_403(app, client, world):
    s = make_session(app, world, 3)
    web_login(client, "member_a")
    console = client.get(f"/sessions/{s.meeting}").get_data(as_text=True)
    meeting = client.get(f"/meetings/{s.meeting}").get_data(as_text=True)
    for page in (console, meeting):
        for href in re.findall(r'href="(/[^"]*)"', page):
            if href.startswith(("/static", "/favicon")) or href.endswith(".docx"):
                continue
            assert client.get(href).status_code != 403, href
    assert "/cards" not in console and "/links" not in console
    assert 'id="dispatch"' not in meeting  # the clerk's deadline badges


def test_a_member_linked_to_their_record_sees_their_meeting_and_feed(app, client, world):
    from governance.core.models import User
    from governance.extensions import db
    from governance.meetings import calendar

    s = make_session(app, world, 3, status="planned")
    with app.app_context():
        user = db.session.get(User, world.users["member_a"])
        home_before = None
        user.member_id = s.members[1]  # "Đại biểu 002", not the account's name
        db.session.commit()
        feed = calendar.invited_meetings(db.session.get(User, world.users["member_a"]))
        assert [m.id for m in feed] == [s.meeting]
    web_login(client, "member_a")
    home = client.get("/").get_data(as_text=True)
    assert "Kỳ họp thứ nhất" in home and f"/sessions/{s.meeting}/me" in home
    assert home_before is None


def test_the_clerk_links_an_account_from_the_members_page(app, client, world):
    from governance.core.models import User
    from governance.extensions import db

    web_login(client, "clerk_a")
    page = client.get(f"/org/bodies/{world.bodies['A']}").get_data(as_text=True)
    assert 'name="username"' in page
    token = csrf_from(page)
    url = f"/people/members/{world.members['A']}/account"
    answer = client.post(url, data={"csrf_token": token, "username": "member_a"})
    assert answer.status_code == 302
    with app.app_context():
        assert db.session.get(User, world.users["member_a"]).member_id == world.members["A"]
    other = app.test_client()
    web_login(other, "clerk_b")
    refused = other.post(
        url,
        data={
            "csrf_token": csrf_from(other.get("/").get_data(as_text=True)),
            "username": "member_a",
        },
    )
    assert refused.status_code == 403


def test_create_user_links_the_member(app, world):
    from governance.core.models import User
    from governance.extensions import db

    runner = app.test_cli_runner()
    args = ["create-user", "lan", "--role", "member", "--unit", "A", "--member"]
    result = runner.invoke(args=[*args, str(world.members["A"])], input=f"{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "linked to member" in result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "lan"))
        assert user.member_id == world.members["A"] and user.full_name == "Nguyễn Văn A"
    again = runner.invoke(
        args=[*args[:1], "lan2", *args[2:], str(world.members["A"])], input=f"{PASSWORD}\n"
    )
    assert again.exit_code != 0 and "already linked" in again.output
    elsewhere = runner.invoke(
        args=[
            "create-user",
            "x",
            "--role",
            "member",
            "--unit",
            "A",
            "--member",
            str(world.members["C"]),
        ],
        input=f"{PASSWORD}\n",
    )
    assert elsewhere.exit_code != 0 and "another unit" in elsewhere.output


def test_the_admin_home_runs_a_constant_number_of_statements(app, client, world):
    from governance.extensions import db
    from governance.org.models import Unit

    def statements() -> int:
        seen = []
        with app.app_context():
            engine = db.engine
        listener = lambda *a: seen.append(a[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            assert client.get("/").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len([s for s in seen if s.lstrip().upper().startswith("SELECT")])

    web_login(client, "admin")
    few = statements()
    with app.app_context():
        province = db.session.scalar(select(Unit).where(Unit.code == "P1"))
        db.session.add_all(
            Unit(code=f"X{i}", name=f"Xã {i}", kind="commune", parent_id=province.id)
            for i in range(60)
        )
        db.session.commit()
    many = statements()
    assert many == few
    page = client.get("/").get_data(as_text=True)
    assert "Xã 59" not in page  # no card per commune
    assert 'id="provinces"' in page


def test_favicon(client):
    answer = client.get("/favicon.ico")
    assert answer.status_code == 200 and answer.data[:4] == b"\x00\x00\x01\x00"


def test_voting_cards_carry_a_qr_code_for_members_without_accounts(app, client, world):
    from tests.sessionday.conftest import link_accounts

    s = make_session(app, world, 3)
    link_accounts(app, world, s, 1)  # Đại biểu 001 signs in; 002 and 003 need cards
    web_login(client, "clerk_a")
    page = client.get(f"/sessions/{s.meeting}/cards").get_data(as_text=True)
    assert page.count("<svg") == 2 and "Đại biểu 001" not in page
    assert "/sessions/vote/" in page
    member = app.test_client()
    web_login(member, "member_a")
    assert member.get(f"/sessions/{s.meeting}/cards").status_code == 403
