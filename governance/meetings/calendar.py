"""The unit's calendar by week and month, and an iCalendar feed per user."""

from __future__ import annotations

import calendar as stdlib_calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import current_app
from icalendar import Calendar, Event
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from governance.core.models import Role, User
from governance.core.schemas import local_zone
from governance.extensions import db
from governance.meetings.models import Meeting
from governance.meetings.service import list_meetings
from governance.org.models import Member

ORGANISERS = {Role.ADMIN, Role.CLERK, Role.CHAIR, Role.SECRETARY, Role.INSPECTOR}


@dataclass(frozen=True)
class Period:
    first: date
    last: date  # inclusive
    weeks: list[list[date]]


def period(view: str, around: date) -> Period:
    """A Monday-first week, or the whole weeks covering a month."""
    if view == "week":
        monday = around - timedelta(days=around.weekday())
        days = [monday + timedelta(days=i) for i in range(7)]
        return Period(days[0], days[-1], [days])
    weeks = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(around.year, around.month)
    return Period(weeks[0][0], weeks[-1][-1], weeks)


def meetings_in(by: User, span: Period) -> dict[date, list[Meeting]]:
    zone = local_zone()
    start = datetime.combine(span.first, time.min, zone)
    end = datetime.combine(span.last + timedelta(days=1), time.min, zone)
    by_day: dict[date, list[Meeting]] = {}
    for meeting in list_meetings(by, start=start, end=end):
        by_day.setdefault(meeting.starts_at.astimezone(zone).date(), []).append(meeting)
    return by_day


# The feed: a calendar app cannot sign in, so the URL carries a signed, per-user token.


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="ics-feed")


def feed_token(user: User) -> str:
    return _serializer().dumps({"uid": user.id, "pw": user.password_hash[-16:]})


def user_for_feed(token: str) -> User | None:
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    user = db.session.get(User, data.get("uid", 0)) if isinstance(data, dict) else None
    if user is None or not user.active or user.password_hash[-16:] != data.get("pw"):
        return None
    return user


def invited_meetings(user: User) -> list[Meeting]:
    """Organisers see every meeting in their scope; a member, the meetings of the bodies
    they sit in, by the account's link to their member records (never by name)."""
    from governance.voting.people import member_ids

    meetings = list_meetings(user, start=datetime.now(local_zone()) - timedelta(days=90))
    if user.role in ORGANISERS:
        return list(meetings)
    ids = member_ids(user)
    bodies = (
        set(db.session.scalars(select(Member.body_id).where(Member.id.in_(ids)))) if ids else set()
    )
    return [m for m in meetings if m.body_id in bodies]


def ics(user: User, meetings: list[Meeting]) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Hoi nghi//governance//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Hội nghị – {user.full_name or user.username}")
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.id}@hoi-nghi")
        event.add("summary", meeting.title)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at or meeting.starts_at + timedelta(hours=2))
        event.add("location", meeting.location)
        event.add("description", f"{meeting.body.name}\n{meeting.status}")
        event.add("dtstamp", meeting.created_at)
        cal.add_component(event)
    return cal.to_ical()
