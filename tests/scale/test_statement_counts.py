"""Statement counts do not grow with the data: the same at 25 and at 2,000 communes, for
every list page and API list, for the administrator, an inspector and a clerk."""

from __future__ import annotations

from tests.api.test_meetings import plan
from tests.conftest import web_login
from tests.scale.conftest import add_communes, counted

PAGES = (
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
)
API = (
    "/api/v1/units",
    "/api/v1/units?province=P1&page_size=500",
    "/api/v1/meetings",
    "/api/v1/meetings?page_size=500&status=planned",
    "/api/v1/units/A/documents",
    "/api/v1/units/A/bodies",
)
ROLES = ("admin", "inspector_p1", "clerk_a")


def _counts(app, world) -> dict:
    counts = {}
    for role in ROLES:
        client = app.test_client()
        web_login(client, role)
        for path in PAGES + API:
            headers = world.auth(role) if path.startswith("/api/") else {}
            client.get(path, headers=headers)  # warm: first-request work is not the list's
            with counted(app) as statements:
                answer = client.get(path, headers=headers)
            counts[(role, path)] = (answer.status_code, len(statements))
    return counts


def test_statement_counts_are_the_same_at_25_and_at_2000_communes(client, world, app):
    plan(client, world)  # a meeting with its agenda in commune A
    add_communes(app, 25)
    few = _counts(app, world)
    add_communes(app, 2000)
    many = _counts(app, world)
    assert few == many
    # and the lists are full pages at 2,000: the counts above are not of empty lists
    web_login(client, "admin")
    units = client.get("/api/v1/units?page_size=500", headers=world.auth("admin"))
    assert len(units.get_json()) == 500
    assert '"total": 2006' in units.headers["X-Pagination"]
    assert {status for status, _n in many.values()} <= {200, 302, 403}
