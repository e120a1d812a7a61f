"""Drafts through the API: versions, stale saves, comments, handling, adoption, freezing."""

from __future__ import annotations

import json

import pytest

from tests.drafts.conftest import TEXT, vote_on
from tests.voting.helpers import make_session


def _create(client, world, **extra):
    body = {"type_code": "QC", "title": "Quy chế làm việc", "text": TEXT} | extra
    answer = client.post(
        f"/api/v1/bodies/{world.bodies['A']}/drafts", json=body, headers=world.auth("clerk_a")
    )
    assert answer.status_code == 201, answer.get_data(as_text=True)
    return answer.get_json()


def _post(client, world, path, body, who="clerk_a"):
    return client.post(f"/api/v1{path}", json=body, headers=world.auth(who))


def test_create_answers_draft_version_1(client, world):
    created = _create(client, world)
    assert created["status"] == "draft" and created["version"] == 1
    detail = client.get(
        f"/api/v1/drafts/{created['id']}", headers=world.auth("member_a")
    ).get_json()
    assert detail["versions"][0]["text"] == TEXT
    assert detail["versions"][0]["author"] == "clerk_a"
    assert detail["versions"][0]["created_at"].endswith("+07:00")
    assert detail["comments"] == []


def test_create_from_a_starter_text(client, world):
    created = _create(client, world, starter="regulation_executive", title="", text="")
    detail = client.get(f"/api/v1/drafts/{created['id']}", headers=world.auth("clerk_a")).get_json()
    assert detail["paper"] == "regulation_executive"
    assert detail["title"].startswith("Quy chế làm việc của Ban Chấp hành Đảng bộ xã An")
    assert "Dự thảo khung – điểm khởi đầu" in detail["versions"][0]["note"]
    assert "Điều 1. Phạm vi điều chỉnh" in detail["versions"][0]["text"]


def test_versions_and_stale_save(client, world):
    draft = _create(client, world)
    path = f"/drafts/{draft['id']}/versions"
    second = _post(client, world, path, {"text": TEXT + "Điều 3. Mới\n", "based_on": 1})
    assert second.status_code == 201 and second.get_json()["version"] == 2
    stale = _post(client, world, path, {"text": "Văn bản của tôi", "based_on": 1})
    assert stale.status_code == 409
    error = stale.get_json()["error"]
    assert error["code"] == "conflict"
    assert error["latest"]["version"] == 2 and "Điều 3. Mới" in error["latest"]["text"]
    detail = client.get(f"/api/v1/drafts/{draft['id']}", headers=world.auth("clerk_a")).get_json()
    assert [v["version"] for v in detail["versions"]] == [1, 2]  # nothing overwritten


def test_bad_input_is_422_not_500(client, world):
    draft = _create(client, world)
    for body in ({"text": "x", "based_on": "one"}, {"text": "", "based_on": 1}, {}):
        answer = _post(client, world, f"/drafts/{draft['id']}/versions", body)
        assert answer.status_code == 422, body
    answer = _post(client, world, f"/bodies/{world.bodies['A']}/drafts", {"type_code": "XX"})
    assert answer.status_code == 422
    page = client.get(
        f"/api/v1/bodies/{world.bodies['A']}/drafts?page=0", headers=world.auth("clerk_a")
    )
    assert page.status_code == 422


def test_lists_are_paginated(client, world):
    for _ in range(3):
        _create(client, world)
    answer = client.get(
        f"/api/v1/bodies/{world.bodies['A']}/drafts?page=1&page_size=2",
        headers=world.auth("member_a"),
    )
    assert answer.status_code == 200 and len(answer.get_json()) == 2
    assert json.loads(answer.headers["X-Pagination"])["total"] == 3
    too_big = client.get(
        f"/api/v1/bodies/{world.bodies['A']}/drafts?page_size=501", headers=world.auth("clerk_a")
    )
    assert too_big.status_code == 422


def test_comments_need_an_open_review(client, world):
    draft = _create(client, world)
    comment = {"version": 1, "text": "Đề nghị làm rõ."}
    closed = _post(client, world, f"/drafts/{draft['id']}/comments", comment, "member_a")
    assert closed.status_code == 409
    _post(client, world, f"/drafts/{draft['id']}/review", {"until": "2099-01-01T17:00:00"})
    made = _post(client, world, f"/drafts/{draft['id']}/comments", comment, "member_a")
    assert made.status_code == 201 and made.get_json()["state"] == "open"
    bad = _post(
        client,
        world,
        f"/drafts/{draft['id']}/comments",
        {"version": 1, "article": "Điều 9."},
        "member_a",
    )
    assert bad.status_code == 422


def test_change_recommendation_accepted_goes_into_the_next_version(client, world):
    draft = _create(client, world)
    base = f"/drafts/{draft['id']}"
    _post(client, world, f"{base}/review", {"until": "2099-01-01T17:00:00"})
    change = {
        "version": 1,
        "article": "Điều 1.",
        "text": "Nêu rõ đối tượng áp dụng.",
        "proposed": "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng\n"
        "Quy chế này áp dụng cho mọi ủy viên.",
    }
    made = _post(client, world, f"{base}/comments", change, "member_a").get_json()
    other = _post(
        client, world, f"{base}/comments", {"version": 1, "text": "Bỏ Điều 2."}, "chair_a"
    )
    other = other.get_json()
    refused = _post(
        client, world, f"{base}/comments/{other['id']}/decision", {"decision": "declined"}
    )
    assert refused.status_code == 422  # a declined comment must say why
    declined = _post(
        client,
        world,
        f"{base}/comments/{other['id']}/decision",
        {"decision": "declined", "reason": "Điều 2 là nguyên tắc bắt buộc."},
    )
    assert declined.get_json()["state"] == "declined"
    member_tries = _post(
        client,
        world,
        f"{base}/comments/{made['id']}/decision",
        {"decision": "accepted"},
        "member_a",
    )
    assert member_tries.status_code == 403
    accepted = _post(
        client, world, f"{base}/comments/{made['id']}/decision", {"decision": "accepted"}
    )
    assert accepted.get_json()["state"] == "accepted"
    version = _post(client, world, f"{base}/next-version", {})
    assert version.status_code == 201
    text = version.get_json()["text"]
    assert "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng" in text
    assert "Quy chế này áp dụng cho mọi ủy viên." in text
    assert "Điều 2. Nguyên tắc làm việc" in text and "a) Bí thư chịu trách nhiệm chung." in text
    assert version.get_json()["version"] == 2 and "Điều 1." in version.get_json()["note"]
    again = _post(client, world, f"{base}/next-version", {})
    assert again.status_code == 409  # nothing left to take in
    detail = client.get(f"/api/v1{base}", headers=world.auth("clerk_a")).get_json()
    assert {c["id"]: c["applied_in"] for c in detail["comments"]} == {
        made["id"]: 2,
        other["id"]: None,
    }


@pytest.mark.parametrize(("yes", "status"), [(5, "adopted"), (2, "returned")])
def test_the_vote_adopts_or_returns_the_draft(app, client, world, yes, status):
    session = make_session(app, world, 5)
    draft = _create(client, world)
    base = f"/drafts/{draft['id']}"
    submitted = _post(client, world, f"{base}/submit", {"agenda_item_id": session.item})
    assert submitted.status_code == 200 and submitted.get_json()["status"] == "submitted"
    blocked = _post(client, world, f"{base}/versions", {"text": "x", "based_on": 1})
    assert blocked.status_code == 409  # withdraw first
    assert vote_on(client, world, session.item, yes, 5 - yes).status_code in (200, 201)
    detail = client.get(f"/api/v1{base}", headers=world.auth("member_a")).get_json()
    assert detail["status"] == status
    if status == "returned":  # a returned draft is revised and becomes a draft again
        revised = _post(
            client, world, f"{base}/versions", {"text": TEXT + "Điều 3. Mới\n", "based_on": 1}
        )
        assert revised.status_code == 201
        again = client.get(f"/api/v1{base}", headers=world.auth("clerk_a")).get_json()
        assert again["status"] == "draft" and again["agenda_item_id"] is None


def test_adopted_text_is_frozen_and_a_reopened_vote_unfreezes_it(app, client, world):
    session = make_session(app, world, 5)
    draft = _create(client, world)
    base = f"/drafts/{draft['id']}"
    _post(client, world, f"{base}/submit", {"agenda_item_id": session.item})
    vote_on(client, world, session.item, 5)
    for path, body in (
        ("versions", {"text": "Sửa", "based_on": 1}),
        ("review", {"until": "2099-01-01T17:00:00"}),
        ("comments", {"version": 1, "text": "Muộn"}),
        ("withdraw", None),
        ("submit", {"agenda_item_id": session.item}),
    ):
        answer = _post(client, world, f"{base}/{path}", body)
        assert answer.status_code == 409, path
    reopen = client.post(
        f"/api/v1/agenda/{session.item}/votes/reopen",
        json={"reason": "Nhầm số liệu"},
        headers=world.auth("chair_a"),
    )
    assert reopen.status_code == 200, reopen.get_data(as_text=True)
    assert (
        client.get(f"/api/v1{base}", headers=world.auth("clerk_a")).get_json()["status"]
        == "submitted"
    )


def test_submit_checks_the_item(app, client, world):
    session = make_session(app, world, 5)
    first, second = _create(client, world), _create(client, world)
    _post(client, world, f"/drafts/{first['id']}/submit", {"agenda_item_id": session.item})
    taken = _post(client, world, f"/drafts/{second['id']}/submit", {"agenda_item_id": session.item})
    assert taken.status_code == 409
    missing = _post(client, world, f"/drafts/{second['id']}/submit", {"agenda_item_id": 999999})
    assert missing.status_code == 422


def test_two_saves_on_the_same_version_cannot_both_win(app, world):
    """The database backs the check: (draft, number) is UNIQUE. A save that read version 1
    just before another save committed version 2 gets 409 with that version 2."""
    from sqlalchemy import insert

    from governance.core.database import utcnow
    from governance.core.errors import Conflict
    from governance.drafts import service
    from governance.drafts.models import DraftVersion
    from governance.extensions import db
    from tests.drafts.conftest import new_draft, user

    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            pytest.skip("SQLite takes the write lock up front: two writers never overlap")
        draft = new_draft(world)
        assert draft.latest.number == 1  # this session has read version 1
        with db.engine.begin() as other:  # meanwhile another request saves version 2
            other.execute(
                insert(DraftVersion).values(
                    draft_id=draft.id,
                    number=2,
                    text="Của người khác\n",
                    note="",
                    source="web",
                    author="chair_a",
                    created_at=utcnow(),
                )
            )
        with pytest.raises(Conflict) as refused:
            service.add_version(draft, "Của tôi\n", 1, user(world, "clerk_a"))
        assert refused.value.extra["latest"]["text"] == "Của người khác\n"
        db.session.rollback()
        assert [v.number for v in service.get_draft(draft.id, user(world, "clerk_a")).versions] == [
            1,
            2,
        ]
