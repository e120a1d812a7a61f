"""The lists' queries use indexes: no full scan of a table that grows with the country.

Each list's statements are captured as it runs, then explained by the database itself:
`EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN` on PostgreSQL (sequential scans switched off, so
that the plan shows whether an index CAN serve the query: on a tiny test table PostgreSQL
would rightly prefer to read it all)."""

from __future__ import annotations

import re

from tests.api.test_meetings import plan
from tests.conftest import web_login
from tests.scale.conftest import add_communes, counted

# Tables with rows per member, meeting or document: never read whole for one page.
GROWING = ("meetings", "members", "bodies", "documents", "agenda_items", "attendance")
SCOPED = (  # (role, path): lists of one unit, one province or one filter
    ("clerk_a", "/meetings/"),
    ("clerk_a", "/meetings/?period=past"),
    ("clerk_a", "/sessions/"),
    ("clerk_a", "/meetings/calendar"),
    ("clerk_a", "/documents/units/A"),
    ("clerk_a", "/api/v1/units/A/bodies"),
    ("clerk_a", "/api/v1/bodies/{body}/members"),
    ("clerk_a", "/api/v1/units/A/documents"),
    ("inspector_p1", "/org/units"),
    ("inspector_p1", "/meetings/"),
    ("admin", "/org/units?province=P1"),
    ("admin", "/meetings/?unit=A&period=all"),
    ("admin", "/api/v1/meetings?unit=A"),
)


def _explain(app, statements) -> list[tuple[str, str]]:
    from governance.extensions import db

    plans = []
    with app.app_context(), db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if not sqlite:
            connection.exec_driver_sql("SET enable_seqscan = off")
        for sql, parameters in statements:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN "
            rows = connection.exec_driver_sql(prefix + sql, parameters).all()
            plans.append((sql, "\n".join(str(row[-1] if sqlite else row[0]) for row in rows)))
        connection.rollback()
    return plans


def _full_scans(plan_text: str) -> set[str]:
    """Tables read whole: SQLite's `SCAN t` (not via an index), PostgreSQL's `Seq Scan on t`."""
    found = set()
    for line in plan_text.splitlines():
        line = line.strip().lstrip("->").strip()
        match = re.match(r"SCAN (\w+)(?: AS (\w+))?$", line) or re.search(
            r"Seq Scan on (\w+)", line
        )
        if match:
            found.add(re.sub(r"_\d+$", "", match.group(1)))
    return found


def test_the_lists_use_indexes(client, world, app):
    plan(client, world)
    add_communes(app, 60)
    from sqlalchemy import text

    from governance.extensions import db

    with app.app_context():  # fresh statistics, as restore and the nightly job leave them
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()  # SQLite reads the statistics when a connection opens
    problems = []
    for role, path in SCOPED:
        path = path.format(body=world.bodies["A"])
        web = app.test_client()
        web_login(web, role)
        headers = world.auth(role) if path.startswith("/api/") else {}
        with counted(app) as statements:
            assert web.get(path, headers=headers).status_code == 200, path
        for sql, plan_text in _explain(app, statements):
            if scans := _full_scans(plan_text) & set(GROWING):
                problems.append(f"{role} {path}: full scan of {scans}\n{sql}\n{plan_text}")
    assert not problems, "\n\n".join(problems)


def test_the_migration_made_the_indexes(app):
    from sqlalchemy import inspect

    from governance.extensions import db

    with app.app_context():
        names = {ix["name"] for ix in inspect(db.engine).get_indexes("meetings")}
        documents = {ix["name"] for ix in inspect(db.engine).get_indexes("documents")}
    assert {"ix_meetings_starts_at", "ix_meetings_body_id_starts_at"} <= names
    assert "ix_documents_unit_id_id" in documents
