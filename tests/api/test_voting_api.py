"""Votes through the API: DOMAIN.md §3 worked examples, refused counts, locking, reopening."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.voting.helpers import make_session

SHOW = "show_of_hands"


def vote(client, world, item, who="chair_a", **body):
    body.setdefault("method", SHOW)
    return client.post(f"/api/v1/agenda/{item}/votes", json=body, headers=world.auth(who))


@pytest.mark.parametrize(
    ("kind", "members", "present", "majority", "yes", "adopted", "required"),
    [
        # Party committee of 27: 14 adopts, 13 does not, however many attended.
        ("party_executive", 27, 27, None, 14, True, 14),
        ("party_executive", 27, 27, None, 13, False, 14),
        ("party_executive", 27, 18, None, 13, False, 14),  # 13 of 18 present: still not
        # People's Council of 30: 16 adopts, 15 does not.
        ("people_council", 30, 30, "more_than_half", 16, True, 16),
        ("people_council", 30, 30, "more_than_half", 15, False, 16),
        # Dismissing a delegate, at least two thirds of all 30: 20 dismisses, 19 does not.
        ("people_council", 30, 30, "at_least_two_thirds", 20, True, 20),
        ("people_council", 30, 30, "at_least_two_thirds", 19, False, 20),
    ],
)
def test_worked_examples(
    client, world, app, kind, members, present, majority, yes, adopted, required
):
    s = make_session(
        app, world, members, kind=kind, present=present, items={"x": ("vote", majority)}
    )
    answer = vote(client, world, s.item, yes=yes, no=present - yes, abstain=0)
    assert answer.status_code == 201, answer.get_json()
    body = answer.get_json()
    assert (body["base"], body["required"], body["adopted"]) == (members, required, adopted)
    assert body["majority"] == (majority or "more_than_half")
    assert body["outcome"] == ("THÔNG QUA" if adopted else "KHÔNG THÔNG QUA")
    assert f"Cần ít nhất {required}/{members} phiếu tán thành" in body["explanation"]


def test_people_council_sentence_names_the_law(client, world, app):
    s = make_session(app, world, 30, kind="people_council")
    body = vote(client, world, s.item, yes=16, no=14).get_json()
    assert body["explanation"].startswith(
        "Cần ít nhất 16/30 phiếu tán thành — quá nửa tổng số đại biểu "
        "(Luật Tổ chức chính quyền địa phương 2025)"
    )


def test_secret_ballot_and_roll_call(client, world, app):
    s = make_session(app, world, 5, items={"a": ("vote", None), "b": ("vote", None)})
    secret = vote(client, world, s.items["a"], method="secret_ballot", yes=3, no=1, abstain=1)
    assert secret.status_code == 201 and secret.get_json()["adopted"]
    ballots = {str(m): "yes" for m in s.members[:2]} | {str(s.members[2]): "abstain"}
    answer = vote(client, world, s.items["b"], method="roll_call", ballots=ballots)
    body = answer.get_json()
    assert answer.status_code == 201, body
    assert (body["yes"], body["no"], body["abstain"], body["adopted"]) == (2, 0, 1, False)
    assert [b["choice"] for b in body["ballots"]] == ["yes", "yes", "abstain"]
    assert body["ballots"][0]["full_name"] == "Đại biểu 001"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"yes": 20, "no": 8, "abstain": 2}, ["30", "28"]),  # more votes than present
        ({"yes": -1, "no": 0}, []),
        ({"yes": "many"}, []),
        ({"method": "raised_voices", "yes": 1}, []),
        ({"method": "roll_call"}, []),
        ({"yes": 1, "ballots": {"1": "yes"}}, []),
    ],
)
def test_impossible_counts_are_refused_with_the_numbers(client, world, app, body, words):
    s = make_session(app, world, 30, present=28)
    answer = vote(client, world, s.item, **body)
    assert answer.status_code == 422, answer.get_json()
    message = str(answer.get_json()["error"])
    assert all(word in message for word in words), message


def test_roll_call_of_someone_absent_or_a_stranger_is_refused(client, world, app):
    s = make_session(app, world, 5, present=4)
    absent, stranger = s.members[4], world.members["A"]
    for ballots, word in (({absent: "yes"}, str(absent)), ({stranger: "no"}, str(stranger))):
        answer = vote(
            client,
            world,
            s.item,
            method="roll_call",
            ballots={str(k): v for k, v in ballots.items()},
        )
        assert answer.status_code == 422
        assert word in answer.get_json()["error"]["fields"]["ballots"]
    bad = vote(client, world, s.item, method="roll_call", ballots={str(s.members[0]): "maybe"})
    assert bad.status_code == 422


@pytest.mark.parametrize("status", ["planned", "closed"])
def test_no_votes_outside_an_open_meeting(client, world, app, status):
    s = make_session(app, world, 9, status=status)
    answer = vote(client, world, s.item, yes=9)
    assert answer.status_code == 409
    assert answer.get_json()["error"]["code"] == "conflict"


def test_a_recorded_result_is_locked_and_reopened_only_with_a_reason(client, world, app):
    s = make_session(app, world, 27)
    first = vote(client, world, s.item, yes=13, no=14).get_json()
    second = vote(client, world, s.item, who="secretary_a", yes=14, no=13)
    assert second.status_code == 409
    assert second.get_json()["error"]["result"]["yes"] == 13  # the recorded result is shown
    assert second.get_json()["error"]["result"]["id"] == first["id"]

    url = f"/api/v1/agenda/{s.item}/votes/reopen"
    assert (
        client.post(url, json={"reason": "Đếm nhầm"}, headers=world.auth("secretary_a")).status_code
        == 403
    )
    assert client.post(url, json={}, headers=world.auth("chair_a")).status_code == 422
    assert client.post(url, json={"reason": "  "}, headers=world.auth("chair_a")).status_code == 422
    reason = "Tổ kiểm phiếu đếm nhầm một phiếu"
    reopened = client.post(url, json={"reason": reason}, headers=world.auth("chair_a"))
    assert reopened.status_code == 200 and reopened.get_json()["reopen_reason"] == reason
    assert (
        client.post(url, json={"reason": reason}, headers=world.auth("chair_a")).status_code == 409
    )  # nothing left to reopen

    again = vote(client, world, s.item, yes=14, no=13)
    assert again.status_code == 201 and again.get_json()["adopted"]
    listing = client.get(f"/api/v1/agenda/{s.item}/votes", headers=world.auth("member_a"))
    body = listing.get_json()
    assert body["result"]["yes"] == 14
    assert [(h["yes"], h["reopen_reason"]) for h in body["history"]] == [(13, reason)]

    with app.app_context():
        from governance.core.models import AuditEntry
        from governance.extensions import db

        entries = db.session.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == str(s.item)).order_by(AuditEntry.id)
        ).all()
        assert [e.action for e in entries] == ["vote", "reopen_vote", "vote"]
        assert entries[1].reason == reason and entries[1].username == "chair_a"
        assert entries[1].before["yes"] == 13


def test_the_database_refuses_a_second_standing_result(app, world):
    """Not only the code: the unique column refuses two current results for one item."""
    from sqlalchemy.exc import IntegrityError

    from governance.extensions import db
    from governance.voting.models import VoteResult

    s = make_session(app, world, 3)
    with app.app_context():

        def row():
            return VoteResult(
                agenda_item_id=s.item,
                current_item_id=s.item,
                method=SHOW,
                yes=2,
                no=1,
                abstain=0,
                present=3,
                base=3,
                majority="more_than_half",
                required=2,
                adopted=True,
                body_kind="party_executive",
                explanation="",
            )

        db.session.add(row())
        db.session.commit()
        db.session.add(row())
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_minutes_data_per_item(app, world, client):
    from governance.extensions import db
    from governance.meetings.models import Meeting
    from governance.voting import service

    s = make_session(
        app,
        world,
        30,
        kind="people_council",
        items={"a": ("vote", None), "b": ("discussion", None)},
    )
    vote(client, world, s.items["a"], yes=16, no=10, abstain=4)
    with app.app_context():
        rows = service.meeting_votes(db.session.get(Meeting, s.meeting))
    assert len(rows) == 1
    result = rows[0]["result"]
    assert (result["yes"], result["no"], result["abstain"], result["base"]) == (16, 10, 4, 30)
    assert result["rule"] == "quá nửa" and "72/2025/QH15" in result["basis"]
    assert result["outcome"] == "THÔNG QUA" and result["explanation"]


def test_missing_item_is_404(client, world):
    assert vote(client, world, 999999, yes=1).status_code == 404
