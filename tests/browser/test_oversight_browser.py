"""An inspector opens the dashboard, shows the late communes only, opens one and records a
finding; the commune's clerk sees the notice in the header and answers it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.browser.conftest import shot
from tests.browser.test_registry_browser import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def late_commune(app, world):
    """Commune A: the Executive Committee meets in two days and no invitation has gone out
    (5 working days required): its dispatch is late. A second commune, B, is on time."""
    from governance.core.database import utcnow
    from tests.oversight.conftest import add_body, add_meeting

    add_meeting(app, world.bodies["A"], utcnow() + timedelta(days=2), title="Hội nghị BCH lần 2")
    for kind in ("party_standing", "people_council"):
        body = add_body(app, world.units["B"], kind)
        add_meeting(
            app,
            body,
            utcnow() - timedelta(days=20),
            kind="first",
            status="closed",
            closed_at=utcnow() - timedelta(days=20),
        )
    return world.units["A"]


def test_inspector_records_a_finding_and_the_clerk_answers(browser, live_server, late_commune):
    base = live_server
    inspector = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = inspector.new_page()
    sign_in(page, base, "inspector_p1")
    page.click("a[href='/oversight/']")
    page.wait_for_selector("#communes")
    assert page.locator("#communes tbody tr").count() == 3
    page.select_option("#only", "late")
    page.click("#filters button")
    page.wait_for_url("**only=late**")
    rows = page.locator("#communes tbody tr")
    assert rows.count() == 1 and "Xã An" in rows.first.inner_text()
    shot(page, "oversight-dashboard-late")
    page.click("#communes tbody tr a")
    page.wait_for_selector("#checklist")
    page.select_option("#item_key", "papers_adopted")
    page.check("input[name=kind][value=request]")
    page.fill("#text", "Đề nghị gửi giấy mời hội nghị Ban Chấp hành ngay và báo cáo lý do chậm.")
    page.click("#finding-form button")
    page.wait_for_selector(".finding")
    assert "báo cáo lý do chậm" in page.locator(".finding").first.inner_text()
    inspector.close()

    commune = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = commune.new_page()
    sign_in(page, base, "clerk_a")
    counter = page.locator("#unread-count")
    assert counter.is_visible() and int(counter.inner_text()) >= 1
    page.click("a[href='/notifications/']")
    page.click("text=đoàn kiểm tra")
    page.wait_for_selector(".answer-form")
    page.fill(".answer-form textarea", "Đã gửi giấy mời ngày hôm nay; lý do chậm: chờ tài liệu.")
    page.click(".answer-form button")
    page.wait_for_selector(".finding .answer")
    assert "chờ tài liệu" in page.locator(".finding .answer").inner_text()
    shot(page, "oversight-commune-answer")
    commune.close()
