"""Device polls in the API (CONTRACT 3): open, ballot by linked accounts, state, close."""

from __future__ import annotations

import base64
import json

from sqlalchemy import select


def _open(client, world, day, secret=False, key="a"):
    answer = client.post(
        f"/api/v1/agenda/{day.session.items[key]}/poll",
        headers=world.auth("chair_a"),
        json={"secret": secret},
    )
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


def _ballot(client, day, who, poll, choice, receipt=None):
    body = {"choice": choice} | ({"receipt": receipt} if receipt else {})
    return client.post(f"/api/v1/polls/{poll}/ballot", headers=day.auth(who), json=body)


def test_members_vote_as_themselves_and_the_chair_closes(client, world, day):
    poll = _open(client, world, day)
    state = client.get(f"/api/v1/polls/{poll}", headers=world.auth("chair_a")).get_json()
    assert state["open"] is True and state["voted"] == 0
    assert state["not_voted"] == [f"Đại biểu {i:03d}" for i in (1, 2, 3, 4)]
    assert _ballot(client, day, "m1", poll, "yes").status_code == 200
    assert _ballot(client, day, "m2", poll, "no").status_code == 200
    assert _ballot(client, day, "m2", poll, "yes").status_code == 200  # replaces, never adds
    assert _ballot(client, day, "m3", poll, "yes").status_code == 200
    state = client.get(f"/api/v1/polls/{poll}", headers=day.auth("m1")).get_json()
    assert (state["voted"], state["not_voted"]) == (3, ["Đại biểu 004"])
    assert state["my_ballot_counted"] is True
    # Someone who is not a present member of the body: 403.
    assert _ballot(client, day, "m5", poll, "yes").status_code == 403  # absent
    assert _ballot(client, day, "m5", poll, "yes").get_json()["error"]["code"] == "forbidden"
    refused = client.post(
        f"/api/v1/polls/{poll}/ballot", headers=world.auth("member_a"), json={"choice": "yes"}
    )
    assert refused.status_code == 403  # an account linked to no member
    closed = client.post(f"/api/v1/polls/{poll}/close", headers=world.auth("chair_a"))
    assert closed.status_code == 200, closed.get_json()
    result = closed.get_json()
    assert (result["yes"], result["no"], result["abstain"], result["method"]) == (
        3,
        0,
        0,
        "roll_call",
    )
    assert result["required"] == 3 and result["adopted"] is True  # more than half of 5
    assert result["recorded_at"].endswith("+07:00")
    assert _ballot(client, day, "m4", poll, "yes").status_code == 409  # closed
    state = client.get(f"/api/v1/polls/{poll}", headers=world.auth("chair_a")).get_json()
    assert state["open"] is False


def test_bad_ballots_are_422_and_unknown_polls_404(client, world, day):
    poll = _open(client, world, day)
    assert _ballot(client, day, "m1", poll, "maybe").status_code == 422
    assert client.get("/api/v1/polls/999999", headers=world.auth("chair_a")).status_code == 404
    answer = client.post(
        f"/api/v1/agenda/{day.session.items['b']}/poll",
        headers=world.auth("chair_a"),
        json={"secret": False},
    )
    assert answer.status_code == 409  # one open poll per meeting


def test_secret_poll_keeps_no_link_and_the_receipt_hides_the_choice(app, client, world, day):
    poll = _open(client, world, day, secret=True)
    first = _ballot(client, day, "m1", poll, "yes").get_json()
    receipt = first["receipt"]
    payload = receipt.split(".")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    assert "yes" not in decoded and "no" not in json.loads(decoded)  # a tag, not the choice
    assert _ballot(client, day, "m1", poll, "no").status_code == 409  # no receipt: it stands
    changed = _ballot(client, day, "m1", poll, "no", receipt)
    assert changed.status_code == 200
    assert _ballot(client, day, "m1", poll, "abstain", receipt).status_code == 409  # old one
    _ballot(client, day, "m2", poll, "yes")
    result = client.post(f"/api/v1/polls/{poll}/close", headers=world.auth("chair_a")).get_json()
    assert (result["yes"], result["no"], result["method"]) == (1, 1, "secret_ballot")
    with app.app_context():
        from governance.extensions import db
        from governance.voting.models import DeviceParticipation

        assert set(db.session.scalars(select(DeviceParticipation.choice))) == {None}


def test_the_web_receipt_cookie_is_secure_behind_https(app, client, world, day):
    from tests.conftest import web_login

    poll = _open(client, world, day, secret=True)
    web_login(client, "m1")
    page = client.get(f"/sessions/{day.session.meeting}/me")
    assert page.status_code == 200
    from tests.conftest import csrf_from

    token = csrf_from(page.get_data(as_text=True))
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        answer = client.post(
            f"/sessions/{day.session.meeting}/me/ballot",
            data={"csrf_token": token, "poll_id": poll, "choice": "yes"},
        )
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False
    assert answer.status_code == 303
    cookie = answer.headers["Set-Cookie"]
    assert cookie.startswith("vote_receipt=") and "Secure" in cookie and "HttpOnly" in cookie
