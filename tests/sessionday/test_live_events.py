"""The screens' server-sent events (`/sessions/<id>/events`): an event when the session's
version moves, heartbeats only while nothing does, `Last-Event-ID`, the stream's end, the
access checks at the start, bounded stream slots, and no connection held between checks."""

from __future__ import annotations

import queue
import re
import threading
import time

import pytest
import requests

from tests.browser.conftest import serving
from tests.conftest import PASSWORD, csrf_from, web_login

THREADED = {"wsgi.multithread": True}  # as gunicorn's gthread workers and `python app.py`


@pytest.fixture
def quick(app, monkeypatch):
    """Short intervals: a check every 50 ms, a ping after 150 ms of silence, 1.5 s streams."""
    for key, value in {
        "LIVE_CHECK_SECONDS": 0.05,
        "LIVE_HEARTBEAT_SECONDS": 0.15,
        "LIVE_STREAM_SECONDS": 1.5,
        "LIVE_STREAMS_PER_PROCESS": 4,
    }.items():
        monkeypatch.setitem(app.config, key, value)
    return app


class Reader:
    """Opens a stream and reads its frames in a thread of its own: a real server runs the
    whole request, stream included, in one thread (Flask's contexts live there)."""

    def __init__(self, client, meeting: int, since: str = "", headers: dict | None = None):
        self.frames: queue.Queue[str] = queue.Queue()
        self._answer: queue.Queue = queue.Queue()
        self.started = time.monotonic()
        self.ended: float | None = None
        args = (client, meeting, since, headers)
        self._thread = threading.Thread(target=self._read, args=args, daemon=True)
        self._thread.start()
        self.response = self._answer.get(timeout=10)

    def _read(self, *args) -> None:
        answer = _open(*args)
        self._answer.put(answer)
        text = ""
        for chunk in answer.response:
            text += chunk.decode()
            while "\n\n" in text:
                frame, text = text.split("\n\n", 1)
                self.frames.put(frame)
        self.ended = time.monotonic()
        answer.close()

    def next(self, timeout: float = 10) -> str:
        return self.frames.get(timeout=timeout)

    def next_event(self, timeout: float = 10) -> dict[str, str]:
        """The next `state` event's fields, skipping pings and `retry`."""
        deadline = time.monotonic() + timeout
        while True:
            frame = self.next(max(deadline - time.monotonic(), 0.01))
            if "event: state" in frame:
                return dict(line.split(": ", 1) for line in frame.splitlines())

    def quiet(self, seconds: float) -> list[str]:
        """The frames sent within `seconds`."""
        seen, deadline = [], time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                seen.append(self.next(left))
            except queue.Empty:
                break
        return seen

    def join(self, timeout: float) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()


def _open(client, meeting: int, since: str = "", headers: dict | None = None):
    url = f"/sessions/{meeting}/events" + (f"?since={since}" if since else "")
    return client.get(url, headers=headers or {}, buffered=False, environ_overrides=THREADED)


def _version(client, meeting: int) -> str:
    return client.get(f"/sessions/{meeting}/state").get_json()["version"]


def _set_current(app, world, item: int) -> None:
    from governance.core.models import User
    from governance.extensions import db
    from governance.meetings.models import AgendaItem
    from governance.voting import live

    with app.app_context():
        chair = db.session.get(User, world.users["chair_a"])
        live.set_current_item(db.session.get(AgendaItem, item), chair)


def test_a_stale_screen_is_told_at_once_then_hears_only_pings_until_the_end(
    quick, client, world, day
):
    web_login(client, "m1")
    meeting = day.session.meeting
    current = _version(client, meeting)
    stream = Reader(client, meeting, since="stale")
    answer = stream.response
    assert answer.status_code == 200
    assert answer.mimetype == "text/event-stream"
    assert answer.headers["Cache-Control"] == "no-store"
    assert answer.headers["X-Accel-Buffering"] == "no"
    assert stream.next() == "retry: 1000"
    event = stream.next_event()
    assert event == {
        "id": current,
        "event": "state",
        "data": f'{{"version": "{current}", "changed": true}}',
    }
    later = stream.quiet(0.8)
    assert later and set(later) == {": ping"}  # nothing moved: heartbeats only
    assert stream.join(5), "the stream did not end"
    assert 1.4 <= stream.ended - stream.started < 4  # LIVE_STREAM_SECONDS, then it ends


def test_changes_through_the_chair_and_a_ballot_are_pushed(quick, client, world, day):
    web_login(client, "secretary_a")
    meeting, items = day.session.meeting, day.session.items
    stream = Reader(client, meeting, since=_version(client, meeting))
    assert set(stream.quiet(0.4)) == {"retry: 1000", ": ping"}  # up to date: no event

    _set_current(quick, world, items["b"])
    moved = stream.next_event()
    assert moved["id"] == _version(client, meeting)
    other = quick.test_client()
    poll = other.post(
        f"/api/v1/agenda/{items['b']}/poll", headers=world.auth("chair_a"), json={"secret": True}
    ).get_json()["id"]
    opened = stream.next_event()
    assert opened["id"] != moved["id"]
    ballot = other.post(
        f"/api/v1/polls/{poll}/ballot", headers=day.auth("m2"), json={"choice": "yes"}
    )
    assert ballot.status_code in (200, 201)
    voted = stream.next_event()
    assert voted["id"] not in (moved["id"], opened["id"])
    assert voted["id"] == _version(client, meeting)
    assert stream.join(5)


def test_last_event_id_wins_over_the_page_version(quick, client, world, day):
    web_login(client, "chair_a")
    meeting = day.session.meeting
    current = _version(client, meeting)
    resumed = Reader(client, meeting, "stale", {"Last-Event-ID": current})
    assert "event: state" not in "".join(resumed.quiet(0.5))
    behind = Reader(client, meeting, current, {"Last-Event-ID": "older"})
    assert behind.next_event()["id"] == current
    assert resumed.join(5) and behind.join(5)


def test_who_may_listen(quick, client, world, day):
    meeting = day.session.meeting
    signed_out = _open(client, meeting)
    assert signed_out.status_code in (302, 401)
    assert "/login" in signed_out.headers.get("Location", "/login")
    web_login(client, "clerk_b")  # another commune
    assert _open(client, meeting).status_code == 403
    other = quick.test_client()
    web_login(other, "inspector_p2")  # another province
    assert _open(other, meeting).status_code == 403
    web_login(other, "inspector_p1")  # the commune's province
    answer = _open(other, meeting)
    assert answer.status_code == 200
    answer.close()
    assert _open(other, 987654).status_code == 404


def test_a_screen_signed_out_elsewhere_is_refused_when_its_stream_ends(quick, client, world, day):
    web_login(client, "m1")
    meeting = day.session.meeting
    stream = Reader(client, meeting, since="stale")
    assert stream.next_event()["event"] == "state"
    other_tab = quick.test_client()  # the same browser session, signed out there
    other_tab.set_cookie("session", client.get_cookie("session").value)
    token = csrf_from(other_tab.get("/").get_data(as_text=True))
    assert other_tab.post("/logout", data={"csrf_token": token}).status_code == 302
    assert stream.join(5)  # the stream ends after LIVE_STREAM_SECONDS, as always
    again = _open(client, meeting)  # the browser reconnects with its old cookie
    assert again.status_code == 302 and "/login" in again.headers["Location"]


def test_slots_are_bounded_and_given_back(quick, client, world, day, monkeypatch):
    monkeypatch.setitem(quick.config, "LIVE_STREAMS_PER_PROCESS", 1)
    monkeypatch.setitem(quick.config, "LIVE_STREAM_SECONDS", 30)
    web_login(client, "m1")
    meeting = day.session.meeting
    first = _open(client, meeting)
    assert first.status_code == 200
    chunks = iter(first.response)
    assert next(chunks).startswith(b"retry:")
    full = _open(client, meeting)
    assert full.status_code == 503 and full.headers["Retry-After"].isdigit()
    first.close()  # the screen went away mid-stream: the generator is closed
    second = _open(client, meeting)
    assert second.status_code == 200
    second.close()
    # A server of one thread per worker (gunicorn's sync workers) gets no stream at all.
    sync = client.get(f"/sessions/{meeting}/events", buffered=False)
    assert sync.status_code == 503
    monkeypatch.setitem(quick.config, "LIVE_STREAMS_PER_PROCESS", 0)  # streams turned off
    assert _open(client, meeting).status_code == 503


def test_no_connection_is_held_between_checks(quick, client, world, day, monkeypatch):
    from governance.extensions import db

    monkeypatch.setitem(quick.config, "LIVE_CHECK_SECONDS", 0.2)
    web_login(client, "m1")
    with quick.app_context():
        pool = db.engine.pool
    meeting = day.session.meeting
    stream = Reader(client, meeting, since=_version(client, meeting))
    held = []
    for _ in range(4):  # each frame comes right after a check, before the wait
        frame = stream.next()
        held.append((frame, pool.checkedout()))
    assert [count for _frame, count in held] == [0, 0, 0, 0], held
    assert stream.join(5)


# A real threaded server: a screen that goes away frees its slot ---------------------------


@pytest.fixture
def server(quick):
    yield from serving(quick)


def _signed_in(base: str, username: str) -> requests.Session:
    browser = requests.Session()
    token = csrf_from(browser.get(f"{base}/login", timeout=10).text)
    data = {"username": username, "password": PASSWORD, "csrf_token": token}
    assert browser.post(f"{base}/login", data=data, timeout=10).status_code == 200
    return browser


def test_a_screen_that_hangs_up_gives_its_slot_back(server, quick, world, day, monkeypatch):
    monkeypatch.setitem(quick.config, "LIVE_STREAMS_PER_PROCESS", 1)
    monkeypatch.setitem(quick.config, "LIVE_STREAM_SECONDS", 60)
    browser = _signed_in(server, "m1")
    url = f"{server}/sessions/{day.session.meeting}/events"
    first = browser.get(url, stream=True, timeout=10)
    assert first.status_code == 200
    lines = first.iter_lines(decode_unicode=True)
    assert re.match(r"retry: \d+", next(lines))
    assert browser.get(url, stream=True, timeout=10).status_code == 503
    first.close()  # the browser tab is gone; the server notices at its next write
    deadline = time.monotonic() + 10
    while (again := browser.get(url, stream=True, timeout=10)).status_code == 503:
        again.close()
        assert time.monotonic() < deadline, "the slot was never given back"
        time.sleep(0.1)
    assert again.status_code == 200
    again.close()


def test_the_streams_of_one_meeting_share_their_checks(quick, world, day, monkeypatch):
    """Four screens of one hall, 1.5 s at a check every 50 ms: alone they would ask the
    database about 120 times; sharing each reading for one interval, under half of that."""
    from governance.voting import live

    asked = []
    probe = live.probe
    monkeypatch.setattr(live, "probe", lambda meeting: asked.append(meeting) or probe(meeting))
    screens = []
    for who in ("m1", "m2", "m3", "m4"):
        client = quick.test_client()
        web_login(client, who)
        screens.append(Reader(client, day.session.meeting, since="stale"))
        time.sleep(0.012)  # the screens come in at different moments
    assert all(screen.join(10) for screen in screens)
    assert all(screen.next_event()["event"] == "state" for screen in screens)
    assert len(asked) <= 75, len(asked)  # measured: about 120 alone, 45 shared
