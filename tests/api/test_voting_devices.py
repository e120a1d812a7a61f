"""Members voting from their own devices, and many devices at once (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from sqlalchemy import select

from governance.core.errors import Conflict
from governance.core.models import User
from governance.extensions import db
from governance.meetings.models import AgendaItem
from governance.voting import devices, service
from governance.voting.models import DeviceParticipation, DevicePoll, VoteResult
from tests.voting.helpers import make_session


def _chair(world) -> User:
    return db.session.get(User, world.users["chair_a"])


def _item(s) -> AgendaItem:
    return db.session.get(AgendaItem, s.item)


def _tokens(s) -> list[str]:
    return [devices.member_token(s.meeting, m) for m in s.present]


def test_named_device_vote_counts_once_changes_and_records_a_roll_call(app, world):
    s = make_session(app, world, 5, present=4)
    with app.app_context():
        devices.open_poll(_item(s), secret=False, by=_chair(world))
        tokens = _tokens(s)
        for token, choice in zip(tokens, ["yes", "yes", "no", "yes"], strict=True):
            devices.cast(token, choice)
        devices.cast(tokens[3], "abstain")  # a change: moves, never adds
        devices.cast(tokens[3], "abstain")  # the same again: nothing moves
        poll = db.session.scalar(select(DevicePoll))
        assert devices.tally(poll) | {"poll_id": 0} == {
            "poll_id": 0,
            "secret": False,
            "voted": 4,
            "yes": 2,
            "no": 1,
            "abstain": 1,
        }
        absent = devices.member_token(s.meeting, s.members[4])
        with pytest.raises(Conflict):
            devices.cast(absent, "yes")  # not marked present
        result = devices.close_poll(_item(s), _chair(world))
        assert (result.method, result.yes, result.no, result.abstain) == ("roll_call", 2, 1, 1)
        assert {b.member_id: b.choice for b in result.ballots}[s.present[3]] == "abstain"
        with pytest.raises(Conflict):
            devices.cast(tokens[0], "no")  # closed: no more votes


def test_secret_device_vote_keeps_no_voter_link(app, world):
    s = make_session(app, world, 6)
    with app.app_context():
        devices.open_poll(_item(s), secret=True, by=_chair(world))
        receipts = {}
        for token, choice in zip(
            _tokens(s), ["yes", "yes", "yes", "no", "no", "abstain"], strict=True
        ):
            receipts[token] = devices.cast(token, choice)[1]
        first = _tokens(s)[0]
        devices.cast(first, "no", receipts[first])  # change with the receipt
        with pytest.raises(Conflict):
            devices.cast(first, "abstain", receipts[first])  # an old receipt is refused
        with pytest.raises(Conflict):
            devices.cast(first, "abstain", None)  # no receipt: the vote stands
        poll = db.session.scalar(select(DevicePoll))
        live = devices.tally(poll)
        assert live["voted"] == 6 and live["yes"] is None  # no running split on the console
        result = devices.close_poll(_item(s), _chair(world))
        assert (result.method, result.yes, result.no, result.abstain) == ("secret_ballot", 2, 3, 1)
        # Nothing stored links a member to a choice: the participations hold no choice,
        # no roll-call rows exist, and no table has both a member and a choice column.
        assert set(db.session.scalars(select(DeviceParticipation.choice))) == {None}
        assert result.ballots == []
        for table in db.metadata.sorted_tables:
            columns = {c.name for c in table.columns}
            if "member_id" in columns and "choice" in columns:
                assert table.name in ("roll_call_ballots", "device_participations")
        from governance.core.models import AuditEntry

        for entry in db.session.scalars(select(AuditEntry)):
            assert "member" not in str(entry.after or {}).lower() or entry.action != "vote"


def test_device_vote_and_a_hand_count_cannot_both_record(app, world):
    s = make_session(app, world, 3)
    with app.app_context():
        devices.open_poll(_item(s), secret=False, by=_chair(world))
        with pytest.raises(Conflict):
            service.record_vote(_item(s), {"method": "show_of_hands", "yes": 3}, _chair(world))
        with pytest.raises(Conflict):
            devices.open_poll(_item(s), secret=True, by=_chair(world))  # one open poll


def _run_threads(count: int, work) -> list:
    answers: list = [None] * count
    barrier = threading.Barrier(count)

    def one(i: int) -> None:
        barrier.wait()
        try:
            answers[i] = work(i)
        except Exception as error:  # the answer is what the test looks at
            answers[i] = error

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return answers


def test_many_devices_recording_one_item_at_once_record_exactly_one(app, world):
    s = make_session(app, world, 27)
    tokens = {}
    with app.app_context():
        from governance.core.auth import issue_token

        for name in ("chair_a", "secretary_a", "admin"):
            tokens[name] = issue_token(db.session.get(User, world.users[name]))
    who = list(tokens)

    def post(i: int):
        client = app.test_client()  # one client per device
        return client.post(
            f"/api/v1/agenda/{s.item}/votes",
            json={"method": "show_of_hands", "yes": 14 + i % 5, "no": 0},
            headers={"Authorization": f"Bearer {tokens[who[i % 3]]}"},
        )

    answers = _run_threads(12, post)
    codes = Counter(a.status_code for a in answers)
    assert codes == {201: 1, 409: 11}, codes
    winner = next(a.get_json() for a in answers if a.status_code == 201)
    for lost in (a for a in answers if a.status_code == 409):
        assert lost.get_json()["error"]["result"]["id"] == winner["id"]
    with app.app_context():
        assert len(db.session.scalars(select(VoteResult)).all()) == 1


def test_member_votes_are_never_lost_or_double_counted(app, world):
    members = 24
    s = make_session(app, world, members)
    with app.app_context():
        devices.open_poll(_item(s), secret=False, by=_chair(world))
        tokens = _tokens(s)
    choices = ["yes", "no", "abstain"]

    def member(i: int):
        with app.app_context():
            last = None
            for n in range(4):  # vote, then change three times
                last = choices[(i + n) % 3]
                devices.cast(tokens[i], last)
            db.session.remove()
            return last

    def double(i: int):  # the same member from two devices at once
        with app.app_context():
            try:
                devices.cast(tokens[0], "yes")
                return "ok"
            except Conflict:
                return "conflict"
            finally:
                db.session.remove()

    finals = _run_threads(members, member)
    assert all(isinstance(f, str) for f in finals), finals
    _run_threads(4, double)
    finals[0] = "yes"
    with app.app_context():
        poll = db.session.scalar(select(DevicePoll))
        expected = Counter(finals)
        assert (poll.yes, poll.no, poll.abstain) == tuple(expected[c] for c in choices)
        rows = db.session.scalars(select(DeviceParticipation)).all()
        assert len(rows) == members and Counter(r.choice for r in rows) == expected
        result = devices.close_poll(_item(s), _chair(world))
        assert result.yes + result.no + result.abstain == members


def test_votes_racing_the_close_are_counted_or_refused_never_lost(app, world):
    s = make_session(app, world, 20)
    with app.app_context():
        devices.open_poll(_item(s), secret=True, by=_chair(world))
        tokens = _tokens(s)

    def work(i: int):
        with app.app_context():
            try:
                if i == 20:
                    return devices.close_poll(_item(s), _chair(world)).id
                devices.cast(tokens[i], "yes")
                return "counted"
            except Conflict:
                return "refused"
            finally:
                db.session.remove()

    answers = _run_threads(21, work)
    counted = answers[:20].count("counted")
    with app.app_context():
        result = db.session.scalar(select(VoteResult))
        assert result.yes == counted and answers[:20].count("refused") == 20 - counted
