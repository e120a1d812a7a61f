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
from governance.voting import devices, service, writer
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


# Group commit (voting.writer): many votes in one transaction, each with its own checks ------


def _in_one_transaction(work):
    """`work(run)` in one transaction on the writer's path (DBAPI cursor), committed."""
    with db.engine.connect() as connection, connection.begin():
        cursor = connection.connection.cursor()
        return work(writer.runner(cursor, connection.dialect.paramstyle))


def _counters() -> tuple[int, int, int]:
    poll = db.session.scalar(select(DevicePoll))
    db.session.refresh(poll)
    counters = poll.yes, poll.no, poll.abstain
    db.session.commit()  # ends the read (on SQLite it holds the write turn the writer needs)
    return counters


def test_a_batch_counts_each_vote_on_its_own_checks(app, world):
    s = make_session(app, world, 5, present=4)
    with app.app_context():
        devices.open_poll(_item(s), secret=False, by=_chair(world))
        m, absent, stranger = s.present, s.members[4], world.members["B"]
        batch = [
            devices.Vote(s.meeting, m[0], "yes", None),
            devices.Vote(s.meeting, m[1], "no", None),
            devices.Vote(s.meeting, absent, "yes", None),  # not marked present
            devices.Vote(s.meeting, m[0], "abstain", None),  # the same member again: a change
            devices.Vote(s.meeting, stranger, "yes", None),  # not a member of this body
            devices.Vote(s.meeting, m[2], "yes", None),
        ]
        outcomes = _in_one_transaction(lambda run: devices.apply_votes(run, batch))
        poll_id = db.session.scalar(select(DevicePoll.id))
        counted = devices.Counted(poll_id, False, 1)
        assert outcomes == [
            counted,
            counted,
            "absent",
            devices.Counted(poll_id, False, 2),
            "link",
            counted,
        ]
        assert _counters() == (1, 1, 1)
        rows = db.session.scalars(select(DeviceParticipation)).all()
        assert {r.member_id: (r.choice, r.seq) for r in rows} == {
            m[0]: ("abstain", 2),
            m[1]: ("no", 1),
            m[2]: ("yes", 1),
        }


def test_a_secret_batch_refuses_a_stale_receipt_and_counts_the_others(app, world):
    s = make_session(app, world, 3)
    with app.app_context():
        devices.open_poll(_item(s), secret=True, by=_chair(world))
        tokens = _tokens(s)
        receipts = [devices.cast(t, "yes")[1] for t in tokens[:2]]
        m = s.present
        batch = [
            devices.Vote(s.meeting, m[0], "no", devices._read_receipt(receipts[0])),
            devices.Vote(s.meeting, m[1], "no", None),  # no receipt: the vote stands
            devices.Vote(s.meeting, m[2], "abstain", None),
        ]
        outcomes = _in_one_transaction(lambda run: devices.apply_votes(run, batch))
        assert [getattr(o, "seq", o) for o in outcomes] == [2, "receipt", 1]
        assert _counters() == (1, 1, 1)
        assert set(db.session.scalars(select(DeviceParticipation.choice))) == {None}


def test_a_batch_whose_read_went_stale_is_retried_vote_by_vote(app, world):
    s = make_session(app, world, 3)
    with app.app_context():
        devices.open_poll(_item(s), secret=False, by=_chair(world))
        first = s.present[0]
        devices.cast(_tokens(s)[0], "yes")
        vote = devices.Vote(s.meeting, first, "no", None)

        def changed_after_the_read(run):
            states = devices._read_states(run, [vote])
            _outcome, change = devices._decide(vote, states[(s.meeting, first)])
            # Another device (another worker) changes the vote between read and write.
            run("UPDATE device_participations SET seq = seq + 1 WHERE member_id = :m", {"m": first})
            devices._write_batch(run, [change])

        with pytest.raises(writer.Retry):
            _in_one_transaction(changed_after_the_read)
        assert _counters() == (1, 0, 0)  # rolled back: nothing moved

        def quick_path_then_retry(run, votes):
            devices.apply_votes(run, votes)  # writes every vote...
            raise writer.Retry  # ...then a guard fails: the writer must undo all of it

        group = writer.GroupCommit(
            db.engine, quick_path_then_retry, devices.apply_vote, lambda v: v.meeting_id
        )
        outcomes = [group.submit(devices.Vote(s.meeting, m, "no", None)) for m in s.present]
        assert [o.seq for o in outcomes] == [2, 1, 1]
        assert _counters() == (0, 3, 0)  # each counted once, by the vote-by-vote path
