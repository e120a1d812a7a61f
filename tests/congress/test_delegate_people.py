"""Delegates who are people of the registry: details, credentials figures and the account
come through the link (org.people), never by matching names."""

from __future__ import annotations

from tests.conftest import csrf_from, web_login
from tests.congress.conftest import new_congress


def _link_account(app, world, username: str = "bithu_a") -> int:
    """Give commune A's Party Secretary (world.members["A"]) an account of their own."""
    from governance.core.models import User
    from governance.extensions import db
    from governance.org import people
    from governance.org.models import Member

    with app.app_context():
        user = User(username=username, role="member", unit_id=world.units["A"], full_name="x")
        user.set_password("a-long-password-1")
        db.session.add(user)
        db.session.flush()
        people.attach(db.session.get(Member, world.members["A"]), user, None)
        db.session.commit()
        return user.id


def _add(client, world, congress_id: int, **data):
    return client.post(
        f"/api/v1/congresses/{congress_id}/delegates",
        json={"category": "ex_officio"} | data,
        headers=world.auth("clerk_a"),
    )


def _credentials(client, world, congress_id: int) -> dict:
    url = f"/api/v1/congresses/{congress_id}/credentials"
    return client.get(url, headers=world.auth("clerk_a")).get_json()


def test_a_delegate_chosen_in_the_registry_counts_with_the_registry_details(app, client, world):
    congress = new_congress(client, world)
    answer = _add(client, world, congress["id"], person_id=world.members["A"])
    assert answer.status_code == 201, answer.get_json()
    delegate = answer.get_json()
    assert delegate["person_id"] == world.members["A"]
    assert (delegate["full_name"], delegate["birth_year"]) == ("Nguyễn Văn A", 1975)
    before = _credentials(client, world, congress["id"])
    assert (before["women"], before["oldest"]) == (0, 2026 - 1975)
    with app.app_context():  # the registry is corrected: the figures follow it
        from governance.extensions import db
        from governance.org.models import Member

        member = db.session.get(Member, world.members["A"])
        member.gender, member.birth_year = "female", 1990
        db.session.commit()
    after = _credentials(client, world, congress["id"])
    assert (after["women"], after["youngest"]) == (1, 2026 - 1990)


def test_registry_links_are_checked(client, world):
    congress = new_congress(client, world)
    other_unit = _add(client, world, congress["id"], person_id=world.members["B"])
    assert other_unit.status_code == 422
    assert "person_id" in other_unit.get_json()["error"]["fields"]
    assert _add(client, world, congress["id"], person_id=world.members["A"]).status_code == 201
    twice = _add(client, world, congress["id"], person_id=world.members["A"])
    assert twice.status_code == 422 and "person_id" in twice.get_json()["error"]["fields"]
    nameless = _add(client, world, congress["id"])
    fields = nameless.get_json()["error"]["fields"]
    assert nameless.status_code == 422 and {"full_name", "gender"} <= set(fields)
    outsider = _add(client, world, congress["id"], full_name="Khách Mời", gender="female")
    assert outsider.status_code == 201 and outsider.get_json()["person_id"] is None


def test_the_executive_committee_joins_as_ex_officio_and_votes_as_themselves(app, client, world):
    account = _link_account(app, world)
    congress = new_congress(client, world)
    web_login(client, "clerk_a")
    page_url = f"/congress/{congress['id']}/delegates"
    page = client.get(page_url).get_data(as_text=True)
    assert "Nguyễn Văn A — Bí thư, Ban Chấp hành A" in page  # the registry to choose from
    added = client.post(
        f"/congress/{congress['id']}/delegates/executive", data={"csrf_token": csrf_from(page)}
    )
    assert added.status_code == 302
    listed = client.get(page_url).get_data(as_text=True)
    assert "Nguyễn Văn A" in listed and "trong sổ đăng ký" in listed
    again = client.post(
        f"/congress/{congress['id']}/delegates/executive", data={"csrf_token": csrf_from(listed)}
    )
    assert "đã là đại biểu" in client.get(again.location).get_data(as_text=True)
    delegates = client.get(
        f"/api/v1/congresses/{congress['id']}/delegates", headers=world.auth("clerk_a")
    ).get_json()
    assert [(d["full_name"], d["category"]) for d in delegates] == [("Nguyễn Văn A", "ex_officio")]
    with app.app_context():
        from governance.congress import delegates as service
        from governance.congress.models import Congress, Delegate
        from governance.core.models import User
        from governance.extensions import db
        from governance.org import people

        clerk = db.session.get(User, world.users["clerk_a"])
        sessions = service.convene(db.session.get(Congress, congress["id"]), clerk)
        user = db.session.get(User, account)
        seat = people.member_in(user, sessions[0])
        assert seat is not None and seat.body_id == sessions[0].body_id  # their congress seat
        delegate = db.session.get(Delegate, delegates[0]["id"])
        service.set_status(delegate, "transferred", "Quyết định 12", clerk)
        assert people.member_in(db.session.get(User, account), sessions[0]) is None
        assert people.member_ids(db.session.get(User, account)) == {world.members["A"]}


def test_ex_officio_typed_by_hand_are_not_listed_twice(client, world):
    """Names are never matched: with hand-typed ex officio delegates the bulk add refuses."""
    congress = new_congress(client, world)
    typed = _add(client, world, congress["id"], full_name="Nguyễn Văn A", gender="male")
    assert typed.status_code == 201
    web_login(client, "clerk_a")
    page = client.get(f"/congress/{congress['id']}/delegates").get_data(as_text=True)
    refused = client.post(
        f"/congress/{congress['id']}/delegates/executive", data={"csrf_token": csrf_from(page)}
    )
    assert "sẽ bị tính hai lần" in client.get(refused.location).get_data(as_text=True)
    listed = client.get(
        f"/api/v1/congresses/{congress['id']}/delegates", headers=world.auth("clerk_a")
    ).get_json()
    assert len(listed) == 1


def test_an_imported_delegate_is_linked_to_the_registry_afterwards(app, client, world):
    """Typed first, linked later (after convening too): figures and account follow."""
    account = _link_account(app, world)
    congress = new_congress(client, world)
    typed = _add(client, world, congress["id"], full_name="Nguyễn Văn A", gender="female")
    delegate_id = typed.get_json()["id"]
    assert _credentials(client, world, congress["id"])["women"] == 1  # as typed
    with app.app_context():
        from governance.congress import delegates as service
        from governance.congress.models import Congress
        from governance.core.models import User
        from governance.extensions import db

        clerk = db.session.get(User, world.users["clerk_a"])
        sessions = service.convene(db.session.get(Congress, congress["id"]), clerk)
        session_id = sessions[0].id
    url = f"/api/v1/delegates/{delegate_id}/person"
    headers = world.auth("clerk_a")
    foreign = client.put(url, headers=headers, json={"person_id": world.members["B"]})
    assert foreign.status_code == 422
    denied = client.put(url, headers=world.auth("chair_a"), json={"person_id": 1})
    assert denied.status_code == 403
    linked = client.put(url, headers=headers, json={"person_id": world.members["A"]})
    assert linked.status_code == 200 and linked.get_json()["person_id"] == world.members["A"]
    assert _credentials(client, world, congress["id"])["women"] == 0  # the registry's record
    with app.app_context():
        from governance.core.models import User
        from governance.extensions import db
        from governance.meetings.models import Meeting
        from governance.org import people

        seat = people.member_in(db.session.get(User, account), db.session.get(Meeting, session_id))
        assert seat is not None  # the account votes at the congress as this delegate
    again = client.put(url, headers=headers, json={"person_id": world.members["A"]})
    assert again.status_code == 200  # the same link: nothing to do


def test_the_page_links_a_typed_delegate(client, world):
    congress = new_congress(client, world)
    typed = _add(client, world, congress["id"], full_name="Nguyễn Văn A", gender="male")
    web_login(client, "clerk_a")
    page = client.get(f"/congress/{congress['id']}/delegates").get_data(as_text=True)
    assert 'id="link-person"' in page
    answer = client.post(
        f"/congress/{congress['id']}/delegates/link",
        data={
            "csrf_token": csrf_from(page),
            "delegate_id": typed.get_json()["id"],
            "person_id": world.members["A"],
        },
    )
    shown = client.get(answer.location).get_data(as_text=True)
    assert "đã được gắn với sổ đăng ký" in shown and 'id="link-person"' not in shown
    bad = client.post(
        f"/congress/{congress['id']}/delegates/link",
        data={"csrf_token": csrf_from(shown), "delegate_id": "x"},
    )
    assert bad.status_code == 302
    assert "Hãy chọn đại biểu và người" in client.get(bad.location).get_data(as_text=True)


def test_credentials_read_every_linked_person_in_one_query(app, client, world):
    """The registry's records come with the delegates, not one query per delegate."""
    from sqlalchemy import event

    from governance.extensions import db
    from tests.api.test_meetings import add_members

    congress = new_congress(client, world)
    url = f"/api/v1/congresses/{congress['id']}/credentials"

    def statements() -> int:
        with app.app_context():
            engine = db.engine
        seen = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        assert client.get(url, headers=world.auth("clerk_a")).status_code == 200
        event.remove(engine, "before_cursor_execute", listener)
        return len(seen)

    for person in add_members(app, world.bodies["A"], 2):
        assert _add(client, world, congress["id"], person_id=person).status_code == 201
    few = statements()
    for person in add_members(app, world.bodies["A"], 6):
        assert _add(client, world, congress["id"], person_id=person).status_code == 201
    assert statements() == few
