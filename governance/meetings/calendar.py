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
from governance.core.pagination import web_page
from governance.core.schemas import local_zone
from governance.extensions import db
from governance.meetings.models import Meeting
from governance.meetings.service import meeting_query
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


CALENDAR_MAX = 100  # meetings drawn in one period; beyond, the page asks for a unit


def meetings_in(
    by: User, span: Period, unit: str | None = None
) -> tuple[dict[date, list[Meeting]], int]:
    """The period's meetings by local day (at most CALENDAR_MAX), and how many there are."""
    zone = local_zone()
    start = datetime.combine(span.first, time.min, zone)
    end = datetime.combine(span.last + timedelta(days=1), time.min, zone)
    page = web_page(meeting_query(by, unit=unit, start=start, end=end), size=CALENDAR_MAX)
    by_day: dict[date, list[Meeting]] = {}
    for meeting in page.items:
        by_day.setdefault(meeting.starts_at.astimezone(zone).date(), []).append(meeting)
    return by_day, page.total


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


FEED_MAX = 500  # events in one feed: a calendar app needs the coming weeks, not years


def invited_meetings(user: User) -> list[Meeting]:
    """Organisers see every meeting in their scope; a member, the meetings of the bodies
    they sit in, by the account's link to their member records (never by name). The
    filter and the bound are the database's: a national feed stays a few hundred events."""
    from governance.org.people import member_ids

    query = meeting_query(user, start=datetime.now(local_zone()) - timedelta(days=90))
    if user.role not in ORGANISERS:
        sitting = select(Member.body_id).where(Member.id.in_(member_ids(user) or {-1}))
        query = query.where(Meeting.body_id.in_(sitting))
    return list(db.session.scalars(query.limit(FEED_MAX)))


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
