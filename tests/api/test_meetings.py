"""Meetings through the API: templates, agenda order, timetable, quorum, deadlines, bad input."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from governance.meetings.standard import agenda_templates

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def later(days: int = 10, hour: int = 8) -> str:
    day = datetime.now(ZONE).date() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=ZONE).isoformat()


def add_members(app, body_id: int, n: int) -> list[int]:
    from governance.extensions import db
    from governance.org.models import Member

    with app.app_context():
        members = [
            Member(body_id=body_id, full_name=f"Đại biểu {i}", gender="male") for i in range(n)
        ]
        db.session.add_all(members)
        db.session.commit()
        return [m.id for m in members]


def plan(client, world, template="first_party_executive", **extra):
    """A meeting of body A; a further first session is confirmed (the rule has its test)."""
    extra.setdefault("confirm_second_first", True)
    answer = client.post(
        "/api/v1/meetings",
        headers=world.auth("clerk_a"),
        json={
            "body_id": world.bodies["A"],
            "template": template,
            "starts_at": later(),
            "location": "Hội trường",
            **extra,
        },
    )
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


# Standard agendas ---------------------------------------------------------------------

EXPECTED_ITEMS = {
    "first_party_standing": [
        "Bố trí, phân công cán bộ lãnh đạo các phòng, ban chuyên môn",
        "nội dung kỳ họp thứ nhất Hội đồng nhân dân",
    ],
    "first_party_executive": [
        "Quy chế làm việc của Ban Chấp hành",
        "Quy chế làm việc của Ủy ban Kiểm tra",
        "6 tháng cuối năm 2025",
        "kiểm tra, giám sát",
    ],
    "first_people_council": [
        "Khai mạc",
        "Thông qua chương trình",
        "tư cách đại biểu",
        "Bí thư Đảng ủy",
        "Bầu Chủ tịch Hội đồng nhân dân",
        "Bầu Phó Chủ tịch",
        "Trưởng Ban",
        "thành lập các Ban",
        "cơ quan chuyên môn thuộc Ủy ban nhân dân",
        "Quy chế làm việc",
        "Bế mạc",
    ],
    "first_people_committee": ["cấp bách"],
    "first_front_committee": ["Quy chế làm việc của Ủy ban MTTQ"],
}


@pytest.mark.parametrize("key", sorted(EXPECTED_ITEMS))
def test_each_first_meeting_template_has_its_contents(key):
    template = agenda_templates()[key]
    titles = [item.title for item in template.items]
    positions = [next(i for i, t in enumerate(titles) if part in t) for part in EXPECTED_ITEMS[key]]
    assert positions == sorted(positions), "the contents come in the legal order"
    assert all(item.duration > 0 for item in template.items)


def test_people_council_first_session_elects_before_it_adopts_regulations():
    kinds = [i.kind for i in agenda_templates()["first_people_council"].items]
    assert kinds.count("election") == 4
    assert kinds.index("election") < max(i for i, k in enumerate(kinds) if k == "vote")


def test_a_meeting_from_a_template_gets_its_agenda_and_timetable(client, world):
    meeting = plan(client, world)
    template = agenda_templates()["first_party_executive"]
    assert meeting["title"] == template.title and meeting["kind"] == "first"
    assert [i["title"] for i in meeting["agenda"]] == [i.title for i in template.items]
    assert meeting["agenda"][0]["starts_at"] == later()
    first, second = meeting["agenda"][:2]
    assert first["ends_at"] == second["starts_at"]
    assert meeting["starts_at"].endswith("+07:00")
    assert meeting["status"] == "planned" and meeting["sequence"] == 1


def test_a_template_for_another_body_is_refused(client, world):
    answer = client.post(
        "/api/v1/meetings",
        headers=world.auth("clerk_a"),
        json={
            "body_id": world.bodies["A"],
            "template": "first_people_council",
            "starts_at": later(),
        },
    )
    assert answer.status_code == 422 and "template" in answer.get_json()["error"]["fields"]


# Agenda -------------------------------------------------------------------------------


def test_reorder_edit_and_timetable(client, world):
    meeting = plan(client, world)
    headers = world.auth("clerk_a")
    ids = [i["id"] for i in meeting["agenda"]]
    new_order = [ids[2], ids[0], ids[1], *ids[3:]]
    answer = client.put(
        f"/api/v1/meetings/{meeting['id']}/agenda/order",
        headers=headers,
        json={"item_ids": new_order},
    )
    assert answer.status_code == 200
    assert [i["id"] for i in answer.get_json()] == new_order
    client.patch(f"/api/v1/agenda/{ids[2]}", headers=headers, json={"duration_minutes": 90})
    detail = client.get(f"/api/v1/meetings/{meeting['id']}", headers=headers).get_json()
    assert [i["id"] for i in detail["agenda"]] == new_order
    start = datetime.fromisoformat(detail["agenda"][0]["starts_at"])
    assert datetime.fromisoformat(detail["agenda"][1]["starts_at"]) == start + timedelta(minutes=90)


def test_overrun_past_the_planned_end_is_reported(client, world):
    meeting = plan(client, world, ends_at=later(hour=9))
    total = sum(i.duration for i in agenda_templates()["first_party_executive"].items)
    assert meeting["overrun_minutes"] == total - 60


def test_items_can_be_added_while_open_but_not_after_close(client, world, app):
    meeting = plan(client, world)
    members = add_members(app, world.bodies["A"], 2)  # 3 members in all
    headers = world.auth("chair_a")
    client.put(
        f"/api/v1/meetings/{meeting['id']}/attendance",
        headers=headers,
        json={
            "records": [
                {"member_id": m, "status": "present"} for m in [world.members["A"], *members]
            ]
        },
    )
    assert client.post(f"/api/v1/meetings/{meeting['id']}/open", headers=headers).status_code == 200
    added = client.post(
        f"/api/v1/meetings/{meeting['id']}/agenda",
        headers=headers,
        json={"title": "Bổ sung chương trình", "kind": "vote", "majority": "more_than_half"},
    )
    assert added.status_code == 201 and added.get_json()["position"] == len(meeting["agenda"])
    assert (
        client.post(f"/api/v1/meetings/{meeting['id']}/close", headers=headers).status_code == 200
    )
    late = client.post(
        f"/api/v1/meetings/{meeting['id']}/agenda", headers=headers, json={"title": "Quá muộn"}
    )
    assert late.status_code == 409


def test_an_item_of_another_meeting_in_the_order_is_refused(client, world):
    one, other = plan(client, world), plan(client, world)
    ids = [i["id"] for i in one["agenda"]]
    foreign = other["agenda"][0]["id"]
    answer = client.put(
        f"/api/v1/meetings/{one['id']}/agenda/order",
        headers=world.auth("clerk_a"),
        json={"item_ids": [*ids[:-1], foreign]},
    )
    assert answer.status_code == 422
    assert str(foreign) in answer.get_json()["error"]["fields"]["item_ids"]
    missing = client.put(
        f"/api/v1/meetings/{one['id']}/agenda/order",
        headers=world.auth("clerk_a"),
        json={"item_ids": ids[:-1]},
    )
    assert missing.status_code == 422


# Attendance and quorum ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "present", "quorate"),
    [
        (30, 20, True),
        (30, 19, False),
        (31, 21, True),
        (31, 20, False),
        (27, 18, True),
        (27, 17, False),
    ],
)
def test_quorum_is_two_thirds_of_all_members(client, world, app, members, present, quorate):
    meeting = plan(client, world)
    ids = [world.members["A"], *add_members(app, world.bodies["A"], members - 1)]
    records = [
        {
            "member_id": m,
            "status": "present" if i < present else "absent_excused",
            "reason": "" if i < present else "Công tác",
        }
        for i, m in enumerate(ids)
    ]
    answer = client.put(
        f"/api/v1/meetings/{meeting['id']}/attendance",
        headers=world.auth("secretary_a"),
        json={"records": records},
    )
    assert answer.get_json() == {
        "total": members,
        "present": present,
        "absent_excused": members - present,
        "absent": 0,
        "unmarked": 0,
        "required": {30: 20, 31: 21, 27: 18}[members],
        "quorate": quorate,
    }
    opened = client.post(f"/api/v1/meetings/{meeting['id']}/open", headers=world.auth("chair_a"))
    assert opened.status_code == (200 if quorate else 409)
    if not quorate:
        message = opened.get_json()["error"]["message"]
        assert f"{present}" in message and f"{members}" in message


def test_a_member_of_another_body_in_the_attendance_is_refused(client, world):
    meeting = plan(client, world)
    answer = client.put(
        f"/api/v1/meetings/{meeting['id']}/attendance",
        headers=world.auth("chair_a"),
        json={
            "records": [
                {"member_id": world.members["A"], "status": "present"},
                {"member_id": world.members["B"], "status": "present"},
            ]
        },
    )
    assert answer.status_code == 422
    assert str(world.members["B"]) in answer.get_json()["error"]["fields"]["records"]
    count = client.get(
        f"/api/v1/meetings/{meeting['id']}/attendance", headers=world.auth("chair_a")
    ).get_json()
    assert count["present"] == 0  # nothing half-saved


# Bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"starts_at": "2020-01-01T08:00:00+07:00"}, "starts_at"),  # in the past
        ({"ends_at": "__before__"}, "ends_at"),  # end before start
        ({"starts_at": "next monday"}, "starts_at"),
        ({"kind": "secret"}, "kind"),
        ({"body_id": 999999}, "body_id"),
        ({"template": "no_such_agenda"}, "template"),
    ],
)
def test_bad_meetings_get_a_clear_422(client, world, change, field):
    payload = {"body_id": world.bodies["A"], "title": "Họp", "starts_at": later()} | change
    if payload.get("ends_at") == "__before__":
        payload["ends_at"] = later(hour=7)
    answer = client.post("/api/v1/meetings", headers=world.auth("clerk_a"), json=payload)
    assert answer.status_code == 422
    assert field in answer.get_json()["error"]["fields"]


def test_a_meeting_cannot_be_opened_twice_or_closed_unopened(client, world):
    meeting = plan(client, world)
    close = client.post(f"/api/v1/meetings/{meeting['id']}/close", headers=world.auth("chair_a"))
    assert close.status_code == 409


def test_dispatch_deadlines_follow_the_body_kind(client, world):
    meeting = plan(client, world)
    dispatch = meeting["dispatch"]
    assert dispatch["working_days"] is True and "(check)" in dispatch["basis"]
    assert dispatch["invitation"]["state"] in ("upcoming", "due")
    opens = datetime.fromisoformat(meeting["starts_at"]).date()
    from governance.rules import deadline

    assert dispatch["invitation"]["due"] == deadline(opens, 5, True).isoformat()


def test_a_second_first_session_is_refused_unless_confirmed(client, world):
    """The API keeps the web form's rule: one first session per body, or an explicit yes."""
    payload = {"body_id": world.bodies["A"], "kind": "first", "title": "Phiên đầu"}
    headers = world.auth("clerk_a")
    first = client.post("/api/v1/meetings", headers=headers, json=payload | {"starts_at": later()})
    assert first.status_code == 201
    again = client.post(
        "/api/v1/meetings", headers=headers, json=payload | {"starts_at": later(hour=14)}
    )
    assert again.status_code == 409
    error = again.get_json()["error"]
    assert "kind" in error["fields"] and "Phiên đầu" in error["message"]
    regular = client.post(
        "/api/v1/meetings",
        headers=headers,
        json=payload | {"kind": "regular", "starts_at": later(hour=14)},
    )
    assert regular.status_code == 201
    confirmed = client.post(
        "/api/v1/meetings",
        headers=headers,
        json=payload | {"starts_at": later(hour=15), "confirm_second_first": True},
    )
    assert confirmed.status_code == 201 and confirmed.get_json()["kind"] == "first"
