"""Demo meetings: Đồng Đăng's first sessions, planned from the standard agendas (the
Standing Committee's first meeting is already held: see documents/demo.py)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select

from governance.core.models import User
from governance.core.schemas import local_zone
from governance.extensions import db
from governance.meetings.models import Meeting
from governance.meetings.service import create_meeting
from governance.org.models import Body, Unit

ORDER = 20

PLANS = (  # body kind, template, days from now, hour, place
    ("party_executive", "first_party_executive", 5, 8, "Hội trường Đảng ủy xã"),
    ("people_council", "first_people_council", 24, 7, "Hội trường UBND xã"),
    ("people_committee", "first_people_committee", 26, 14, "Phòng họp UBND xã"),
)


def seed(context: dict) -> None:
    unit = db.session.scalar(select(Unit).where(Unit.code == "DONG-DANG"))
    clerk = db.session.scalar(select(User).where(User.username == "vanthu.dongdang"))
    if unit is None or clerk is None or db.session.scalar(select(Meeting.id).limit(1)):
        return
    bodies = {b.kind: b for b in db.session.scalars(select(Body).where(Body.unit_id == unit.id))}
    today = datetime.now(local_zone()).date()
    for kind, template, days, hour, place in PLANS:
        starts = datetime.combine(today + timedelta(days=days), time(hour), local_zone())
        create_meeting(
            {
                "body_id": bodies[kind].id,
                "template": template,
                "starts_at": starts,
                "location": place,
            },
            clerk,
        )
