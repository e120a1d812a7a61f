"""What the congress tells the oversight page and the reminder scheduler (INTERFACES C)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import event

from tests.congress.conftest import new_congress


def _statements(app, call):
    from governance.extensions import db

    seen = []

    def count(*_args, **_kwargs):
        seen.append(1)

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            result = call()
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    return result, len(seen)


def test_unit_progress_in_a_constant_number_of_statements(app, client, world):
    from governance.congress.progress import COLUMNS, unit_progress

    soon = date.today() + timedelta(days=20)
    congress = new_congress(client, world, opens_on=soon.isoformat())
    new_congress(client, world, opens_on=(soon - timedelta(days=400)).isoformat())  # older
    plan = client.get(
        f"/api/v1/congresses/{congress['id']}/milestones", headers=world.auth("clerk_a")
    ).get_json()
    client.patch(
        f"/api/v1/congresses/{congress['id']}/milestones/{plan[0]['id']}",
        json={"done_on": date.today().isoformat()},
        headers=world.auth("clerk_a"),
    )
    a, b = world.units["A"], world.units["B"]
    found, small = _statements(app, lambda: unit_progress([a, b]))
    _, large = _statements(app, lambda: unit_progress([a, b, *range(10_000, 12_000)]))
    assert small == large
    assert [key for key, _label in COLUMNS] == list(found[a])
    row = found[a]
    assert row["congress_opens_on"] == soon and row["congress_total"] == len(plan)
    assert row["congress_done"] == 1
    late = sum(1 for m in plan[1:] if date.fromisoformat(m["due_on"]) < date.today())
    assert row["congress_late"] == late and late >= 1
    assert found[b] == {
        "congress_opens_on": None,
        "congress_late": 0,
        "congress_done": 0,
        "congress_total": 0,
    }


def test_due_and_late_milestones_are_reminded_once_each(app, client, world):
    from governance.congress.reminders import due_reminders

    congress = new_congress(client, world, opens_on=(date.today() + timedelta(days=20)).isoformat())
    with app.app_context():
        reminders = due_reminders(datetime.now(UTC))
    keys = {r.key for r in reminders}
    assert len(keys) == len(reminders) and reminders
    late = [r for r in reminders if r.key.endswith(":late")]
    assert late and all(r.unit_id == world.units["A"] for r in reminders)
    assert all(r.roles == ("clerk",) and r.link == f"/congress/{congress['id']}" for r in late)
    assert "quá hạn" in late[0].subject
    with app.app_context():
        far = due_reminders(datetime(2000, 1, 1, tzinfo=UTC))
    assert far == []


def test_demo_congress_has_fifty_cells_and_150_delegates_convened(app):
    from governance.congress import delegates
    from governance.congress.models import Congress
    from governance.core.seeding import seed_all
    from governance.extensions import db

    with app.app_context():
        seed_all()
        congress = db.session.query(Congress).one()
        assert len(congress.cells) == 50 and congress.elected == 117
        assert sum(c.seats for c in congress.cells) == 117 and congress.to_decide == 0
        assert min(c.seats for c in congress.cells) >= 1
        assert len(delegates.convened(congress)) == 150 == congress.total_delegates
        assert delegates.credentials(congress).total == 150
