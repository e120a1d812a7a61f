"""Statement counts do not grow with the data: the same at 25 and at 2,000 communes, for
the home page and every list page and API list, for the administrator, an inspector, a
clerk, a chair and a member (linked to their member record); the communes carry drafts and
congresses (the oversight providers' bench rows) so that the panels and lists are full."""

from __future__ import annotations

from tests.api.test_meetings import plan
from tests.conftest import web_login
from tests.scale.conftest import add_communes, counted, link_member

PAGES = (
    "/",
    "/org/units",
    "/org/units?province=P1",
    "/org/units?q=s00",
    "/meetings/",
    "/meetings/?period=past",
    "/meetings/?period=all&status=planned",
    "/meetings/plan",
    "/meetings/plan?q=s00",
    "/meetings/calendar",
    "/sessions/",
    "/documents/",
    "/audit",
    "/drafts/",
    "/drafts/units/A",
    "/drafts/checklist",
    "/notifications/",
    "/oversight/",
    "/oversight/provinces/P1",
)
API = (
    "/api/v1/units",
    "/api/v1/units?province=P1&page_size=500",
    "/api/v1/meetings",
    "/api/v1/meetings?page_size=500&status=planned",
    "/api/v1/units/A/documents",
    "/api/v1/units/A/bodies",
    "/api/v1/oversight/P1",
    "/api/v1/congresses",
    "/api/v1/notifications",
)
ROLES = ("admin", "inspector_p1", "clerk_a", "chair_a", "member_a")


def _counts(app, world, paths=PAGES + API) -> dict:
    counts = {}
    for role in ROLES:
        client = app.test_client()
        web_login(client, role)
        for path in paths:
            headers = world.auth(role) if path.startswith("/api/") else {}
            client.get(path, headers=headers)  # warm: first-request work is not the list's
            with counted(app) as statements:
                answer = client.get(path, headers=headers)
            counts[(role, path)] = (answer.status_code, len(statements))
    return counts


def test_statement_counts_are_the_same_at_25_and_at_2000_communes(client, world, app):
    plan(client, world)  # a meeting with its agenda in commune A
    link_member(app, world)
    add_communes(app, 25, with_providers=True)
    few = _counts(app, world)
    add_communes(app, 2000, with_providers=True)
    many = _counts(app, world)
    assert {key: (few[key], many[key]) for key in few if few[key] != many[key]} == {}
    # and the lists are full pages at 2,000: the counts above are not of empty lists
    web_login(client, "admin")
    units = client.get("/api/v1/units?page_size=500", headers=world.auth("admin"))
    assert len(units.get_json()) == 500
    assert '"total": 2006' in units.headers["X-Pagination"]
    assert {status for status, _n in many.values()} <= {200, 302, 403}


def test_congress_list_statement_counts_are_the_same_at_25_and_at_2000_communes(world, app):
    add_communes(app, 25, with_providers=True)
    few = _counts(app, world, ("/congress/",))
    add_communes(app, 2000, with_providers=True)
    assert _counts(app, world, ("/congress/",)) == few
