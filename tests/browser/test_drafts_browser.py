"""A clerk drafts the Executive Committee's regulations from the starter text, a member
proposes a change to one article, the clerk takes it into version 2, the comparison shows
it, the session adopts the draft; and a stale save keeps what was typed."""

from __future__ import annotations

import io

import pytest
from docx import Document

from tests.browser.conftest import shot
from tests.browser.test_registry_browser import sign_in
from tests.drafts.conftest import new_draft, vote_on
from tests.voting.helpers import make_session

pytestmark = pytest.mark.browser
NEW_CLAUSE = "3. Ủy viên vắng mặt phải báo cáo lý do bằng văn bản."


def _new_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1400}, locale="vi-VN")
    return context.new_page()


def _adopt_in_browser(browser, page, live_server, app, world, client) -> tuple[int, int]:
    base = live_server
    session = make_session(app, world, 5)
    sign_in(page, base, "clerk_a")
    page.goto(f"{base}/drafts/units/A")
    page.click("#new-draft")
    page.select_option("#starter", "regulation_executive")
    page.select_option("#body_id", str(world.bodies["A"]))
    page.click("form button.btn-primary")
    assert "Dự thảo khung – điểm khởi đầu" in page.locator("#starter-mark").inner_text()
    draft_id = int(page.url.rstrip("/").split("/")[-1])
    page.click("#open-review")
    assert page.locator("#review-until").is_visible()

    member = _new_page(browser)
    sign_in(member, base, "member_a")
    member.goto(f"{base}/drafts/{draft_id}")
    member.click("section[data-key='Điều 6.'] a.propose")
    proposed = member.locator("#proposed")
    assert "Điều 6. Ủy viên Ban Chấp hành" in proposed.input_value()
    proposed.fill(proposed.input_value() + "\n" + NEW_CLAUSE)
    member.fill("#text", "Cần quy định việc báo cáo khi vắng mặt.")
    member.click("#send-comment")
    assert member.locator("#comment-list tr[data-state='open']").count() == 1
    member.context.close()

    page.reload()
    row = page.locator("#comment-list tr[data-state='open']")
    row.locator("select[name=decision]").select_option("accepted")
    row.locator("input[name=reason]").fill("Tiếp thu, bổ sung khoản 3.")
    row.locator("button").click()
    page.click("#next-version")
    assert page.locator("section[data-key='Điều 6.']").inner_text().count(NEW_CLAUSE) == 1
    page.click("#compare")
    changed = page.locator("#comparison tr[data-key='Điều 6.']")
    assert changed.get_attribute("data-state") == "changed"
    assert NEW_CLAUSE.split(" ", 1)[1] in changed.locator("ins").first.inner_text()
    shot(page, "draft-compare")

    page.goto(f"{base}/drafts/{draft_id}")
    page.select_option("#agenda_item_id", str(session.item))
    page.click("#submit-draft")
    assert page.locator("#draft-status [data-status]").get_attribute("data-status") == "submitted"
    assert vote_on(client, world, session.item, 5).status_code in (200, 201)  # in session
    page.reload()
    assert page.locator("#draft-status [data-status]").get_attribute("data-status") == "adopted"
    assert page.locator("#frozen").is_visible() and page.locator("#edit-text").count() == 0
    shot(page, "draft-adopted")
    return draft_id, session.item


def test_regulation_from_starter_to_adoption(browser, page, live_server, app, world, client):
    _adopt_in_browser(browser, page, live_server, app, world, client)


def test_issued_resolution_shows_the_adopted_article(
    browser, page, live_server, app, world, client
):
    _draft_id, item_id = _adopt_in_browser(browser, page, live_server, app, world, client)
    made = client.post(f"/api/v1/agenda/{item_id}/resolution", headers=world.auth("clerk_a"))
    assert made.status_code == 201, made.get_data(as_text=True)
    document_id = made.get_json()["id"]
    docx = client.get(f"/api/v1/documents/{document_id}/docx", headers=world.auth("clerk_a"))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.data)).paragraphs)
    assert NEW_CLAUSE in text


def test_a_stale_save_keeps_what_was_typed(browser, page, live_server, app, world):
    with app.app_context():
        draft_id = new_draft(world).id
    base = live_server
    sign_in(page, base, "clerk_a")
    other = _new_page(browser)
    sign_in(other, base, "clerk_a")
    page.goto(f"{base}/drafts/{draft_id}/edit")
    other.goto(f"{base}/drafts/{draft_id}/edit")
    other.fill("#text", other.locator("#text").input_value() + "Điều 3. Của đồng nghiệp\n")
    other.click("#save")
    other.context.close()

    mine = page.locator("#text").input_value() + "Điều 3. Của tôi, gõ rất lâu\n"
    page.fill("#text", mine)
    page.click("#save")
    assert page.locator("#newer").is_visible()
    assert "Điều 3. Của đồng nghiệp" in page.locator("#newer-text").input_value()
    assert page.locator("#text").input_value().strip() == mine.strip()  # nothing lost
    shot(page, "draft-stale-save")
    merged = mine + "Điều 4. Của đồng nghiệp (đã gộp)\n"
    page.fill("#text", merged)
    page.click("#save")
    assert page.url.endswith(f"/drafts/{draft_id}")
    assert "Điều 4. Của đồng nghiệp (đã gộp)" in page.locator(".draft-text").inner_text()
    assert "Phiên bản 3" in page.inner_text("#versions") or "Version 3" in page.inner_text(
        "#versions"
    )
