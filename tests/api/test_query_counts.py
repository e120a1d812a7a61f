"""Lists stay at a fixed number of queries however many units or meetings there are
(a province admin sees thousands of communes)."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from tests.api.test_meetings import plan
from tests.conftest import web_login


@contextmanager
def counted(app):
    from governance.extensions import db

    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def add_units(app, n: int) -> None:
    from governance.extensions import db
    from governance.org.models import Body, Unit

    with app.app_context():
        province = db.session.scalar(db.select(Unit).where(Unit.code == "P1"))
        for i in range(n):
            unit = Unit(code=f"X{i:03d}", name=f"Xã {i}", kind="commune", parent=province)
            db.session.add_all(
                [
                    unit,
                    Body(unit=unit, kind="people_council", name="HĐND", term="2021–2026", seats=3),
                ]
            )
        db.session.commit()


def test_the_units_page_does_not_query_per_unit(client, world, app):
    web_login(client, "admin")
    client.get("/org/units")
    with counted(app) as few:
        assert client.get("/org/units").status_code == 200
    add_units(app, 25)
    with counted(app) as many:
        page = client.get("/org/units").get_data(as_text=True)
    assert "Xã 24" in page
    assert len(many) == len(few)


def test_the_meetings_list_does_not_query_per_meeting(client, world, app):
    plan(client, world)
    headers = world.auth("clerk_a")
    with counted(app) as few:
        client.get("/api/v1/meetings", headers=headers)
    from governance.extensions import db
    from governance.org.models import Body

    with app.app_context():  # meetings of different bodies: each would be a lazy load
        bodies = [
            Body(
                unit_id=world.units["A"],
                kind="party_executive",
                name=f"BCH {i}",
                term="2025–2030",
                seats=3,
            )
            for i in range(5)
        ]
        db.session.add_all(bodies)
        db.session.commit()
        ids = [b.id for b in bodies]
    for body_id in ids:
        plan(client, world, body_id=body_id)
    with counted(app) as many:
        listed = client.get("/api/v1/meetings", headers=headers).get_json()
    assert {m["body_name"] for m in listed} >= {"BCH 0", "BCH 4"}
    assert len(many) == len(few)
