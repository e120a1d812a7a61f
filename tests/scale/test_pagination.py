"""Every list is paginated (CONTRACT section 3): page, page_size ≤ 500, the total in
X-Pagination, the body a JSON list; bad pages answer 422, never 500."""

from __future__ import annotations

import json

import pytest

from tests.api.test_meetings import plan
from tests.conftest import web_login
from tests.scale.conftest import add_communes

LISTS = (
    "/api/v1/units",
    "/api/v1/meetings",
    "/api/v1/units/A/documents",
    "/api/v1/units/A/bodies",
    "/api/v1/bodies/{body}/members",
)


def _get(client, world, path, **query):
    path = path.format(body=world.bodies["A"])
    return client.get(path, headers=world.auth("admin"), query_string=query)


def _pagination(answer) -> dict:
    return json.loads(answer.headers["X-Pagination"])


def test_pages_split_the_list_and_carry_the_total(client, world, app):
    add_communes(app, 130)
    first = _get(client, world, "/api/v1/units")
    assert first.status_code == 200 and len(first.get_json()) == 100  # the default page
    assert _pagination(first)["total"] == 136 and _pagination(first)["total_pages"] == 2
    second = _get(client, world, "/api/v1/units", page=2)
    assert len(second.get_json()) == 36
    codes = {u["code"] for u in first.get_json()} | {u["code"] for u in second.get_json()}
    assert len(codes) == 136  # no unit twice, none missing
    whole = _get(client, world, "/api/v1/units", page_size=500)
    assert len(whole.get_json()) == 136 and _pagination(whole)["total_pages"] == 1


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize(
    "query",
    [
        {"page": 0},
        {"page": -1},
        {"page": "abc"},
        {"page": ""},
        {"page_size": 501},
        {"page_size": 0},
    ],
)
def test_bad_pages_answer_422_in_the_error_shape(client, world, path, query):
    answer = _get(client, world, path, **query)
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert set(answer.get_json()["error"]) >= {"code", "message", "fields"}
    assert answer.get_json()["error"]["code"] == "invalid"


@pytest.mark.parametrize("path", LISTS)
def test_a_page_past_the_end_is_an_empty_list(client, world, path):
    answer = _get(client, world, path, page=10**6, page_size=500)
    assert answer.status_code == 200 and answer.get_json() == []
    assert _pagination(answer)["total"] >= 0


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("page", [2**31, 2**63, 10**30])
def test_a_page_no_database_integer_can_hold_is_refused(client, world, path, page):
    """Beyond the database's integers a page is not past the end but invalid: 422."""
    answer = _get(client, world, path, page=page, page_size=500)
    assert answer.status_code == 422
    assert answer.get_json()["error"]["code"] == "invalid"


def test_meetings_are_filtered_by_unit_status_and_period(client, world, app):
    plan(client, world)
    add_communes(app, 3)
    every = _get(client, world, "/api/v1/meetings", page_size=500).get_json()
    assert len(every) == 1 + 3 * 2 * 2
    only_a = _get(client, world, "/api/v1/meetings", unit="A").get_json()
    assert [m["unit_code"] for m in only_a] == ["A"]
    closed = _get(client, world, "/api/v1/meetings", status="closed").get_json()
    assert len(closed) == 6 and {m["status"] for m in closed} == {"closed"}
    assert _get(client, world, "/api/v1/meetings", status="bogus").status_code == 422
    inspector = client.get("/api/v1/meetings", headers=world.auth("inspector_p2"))
    assert inspector.get_json() == [] and _pagination(inspector)["total"] == 0


def test_units_are_found_by_province_and_name(client, world, app):
    add_communes(app, 12)
    in_p2 = _get(client, world, "/api/v1/units", province="P2").get_json()
    assert {u["code"] for u in in_p2} == {"P2", "C"}
    found = _get(client, world, "/api/v1/units", q="số 11").get_json()
    assert [u["code"] for u in found] == ["S0011"]
    assert _get(client, world, "/api/v1/units", q="100%_").get_json() == []


def test_pages_are_bounded_and_take_any_page_number(client, world, app):
    add_communes(app, 120)
    web_login(client, "admin")
    first = client.get("/org/units").get_data(as_text=True)
    assert first.count('href="/org/units/') == 50 and "Trang 1/3" in first
    for junk in ("abc", "-3", "0"):
        answer = client.get(f"/org/units?page={junk}")
        assert answer.status_code == 200
    beyond = client.get("/org/units?page=99999999999999999999")  # beyond any integer
    assert beyond.status_code == 422 and "<html" in beyond.get_data(as_text=True)
    last = client.get("/org/units?page=3").get_data(as_text=True)
    assert last.count('href="/org/units/') == 126 - 100
    searched = client.get("/org/units?q=S0007").get_data(as_text=True)
    assert "Xã Số 7" in searched and "Xã Số 8" not in searched
    p2 = client.get("/org/units?province=P2").get_data(as_text=True)
    assert "Xã Cường" in p2 and "Xã An" not in p2
    meetings = client.get("/meetings/?period=all").get_data(as_text=True)
    assert meetings.count('class="list-group-item list-group-item-action py-3"') == 50
    assert "1–50 trong tổng số 480" in meetings  # 120 communes × 2 bodies × 2 meetings


def test_planning_starts_from_a_unit_picker(client, world, app):
    add_communes(app, 40)
    web_login(client, "admin")
    picker = client.get("/meetings/plan?q=S0033").get_data(as_text=True)
    assert "Xã Số 33" in picker and "Xã Số 34" not in picker
    bodies = client.get("/meetings/plan?unit=S0033").get_data(as_text=True)
    assert bodies.count('href="/meetings/new/') == 2
    index = client.get("/meetings/").get_data(as_text=True)
    assert 'href="/meetings/new/' not in index and 'href="/meetings/plan"' in index
    clerk = app.test_client()
    web_login(clerk, "clerk_a")
    own = clerk.get("/meetings/").get_data(as_text=True)
    assert own.count('href="/meetings/new/') == 1  # the bodies of the clerk's own unit
    assert clerk.get("/meetings/plan?unit=S0033").status_code == 403


def test_drafts_index_and_checklist_show_one_page_of_communes(client, world, app):
    """An administrator of thousands of communes gets a page of 50 and a search, never all."""
    add_communes(app, 120)
    web_login(client, "admin")
    index = client.get("/drafts/").get_data(as_text=True)
    assert index.count('href="/drafts/units/') == 50 and 'name="q"' in index
    checklist = client.get("/drafts/checklist").get_data(as_text=True)
    assert checklist.count("<tr data-unit=") == 50 and "Trang 1/" in checklist
    found = client.get("/drafts/checklist?q=S0007").get_data(as_text=True)
    assert found.count("<tr data-unit=") == 1 and "Xã Số 7" in found
