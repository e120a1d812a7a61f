"""What the oversight page shows of each unit's congress (INTERFACES section C).

A constant number of SQL statements whatever the number of units: one grouped query.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, select

from governance.congress.models import Congress, Milestone
from governance.core.schemas import local_zone
from governance.extensions import db

COLUMNS: list[tuple[str, str]] = [
    ("congress_opens_on", _l("Congress opens")),
    ("congress_late", _l("Congress milestones late")),
    ("congress_done", _l("Congress milestones done")),
    ("congress_total", _l("Congress milestones")),
]


EMPTY = {"congress_opens_on": None, "congress_late": 0, "congress_done": 0, "congress_total": 0}


def unit_progress(unit_ids: Sequence[int]) -> dict[int, dict[str, object]]:
    """Each unit's latest congress: opening date, milestones late / done / in all."""
    found: dict[int, dict[str, object]] = {
        uid: {
            "congress_opens_on": None,
            "congress_late": 0,
            "congress_done": 0,
            "congress_total": 0,
        }
        for uid in unit_ids
    }
    if not unit_ids:
        return found
    today = datetime.now(local_zone()).date()
    latest = select(Congress.unit_id, func.max(Congress.opens_on).label("opens_on"))
    if len(unit_ids) <= 500:  # a long list is filtered below, not sent as thousands of IDs
        latest = latest.where(Congress.unit_id.in_(list(unit_ids)))
    latest = latest.group_by(Congress.unit_id).subquery()
    late = and_(Milestone.done_on.is_(None), Milestone.due_on < today)
    query = (
        select(
            latest.c.unit_id,
            latest.c.opens_on,
            func.count(Milestone.id),
            func.sum(case((Milestone.done_on.is_not(None), 1), else_=0)),
            func.sum(
                case((and_(Milestone.done_on.is_(None), Milestone.due_on < today), 1), else_=0)
            ),
        )
        .join(
            Congress,
            and_(Congress.unit_id == latest.c.unit_id, Congress.opens_on == latest.c.opens_on),
        )
        .outerjoin(Milestone, Milestone.congress_id == Congress.id)
        .group_by(latest.c.unit_id, latest.c.opens_on)
    )
    for unit_id, opens_on, total, done, late in db.session.execute(query):
        if unit_id in found:
            found[unit_id] = {
                "congress_opens_on": opens_on,
                "congress_late": int(late or 0),
                "congress_done": int(done or 0),
                "congress_total": int(total or 0),
            }
    return found
