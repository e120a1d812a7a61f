"""A clerk plans the People's Council's first session from its template, reorders and times
the agenda, and downloads a programme that opens with the items in the new order."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from docx import Document

from governance.meetings.standard import agenda_templates
from tests.browser.conftest import shot
from tests.browser.test_registry_browser import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def council(app, world):
    from governance.extensions import db
    from governance.org.models import Body, Member

    with app.app_context():
        body = Body(
            unit_id=world.units["A"],
            kind="people_council",
            term="2021–2026",
            name="Hội đồng nhân dân xã An",
            seats=3,
        )
        body.members = [Member(full_name=f"Đại biểu {i}", gender="female") for i in range(3)]
        db.session.add(body)
        db.session.commit()
        return body.id


def programme_titles(data: bytes) -> list[str]:
    tables = Document(io.BytesIO(data)).tables
    table = next(t for t in tables if "Nội dung" in t.rows[0].cells[1].text)
    return [row.cells[1].text.strip() for row in table.rows[1:]]


def test_clerk_plans_the_first_council_session(page, live_server, world, council):
    base = live_server
    titles = [i.title for i in agenda_templates()["first_people_council"].items]
    sign_in(page, base, "clerk_a")
    page.click("a[href='/meetings/']")
    page.click(f"a[href='/meetings/new/{council}']")
    page.select_option("#template", "first_people_council")
    day = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date() + timedelta(days=30)
    page.fill("#starts_at", f"{day.isoformat()}T07:30")
    page.fill("#location", "Hội trường UBND xã")
    page.click("form button.btn-primary")
    page.wait_for_selector("#agenda-table")
    rows = page.locator("#agenda-table tbody tr")
    assert rows.count() == len(titles)
    assert rows.nth(0).locator(".item-title").inner_text() == titles[0]

    # Keyboard way: move the Party Secretary's speech (4th) one place up.
    rows.nth(3).locator("button[title]").first.click()
    page.wait_for_selector("#agenda-table")
    assert rows.nth(2).locator(".item-title").inner_text() == titles[3]
    # Drag and drop: the closing item to the top (the whole agenda on screen: no scrolling
    # while the mouse is down).
    page.set_viewport_size({"width": 1024, "height": 2600})
    rows.nth(len(titles) - 1).locator(".drag-handle").drag_to(rows.nth(0))
    page.wait_for_function(
        "t => document.querySelector('#agenda-table tbody tr .item-title').innerText === t",
        arg=titles[-1],
    )

    # Durations: the opening item (now second) lasts 45 minutes.
    rows.nth(1).get_by_role("link").last.click()
    page.fill("#duration_minutes", "45")
    page.click("form button.btn-primary")
    page.wait_for_selector("#agenda-table")
    third_starts = rows.nth(2).locator("td").nth(2).inner_text()
    second_starts = rows.nth(1).locator("td").nth(2).inner_text()
    assert second_starts.split("–")[1] == third_starts.split("–")[0]
    shot(page, "meetings-agenda")

    with page.expect_download() as download:
        page.click("#programme-docx")
    data = Path(download.value.path()).read_bytes()
    expected = [titles[-1], titles[0], titles[1], titles[3], titles[2], *titles[4:-1]]
    assert programme_titles(data) == expected
    assert page.locator("[data-deadline^='invitation-']").is_visible()
