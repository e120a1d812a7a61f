"""Issue 9's path: the secretary drafts the minutes of a held council session and signs,
the chair signs, the minutes are final and published, and anyone reads them without login."""

from __future__ import annotations

import pytest

from tests.browser.conftest import shot
from tests.browser.test_registry_browser import sign_in
from tests.documents.record import council_session

pytestmark = pytest.mark.browser


def test_minutes_signed_by_secretary_and_chair_then_published(
    browser, page, live_server, client, world, app, monkeypatch
):
    s = council_session(client, world, app, monkeypatch=monkeypatch)
    base = live_server
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, base, "secretary_a")
    page.goto(f"{base}/meetings/{s.meeting}")
    page.locator(f"form[action='/documents/from-record/minutes/{s.meeting}'] button").click()
    page.wait_for_selector("#document-number")
    assert page.locator("#document-number").inner_text() == "Số: 01/BB-HĐND"
    page.locator("#signature-panel button").click()
    page.wait_for_selector("#signatures")
    assert "Trần Thị Thu" in page.locator("#signatures").inner_text()
    assert page.locator("#draft-mark").is_visible()  # not final: the chair has not signed
    url = page.url

    chair = browser.new_context(viewport={"width": 1024, "height": 1366}, locale="vi-VN")
    other = chair.new_page()
    other.on("dialog", lambda dialog: dialog.accept())
    sign_in(other, base, "chair_a")
    other.goto(url)
    other.locator("#signature-panel button").click()
    other.wait_for_selector("#verify-result")
    assert "Nguyễn Văn Bình" in other.locator("#signatures").inner_text()
    other.locator("#publication-panel button").click()
    other.wait_for_selector("#published")
    shot(other, "minutes-signed-and-published")
    chair.close()

    anonymous = browser.new_context(locale="vi-VN")
    public = anonymous.new_page()
    public.goto(f"{base}/public/A/documents")
    assert "Số: 01/BB-HĐND" in public.locator("#published").inner_text()
    shot(public, "public-documents")
    anonymous.close()
