"""Who may call the meetings API, on their own unit and on another (see test_access.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.api.test_access import ACTORS, READ, assert_access

PREPARE = {"admin": "ok", "clerk_a": "ok"} | {
    a: 403
    for a in ("inspector_p1", "inspector_p2", "chair_a", "secretary_a", "member_a", "clerk_b")
}
AMEND = PREPARE | {"chair_a": "ok", "secretary_a": "ok"}  # the chair's table amends in session
ROLL = AMEND  # office at the door, or the chair's table
RUN = {a: 403 for a in ACTORS} | {"admin": "ok", "chair_a": "ok", "secretary_a": "ok"}
START = (
    (datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")) + timedelta(days=9))
    .replace(microsecond=0)
    .isoformat()
)

ROUTES = [
    ("GET", "/api/v1/meetings", {}, {a: 200 for a in ACTORS}),
    (
        "POST",
        "/api/v1/meetings",
        {"json": {"body_id": "{body}", "title": "Họp", "starts_at": START}},
        PREPARE,
    ),
    ("GET", "/api/v1/meetings/{meeting}", {}, READ),
    ("PATCH", "/api/v1/meetings/{meeting}", {"json": {"location": "Phòng 2"}}, PREPARE),
    ("DELETE", "/api/v1/meetings/{meeting}", {}, PREPARE),
    ("POST", "/api/v1/meetings/{meeting}/open", {}, RUN),
    ("POST", "/api/v1/meetings/{meeting}/close", {"_status": "open"}, RUN),
    ("POST", "/api/v1/meetings/{meeting}/agenda", {"json": {"title": "Mục mới"}}, AMEND),
    ("PUT", "/api/v1/meetings/{meeting}/agenda/order", {"json": {"item_ids": ["{item}"]}}, AMEND),
    ("PATCH", "/api/v1/agenda/{item}", {"json": {"duration_minutes": 20}}, AMEND),
    ("DELETE", "/api/v1/agenda/{item}", {}, AMEND),
    ("GET", "/api/v1/meetings/{meeting}/attendance", {}, READ),
    (
        "PUT",
        "/api/v1/meetings/{meeting}/attendance",
        {"json": {"records": [{"member_id": "{member}", "status": "present"}]}},
        ROLL,
    ),
]


@pytest.fixture
def meeting(app, world):
    from governance.extensions import db
    from governance.meetings.models import AgendaItem, Attendance, Meeting

    with app.app_context():
        meeting = Meeting(
            body_id=world.bodies["A"],
            title="Họp",
            kind="regular",
            starts_at=datetime.fromisoformat(START),
        )
        meeting.items.append(AgendaItem(title="Mục 1", position=0))
        meeting.attendance.append(Attendance(member_id=world.members["A"], status="present"))
        db.session.add(meeting)
        db.session.commit()
        return {"meeting": meeting.id, "item": meeting.items[0].id}


def _fill(value, ids):
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    return value


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("method", "template", "kwargs", "expected"),
    ROUTES,
    ids=[f"{m} {p}" for m, p, _k, _e in ROUTES],
)
def test_meeting_route_answers_by_role_and_unit(
    client, world, meeting, method, template, kwargs, expected, actor, app
):
    kwargs = dict(kwargs)
    if status := kwargs.pop("_status", None):  # the state the route needs to succeed
        from governance.extensions import db
        from governance.meetings.models import Meeting

        with app.app_context():
            db.session.get(Meeting, meeting["meeting"]).status = status
            db.session.commit()
    ids = meeting | {"body": world.bodies["A"], "member": world.members["A"]}
    answer = client.open(
        template.format(**ids), method=method, headers=world.auth(actor), **_fill(kwargs, ids)
    )
    assert_access(answer, expected[actor])
