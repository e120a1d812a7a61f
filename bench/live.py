"""Benchmark: a hall of screens following one session by server-sent events.

Run: python bench/live.py [--screens 60] [--seconds 10] [--changes-per-second 1]

One process serves the app with a threaded server (as `python app.py`; gunicorn's gthread
workers behave alike) on a scratch SQLite database (or DATABASE_URL). SCREENS streams of one
meeting stay open (`/sessions/<id>/events`, one connection each) while the session's version
moves CHANGES_PER_SECOND times a second. Printed: how many version probes the database
answered per second, against what the same screens polling `state` every 1.5 s would
cost, and the time from a change's commit to its event on every screen (p50, p99, max).
Expect about 1/LIVE_CHECK_SECONDS probes per second for the whole hall, and latencies
between 0 and two check intervals.
"""

from __future__ import annotations

import argparse
import http.client
import logging
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
POLL_EVERY = 1.5  # seconds: static/js/live.js's polling interval
PASSWORD = "bench-password-42"


def build(app) -> int:
    """A commune, its body, an open meeting and a member's account; the meeting's id."""
    from governance.core.database import migrate_to_latest, utcnow
    from governance.core.models import User
    from governance.extensions import db
    from governance.meetings.models import AgendaItem, Meeting
    from governance.org.models import Body, Unit

    with app.app_context():
        migrate_to_latest()
        unit = Unit(code="BENCH", name="Xã Thử", kind="commune")
        body = Body(unit=unit, kind="party_executive", name="BCH", term="2025–2030", seats=9)
        meeting = Meeting(body=body, title="Kỳ họp", kind="first", starts_at=utcnow())
        meeting.status = "open"
        item = AgendaItem(meeting=meeting, position=0, title="Biểu quyết", kind="vote")
        user = User(username="screen", role="member", unit=unit, full_name="Màn hình")
        user.set_password(PASSWORD)
        db.session.add_all([unit, body, meeting, item, user])
        db.session.commit()
        return meeting.id


def signed_in_cookie(app) -> str:
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    data = {"username": "screen", "password": PASSWORD, "csrf_token": token}
    assert client.post("/login", data=data).status_code == 302
    return f"session={client.get_cookie('session').value}"


def screen(port: int, path: str, cookie: str, seen: list, stop: threading.Event) -> None:
    """One screen: reads events and notes when each version arrived."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Cookie": cookie})
    answer = connection.getresponse()
    assert answer.status == 200, answer.status
    while not stop.is_set():
        line = answer.fp.readline().decode()
        if not line:
            break
        if line.startswith("id: "):
            seen.append((line[4:].strip(), time.monotonic()))
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--screens", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--changes-per-second", type=float, default=1)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    folder = tempfile.mkdtemp(prefix="bench-live-")
    os.environ.setdefault("GOVERNANCE_INSTANCE", folder)
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.db"

    from werkzeug.serving import make_server

    from governance import create_app
    from governance.extensions import db
    from governance.voting import live

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    app.config["LIVE_STREAMS_PER_PROCESS"] = args.screens
    app.config["LIVE_STREAM_SECONDS"] = args.seconds + 30
    meeting = build(app)
    cookie = signed_in_cookie(app)
    probes = []
    probe = live.probe
    main_thread = threading.main_thread()

    def counted(meeting_id: int):  # the streams' probes, not this script's
        if threading.current_thread() is not main_thread:
            probes.append(time.monotonic())
        return probe(meeting_id)

    live.probe = counted
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    with app.app_context():
        current = live.version(meeting)
    stop, seen = threading.Event(), [[] for _ in range(args.screens)]
    path = f"/sessions/{meeting}/events?since={current}"
    for i in range(args.screens):
        threading.Thread(
            target=screen, args=(server.server_port, path, cookie, seen[i], stop), daemon=True
        ).start()
    time.sleep(1)  # every screen connected
    committed: dict[str, float] = {}
    started, count_from = time.monotonic(), len(probes)
    while time.monotonic() - started < args.seconds:
        time.sleep(1 / args.changes_per_second)
        with app.app_context():
            live.bump(meeting)
            db.session.commit()
            committed[live.version(meeting)] = time.monotonic()
    elapsed = time.monotonic() - started
    per_second = (len(probes) - count_from) / elapsed
    time.sleep(2 * app.config["LIVE_CHECK_SECONDS"] + 0.5)  # the last change arrives
    stop.set()
    delays = sorted(
        (t - committed[v]) * 1000 for screen_seen in seen for v, t in screen_seen if v in committed
    )
    # A screen is told the latest version: two changes within one check come as one event.
    missed = sum(1 for screen_seen in seen for v in committed if v not in dict(screen_seen))
    print(
        f"{args.screens} screens, {len(committed)} changes in {elapsed:.1f} s, "
        f"check every {app.config['LIVE_CHECK_SECONDS']} s"
    )
    print(
        f"  version probes: {per_second:.1f}/s (polling every {POLL_EVERY} s would be "
        f"{args.screens / POLL_EVERY:.1f}/s)"
    )
    if delays:
        p99 = delays[min(len(delays) - 1, int(len(delays) * 0.99))]
        print(
            f"  change to event: p50 {statistics.median(delays):.0f} ms, p99 {p99:.0f} ms, "
            f"max {delays[-1]:.0f} ms; versions not sent (coalesced): {missed}"
        )
    server.shutdown()


if __name__ == "__main__":
    main()
