"""The administrator of a national installation finds one commune among many: the units
list pages and filters, and planning a meeting starts from a unit picker."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.browser.conftest import shot
from tests.browser.test_registry_browser import sign_in
from tests.scale.conftest import add_communes

pytestmark = pytest.mark.browser


def test_admin_finds_a_commune_and_plans_its_meeting(page, live_server, app, world):
    add_communes(app, 120)
    base = live_server
    sign_in(page, base, "admin")

    page.goto(f"{base}/org/units")
    assert page.locator("table tbody tr").count() == 50
    page.click("a[rel=next]")
    assert "page=2" in page.url
    page.select_option("#province", "P2")
    page.click("form[role=search] button")
    assert page.locator("table tbody tr").count() == 2  # the province and its commune
    page.select_option("#province", "")
    page.fill("#q", "số 107")
    page.click("form[role=search] button")
    assert page.locator("table tbody tr").all_inner_texts()[0].startswith("Xã Số 107")
    shot(page, "scale-units-search")

    page.goto(f"{base}/meetings/")
    page.click("a[href='/meetings/plan']")
    page.fill("#q", "S0107")
    page.click("form[role=search] button")
    page.click("a[href='/meetings/plan?unit=S0107']")
    assert page.locator("a[href^='/meetings/new/']").count() == 2
    page.locator("a[href^='/meetings/new/']").first.click()
    day = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date() + timedelta(days=20)
    page.fill("#title", "Hội nghị thường kỳ")
    page.fill("#starts_at", f"{day.isoformat()}T08:00")
    page.click("form button.btn-primary")
    page.wait_for_url(f"{base}/meetings/*")
    assert "Hội nghị thường kỳ" in page.content()

    page.goto(f"{base}/meetings/?unit=S0107&period=upcoming")
    assert page.locator(".list-group-item-action").count() == 3  # 2 seeded + the new one
    shot(page, "scale-meetings-filtered")
