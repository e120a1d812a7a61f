"""Build a session in commune A straight in the database: a body of N members, a meeting,
its items and the roll. Shared by the voting API, concurrency and browser tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from governance.core.database import utcnow
from governance.extensions import db
from governance.meetings.models import AgendaItem, Attendance, Meeting
from governance.org.models import Body, Member


@dataclass
class Session:
    meeting: int
    items: dict[str, int]
    members: list[int]
    body: int
    present: list[int] = field(default_factory=list)

    @property
    def item(self) -> int:
        return next(iter(self.items.values()))


def make_session(
    app,
    world,
    members: int,
    *,
    kind: str = "party_executive",
    present: int | None = None,
    excused: int = 0,
    status: str = "open",
    items: dict[str, tuple[str, str | None]] | None = None,
    unit: str = "A",
) -> Session:
    """`items`: {key: (kind, majority)}; default one vote item, more than half."""
    items = items or {"vote": ("vote", None)}
    present = members - excused if present is None else present
    with app.app_context():
        body = Body(
            unit_id=world.units[unit],
            kind=kind,
            name=f"{kind} {members}",
            term="2025–2030",
            seats=members,
        )
        people = [
            Member(body=body, full_name=f"Đại biểu {i + 1:03d}", gender="male")
            for i in range(members)
        ]
        meeting = Meeting(
            body=body,
            title="Kỳ họp thứ nhất",
            kind="first",
            starts_at=utcnow() + timedelta(days=1),
            status=status,
        )
        rows = {
            key: AgendaItem(
                meeting=meeting, position=i, title=f"Biểu quyết {key}", kind=k, majority=majority
            )
            for i, (key, (k, majority)) in enumerate(items.items())
        }
        db.session.add_all([body, meeting, *people, *rows.values()])
        db.session.flush()
        for i, person in enumerate(people):
            state = (
                "present"
                if i < present
                else "absent_excused"
                if i < present + excused
                else "absent"
            )
            db.session.add(Attendance(meeting=meeting, member_id=person.id, status=state))
        db.session.commit()
        ids = [p.id for p in people]
        return Session(meeting.id, {k: v.id for k, v in rows.items()}, ids, body.id, ids[:present])
