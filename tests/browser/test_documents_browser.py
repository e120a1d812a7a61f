"""The chair opens a draft, signs it after confirming, and sees it signed and verified."""

from __future__ import annotations

import pytest

from tests.browser.conftest import shot
from tests.browser.test_registry_browser import sign_in
from tests.documents.conftest import new_document

pytestmark = pytest.mark.browser


def test_chair_signs_a_document(page, live_server, world, app):
    with app.app_context():
        document_id = new_document(world).id
    base = live_server
    sign_in(page, base, "chair_a")
    page.goto(f"{base}/documents/units/A")
    page.click(f"a[href='/documents/{document_id}']")
    assert page.locator("#document-number").inner_text() == "Số 01-NQ/ĐU"
    assert page.locator("#draft-mark").is_visible()
    shot(page, "document-draft")

    page.on("dialog", lambda dialog: dialog.accept())  # "Sign this document?"
    page.locator("#signature-panel button").click()
    page.wait_for_selector("#verify-result")
    shot(page, "document-signed")
    assert "alert-success" in page.locator("#verify-result").get_attribute("class")
    assert page.locator("#draft-mark").count() == 0
    assert page.locator("#signature-panel button").count() == 0
    assert page.locator("#document-status .badge").inner_text().strip() != ""
