"""Who may use device polls and the speakers' list (tests/api/test_access.py explains it).

member_a is linked to a present member of the session's body: only such an account casts a
ballot. The chair's table (admin, chair, secretary) opens and closes polls and gives the
floor; a member puts only themselves on the list, the office (clerk, chair, secretary) anyone.
"""

from __future__ import annotations

import pytest

from tests.api.test_access import ACTORS, READ, assert_access
from tests.api.test_access_meetings import _fill
from tests.voting.helpers import make_session

RUN = {a: 403 for a in ACTORS} | {"admin": "ok", "chair_a": "ok", "secretary_a": "ok"}
BALLOT = {a: 403 for a in ACTORS} | {"member_a": "ok"}
ASK = RUN | {"clerk_a": "ok", "member_a": "ok"}

ROUTES = [
    ("POST", "/api/v1/agenda/{other}/poll", {"json": {"secret": False}}, RUN),
    ("GET", "/api/v1/polls/{poll}", {}, READ),
    ("POST", "/api/v1/polls/{poll}/ballot", {"json": {"choice": "yes"}}, BALLOT),
    ("POST", "/api/v1/polls/{poll}/close", {}, RUN),
    ("GET", "/api/v1/agenda/{item}/speakers", {}, READ),
    ("POST", "/api/v1/agenda/{item}/speakers", {"json": {"member_id": "{me}"}}, ASK),
    ("PUT", "/api/v1/agenda/{item}/speakers/order", {"json": {"speaker_ids": ["{speaker}"]}}, RUN),
    ("POST", "/api/v1/speakers/{speaker}/start", {}, RUN),
    ("POST", "/api/v1/speakers/{speaker}/stop", {}, RUN),
]


def _setup(app, world, client) -> dict:
    from governance.core.models import User
    from governance.extensions import db

    s = make_session(app, world, 5, items={"item": ("vote", None), "other": ("vote", None)})
    with app.app_context():
        db.session.get(User, world.users["member_a"]).member_id = s.members[0]
        db.session.commit()
    admin = world.auth("admin")
    poll = client.post(f"/api/v1/agenda/{s.items['item']}/poll", headers=admin, json={})
    assert poll.status_code == 201, poll.get_json()
    speaker = client.post(
        f"/api/v1/agenda/{s.items['item']}/speakers",
        headers=admin,
        json={"member_id": s.members[1]},
    )
    assert speaker.status_code == 201, speaker.get_json()
    return {
        "item": s.items["item"],
        "other": s.items["other"],
        "poll": poll.get_json()["id"],
        "speaker": speaker.get_json()["id"],
        "me": s.members[0],
    }


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("method", "template", "kwargs", "expected"), ROUTES, ids=[f"{m} {p}" for m, p, *_ in ROUTES]
)
def test_session_day_route_by_role_and_unit(
    app, client, world, method, template, kwargs, expected, actor
):
    ids = _setup(app, world, client)
    if template.endswith("/poll"):
        # one open poll per meeting: close the setup's first, so opening is possible
        client.post(f"/api/v1/polls/{ids['poll']}/close", headers=world.auth("admin"))
    answer = client.open(
        template.format(**ids), method=method, headers=world.auth(actor), **_fill(kwargs, ids)
    )
    assert_access(answer, expected[actor])
