"""Issue 11, items 9 and 12: stale PATCHes refused with the current record; simultaneous
attendance updates and agenda changes (PostgreSQL: real concurrent transactions)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from tests.api.test_bad_input import _meeting


def _records(client, world) -> list[tuple[str, str, dict]]:
    meeting = _meeting(client, world)
    item = client.post(
        f"/api/v1/meetings/{meeting['id']}/agenda",
        headers=world.auth("clerk_a"),
        json={"title": "Mục 1"},
    ).get_json()
    return [
        ("/api/v1/units/A", "admin", {"name": "Xã An Mới"}),
        (f"/api/v1/bodies/{world.bodies['A']}", "clerk_a", {"name": "Ban Chấp hành mới"}),
        (f"/api/v1/members/{world.members['A']}", "clerk_a", {"position": "Phó Bí thư"}),
        (f"/api/v1/meetings/{meeting['id']}", "clerk_a", {"location": "Hội trường"}),
        (f"/api/v1/agenda/{item['id']}", "clerk_a", {"presenter": "Chủ tịch"}),
    ]


def test_every_patch_refuses_a_stale_if_match_with_the_current_record(client, world):
    for url, who, change in _records(client, world):
        headers = world.auth(who)
        read = client.get(url, headers=headers) if "agenda" not in url else None
        version = read.get_json()["version"] if read is not None else 1
        first = client.patch(url, headers=headers | {"If-Match": str(version)}, json=change)
        assert first.status_code == 200, (url, first.get_json())
        assert first.get_json()["version"] == version + 1
        stale = client.patch(url, headers=headers | {"If-Match": f'"{version}"'}, json=change)
        assert stale.status_code == 409, url
        error = stale.get_json()["error"]
        assert error["code"] == "conflict" and error["version"] == version + 1
        assert all(error["current"][key] == value for key, value in change.items()), url
        assert client.patch(url, headers=headers, json=change).status_code == 200  # no header
        bad = client.patch(url, headers=headers | {"If-Match": "yesterday"}, json=change)
        assert "If-Match" in bad.get_json()["error"]["fields"]


def _parallel(jobs, workers: int = 6) -> list:
    with ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(job) for job in jobs]
        return [f.result() for f in futures]


def test_simultaneous_attendance_updates_for_one_member(app, client, world):
    meeting = _meeting(client, world)
    url = f"/api/v1/meetings/{meeting['id']}/attendance"
    headers = world.auth("clerk_a")

    def mark(status: str):
        def job() -> int:
            record = {"member_id": world.members["A"], "status": status}
            try:
                return (
                    app.test_client()
                    .put(url, headers=headers, json={"records": [record]})
                    .status_code
                )
            except Exception as error:  # what would have been a 500
                return repr(error)

        return job

    statuses = ["present", "absent", "absent_excused"] * 10
    assert _parallel([mark(s) for s in statuses]) == [200] * len(statuses)
    from governance.extensions import db
    from governance.meetings.models import Attendance

    with app.app_context():
        assert db.session.scalar(select(func.count(Attendance.id))) == 1


@pytest.mark.parametrize("rounds", [8])
def test_adding_items_while_reordering_keeps_positions_distinct(app, client, world, rounds):
    meeting = _meeting(client, world)
    base = f"/api/v1/meetings/{meeting['id']}"
    headers = world.auth("clerk_a")
    for i in range(3):
        client.post(f"{base}/agenda", headers=headers, json={"title": f"Mục {i}"})

    def add(i: int):
        def job():
            return (
                app.test_client()
                .post(f"{base}/agenda", headers=headers, json={"title": f"Thêm {i}"})
                .status_code
            )

        return job

    def reorder():
        tester = app.test_client()
        ids = [item["id"] for item in tester.get(base, headers=headers).get_json()["agenda"]]
        return tester.put(
            f"{base}/agenda/order", headers=headers, json={"item_ids": ids[::-1]}
        ).status_code

    jobs = [job for i in range(rounds) for job in (add(i), reorder)]
    answers = _parallel(jobs)
    assert all(code in (200, 201, 422) for code in answers), answers
    agenda = client.get(base, headers=headers).get_json()["agenda"]
    positions = [item["position"] for item in agenda]
    assert len(agenda) == 3 + rounds
    assert sorted(positions) == list(range(len(agenda)))
