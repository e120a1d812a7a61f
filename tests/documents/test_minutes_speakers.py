"""The minutes list who took the floor on each item, in speaking order (issue 12)."""

from __future__ import annotations

import datetime

from tests.documents.record import council_session
from tests.documents.test_content import draft, fetch, texts


def _spoke(app, s, item_key: str, members: list[int], minute: int) -> None:
    """Speakers done on an item, straight in the database, `members` in speaking order."""
    from governance.extensions import db
    from governance.voting.live_models import Speaker

    start = datetime.datetime(2026, 7, 1, 1, minute, tzinfo=datetime.UTC)
    with app.app_context():
        for step, member_id in enumerate(members):
            db.session.add(
                Speaker(
                    agenda_item_id=s.items[item_key],
                    meeting_id=s.meeting,
                    member_id=member_id,
                    status="done",
                    started_at=start + datetime.timedelta(minutes=step * 3),
                    seconds=150,
                )
            )
        db.session.commit()


def _names(app, ids: list[int]) -> list[str]:
    from governance.extensions import db
    from governance.org.models import Member

    with app.app_context():
        return [db.session.get(Member, i).full_name for i in ids]


def test_minutes_name_the_speakers_under_each_item(client, world, app):
    s = council_session(client, world, app)
    organs = [s.members[5], s.members[3], s.members[5]]  # one of them spoke twice
    _spoke(app, s, "organs", organs, minute=30)
    _spoke(app, s, "programme", [s.members[7]], minute=5)
    made = draft(client, world, f"/api/v1/meetings/{s.meeting}/minutes", who="secretary_a")
    document, _answer = fetch(client, world, made["id"])
    lines = texts(document)
    first, second, _again = _names(app, organs)
    (programme_speaker,) = _names(app, [s.members[7]])
    said = [line for line in lines if line.startswith("Ý kiến phát biểu: ")]
    assert said == [
        f"Ý kiến phát biểu: {programme_speaker}.",
        f"Ý kiến phát biểu: {first}, {second}.",
    ]
    # Each line sits under its own item: after the item's heading, before the next heading.
    programme_at = max(i for i, t in enumerate(lines) if t.endswith(_title(app, s, "programme")))
    organs_at = max(i for i, t in enumerate(lines) if t.endswith(_title(app, s, "organs")))
    assert programme_at < lines.index(said[0]) < organs_at < lines.index(said[1])


def test_minutes_without_speakers_have_no_empty_line(client, world, app):
    s = council_session(client, world, app)
    made = draft(client, world, f"/api/v1/meetings/{s.meeting}/minutes", who="secretary_a")
    document, _answer = fetch(client, world, made["id"])
    assert not [t for t in texts(document) if t.startswith("Ý kiến phát biểu")]


def _title(app, s, key: str) -> str:
    from governance.extensions import db
    from governance.meetings.models import AgendaItem

    with app.app_context():
        return db.session.get(AgendaItem, s.items[key]).title
