"""The chair opens a quorate session, records a show-of-hands vote that fails by one vote and
one that passes, reads the explanation, and cannot change a locked result."""

from __future__ import annotations

import pytest

from tests.browser.conftest import shot
from tests.browser.test_registry_browser import sign_in
from tests.voting.helpers import make_session

pytestmark = pytest.mark.browser


def record_hands(page, yes: int, no: int, plus: int = 0) -> None:
    page.fill("#m-hands-yes", str(yes))
    for _ in range(plus):
        page.click("#m-hands button.step[data-step='1'][data-for='m-hands-yes']")
    page.fill("#m-hands-no", str(no))
    page.click("#m-hands button.btn-record")
    page.locator("#result").wait_for()


def test_chair_runs_a_session_on_a_tablet(page, live_server, world, app):
    items = {"first": ("vote", None), "second": ("vote", None)}
    s = make_session(app, world, 27, present=26, status="planned", items=items)
    console = f"{live_server}/sessions/{s.meeting}"
    sign_in(page, live_server, "chair_a")
    page.click("a[href='/sessions/']")
    page.click(f"#sessions a[href='/sessions/{s.meeting}']")
    page.wait_for_url(console)

    last = page.locator(".roll-row").nth(26)
    last.locator("button.mark-present").click()
    page.locator("#present-count", has_text="27/27").wait_for()
    page.click("#open-session")
    page.locator("#meeting-status.status-open").wait_for()
    shot(page, "voting-console-open")

    record_hands(page, yes=13, no=14)  # 14 of 27 needed: fails by one vote
    assert page.inner_text("#outcome") == "KHÔNG THÔNG QUA"
    explanation = page.inner_text("#explanation")
    assert "Cần ít nhất 14/27 phiếu tán thành" in explanation
    assert "Điều 9 Điều lệ Đảng" in explanation
    assert page.locator("#locked").is_visible()
    assert page.locator("#m-hands").count() == 0  # locked: no form to change it
    shot(page, "voting-console-rejected")

    page.goto(f"{console}?item={s.items['second']}")
    record_hands(page, yes=13, no=13, plus=1)  # the + button: 14 yes
    assert page.inner_text("#outcome") == "THÔNG QUA"
    assert "Có 14 phiếu tán thành: THÔNG QUA" in page.inner_text("#explanation")

    page.goto(f"{console}?item={s.items['first']}")
    assert page.inner_text("#outcome") == "KHÔNG THÔNG QUA"  # still as recorded
    assert page.locator("#m-hands").count() == 0
    assert page.locator("#reopen").is_visible()  # the chair may reopen, with a reason

    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(f"{console}?item={s.items['second']}")
    shot(page, "voting-console-768")
    page.goto(f"{console}/projector")
    assert "THÔNG QUA" in page.inner_text("#projector-result")
    shot(page, "voting-projector")
