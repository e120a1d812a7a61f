"""Helpers of the scale tests: many units inserted in bulk, statements counted."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import event, func, insert, select


@contextmanager
def counted(app):
    """Every statement sent while inside, with its parameters."""
    from governance.extensions import db

    with app.app_context():
        engine = db.engine
    statements: list[tuple[str, object]] = []

    def count(_conn, _cursor, statement, parameters, *_args):
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def add_communes(app, total: int, with_providers: bool = False) -> None:
    """Bring province P1 to `total` extra communes (codes S0000…), each with two bodies, a
    few members, a planned and a closed meeting: rows inserted in bulk, as a registry
    import would leave them; `with_providers`: drafts and a congress in each too."""
    from governance.extensions import db
    from governance.meetings.models import Meeting
    from governance.org.models import Body, Member, Unit

    with app.app_context():
        province = db.session.scalar(select(Unit.id).where(Unit.code == "P1"))
        have = db.session.scalar(select(func.count()).where(Unit.code.like("S%"))) or 0
        first_unit = (db.session.scalar(select(func.max(Unit.id))) or 0) + 1
        first_body = (db.session.scalar(select(func.max(Body.id))) or 0) + 1
        units, bodies, members, meetings = [], [], [], []
        soon = datetime.now(UTC) + timedelta(days=3)
        for n in range(have, total):
            unit_id = first_unit + len(units)
            units.append(
                {
                    "id": unit_id,
                    "code": f"S{n:04d}",
                    "name": f"Xã Số {n}",
                    "kind": "commune",
                    "parent_id": province,
                }
            )
            for kind in ("party_executive", "people_council"):
                body_id = first_body + len(bodies)
                bodies.append(
                    {
                        "id": body_id,
                        "unit_id": unit_id,
                        "kind": kind,
                        "name": f"{kind} {n}",
                        "term": "2025–2030",
                        "seats": 5,
                    }
                )
                members += [
                    {"body_id": body_id, "full_name": f"Người {n}.{i}", "gender": "male"}
                    for i in range(3)
                ]
                for offset, status in ((3, "planned"), (-40, "closed")):
                    meetings.append(
                        {
                            "body_id": body_id,
                            "title": f"Hội nghị {n}",
                            "kind": "regular",
                            "starts_at": soon + timedelta(days=offset, minutes=n),
                            "status": status,
                        }
                    )
        for table, rows in (
            (Unit.__table__, units),
            (Body.__table__, bodies),
            (Member.__table__, members),
            (Meeting.__table__, meetings),
        ):
            if rows:
                db.session.execute(insert(table), rows)
        db.session.commit()
        if db.engine.dialect.name == "postgresql":  # ids were given: move the sequences on
            from governance.core.backup import _reset_sequences, _tables

            with db.engine.begin() as connection:
                _reset_sequences(connection, _tables(db.metadata))
        if with_providers:
            seed_providers([unit["id"] for unit in units])


def seed_providers(unit_ids: list[int]) -> None:
    """Drafts (adopted, in review) and a congress with milestones in each of these units,
    through the oversight providers' `bench_seed`."""
    from governance.congress import progress as congress
    from governance.drafts import progress as drafts

    for provider in (drafts, congress):
        provider.bench_seed(unit_ids)


def link_member(app, world) -> None:
    """member_a's account is the member record of commune A's body (their home lists
    their meetings, polls and papers)."""
    from governance.core.models import User
    from governance.extensions import db

    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "member_a"))
        user.member_id = world.members["A"]
        db.session.commit()
