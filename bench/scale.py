"""Benchmark: every main page and API list at national scale, per role, on both databases.

Run: python bench/scale.py [--db sqlite,postgresql] [--repeat 5] [--communes 3321]

For each database it seeds the national shape (bench/scale_seed.py: 34 provinces, 3,321
communes, ~14,000 bodies, ~260,000 members, 6,642 meetings with agendas, documents, papers
on disk, 50,000 audit entries), then requests each page and API list as the administrator,
a provincial inspector and a commune clerk and prints the median server time (in-process
test client, after one warm-up), the SQL statements of one request and the response size.
The same requests on a small installation (1 province, 25 communes) give the statement
counts that must not grow with the data. Then `backup`, `restore` and `audit-verify` (full
walk and the nightly incremental run) run as subprocesses, with their time and peak memory
(VmHWM, see bench/peak.py), against `init-db` as the baseline of a bare process.

Goals: every page and list < 150 ms median and < 300 KB for every role; statement counts
equal at both sizes; backup, restore and audit-verify < 200 MB peak.
PostgreSQL: TEST_DATABASE_URL (default the local server, database `test`), in a schema of
its own, dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(tempfile.mkdtemp(prefix="bench-scale-"))
os.environ["GOVERNANCE_INSTANCE"] = str(WORK / "instance")
sys.path[:0] = [str(ROOT), str(Path(__file__).parent)]

import scale_seed  # noqa: E402
from sqlalchemy import create_engine, event, text  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SECRET = "bench-scale-secret"
PASSWORD = "bench-password-1"
ROLES = ("admin", "inspector", "clerk", "chair", "member")
GOAL_MS, GOAL_KB, GOAL_MB = 150, 300, 200
APP = str(ROOT / "app.py")


def pages(shape: dict) -> list[tuple[str, str, bool]]:
    """(label, path, is_api)"""
    unit, body = shape["clerk_unit"], shape["clerk_body"]
    return [
        ("baseline: sign-in page", "/login", False),
        ("home", "/", False),
        ("units list", "/org/units", False),
        ("units of a province", "/org/units?province=P01", False),
        ("units: name search", "/org/units?q=X0", False),
        ("meetings list", "/meetings/", False),
        ("meetings held", "/meetings/?period=past", False),
        ("plan: unit picker", "/meetings/plan", False),
        ("calendar (month)", "/meetings/calendar", False),
        ("sessions list", "/sessions/", False),
        ("documents index", "/documents/", False),
        ("documents of a unit", f"/documents/units/{unit}", False),
        ("audit log", "/audit", False),
        ("drafts: units", "/drafts/", False),
        ("drafts of a unit", f"/drafts/units/{unit}", False),
        ("drafts checklist", "/drafts/checklist", False),
        ("congresses", "/congress/", False),
        ("notifications", "/notifications/", False),
        ("oversight (national)", "/oversight/", False),
        ("oversight of a province", "/oversight/provinces/P01", False),
        ("GET /units", "/api/v1/units", True),
        ("GET /units?page_size=500", "/api/v1/units?page_size=500", True),
        ("GET /meetings", "/api/v1/meetings", True),
        ("GET /meetings?page_size=500", "/api/v1/meetings?page_size=500", True),
        ("GET /units/X/documents", f"/api/v1/units/{unit}/documents", True),
        ("GET /units/X/bodies", f"/api/v1/units/{unit}/bodies", True),
        ("GET /bodies/N/members", f"/api/v1/bodies/{body}/members", True),
        ("GET /oversight/P01", "/api/v1/oversight/P01", True),
        ("GET /congresses", "/api/v1/congresses", True),
        ("GET /notifications", "/api/v1/notifications", True),
    ]


# Databases ------------------------------------------------------------------------------


def database_url(kind: str, tag: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{WORK / f'{tag}.db'}"
    schema = f"bench_scale_{tag}_{os.getpid()}"
    engine = create_engine(PG_URL)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    separator = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{separator}options=-csearch_path%3D{schema}"


def drop(url: str) -> None:
    if "search_path" in url:
        schema = url.rsplit("%3D", 1)[1]
        engine = create_engine(PG_URL)
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        engine.dispose()


def build(url: str, provinces: int, communes: int, audit: int):
    from governance import create_app
    from governance.core.database import migrate_to_latest
    from governance.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET})
    with app.app_context():
        migrate_to_latest()
        from governance.meetings.papers import storage_dir

        for stored in storage_dir().iterdir():  # the papers of the previous installation
            stored.unlink()
        started = time.perf_counter()
        shape = scale_seed.seed(provinces, communes, audit)
        from governance.core.models import User

        db.session.execute(User.__table__.update().values(password_hash=_HASH))
        db.session.commit()
        scale_seed.reset_sequences()
        scale_seed.seed_providers()
        scale_seed.analyze()
        shape["seconds"] = time.perf_counter() - started
    return app, shape


_HASH = generate_password_hash(PASSWORD)


# Requests -------------------------------------------------------------------------------


def signed_in(app, role: str):
    import re

    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    client.post("/login", data={"username": role, "password": PASSWORD, "csrf_token": token})
    with app.app_context():
        from sqlalchemy import select

        from governance.core.auth import issue_token
        from governance.core.models import User
        from governance.extensions import db

        user = db.session.scalar(select(User).where(User.username == role))
        headers = {"Authorization": f"Bearer {issue_token(user)}"}
    return client, headers


def measure(app, shape: dict, repeat: int) -> dict:
    from governance.extensions import db

    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    results = {}
    for role in ROLES:
        client, headers = signed_in(app, role)
        for label, path, is_api in pages(shape):
            client.get(path, headers=headers if is_api else {})  # warm-up
            event.listen(engine, "before_cursor_execute", count)
            statements.clear()
            answer = client.get(path, headers=headers if is_api else {})
            event.remove(engine, "before_cursor_execute", count)
            sql = len(statements)
            times, cpu = [], []
            for _ in range(repeat):
                started, started_cpu = time.perf_counter(), time.process_time()
                client.get(path, headers=headers if is_api else {})
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            results[(role, label)] = {
                "status": answer.status_code,
                "ms": statistics.median(times) if times else 0.0,
                "cpu": statistics.median(cpu) if cpu else 0.0,
                "sql": sql,
                "kb": len(answer.data) / 1024,
            }
    return results


# Maintenance commands -------------------------------------------------------------------


def run_command(url: str, *args: str) -> tuple[float, float, int, str]:
    """Seconds, peak memory (MB) and exit status of `flask <args>` in its own process."""
    env = os.environ | {"DATABASE_URL": url, "SECRET_KEY": SECRET}
    log, peak = WORK / "command.log", WORK / "peak.txt"
    peak.unlink(missing_ok=True)
    with log.open("w") as out:
        started = time.perf_counter()
        code = subprocess.call(
            [
                sys.executable,
                str(Path(__file__).parent / "peak.py"),
                str(peak),
                "--app",
                APP,
                *args,
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
        seconds = time.perf_counter() - started
    mb = float(peak.read_text()) if peak.exists() else float("nan")
    return seconds, mb, code, log.read_text()


def maintenance(url: str) -> dict:
    path = WORK / "backup.zip"
    steps = {
        "baseline (init-db)": ("init-db",),
        "backup": ("backup", str(path)),
        "restore": ("restore", str(path), "--yes"),
        "audit-verify --full": ("audit-verify", "--full"),
        "audit-verify (nightly)": ("audit-verify",),
    }
    results = {}
    for label, args in steps.items():
        seconds, mb, code, output = run_command(url, *args)
        if code != 0:
            print(f"  {label} failed ({code}): {output[-800:]}", flush=True)
        results[label] = {"s": seconds, "mb": mb, "code": code}
        if label == "backup":
            results[label]["size_mb"] = path.stat().st_size / 2**20
    return results


# Report ---------------------------------------------------------------------------------


def report(kind: str, shape: dict, national: dict, small: dict, commands: dict) -> list[str]:
    misses = []
    print(
        f"\n## {kind}: {shape['units']:,} units, {shape['bodies']:,} bodies, "
        f"{shape['meetings']:,} meetings, {shape['papers']} papers, {shape['audit']:,} audit "
        f"entries (seeded in {shape['seconds']:.0f} s)\n"
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} (2 cores shared)\n")
    print(
        "| page / list | role | status | median ms (bench CPU ms) | SQL (small → national) | KB |"
    )
    print("|---|---|---|---|---|---|")
    for (role, label), r in national.items():
        s = small.get((role, label), {}).get("sql", "?")
        flag = ""
        if r["status"] == 200 and (r["ms"] > GOAL_MS or r["kb"] > GOAL_KB or s != r["sql"]):
            flag = " ✗"
            misses.append(f"{kind} {role} {label}")
        print(
            f"| {label} | {role} | {r['status']} | {r['ms']:.1f} ({r['cpu']:.1f}) "
            f"| {s} → {r['sql']} | {r['kb']:.1f}{flag} |"
        )
    print("\n| command | seconds | peak MB | exit |")
    print("|---|---|---|---|")
    for label, r in commands.items():
        extra = f" (zip {r['size_mb']:.0f} MB)" if "size_mb" in r else ""
        flag = " ✗" if r["mb"] > GOAL_MB else ""
        if flag:
            misses.append(f"{kind} {label}")
        print(f"| {label}{extra} | {r['s']:.1f} | {r['mb']:.0f}{flag} | {r['code']} |")
    return misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--communes", type=int, default=3321)
    parser.add_argument("--audit", type=int, default=50_000)
    parser.add_argument("--skip-commands", action="store_true")
    options = parser.parse_args()
    misses = []
    for kind in options.db.split(","):
        small_url = database_url(kind, "small")
        app, shape = build(small_url, 1, 25, 500)
        small = measure(app, shape, 0)
        drop(small_url)
        url = database_url(kind, "national")
        print(f"[{kind}] seeding the national shape…", flush=True)
        app, shape = build(url, 34, options.communes, options.audit)
        print(f"[{kind}] seeded in {shape['seconds']:.0f} s; measuring pages…", flush=True)
        national = measure(app, shape, options.repeat)
        commands = {} if options.skip_commands else maintenance(url)
        misses += report(kind, shape, national, small, commands)
        drop(url)
    print("\nGoal met everywhere." if not misses else f"\nMissed: {'; '.join(misses)}")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
