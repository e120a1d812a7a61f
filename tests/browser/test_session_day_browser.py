"""The session day in Chromium: members vote from their own signed-in sessions and the
projector (another browser context) follows without a reload; the console warns before
closing a poll with missing ballots; a member asks to speak and the projector shows the
speaker with a running timer. Screenshots of the four screens at three sizes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.conftest import shot
from tests.browser.test_registry_browser import sign_in
from tests.sessionday.conftest import link_accounts
from tests.voting.helpers import make_session

pytestmark = pytest.mark.browser

SIZES = {"1280": (1280, 800), "1024": (1024, 768), "390": (390, 844)}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _context(browser, width=1024, height=768):
    return browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")


def _signed_in(browser, live_server, username, width=1024, height=768):
    context = _context(browser, width, height)
    page = context.new_page()
    sign_in(page, live_server, username)
    return context, page


def _session(app, world):
    s = make_session(
        app, world, 5, present=4, items={"a": ("vote", None), "b": ("discussion", None)}
    )
    link_accounts(app, world, s, 5)
    return s


def test_members_vote_and_the_projector_follows_without_reload(browser, live_server, app, world):
    s = _session(app, world)
    chair_ctx, chair = _signed_in(browser, live_server, "chair_a")
    proj_ctx, projector = _signed_in(browser, live_server, "secretary_a", 1280, 800)
    projector.goto(f"{live_server}/sessions/{s.meeting}/projector")
    projector.evaluate("window.__notReloaded = true")
    assert "Biểu quyết a" in projector.inner_text("#projector-item")
    _transport(projector, "sse")  # told by the server (server-sent events), not polling

    chair.goto(f"{live_server}/sessions/{s.meeting}")
    chair.click("button[data-bs-target='#m-devices']")
    chair.click("#m-devices form:first-of-type button")  # a named device vote
    chair.locator("#tally").wait_for()
    projector.locator("#projector-voted", has_text="0").wait_for()

    members = [_signed_in(browser, live_server, f"m{i}", 390, 844) for i in (1, 2, 3)]
    for i, (_ctx, member) in enumerate(members, start=1):
        member.goto(f"{live_server}/sessions/{s.meeting}/me")
        member.click("#vote-yes")
        member.locator("#my-choice").wait_for()
        projector.locator("#projector-voted", has_text=str(i)).wait_for()
    assert "Tán thành" in members[0][1].inner_text("#my-choice")

    # (c) One present member has not voted: the console names them and asks first.
    chair.locator("#not-voted", has_text="Đại biểu 004").wait_for()
    questions = []

    def dismiss(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    chair.once("dialog", dismiss)
    chair.click("#close-poll button")
    chair.wait_for_timeout(300)
    assert questions and "Đại biểu 004" in questions[0] and "chưa biểu quyết" in questions[0]
    assert chair.locator("#tally").is_visible()  # still open: nothing recorded
    chair.once("dialog", lambda dialog: dialog.accept())
    chair.click("#close-poll button")
    chair.locator("#result").wait_for()

    projector.locator("#projector-result").wait_for()
    assert "THÔNG QUA" in projector.inner_text("#projector-result")
    assert "Cần ít nhất 3/5 phiếu tán thành" in projector.inner_text("#projector-explanation")
    assert projector.evaluate("window.__notReloaded") is True  # followed without a reload
    shot(projector, "sessionday-projector-result")
    for ctx in (chair_ctx, proj_ctx, *(c for c, _p in members)):
        ctx.close()


def _transport(page, how: str) -> None:
    page.locator(f"#live-root[data-live-transport='{how}']").wait_for(state="attached")


def test_without_a_stream_the_projector_follows_by_polling(
    browser, live_server, app, world, monkeypatch
):
    """No EventSource in the browser; then the server's streams turned off (it answers 503):
    both projectors poll, and follow the chair all the same."""
    s = _session(app, world)
    chair_ctx, chair = _signed_in(browser, live_server, "chair_a")
    old_ctx, old = _signed_in(browser, live_server, "secretary_a", 1280, 800)
    old.add_init_script("delete window.EventSource")
    old.goto(f"{live_server}/sessions/{s.meeting}/projector")
    _transport(old, "poll")
    monkeypatch.setitem(app.config, "LIVE_STREAMS_PER_PROCESS", 0)
    refused_ctx, refused = _signed_in(browser, live_server, "clerk_a", 1280, 800)
    refused.goto(f"{live_server}/sessions/{s.meeting}/projector")
    _transport(refused, "poll")
    for projector in (old, refused):
        projector.evaluate("window.__notReloaded = true")

    chair.goto(f"{live_server}/sessions/{s.meeting}")
    chair.click("button[data-bs-target='#m-devices']")
    chair.click("#m-devices form:first-of-type button")  # a named device vote
    chair.locator("#tally").wait_for()
    for projector in (old, refused):
        projector.locator("#projector-voted", has_text="0").wait_for()
        assert projector.evaluate("window.__notReloaded") is True
        assert projector.get_attribute("#live-root", "data-live-transport") == "poll"
    for ctx in (chair_ctx, old_ctx, refused_ctx):
        ctx.close()


def test_a_member_asks_to_speak_and_the_projector_shows_the_timer(browser, live_server, app, world):
    s = _session(app, world)
    member_ctx, member = _signed_in(browser, live_server, "m2", 390, 844)
    chair_ctx, chair = _signed_in(browser, live_server, "chair_a")
    proj_ctx, projector = _signed_in(browser, live_server, "secretary_a", 1280, 800)
    chair.goto(f"{live_server}/sessions/{s.meeting}")
    projector.goto(f"{live_server}/sessions/{s.meeting}/projector")
    projector.evaluate("window.__notReloaded = true")

    member.goto(f"{live_server}/sessions/{s.meeting}/me")
    member.click("#ask-to-speak")
    member.locator("#my-request").wait_for()
    chair.locator("#speakers-list .speaker-waiting", has_text="Đại biểu 002").wait_for()
    chair.click("#speakers-list .speaker-waiting .speaker-start")
    chair.locator("#speakers-list .speaker-speaking", has_text="Đại biểu 002").wait_for()

    projector.locator("#projector-speaker", has_text="Đại biểu 002").wait_for()
    first = projector.inner_text("#projector-timer")
    projector.wait_for_function(  # it ticks, client-side, without asking the server
        "first => document.querySelector('#projector-timer').textContent > first",
        arg=first,
        timeout=15000,
    )
    member.locator("#my-request", has_text="phát biểu").wait_for()
    assert projector.evaluate("window.__notReloaded") is True
    shot(projector, "sessionday-projector-speaker")

    chair.click("#speakers-list .speaker-speaking .speaker-stop")
    chair.locator("#speakers-list .speaker-done").wait_for()
    projector.locator("#projector-speaker").wait_for(state="detached")
    for ctx in (member_ctx, chair_ctx, proj_ctx):
        ctx.close()


def test_screens_at_three_sizes(browser, live_server, app, world):
    """Console, projector, a member's ballot, the speakers' list: 1280×800, 1024×768, 390×844.
    With SESSIONDAY_SHOTS=1 they are written to docs/screenshots/ (committed)."""
    s = _session(app, world)
    chair_ctx, chair = _signed_in(browser, live_server, "chair_a")
    chair.goto(f"{live_server}/sessions/{s.meeting}")
    for who in ("m1", "m3"):
        ctx, page = _signed_in(browser, live_server, who)
        page.goto(f"{live_server}/sessions/{s.meeting}/me")
        page.click("#ask-to-speak")
        page.locator("#my-request").wait_for()
        ctx.close()
    chair.click("#speakers-list .speaker-waiting .speaker-start")
    chair.locator("#speakers-list .speaker-speaking").wait_for()
    chair.click("button[data-bs-target='#m-devices']")
    chair.click("#m-devices form:first-of-type button")
    chair.locator("#tally").wait_for()
    member_ctx, member = _signed_in(browser, live_server, "m2")
    member.goto(f"{live_server}/sessions/{s.meeting}/me")
    member.click("#vote-no")
    member.locator("#my-choice").wait_for()
    projector = chair_ctx.new_page()
    projector.goto(f"{live_server}/sessions/{s.meeting}/projector")
    projector.locator("#projector-voted", has_text="1").wait_for()
    keep = os.environ.get("SESSIONDAY_SHOTS") == "1"
    for size, (width, height) in SIZES.items():
        for name, page, target in (
            ("console", chair, None),
            ("projector", projector, None),
            ("ballot", member, None),
            ("speakers", chair, "#speakers"),
        ):
            page.set_viewport_size({"width": width, "height": height})
            page.mouse.move(0, 0)  # no hover colour on a button under the old pointer
            page.wait_for_timeout(150)
            if target:
                page.locator(target).scroll_into_view_if_needed()
            else:
                page.evaluate("window.scrollTo(0, 0)")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth > document.documentElement.clientWidth"
            )
            assert not overflow, f"{name} at {size} px scrolls sideways"
            if keep:
                DOCS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(DOCS / f"session-{name}-{size}.png"))
            else:
                shot(page, f"session-{name}-{size}")
    member_ctx.close()
    chair_ctx.close()


def test_the_attendance_counter_follows_the_boxes(browser, live_server, app, world):
    s = make_session(app, world, 6, present=3, status="planned")  # 4 of 6 needed
    ctx, page = _signed_in(browser, live_server, "clerk_a")
    page.goto(f"{live_server}/meetings/{s.meeting}/attendance")
    assert page.inner_text("#present-count") == "3"
    assert "Chưa đủ" in page.inner_text("#quorum-state")
    label = page.get_attribute(f"#s-{s.members[3]}-absent_excused", "aria-label")
    assert label == "Đại biểu 004: Vắng có lý do"  # words, not a code
    page.check(f"#s-{s.members[3]}-present")
    assert page.inner_text("#present-count") == "4"  # before anything is saved
    assert "Đủ điều kiện" in page.inner_text("#quorum-state")
    page.check(f"#s-{s.members[0]}-absent")
    assert page.inner_text("#present-count") == "3"
    ctx.close()
