"""Who may call the papers API, on commune A's agenda item (see test_access.py)."""

from __future__ import annotations

import io

import pytest

from tests.api.test_access import ACTORS, READ, assert_access
from tests.api.test_access_meetings import AMEND

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

ROUTES = [
    ("POST", "/api/v1/agenda/{item}/papers", {"files": True}, AMEND),
    ("GET", "/api/v1/papers/{paper}", {}, READ),
]


def add_paper(app, world) -> dict:
    """A meeting of commune A with one item and one paper on it: their ids."""
    from datetime import datetime

    from werkzeug.datastructures import FileStorage

    from governance.core.models import User
    from governance.extensions import db
    from governance.meetings.models import AgendaItem, Meeting
    from governance.meetings.papers import attach
    from tests.api.test_access_meetings import START

    with app.app_context():
        meeting = Meeting(
            body_id=world.bodies["A"],
            title="Họp",
            kind="regular",
            starts_at=datetime.fromisoformat(START),
        )
        meeting.items.append(AgendaItem(title="Mục 1", position=0))
        db.session.add(meeting)
        db.session.commit()
        item = meeting.items[0]
        clerk = db.session.get(User, world.users["clerk_a"])
        paper = attach(item, FileStorage(io.BytesIO(PDF), "to-trinh.pdf"), clerk)
        return {"item": item.id, "paper": paper.id}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("method", "template", "kwargs", "expected"),
    ROUTES,
    ids=[f"{m} {p}" for m, p, _k, _e in ROUTES],
)
def test_paper_route_by_role_and_unit(
    app, client, world, method, template, kwargs, expected, actor
):
    ids = add_paper(app, world)
    path = template.format(**ids)
    if kwargs.get("files"):
        kwargs = {
            "data": {"file": (io.BytesIO(PDF), "bao-cao.pdf")},
            "content_type": "multipart/form-data",
        }
    answer = client.open(path, method=method, headers=world.auth(actor), **kwargs)
    assert_access(answer, expected[actor])
