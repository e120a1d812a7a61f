"""Helpers for document tests: a numbered draft in commune A, made by its clerk."""

from __future__ import annotations

import pytest


def new_document(world, kind: str = "resolution", style: str = "party", actor: str = "clerk_a"):
    from governance.core.models import User
    from governance.documents import samples, service
    from governance.extensions import db
    from governance.org.models import Body, Unit

    unit = db.session.get(Unit, world.units["A"])
    body = db.session.get(Body, world.bodies["A"])  # a party_executive, term 2025–2030
    context = samples.sample(kind, style)
    context.number = ""
    return service.create_document(
        kind, context, unit, body, db.session.get(User, world.users[actor])
    )


@pytest.fixture
def draft_id(app, world) -> int:
    with app.app_context():
        return new_document(world).id


def user(world, name: str):
    from governance.core.models import User
    from governance.extensions import db

    return db.session.get(User, world.users[name])
