"""Elections through the API: DOMAIN.md §4 worked examples, surplus, floor nominations, ties."""

from __future__ import annotations

import pytest

from tests.voting.helpers import make_session

ELECTION = {"x": ("election", None)}


def election(client, world, item, who="chair_a", **body):
    return client.post(f"/api/v1/agenda/{item}/election", json=body, headers=world.auth(who))


def round_(client, world, election_id, who="chair_a", **body):
    return client.post(
        f"/api/v1/elections/{election_id}/rounds", json=body, headers=world.auth(who)
    )


def new_election(client, world, s, seats, names, **extra):
    answer = election(client, world, s.item, seats=seats, candidates=names, **extra)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


@pytest.mark.parametrize(("votes", "elected"), [(6, ["An"]), (5, [])])
def test_base_ten_six_elected_five_not(client, world, app, votes, elected):
    """11 members, 1 absent with reason: base 10; 6 votes elected, 5 not (Party Q&A)."""
    s = make_session(app, world, 11, excused=1, items=ELECTION)
    eid = new_election(client, world, s, 1, ["An", "Bình"])
    answer = round_(
        client,
        world,
        eid,
        ballots_issued=10,
        ballots_returned=10,
        invalid=0,
        votes={"An": votes, "Bình": 10 - votes - 1},
    )
    body = answer.get_json()
    assert answer.status_code == 201, body
    assert body["base"] == 10 and body["elected"] == elected
    assert body["unfilled"] == 1 - len(elected) and body["tied"] == []


@pytest.mark.parametrize(("votes", "elected"), [(74, True), (73, False)])
def test_congress_base_147(client, world, app, votes, elected):
    """150 delegates convened, 3 absent without alternate: the server counts base 147."""
    s = make_session(app, world, 150, kind="congress", present=147, items=ELECTION)
    eid = new_election(client, world, s, 1, ["Hải", "Lan"])
    answer = round_(
        client,
        world,
        eid,
        ballots_issued=147,
        ballots_returned=147,
        invalid=2,
        votes={"Hải": votes, "Lan": 145 - votes},
        base=147,  # a client may send the base it expects: it must be the server's
    )
    body = answer.get_json()
    assert answer.status_code == 201, body
    assert body["base"] == 147 and body["required"] == 74
    assert body["elected"] == (["Hải"] if elected else [])
    state = client.get(f"/api/v1/elections/{eid}", headers=world.auth("member_a")).get_json()
    assert state["base"]["exclusions"] == [
        {
            "category": "absent_no_alternate",
            "label": "Đại biểu chính thức vắng mặt suốt thời gian đại hội, "
            "không có đại biểu dự khuyết thay",
            "count": 3,
        }
    ]
    assert (state["base"]["convened"], state["base"]["base"]) == (150, 147)


def test_a_tie_at_the_cut_off_goes_to_a_new_round_among_the_tied(client, world, app):
    s = make_session(app, world, 10, items=ELECTION)
    eid = new_election(client, world, s, 2, ["An", "Bình", "Chi"])
    first = round_(
        client,
        world,
        eid,
        ballots_issued=10,
        ballots_returned=10,
        invalid=0,
        votes={"An": 8, "Bình": 6, "Chi": 6},  # 20 votes: two names on each of 10 ballots
    ).get_json()
    assert first["elected"] == ["An"] and sorted(first["tied"]) == ["Bình", "Chi"]
    assert first["unfilled"] == 1

    outsider = round_(
        client,
        world,
        eid,
        ballots_issued=10,
        ballots_returned=10,
        invalid=0,
        votes={"An": 3, "Bình": 6, "Chi": 4},
    )
    assert outsider.status_code == 422
    assert "Bình" in outsider.get_json()["error"]["message"]

    second = round_(
        client,
        world,
        eid,
        ballots_issued=10,
        ballots_returned=10,
        invalid=1,
        votes={"Bình": 6, "Chi": 3},
    )
    assert second.status_code == 201 and second.get_json()["elected"] == ["Bình"]
    state = client.get(f"/api/v1/elections/{eid}", headers=world.auth("member_a")).get_json()
    assert state["standing"]["elected"] == ["An", "Bình"] and state["complete"]
    done = round_(
        client, world, eid, ballots_issued=10, ballots_returned=10, invalid=0, votes={"Chi": 9}
    )
    assert done.status_code == 409


def test_counting_report_data(client, world, app):
    from governance.extensions import db
    from governance.voting import elections
    from governance.voting.models import Election

    s = make_session(app, world, 11, excused=1, items=ELECTION)
    eid = new_election(client, world, s, 1, ["An", "Bình"])
    round_(
        client,
        world,
        eid,
        ballots_issued=10,
        ballots_returned=9,
        invalid=1,
        votes={"An": 6, "Bình": 2},
    )
    with app.app_context():
        report = elections.counting_report(db.session.get(Election, eid))
    one = report["rounds"][0]
    assert (
        one["ballots_issued"],
        one["ballots_returned"],
        one["ballots_valid"],
        one["invalid"],
    ) == (10, 9, 8, 1)
    assert one["votes"] == [
        {"name": "An", "votes": 6, "above_half": True},
        {"name": "Bình", "votes": 2, "above_half": False},
    ]
    assert report["elected"] == ["An"] and report["complete"]
    assert report["body_name"] and "190-QĐ/TW" in report["basis"]


@pytest.mark.parametrize(
    ("seats", "count", "status"),
    [(27, 35, 201), (27, 36, 422), (27, 27, 422), (27, 26, 422), (3, 4, 201), (3, 5, 422)],
)
def test_candidate_surplus_at_most_thirty_percent(client, world, app, seats, count, status):
    s = make_session(app, world, 40, items=ELECTION)
    names = [f"Ứng viên {i}" for i in range(count)]
    answer = election(client, world, s.item, seats=seats, candidates=names)
    assert answer.status_code == status, answer.get_json()


def test_no_surplus_list_for_a_single_post_and_one_election_per_item(client, world, app):
    s = make_session(app, world, 30, kind="people_council", items=ELECTION)
    first = election(client, world, s.item, seats=1, candidates=["Lan"], surplus_required=False)
    assert first.status_code == 201
    again = election(client, world, s.item, seats=1, candidates=["Lan", "Hà"])
    assert again.status_code == 409 and again.get_json()["error"]["election"]["id"]
    twice = make_session(app, world, 30, items=ELECTION)
    assert (
        election(client, world, twice.item, seats=1, candidates=["Lan", "Lan"]).status_code == 422
    )


def test_floor_nomination_needs_more_than_thirty_percent_of_those_present(client, world, app):
    s = make_session(app, world, 25, present=20, items=ELECTION)
    eid = new_election(client, world, s, 10, [f"Ứng viên {i}" for i in range(12)])
    url = f"/api/v1/elections/{eid}/candidates"
    refused = client.post(url, json={"name": "Dũng", "agree": 6}, headers=world.auth("chair_a"))
    assert refused.status_code == 200
    assert refused.get_json() | {"candidates": None} == refused.get_json() | {
        "accepted": False,
        "agree": 6,
        "present": 20,
        "required": 7,
        "candidates": None,
    }
    taken = client.post(url, json={"name": "Dũng", "agree": 7}, headers=world.auth("chair_a"))
    assert taken.get_json()["accepted"] and "Dũng" in taken.get_json()["candidates"]
    over = client.post(url, json={"name": "Én", "agree": 15}, headers=world.auth("chair_a"))
    assert over.status_code == 422  # 10 seats: at most 13 names
    too_many = client.post(url, json={"name": "Gấm", "agree": 21}, headers=world.auth("chair_a"))
    assert too_many.status_code == 422  # more agreeing than present


@pytest.mark.parametrize(
    ("body", "word"),
    [
        ({"ballots_issued": 10, "ballots_returned": 11, "invalid": 0, "votes": {"An": 1}}, "11"),
        ({"ballots_issued": 10, "ballots_returned": 10, "invalid": 11, "votes": {"An": 1}}, "11"),
        ({"ballots_issued": 10, "ballots_returned": 10, "invalid": 2, "votes": {"An": 9}}, "8"),
        ({"ballots_issued": 10, "ballots_returned": 10, "invalid": 0, "votes": {"Zoe": 1}}, "Zoe"),
        ({"ballots_issued": 12, "ballots_returned": 10, "invalid": 0, "votes": {"An": 1}}, "12"),
        ({"ballots_issued": 10, "ballots_returned": 10, "invalid": -1, "votes": {}}, ""),
        ({"ballots_issued": 10, "ballots_returned": 10, "invalid": 0, "votes": {"An": "x"}}, ""),
    ],
)
def test_impossible_rounds_are_refused(client, world, app, body, word):
    s = make_session(app, world, 10, items=ELECTION)
    eid = new_election(client, world, s, 1, ["An", "Bình"])
    answer = round_(client, world, eid, **body)
    assert answer.status_code == 422, answer.get_json()
    assert word in str(answer.get_json()["error"])


def test_rounds_only_in_an_open_meeting(client, world, app):
    s = make_session(app, world, 10, status="planned", items=ELECTION)
    eid = new_election(client, world, s, 1, ["An", "Bình"])  # the list may be prepared
    answer = round_(
        client, world, eid, ballots_issued=10, ballots_returned=10, invalid=0, votes={"An": 6}
    )
    assert answer.status_code == 409


COUNTS = {"ballots_issued": 10, "ballots_returned": 10, "invalid": 0}


@pytest.mark.parametrize("sent", [1, 11, 9])
def test_a_base_sent_that_differs_from_the_server_is_refused(client, world, app, sent):
    """Issue 11 item 8: `base: 1` made one vote elect; the server computes the base."""
    s = make_session(app, world, 11, excused=1, items=ELECTION)
    eid = new_election(client, world, s, 1, ["An", "Bình"])
    answer = round_(client, world, eid, **COUNTS, votes={"An": 1, "Bình": 0}, base=sent)
    assert answer.status_code == 422, answer.get_json()
    error = answer.get_json()["error"]
    assert "10" in error["message"] and "base" in error["fields"]
    assert error["base"] == 10
    state = client.get(f"/api/v1/elections/{eid}", headers=world.auth("chair_a")).get_json()
    assert state["rounds"] == []


def test_votes_beyond_seats_times_valid_ballots_are_refused(client, world, app):
    """Issue 11 item 8: 60 votes from 30 ballots for one seat was stored."""
    s = make_session(app, world, 30, items=ELECTION)
    eid = new_election(client, world, s, 1, ["An", "Bình"])
    body = {"ballots_issued": 30, "ballots_returned": 30, "invalid": 0}
    answer = round_(client, world, eid, **body, votes={"An": 30, "Bình": 30})
    assert answer.status_code == 422
    assert "60" in answer.get_json()["error"]["message"]
    fine = round_(client, world, eid, **body, votes={"An": 20, "Bình": 10})
    assert fine.status_code == 201 and fine.get_json()["elected"] == ["An"]


def test_two_seats_allow_two_names_per_ballot(client, world, app):
    s = make_session(app, world, 10, items=ELECTION)
    eid = new_election(client, world, s, 2, ["An", "Bình", "Chi"])
    over = round_(client, world, eid, **COUNTS, votes={"An": 8, "Bình": 7, "Chi": 6})
    assert over.status_code == 422  # 21 votes > 2 × 10
    ok = round_(client, world, eid, **COUNTS, votes={"An": 8, "Bình": 7, "Chi": 5})
    assert ok.status_code == 201 and ok.get_json()["elected"] == ["An", "Bình"]


def test_no_election_on_an_item_whose_vote_is_locked(client, world, app):
    s = make_session(app, world, 10, items={"x": ("vote", None)})
    vote = {"method": "show_of_hands", "yes": 8, "no": 1, "abstain": 1}
    recorded = client.post(
        f"/api/v1/agenda/{s.item}/votes", json=vote, headers=world.auth("chair_a")
    )
    assert recorded.status_code == 201
    answer = election(client, world, s.item, seats=1, candidates=["An", "Bình"])
    assert answer.status_code == 409 and answer.get_json()["error"]["result"]["locked"]


def test_people_council_base_is_every_delegate(client, world, app):
    """State bodies confirm elections by resolution: no exclusion (DOMAIN 3)."""
    s = make_session(app, world, 30, kind="people_council", excused=4, items=ELECTION)
    eid = new_election(client, world, s, 1, ["Lan", "Hà"])
    answer = round_(
        client,
        world,
        eid,
        ballots_issued=26,
        ballots_returned=26,
        invalid=0,
        votes={"Lan": 15, "Hà": 11},
    )
    assert answer.get_json()["base"] == 30 and answer.get_json()["elected"] == []


def test_the_counting_board_is_kept_with_the_election(client, world, app):
    """CONTRACT `counting_board`: named head and members, returned as recorded."""
    s = make_session(app, world, 11, items=ELECTION)
    board = [{"name": "Vi Thị Giang", "role": "head"}, {"name": "Lương Văn Hải", "role": "member"}]
    eid = new_election(client, world, s, 1, ["An", "Bình"], counting_board=board)
    state = client.get(f"/api/v1/elections/{eid}", headers=world.auth("member_a")).get_json()
    assert state["counting_board"] == board


def test_a_counting_board_has_one_head(client, world, app):
    s = make_session(app, world, 11, items=ELECTION)
    two_heads = [{"name": "Giang", "role": "head"}, {"name": "Hải", "role": "head"}]
    answer = election(
        client, world, s.item, seats=1, candidates=["An", "Bình"], counting_board=two_heads
    )
    assert answer.status_code == 422
    assert "counting_board" in answer.get_json()["error"]["fields"]
