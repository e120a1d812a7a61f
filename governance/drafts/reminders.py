"""Reminders of drafts (oversight provider, INTERFACES C): the comment deadline is near
(to the unit's members), and it has passed with comments not yet handled (to the clerk).

Keys carry the draft and the deadline's date, so a moved deadline reminds again, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from governance.core.schemas import local_zone
from governance.drafts.models import CommentState, Draft, DraftComment, Status
from governance.extensions import db
from governance.org.models import Body

try:  # the oversight branch defines it; until the merge, an identical local copy
    from governance.core.reminders import Reminder
except ImportError:  # pragma: no cover - replaced at merge

    @dataclass(frozen=True)
    class Reminder:
        key: str
        unit_id: int
        roles: tuple[str, ...]
        due_at: datetime
        subject: str
        link: str


BEFORE_DEADLINE = timedelta(hours=48)
LOOK_BACK = timedelta(days=14)  # a deadline older than this is not reminded any more
READERS = ("member", "chair", "secretary", "clerk")


def due_reminders(now: datetime) -> list[Reminder]:
    open_comments = (
        select(func.count(DraftComment.id))
        .where(DraftComment.draft_id == Draft.id, DraftComment.state == CommentState.OPEN)
        .correlate(Draft)
        .scalar_subquery()
    )
    query = (
        select(Draft.id, Draft.title, Draft.review_until, Body.unit_id, open_comments)
        .join(Body, Draft.body_id == Body.id)
        .where(
            Draft.status == Status.REVIEW,
            Draft.review_until > now - LOOK_BACK,
            Draft.review_until <= now + BEFORE_DEADLINE,
        )
    )
    out: list[Reminder] = []
    for draft_id, title, until, unit_id, waiting in db.session.execute(query):
        day = until.astimezone(local_zone()).date()
        link = f"/drafts/{draft_id}"
        if until > now:
            out.append(
                Reminder(
                    key=f"draft-comments:{draft_id}:{day.isoformat()}",
                    unit_id=unit_id,
                    roles=READERS,
                    due_at=until - BEFORE_DEADLINE,
                    subject=f"Hạn góp ý dự thảo “{title}” là ngày {day:%d/%m/%Y}.",
                    link=link,
                )
            )
        elif waiting:
            out.append(
                Reminder(
                    key=f"draft-handle:{draft_id}:{day.isoformat()}",
                    unit_id=unit_id,
                    roles=("clerk",),
                    due_at=until,
                    subject=f"Đã hết hạn góp ý dự thảo “{title}”: còn {waiting} ý kiến "
                    "chưa tiếp thu, giải trình.",
                    link=link,
                )
            )
    return out
