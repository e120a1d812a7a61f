"""Who may record votes and elections (tests/api/test_access.py explains the matrix).

Votes and rounds are recorded by the session runners (chair, secretary, admin) of the unit;
a locked result is reopened only by the chair (or admin); everyone in scope reads.
"""

from __future__ import annotations

import pytest

from tests.api.test_access import ACTORS, READ, assert_access
from tests.voting.helpers import make_session

RUN = {a: 403 for a in ACTORS} | {"admin": "ok", "chair_a": "ok", "secretary_a": "ok"}
REOPEN = {a: 403 for a in ACTORS} | {"admin": "ok", "chair_a": "ok"}
ROUND = {"ballots_issued": 5, "ballots_returned": 5, "invalid": 0, "votes": {"An": 4}}

ROUTES = [
    ("GET", "/api/v1/agenda/{item}/votes", {}, READ),
    (
        "POST",
        "/api/v1/agenda/{item}/votes",
        {"json": {"method": "show_of_hands", "yes": 3, "no": 2}},
        RUN,
    ),
    ("POST", "/api/v1/agenda/{voted}/votes/reopen", {"json": {"reason": "Đếm lại"}}, REOPEN),
    (
        "POST",
        "/api/v1/agenda/{eitem}/election",
        {"json": {"seats": 1, "candidates": ["An", "Bình"]}},
        RUN,
    ),
    ("GET", "/api/v1/elections/{election}", {}, READ),
    ("POST", "/api/v1/elections/{election}/candidates", {"json": {"name": "Chi", "agree": 1}}, RUN),
    ("POST", "/api/v1/elections/{election}/rounds", {"json": ROUND}, RUN),
]


def _setup(app, world, client) -> dict:
    items = {
        "item": ("vote", None),
        "voted": ("vote", None),
        "eitem": ("election", None),
        "held": ("election", None),
    }
    s = make_session(app, world, 5, items=items)
    admin = world.auth("admin")
    recorded = client.post(
        f"/api/v1/agenda/{s.items['voted']}/votes",
        headers=admin,
        json={"method": "show_of_hands", "yes": 5},
    )
    assert recorded.status_code == 201
    made = client.post(
        f"/api/v1/agenda/{s.items['held']}/election",
        headers=admin,
        json={"seats": 2, "candidates": ["An", "Bình"], "surplus_required": False},
    )
    assert made.status_code == 201, made.get_json()
    return {
        **{k: s.items[k] for k in ("item", "voted", "eitem")},
        "election": made.get_json()["id"],
    }


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("method", "template", "kwargs", "expected"), ROUTES, ids=[f"{m} {p}" for m, p, *_ in ROUTES]
)
def test_voting_route_by_role_and_unit(
    app, client, world, method, template, kwargs, expected, actor
):
    path = template.format(**_setup(app, world, client))
    answer = client.open(path, method=method, headers=world.auth(actor), **kwargs)
    assert_access(answer, expected[actor])
