"""The next sessions in a user's scope: the meetings panel and the home page show them."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import g
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from governance.core.models import User
from governance.core.schemas import local_zone
from governance.extensions import db
from governance.meetings.models import Meeting, MeetingStatus
from governance.org.models import Body
from governance.org.scope import in_scope

LIST_LIMIT = 6


def since() -> datetime:
    """Sessions from two days ago on still count as coming up (minutes to finish)."""
    return datetime.now(local_zone()) - timedelta(days=2)


def sessions(user: User) -> list:
    """The next sessions of the user's scope, read once per request (the meetings panel
    and the page both show them)."""
    cached = g.get("home_sessions")
    if cached is None or cached[0] != user.id:
        g.home_sessions = cached = (user.id, _sessions(user))
    return cached[1]


def _sessions(user: User) -> list:
    """Sessions to run or prepare: open ones first, then the next planned, LIMITed."""
    query = (
        select(Meeting)
        .join(Body)
        .where(
            in_scope(Body.unit_id, user),
            Meeting.status != MeetingStatus.CLOSED,
            Meeting.starts_at >= since(),
        )
        .order_by(Meeting.status != MeetingStatus.OPEN, Meeting.starts_at)
        .limit(LIST_LIMIT)
        .options(selectinload(Meeting.body).selectinload(Body.unit))
    )
    return list(db.session.scalars(query).all())
