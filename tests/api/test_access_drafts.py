"""Drafts API: who may call each route, on a draft of commune A (see test_access.py)."""

from __future__ import annotations

import io

import pytest

from tests.api.test_access import ACTORS, READ, assert_access

KEEP = {a: 403 for a in ACTORS} | {"admin": "ok", "clerk_a": "ok"}
COMMENT = {a: 403 for a in ACTORS} | {
    a: "ok" for a in ("admin", "clerk_a", "chair_a", "secretary_a", "member_a")
}
CHANGE = "Điều 1. Phạm vi\nNội dung mới."

ROUTES = [
    ("GET", "/api/v1/bodies/{body}/drafts", {}, READ),
    (
        "POST",
        "/api/v1/bodies/{body}/drafts",
        {"json": {"type_code": "QC", "title": "Quy chế", "text": "Điều 1. Phạm vi"}},
        KEEP,
    ),
    ("GET", "/api/v1/drafts/{draft}", {}, READ),
    ("POST", "/api/v1/drafts/{draft}/versions", {"json": {"text": "Điều 1.", "based_on": 1}}, KEEP),
    ("GET", "/api/v1/drafts/{draft}/comments", {}, READ),
    (
        "POST",
        "/api/v1/drafts/{draft}/comments",
        {"json": {"version": 1, "text": "Ý kiến"}},
        COMMENT,
    ),
    (
        "POST",
        "/api/v1/drafts/{draft}/comments/{comment}/decision",
        {"json": {"decision": "declined", "reason": "Không phù hợp"}},
        KEEP,
    ),
    ("POST", "/api/v1/drafts/{draft}/next-version", {"json": {}}, KEEP),
    ("POST", "/api/v1/drafts/{draft}/review", {"json": {"until": "2099-01-01T17:00:00"}}, KEEP),
    ("POST", "/api/v1/drafts/{draft}/submit", {"json": {"agenda_item_id": "{item}"}}, KEEP),
    ("POST", "/api/v1/drafts/{draft}/withdraw", {"submitted": True}, KEEP),
    ("GET", "/api/v1/drafts/{draft}/docx", {}, READ),
    ("POST", "/api/v1/drafts/{draft}/docx", {"files": True}, KEEP),
]


def _setup(app, world, submitted: bool) -> dict:
    """A draft in review with an accepted change waiting, and a vote item to submit to."""
    from governance.drafts import review, service
    from governance.extensions import db
    from tests.drafts.conftest import in_review, new_draft, user
    from tests.voting.helpers import make_session

    item = make_session(app, world, 3, status="planned").item
    with app.app_context():
        draft = in_review(world, new_draft(world, "Điều 1. Phạm vi\nNội dung.\n"))
        change = review.add_comment(
            draft, {"version": 1, "article": "Điều 1.", "proposed": CHANGE}, user(world, "member_a")
        )
        review.handle_comment(change, "accepted", "", user(world, "clerk_a"))
        comment = review.add_comment(draft, {"version": 1, "text": "Ý"}, user(world, "member_a"))
        if submitted:
            service.submit(db.session.get(type(draft), draft.id), item, user(world, "clerk_a"))
        return {"draft": draft.id, "comment": comment.id, "item": item}


def _docx(app, draft_id: int) -> bytes:
    from governance.drafts import word
    from governance.drafts.models import Draft
    from governance.extensions import db

    with app.app_context():
        draft = db.session.get(Draft, draft_id)
        return word.export_docx(draft, draft.latest)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("method", "template", "kwargs", "expected"),
    ROUTES,
    ids=[f"{m} {p}" for m, p, _k, _e in ROUTES],
)
def test_draft_route_by_role_and_unit(
    app, client, world, method, template, kwargs, expected, actor
):
    ids = _setup(app, world, kwargs.get("submitted", False))
    path = template.format(body=world.bodies["A"], **ids)
    kwargs = {k: v for k, v in kwargs.items() if k != "submitted"}
    if kwargs.get("files"):
        kwargs = {
            "data": {"file": (io.BytesIO(_docx(app, ids["draft"])), "d.docx"), "based_on": "1"},
            "content_type": "multipart/form-data",
        }
    if kwargs.get("json", {}).get("agenda_item_id") == "{item}":
        kwargs = {"json": {"agenda_item_id": ids["item"]}}
    answer = client.open(path, method=method, headers=world.auth(actor), **kwargs)
    assert_access(answer, expected[actor])
