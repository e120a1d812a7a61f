"""Benchmark: members' device votes against a bare Flask route that inserts one row.

Run: python bench/votes.py [--seconds 10] [--connections 32] [--threads 16]

Both servers run under gunicorn with the same settings (2 workers, gthread with --threads
per worker, so that keep-alive connections are kept) on a scratch SQLite database in a
temporary directory, with the same pragmas (WAL, synchronous=NORMAL, BEGIN IMMEDIATE for
writes). The load starts once both workers have booted, and connections join it one by one
(STAGGER apart): opened all at once, they tended to land in ONE worker and the run measured
one process instead of two (the line shows each worker's connections midway). The load
generator is Python: 4 processes × 8 threads = 32 keep-alive connections on 127.0.0.1, each
sending POSTs back to back until the same deadline. Each connection owns its own members
and keeps the last choice the server acknowledged for each; at the end the poll's tallies
and its participation rows must equal those choices exactly (no vote lost, none counted
twice). Goal: vote throughput ≥ 60% of the bare insert route's, p99 < 100 ms. The two
servers run one after the other on a shared 2-core machine: repeat a run before trusting
a ratio (the bare route alone varies by ±30% between runs there).
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
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEMBERS = 320
CHOICES = ("yes", "no", "abstain")
PROCESSES, THREADS = 4, 8
STAGGER = 0.02  # seconds between two connections joining the load

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


def start(module: str, port: int, cwd: Path, env: dict, threads: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-w",
        "2",
        "-k",
        "gthread",
        "--threads",
        str(threads),
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        module,
    ]
    server = subprocess.Popen(command, cwd=cwd, env=env, start_new_session=True)
    # The port opens before the workers have imported the app; a worker still booting
    # when the load starts gets no connection. Wait until both workers sit idle.
    used, deadline = -1.0, time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.3)
        workers, now = len(_worker_pids(server)), server_cpu_seconds(server)
        if workers == 2 and now == used:
            return server
        used = now
    raise RuntimeError(f"{module} did not start on port {port}")


def _worker_pids(server: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


def server_cpu_seconds(server: subprocess.Popen) -> float:
    """CPU time (user + system) used so far by the gunicorn master and its workers."""
    pids = [server.pid, *_worker_pids(server)]
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    return total / os.sysconf("SC_CLK_TCK")


def worker_connections(server: subprocess.Popen) -> list[int]:
    """How many TCP connections each gunicorn worker holds (gthread keeps them open)."""
    counts = []
    for pid in _worker_pids(server):
        fds = Path(f"/proc/{pid}/fd")
        links = [os.readlink(f) for f in fds.iterdir() if f.exists()]
        counts.append(sum(link.startswith("socket:") for link in links) - 1)  # - listener
    return counts


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=20)


# The load generator ---------------------------------------------------------------------------


def _connection_loop(port, paths, begin, deadline, out):
    """One keep-alive connection: POST back to back; remember what was acknowledged."""
    time.sleep(max(0.0, begin - time.time()))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Connection": "keep-alive"}
    latencies, errors, last, n = [], 0, {}, 0
    while time.time() < deadline:
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


def _process(port, path_groups, begins, deadline, queue):
    out: list = []
    threads = [
        threading.Thread(target=_connection_loop, args=(port, g, b, deadline, out))
        for g, b in zip(path_groups, begins, strict=True)
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
    start = time.time() + 0.5  # once the load processes are up
    # Connections join one by one (STAGGER apart, taking turns among the load processes):
    # all opened at once, they tend to land in ONE gunicorn worker, which accepts them all
    # before the other wakes; joining under load, each goes to the less busy worker.
    begins = [[start + (t * PROCESSES + i) * STAGGER for t in range(per)] for i in range(PROCESSES)]
    workers = [
        multiprocessing.Process(
            target=_process,
            args=(port, groups[i * per : (i + 1) * per], begins[i], start + seconds, queue),
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


def measure(server: subprocess.Popen, port: int, paths: list[str], args) -> dict:
    """drive() plus the server's CPU per request and each worker's connections midway."""
    cpu, split = server_cpu_seconds(server), []
    timer = threading.Timer(args.seconds / 2, lambda: split.append(worker_connections(server)))
    timer.start()
    figures = drive(port, paths, args.seconds, args.connections)
    timer.join()
    cpu_ms = 1000 * (server_cpu_seconds(server) - cpu)
    return figures | {"cpu_ms_per_request": cpu_ms / max(1, figures["requests"]), "split": split[0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=16, help="gunicorn threads per worker")
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
            cwd = workdir if name == "bare insert" else ROOT
            server = start(module, port, cwd, env, args.threads)
            try:
                figures[name] = measure(server, port, paths, args)
            finally:
                stop(server)
        return report(figures, workdir, bare_db)


def report(figures: dict, workdir: Path, bare_db: Path) -> int:
    import sqlite3

    for name, f in figures.items():
        print(
            f"{name:12s} {f['rps']:8.0f} req/s   p50 {f['p50_ms']:6.1f} ms   "
            f"p99 {f['p99_ms']:6.1f} ms   requests {f['requests']}  errors {f['errors']}  "
            f"server CPU {f['cpu_ms_per_request']:.2f} ms/request  connections/worker {f['split']}"
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
