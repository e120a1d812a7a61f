"""Benchmark: the oversight dashboard at national scale (34 provinces, 3,321 units).

    python bench/oversight.py [--db sqlite|postgresql|both] [--runs 15]

Seeds the units with their bodies and meetings (and, through each discovered progress
provider that offers `bench_seed(unit_ids)`, that domain's rows: drafts, congress
milestones), then times, with the app's own test client (server time, no network):
the dashboard of a 124-unit province (Lâm Đồng's size), the national page (counts per
province from the providers' flag sets, no row per commune), the national page filtered to
the late communes (the first 300 rows of about 2,500; by name, and by a progress column,
which reads that column for every match) and searched by code, the API page of that
province, and the notifications page as a baseline. Prints the SQL statements per page for
a small seed and for the full one (they must be equal) and the median / p95 times, with
this process's CPU time (the app, and SQLite in-process) and each page's ratio to the
baseline: read those when the machine is shared.
Goal (issue 13): national page under 150 ms server time.
PostgreSQL comes from TEST_DATABASE_URL (default: the local server, database `test`).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("GOVERNANCE_INSTANCE", tempfile.mkdtemp(prefix="bench-oversight-"))

from sqlalchemy import create_engine, event, insert, select, text

from governance import create_app

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PROVINCES, UNITS, BIG = 34, 3321, 124
KINDS = (
    "party_executive",
    "party_standing",
    "party_inspection",
    "people_council",
    "people_committee",
    "front_committee",
)
FIRST = ("party_standing", "party_executive", "people_council", "people_committee")
PASSWORD = "bench-password-1"


def database(kind: str) -> tuple[str, callable]:
    if kind == "sqlite":
        path = Path(tempfile.mkdtemp(prefix="bench-ov-")) / "bench.db"
        return f"sqlite:///{path}", lambda: None
    schema = f"bench_oversight_{os.getpid()}"
    engine = create_engine(PG_URL)
    with engine.begin() as c:
        c.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        c.execute(text(f"CREATE SCHEMA {schema}"))

    def drop() -> None:
        with engine.begin() as c:
            c.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        engine.dispose()

    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema}", drop


def sizes(total: int, provinces: int, big: int) -> list[int]:
    """Units per province: one of `big`, the rest spread evenly (≈ 40 to ≈ 170 in reality)."""
    rest, others = total - big, provinces - 1
    return [big] + [rest // others + (1 if i < rest % others else 0) for i in range(others)]


def seed(app, total: int, provinces: int, big: int) -> dict:
    from governance.core.models import User
    from governance.extensions import db
    from governance.meetings.models import Meeting
    from governance.org.models import Body, Unit

    now = datetime.now(UTC)
    with app.app_context():
        db.session.execute(
            insert(Unit),
            [
                {"code": f"P{p:02d}", "name": f"Tỉnh {p:02d}", "kind": "province"}
                for p in range(provinces)
            ],
        )
        ids = dict(db.session.execute(select(Unit.code, Unit.id)).all())
        units = [
            {
                "code": f"P{p:02d}-{i:03d}",
                "name": f"Xã {p:02d}-{i:03d}",
                "kind": "commune",
                "parent_id": ids[f"P{p:02d}"],
            }
            for p, count in enumerate(sizes(total, provinces, big))
            for i in range(count)
        ]
        db.session.execute(insert(Unit), units)
        unit_ids = list(db.session.scalars(select(Unit.id).where(Unit.kind == "commune")))
        db.session.execute(
            insert(Body),
            [
                {"unit_id": u, "kind": k, "name": k, "term": "2025–2030", "seats": 9, "version": 1}
                for u in unit_ids
                for k in KINDS
            ],
        )
        meetings = []
        for body_id, unit_id, kind in db.session.execute(select(Body.id, Body.unit_id, Body.kind)):
            base = dict(
                body_id=body_id,
                location="",
                convener="",
                chair_name="",
                secretary_name="",
                guests="",
                template="",
                sequence=1,
                version=1,
                created_at=now - timedelta(days=100),
            )
            if kind in FIRST and (unit_id + len(kind)) % 5:  # 4 in 5 held their first meeting
                meetings.append(
                    base
                    | dict(
                        title="Phiên đầu",
                        kind="first",
                        status="closed",
                        starts_at=now - timedelta(days=90),
                        closed_at=now - timedelta(days=90),
                    )
                )
            meetings.append(
                base
                | dict(
                    title="Thường kỳ",
                    kind="regular",
                    status="closed",
                    starts_at=now - timedelta(days=30),
                    closed_at=now - timedelta(days=30),
                )
            )
            if kind == "party_executive":  # a planned meeting, invitation not sent: may be late
                meetings.append(
                    base
                    | dict(
                        title="Sắp họp",
                        kind="regular",
                        status="planned",
                        starts_at=now + timedelta(days=unit_id % 9 + 1),
                    )
                )
        for start in range(0, len(meetings), 5000):
            db.session.execute(insert(Meeting), meetings[start : start + 5000])
        admin = User(username="admin", role="admin", full_name="admin")
        inspector = User(
            username="inspector", role="inspector", unit_id=ids["P00"], full_name="inspector"
        )
        for user in (admin, inspector):
            user.set_password(PASSWORD)
        db.session.add_all([admin, inspector])
        db.session.commit()
        notes = seed_providers(unit_ids)
        db.session.commit()
        with db.engine.connect() as connection:  # fresh statistics, as autovacuum would
            for table in db.metadata.sorted_tables:  # this schema's tables only
                connection.execute(text(f"ANALYZE {table.name}"))
            connection.commit()
        return {"units": len(unit_ids), "meetings": len(meetings), "notes": notes}


def seed_providers(unit_ids: list[int]) -> list[str]:
    from governance.oversight.dashboard import providers

    notes = []
    for module in providers():
        domain = module.__name__.split(".")[1]
        if domain in ("meetings", "oversight"):
            continue
        if hasattr(module, "bench_seed"):
            module.bench_seed(unit_ids)
            notes.append(f"{domain}: seeded through {module.__name__}.bench_seed")
        else:
            notes.append(
                f"{domain}: provider found but it has no bench_seed(); its columns "
                "are timed over empty tables"
            )
    for domain in ("drafts", "congress"):
        if all(m.__name__.split(".")[1] != domain for m in providers()):
            notes.append(
                f"{domain}: no progress provider on this branch (skipped; after the "
                "merge its columns join the same pages)"
            )
    return notes


def login(client, username: str) -> None:
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    answer = client.post(
        "/login", data={"username": username, "password": PASSWORD, "csrf_token": token}
    )
    assert answer.status_code == 302, answer.status_code


def measure(app, client, path: str, runs: int, headers=None) -> dict:
    from governance.extensions import db

    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def count(_c, _cur, statement, *_a):
        statements.append(statement)

    answer = client.get(path, headers=headers)  # warm: templates, caches
    assert answer.status_code == 200, (path, answer.status_code)
    event.listen(engine, "before_cursor_execute", count)
    client.get(path, headers=headers)
    event.remove(engine, "before_cursor_execute", count)
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(path, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    times.sort()
    return {
        "statements": len(statements),
        "median": statistics.median(times),
        "cpu": statistics.median(cpu),  # this process's CPU: the app (and SQLite in-process)
        "p95": times[min(len(times) - 1, int(len(times) * 0.95))],
        "bytes": len(answer.data),
    }


def run(kind: str, runs: int) -> None:
    from governance.core.auth import issue_token
    from governance.core.database import migrate_to_latest
    from governance.core.models import User
    from governance.extensions import db

    results = {}
    for label, total, provinces, big in (
        ("small", 68, PROVINCES, 4),
        ("full", UNITS, PROVINCES, BIG),
    ):
        url, drop = database(kind)
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "TESTING": False})
        try:
            with app.app_context():
                migrate_to_latest()
            start = time.perf_counter()
            info = seed(app, total, provinces, big)
            seeded = time.perf_counter() - start
            with app.app_context():
                token = issue_token(db.session.scalar(select(User).where(User.username == "admin")))
            inspector, admin = app.test_client(), app.test_client()
            login(inspector, "inspector")
            login(admin, "admin")
            results[label] = {
                "notifications (baseline)": measure(app, admin, "/notifications/", runs),
                f"province ({big} units)": measure(
                    app, inspector, "/oversight/provinces/P00", runs
                ),
                f"national ({info['units']} units)": measure(app, admin, "/oversight/", runs),
                "national, late only": measure(app, admin, "/oversight/?only=late", runs),
                "national, search by code": measure(app, admin, "/oversight/?q=p05-", runs),
                "national, late by a column": measure(
                    app, admin, "/oversight/?only=late&sort=dispatch_late&dir=desc", runs
                ),
                f"API province (page of {min(big, 100)})": measure(
                    app,
                    admin,
                    "/api/v1/oversight/P00",
                    runs,
                    {"Authorization": f"Bearer {token}"},
                ),
            }
            print(
                f"[{kind}] seeded {info['units']} units, {info['meetings']} meetings "
                f"in {seeded:.1f} s"
            )
            for note in info["notes"]:
                print(f"[{kind}]   note: {note}")
        finally:
            with app.app_context():
                db.engine.dispose()
            drop()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n[{kind}] load average while timing: {load} on {os.cpu_count()} cores")
    small, full = results["small"], results["full"]
    print(
        f"\n[{kind}] {'page':<32} {'SQL (small)':>11} {'SQL (full)':>10} "
        f"{'median ms':>10} {'p95 ms':>8} {'app CPU ms':>10} {'× base':>7}"
    )
    base = full["notifications (baseline)"]["median"]
    for (name, figures), small_figures in zip(full.items(), small.values(), strict=True):
        print(
            f"[{kind}] {name:<32} {small_figures['statements']:>11} {figures['statements']:>10} "
            f"{figures['median']:>10.1f} {figures['p95']:>8.1f} {figures['cpu']:>10.1f} "
            f"{figures['median'] / base:>7.1f}"
        )
    grew = [
        n
        for (n, f), s in zip(full.items(), small.values(), strict=True)
        if f["statements"] != s["statements"]
    ]
    national = next(f for n, f in full.items() if n.startswith("national ("))
    print(
        f"[{kind}] statements grow with units: {'YES: ' + ', '.join(grew) if grew else 'no'}; "
        f"national page median {national['median']:.0f} ms, app CPU {national['cpu']:.0f} ms "
        "(goal < 150 ms): "
        f"{'met' if national['median'] < 150 else 'NOT met'}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    for kind in ("sqlite", "postgresql") if args.db == "both" else (args.db,):
        run(kind, args.runs)


if __name__ == "__main__":
    main()
