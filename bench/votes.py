"""Benchmark: members' device votes against a bare Flask route that inserts one row.

Run: python bench/votes.py [--seconds 10] [--connections 32]

Both servers run under gunicorn (2 workers, gthread so that keep-alive connections are
kept) on a scratch SQLite database in a temporary directory, with the same pragmas (WAL,
synchronous=NORMAL, BEGIN IMMEDIATE for writes). The load generator is Python: 4 processes
× 8 threads = 32 keep-alive connections on 127.0.0.1, each sending POSTs back to back for
a bounded time. Each connection owns its own members and keeps the last choice the server
acknowledged for each; at the end the poll's tallies and its participation rows must equal
those choices exactly (no vote lost, none counted twice). Goal: vote throughput ≥ 60% of
the bare insert route's, p99 < 100 ms.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEMBERS = 320
CHOICES = ("yes", "no", "abstain")
PROCESSES, THREADS = 4, 8

BARE_APP = """
import sqlite3, threading
from flask import Flask
app = Flask(__name__)
local = threading.local()

def connection():
    if not hasattr(local, "db"):
        db = sqlite3.connect(DB, isolation_level=None, check_same_thread=False)
        for pragma in ("journal_mode=WAL", "busy_timeout=10000", "synchronous=NORMAL"):
            db.execute("PRAGMA " + pragma)
        local.db = db
    return local.db

@app.post("/insert")
def insert():
    db = connection()
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO rows (value) VALUES ('x')")
    db.execute("COMMIT")
    return "ok"
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Preparing the scratch databases -------------------------------------------------------------


def prepare_app(workdir: Path) -> list[str]:
    """Migrate, add a body of MEMBERS present members, an open meeting and an open poll."""
    from datetime import timedelta

    from governance import create_app
    from governance.core.database import migrate_to_latest, utcnow
    from governance.core.models import User
    from governance.extensions import db
    from governance.meetings.models import AgendaItem, Attendance, Meeting
    from governance.org.models import Body, Member, Unit
    from governance.voting import devices

    app = create_app(_settings(workdir))
    with app.app_context():
        migrate_to_latest()
        unit = Unit(code="BENCH", name="Xã Thử", kind="commune")
        body = Body(unit=unit, kind="congress", name="Đại hội", term="2025–2030", seats=MEMBERS)
        people = [
            Member(body=body, full_name=f"Đại biểu {i}", gender="male") for i in range(MEMBERS)
        ]
        meeting = Meeting(
            body=body,
            title="Đại hội",
            kind="first",
            status="open",
            starts_at=utcnow() + timedelta(days=1),
        )
        item = AgendaItem(meeting=meeting, title="Thông qua Nghị quyết", kind="vote")
        chair = User(username="chair", role="chair", unit=unit, password_hash="-")
        db.session.add_all([unit, body, meeting, item, chair, *people])
        db.session.flush()
        db.session.add_all(
            Attendance(meeting=meeting, member_id=p.id, status="present") for p in people
        )
        db.session.commit()
        devices.open_poll(item, secret=False, by=chair)
        return [devices.member_token(meeting.id, p.id) for p in people]


def _settings(workdir: Path) -> dict:
    return {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'app.db'}",
        "SECRET_KEY": "bench-secret",
    }


def final_tally(workdir: Path) -> tuple[Counter, Counter]:
    from sqlalchemy import select

    from governance import create_app
    from governance.extensions import db
    from governance.voting.models import DeviceParticipation, DevicePoll

    app = create_app(_settings(workdir))
    with app.app_context():
        poll = db.session.scalar(select(DevicePoll))
        counters = Counter({c: getattr(poll, c) for c in CHOICES})
        rows = Counter(db.session.scalars(select(DeviceParticipation.choice)))
        return +counters, +rows


def prepare_bare(workdir: Path) -> Path:
    import sqlite3

    db = workdir / "bare.db"
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, value TEXT)")
    (workdir / "bare_app.py").write_text(f"DB = {str(db)!r}\n{BARE_APP}")
    return db


# Servers --------------------------------------------------------------------------------------


def start(module: str, port: int, cwd: Path, env: dict) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-w",
        "2",
        "-k",
        "gthread",
        "--threads",
        "16",
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        module,
    ]
    server = subprocess.Popen(command, cwd=cwd, env=env, start_new_session=True)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{module} did not start on port {port}")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=20)


# The load generator ---------------------------------------------------------------------------


def _connection_loop(port, paths, seconds, out):
    """One keep-alive connection: POST back to back; remember what was acknowledged."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Connection": "keep-alive"}
    latencies, errors, last, n = [], 0, {}, 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        path = paths[n % len(paths)] if paths else "/insert"
        choice = CHOICES[(n // max(1, len(paths))) % 3]
        started = time.perf_counter()
        try:
            connection.request("POST", path, body=f"choice={choice}", headers=headers)
            response = connection.getresponse()
            response.read()
            ok = response.status in (200, 303)  # a vote answers 303 (then GET)
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            ok = False
        latencies.append(time.perf_counter() - started)
        if ok:
            last[path] = choice
        else:
            errors += 1
        n += 1
    out.append((latencies, errors, last))


def _process(port, path_groups, seconds, queue):
    import threading

    out: list = []
    threads = [
        threading.Thread(target=_connection_loop, args=(port, g, seconds, out)) for g in path_groups
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    queue.put(out)


def drive(port: int, paths: list[str], seconds: float, connections: int) -> dict:
    groups = [paths[i::connections] for i in range(connections)] if paths else [[]] * connections
    queue: multiprocessing.Queue = multiprocessing.Queue()
    per = connections // PROCESSES
    workers = [
        multiprocessing.Process(
            target=_process, args=(port, groups[i * per : (i + 1) * per], seconds, queue)
        )
        for i in range(PROCESSES)
    ]
    for w in workers:
        w.start()
    results = [item for _ in workers for item in queue.get()]
    for w in workers:
        w.join()
    latencies = sorted(x for lat, _e, _l in results for x in lat)
    last = {k: v for _lat, _e, seen in results for k, v in seen.items()}
    errors = sum(e for _lat, e, _l in results)
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": (len(latencies) - errors) / seconds,
        "p50_ms": 1000 * latencies[len(latencies) // 2],
        "p99_ms": 1000 * latencies[int(len(latencies) * 0.99)],
        "last": last,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="votes-bench-") as tmp:
        workdir = Path(tmp)
        os.environ["GOVERNANCE_INSTANCE"] = str(workdir)
        tokens = prepare_app(workdir)
        bare_db = prepare_bare(workdir)
        env = os.environ | {
            "GOVERNANCE_INSTANCE": str(workdir),
            "DATABASE_URL": f"sqlite:///{workdir / 'app.db'}",
            "SECRET_KEY": "bench-secret",
            "PYTHONPATH": str(ROOT),
        }
        figures = {}
        for name, module, paths in (
            ("bare insert", "bare_app:app", []),
            ("device vote", "app:app", [f"/sessions/vote/{t}" for t in tokens]),
        ):
            port = free_port()
            server = start(module, port, workdir if name == "bare insert" else ROOT, env)
            try:
                figures[name] = drive(port, paths, args.seconds, args.connections)
            finally:
                stop(server)
        return report(figures, workdir, bare_db)


def report(figures: dict, workdir: Path, bare_db: Path) -> int:
    import sqlite3

    for name, f in figures.items():
        print(
            f"{name:12s} {f['rps']:8.0f} req/s   p50 {f['p50_ms']:6.1f} ms   "
            f"p99 {f['p99_ms']:6.1f} ms   requests {f['requests']}  errors {f['errors']}"
        )
    vote, bare = figures["device vote"], figures["bare insert"]
    ratio = vote["rps"] / bare["rps"]
    print(f"ratio        {ratio:.0%} of the bare insert route (goal ≥ 60%)")
    with sqlite3.connect(bare_db) as connection:
        rows = connection.execute("SELECT count(*) FROM rows").fetchone()[0]
    expected = Counter(vote["last"].values())
    counters, rows_by_choice = final_tally(workdir)
    lost = sum((expected - counters).values()) + sum((counters - expected).values())
    print(f"bare rows    {rows} inserted for {bare['requests'] - bare['errors']} acknowledged")
    print(
        f"device votes {sum(counters.values())} counted for {len(vote['last'])} members "
        f"acknowledged ({vote['requests'] - vote['errors']} votes and changes sent); "
        f"tallies {dict(counters)}, expected {dict(expected)}, rows {dict(rows_by_choice)}"
    )
    ok = lost == 0 and rows_by_choice == expected and vote["errors"] == 0
    ok = ok and ratio >= 0.6 and vote["p99_ms"] < 100
    print("lost votes   0" if lost == 0 else f"LOST OR DOUBLE-COUNTED VOTES: {lost}")
    print("PASS" if ok else "GOAL NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
