"""One suite, run on SQLite and on PostgreSQL: every test that takes `app` runs on both.

PostgreSQL comes from TEST_DATABASE_URL (default: the local server, database `test`). On a
machine without it those runs skip with the reason; in CI (CI=true) they fail instead.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field

import pytest

os.environ.setdefault("GOVERNANCE_INSTANCE", tempfile.mkdtemp(prefix="governance-test-"))

from sqlalchemy import create_engine, inspect, text
from werkzeug.security import generate_password_hash

from governance import create_app

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PASSWORD = "correct-horse-42"
IN_CI = os.environ.get("CI", "").lower() == "true"


# Each run works in a schema of its own, so that runs side by side never meet.
PG_SCHEMA = f"test_run_{os.getpid()}"


def _pg_schema(action: str) -> str | None:
    """Create or drop this run's schema; None when PostgreSQL answers, else why not."""
    try:
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
            if action == "create":
                connection.execute(text(f"CREATE SCHEMA {PG_SCHEMA}"))
        engine.dispose()
    except Exception as error:  # any failure to reach it is a reason to skip
        return f"PostgreSQL not reachable at {PG_URL}: {type(error).__name__}: {error}"
    return None


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.db'}"
    reason = _pg_schema("create")
    if reason and IN_CI:
        pytest.fail(f"{reason} (CI=true: PostgreSQL tests must run)")
    if reason:
        pytest.skip(reason)
    request.addfinalizer(lambda: _pg_schema("drop"))
    separator = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{separator}options=-csearch_path%3D{PG_SCHEMA}"


@pytest.fixture(scope="session")
def app(database_url):
    from governance.core.database import migrate_to_latest

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SERVER_NAME": None,
        }
    )
    with app.app_context():
        migrate_to_latest()
    yield app
    with app.app_context():
        from governance.extensions import db

        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_tables(request):
    """Each test starts from empty tables (the schema stays)."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    yield
    from governance.extensions import db

    with app.app_context():
        db.session.remove()
        existing = set(inspect(db.engine).get_table_names())
        tables = [t.name for t in db.metadata.sorted_tables if t.name in existing]
        with db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            else:
                for name in reversed(tables):
                    connection.execute(text(f"DELETE FROM {name}"))


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


# A small world: province P1 with communes A and B; province P2 with commune C.
ROLES_IN_A = ("clerk", "chair", "secretary", "member")


@dataclass
class World:
    units: dict = field(default_factory=dict)
    bodies: dict = field(default_factory=dict)
    members: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)

    def auth(self, who: str) -> dict:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


_HASH = generate_password_hash(PASSWORD)


@pytest.fixture
def world(app) -> World:
    from governance.core.auth import issue_token
    from governance.core.models import User
    from governance.extensions import db
    from governance.org.models import Body, Member, Unit

    w = World()
    with app.app_context():
        p1 = Unit(code="P1", name="Tỉnh Một", kind="province")
        p2 = Unit(code="P2", name="Tỉnh Hai", kind="province")
        a = Unit(code="A", name="Xã An", kind="commune", parent=p1)
        b = Unit(code="B", name="Phường Bình", kind="ward", parent=p1)
        c = Unit(code="C", name="Xã Cường", kind="commune", parent=p2)
        e = Unit(code="E", name="Xã Trống", kind="commune", parent=p1)  # nothing hangs on it
        db.session.add_all([p1, p2, a, b, c, e])
        for code, unit in (("A", a), ("B", b), ("C", c)):
            body = Body(
                unit=unit,
                kind="party_executive",
                name=f"Ban Chấp hành {code}",
                term="2025–2030",
                seats=27,
            )
            db.session.add(body)
            member = Member(
                body=body,
                full_name=f"Nguyễn Văn {code}",
                gender="male",
                birth_year=1975,
                position="Bí thư",
            )
            db.session.add(member)
            w.bodies[code], w.members[code] = body, member
        accounts = {
            "admin": ("admin", None),
            "inspector_p1": ("inspector", p1),
            "inspector_p2": ("inspector", p2),
            "clerk_b": ("clerk", b),
        }
        accounts |= {f"{role}_a": (role, a) for role in ROLES_IN_A}
        for username, (role, unit) in accounts.items():
            user = User(
                username=username, role=role, unit=unit, password_hash=_HASH, full_name=username
            )
            db.session.add(user)
            w.users[username] = user
        db.session.commit()
        w.units = {u.code: u.id for u in (p1, p2, a, b, c, e)}
        w.bodies = {k: v.id for k, v in w.bodies.items()}
        w.members = {k: v.id for k, v in w.members.items()}
        w.tokens = {name: issue_token(user) for name, user in w.users.items()}
        w.users = {name: user.id for name, user in w.users.items()}
    return w


@pytest.fixture
def client(app):
    return app.test_client()


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "the page carries no CSRF token"
    return match.group(1)


def web_login(client, username: str, password: str = PASSWORD):
    token = csrf_from(client.get("/login").get_data(as_text=True))
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )
