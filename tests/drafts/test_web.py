"""Draft pages: create from a starter, edit with a stale save kept, comment, decide,
compare, the checklist; every form carries CSRF."""

from __future__ import annotations

import re

from tests.conftest import csrf_from, web_login
from tests.drafts.conftest import TEXT, in_review, new_draft


def _draft_id(answer) -> int:
    return int(re.search(r"/drafts/(\d+)$", answer.headers["Location"])[1])


def test_clerk_creates_from_the_starter_text(client, world):
    web_login(client, "clerk_a")
    page = client.get("/drafts/units/A/new?starter=regulation_executive").get_data(as_text=True)
    answer = client.post(
        "/drafts/units/A/new",
        data={
            "csrf_token": csrf_from(page),
            "body_id": world.bodies["A"],
            "starter": "regulation_executive",
            "type_code": "QC",
            "title": "",
            "text": "",
        },
    )
    assert answer.status_code == 302
    html = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Dự thảo khung – điểm khởi đầu" in html
    assert "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng" in html
    assert "Chương I" in html


def test_blank_draft_needs_a_title_and_keeps_the_text(client, world):
    web_login(client, "clerk_a")
    page = client.get("/drafts/units/A/new").get_data(as_text=True)
    answer = client.post(
        "/drafts/units/A/new",
        data={
            "csrf_token": csrf_from(page),
            "body_id": world.bodies["A"],
            "starter": "",
            "type_code": "QC",
            "title": "",
            "text": "Điều 1. Văn bản đã gõ",
        },
    )
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "Điều 1. Văn bản đã gõ" in html
    assert "is-invalid" in html


def test_stale_save_shows_both_texts_and_keeps_mine(app, client, world):
    with app.app_context():
        draft_id = new_draft(world).id
    web_login(client, "clerk_a")
    page = client.get(f"/drafts/{draft_id}/edit").get_data(as_text=True)
    token = csrf_from(page)
    first = client.post(
        f"/drafts/{draft_id}/edit",
        data={"csrf_token": token, "based_on": "1", "text": TEXT + "Điều 3. Của người khác\n"},
    )
    assert first.status_code == 302
    mine = TEXT + "Điều 3. Của tôi\n"
    second = client.post(
        f"/drafts/{draft_id}/edit", data={"csrf_token": token, "based_on": "1", "text": mine}
    )
    html = second.get_data(as_text=True)
    assert second.status_code == 200
    assert "Điều 3. Của người khác" in html and "Điều 3. Của tôi" in html
    assert 'name="based_on" type="hidden" value="2"' in html


def test_member_comments_on_an_article_and_clerk_decides(app, client, world):
    with app.app_context():
        draft_id = in_review(world, new_draft(world)).id
    web_login(client, "member_a")
    page = client.get(f"/drafts/{draft_id}?article=Điều 2.").get_data(as_text=True)
    assert "1. Tập trung dân chủ." in page  # the article's text is offered for editing
    answer = client.post(
        f"/drafts/{draft_id}/comments",
        data={
            "csrf_token": csrf_from(page),
            "version": "1",
            "article": "Điều 2.",
            "text": "Thêm nguyên tắc công khai.",
            "proposed": "Điều 2. Nguyên tắc làm việc\n1. Tập trung dân chủ, công khai.",
        },
    )
    assert answer.status_code == 302
    client.post("/logout", data={"csrf_token": csrf_from(page)})
    web_login(client, "clerk_a")
    page = client.get(f"/drafts/{draft_id}").get_data(as_text=True)
    comment_id = re.search(r'data-comment="(\d+)"', page)[1]
    client.post(
        f"/drafts/{draft_id}/comments/{comment_id}/decision",
        data={"csrf_token": csrf_from(page), "decision": "accepted", "reason": ""},
    )
    page = client.get(f"/drafts/{draft_id}").get_data(as_text=True)
    assert 'id="next-version"' in page
    client.post(f"/drafts/{draft_id}/next-version", data={"csrf_token": csrf_from(page)})
    compare = client.get(f"/drafts/{draft_id}/compare?a=1&b=2&only=1").get_data(as_text=True)
    assert "Điều 1." not in compare.split("comparison")[1]  # unchanged articles left out
    assert 'data-key="Điều 2." data-state="changed"' in compare
    assert '<ins class="diff-ins">' in compare


def test_an_empty_comment_is_refused_on_the_page(app, client, world):
    with app.app_context():
        draft_id = in_review(world, new_draft(world)).id
    web_login(client, "member_a")
    page = client.get(f"/drafts/{draft_id}").get_data(as_text=True)
    answer = client.post(
        f"/drafts/{draft_id}/comments",
        data={"csrf_token": csrf_from(page), "version": "1", "article": "", "text": ""},
    )
    assert answer.status_code == 422 and "is-invalid" in answer.get_data(as_text=True)


def test_pages_render_for_readers(app, client, world):
    with app.app_context():
        draft_id = new_draft(world).id
    web_login(client, "inspector_p1")
    for path in (
        f"/drafts/{draft_id}",
        "/drafts/",
        "/drafts/units/A",
        "/drafts/checklist",
        f"/drafts/{draft_id}/compare",
        f"/drafts/{draft_id}/versions/1.docx",
        f"/drafts/{draft_id}/comments.docx",
    ):
        assert client.get(path).status_code == 200, path
    assert client.get(f"/drafts/{draft_id}/edit").status_code == 403


def test_home_lists_drafts_open_for_comments(app, client, world):
    with app.app_context():
        in_review(world, new_draft(world))
    web_login(client, "member_a")
    html = client.get("/").get_data(as_text=True)
    assert 'id="home-drafts"' in html and "Quy chế làm việc của Ban Chấp hành" in html
    client.get("/logout")
    web_login(client, "clerk_b")
    assert 'id="home-drafts"' not in client.get("/").get_data(as_text=True)
