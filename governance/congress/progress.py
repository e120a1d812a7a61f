"""What the oversight page shows of each unit's congress (INTERFACES section C).

A constant number of SQL statements whatever the number of units: one grouped query (and one
for the national page's flags, `flagged_units`, over the late milestones only).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
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


IN_LIMIT = 500  # beyond this many units, read all congresses rather than a long IN (…)
EMPTY = {"congress_opens_on": None, "congress_late": 0, "congress_done": 0, "congress_total": 0}


def unit_progress(unit_ids: Sequence[int]) -> dict[int, dict[str, object]]:
    """Each unit's latest congress: opening date, milestones late / done / in all."""
    found: dict[int, dict[str, object]] = {uid: dict(EMPTY) for uid in unit_ids}
    if not unit_ids:
        return found
    latest = _latest(unit_ids)
    query = (
        select(
            latest.c.unit_id,
            latest.c.opens_on,
            func.count(Milestone.id),
            func.sum(case((Milestone.done_on.is_not(None), 1), else_=0)),
            func.sum(case((_late(), 1), else_=0)),
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


def flagged_units(unit_ids: Collection[int]) -> dict[str, set[int]]:
    """ "late": the units whose latest congress has a milestone late (`congress_late` above 0),
    one query over the late milestones only."""
    if not unit_ids:
        return {}
    latest = _latest(unit_ids)
    query = (
        select(latest.c.unit_id)
        .join(
            Congress,
            and_(Congress.unit_id == latest.c.unit_id, Congress.opens_on == latest.c.opens_on),
        )
        .join(Milestone, Milestone.congress_id == Congress.id)
        .where(_late())
        .distinct()
    )
    return {"late": set(db.session.scalars(query)) & set(unit_ids)}


def _latest(unit_ids: Collection[int]):
    """Each unit's latest congress, by its opening date (a subquery)."""
    latest = select(Congress.unit_id, func.max(Congress.opens_on).label("opens_on"))
    if len(unit_ids) <= IN_LIMIT:  # a long list is filtered after, not sent as thousands of IDs
        latest = latest.where(Congress.unit_id.in_(list(unit_ids)))
    return latest.group_by(Congress.unit_id).subquery()


def _late():
    """A milestone past its due day and not done (the `congress_late` count)."""
    today = datetime.now(local_zone()).date()
    return and_(Milestone.done_on.is_(None), Milestone.due_on < today)


MILESTONES = (  # (title, working days before the opening, roughly)
    ("Xây dựng kế hoạch tổ chức đại hội", 120),
    ("Dự thảo báo cáo chính trị", 90),
    ("Xây dựng phương án nhân sự", 75),
    ("Lấy ý kiến các chi bộ vào dự thảo", 60),
    ("Trình cấp trên phương án nhân sự", 45),
    ("Triệu tập đại hội, gửi tài liệu", 30),
)


def bench_seed(unit_ids: Sequence[int]) -> None:
    """A congress per commune with its milestones, for `bench/oversight.py` and
    `bench/scale.py`, in bulk: the opening 1–6 months ahead, the milestones due so far
    mostly done, one in four communes with one or two of them late."""
    from datetime import timedelta

    from sqlalchemy import insert

    from governance.org.models import Unit

    today = datetime.now(local_zone()).date()
    communes = db.session.scalars(
        select(Unit.id).where(Unit.kind != "province").order_by(Unit.id)
    ).all()
    wanted = set(unit_ids)
    rows = [
        {
            "unit_id": unit_id,
            "term": "2025–2030",
            "title": "Đại hội đại biểu Đảng bộ nhiệm kỳ 2025–2030",
            "opens_on": today + timedelta(days=30 + unit_id % 150),
            "holidays": [],
            "tied": [],
            "decided": [],
        }
        for unit_id in communes
        if unit_id in wanted
    ]
    if not rows:
        return
    ids = db.session.execute(
        insert(Congress).returning(Congress.id, sort_by_parameter_order=True), rows
    ).scalars()
    milestones = []
    for congress_id, row in zip(list(ids), rows, strict=True):
        late = 0 if row["unit_id"] % 4 else 1 + row["unit_id"] % 2
        for title, days in MILESTONES:
            due = row["opens_on"] - timedelta(days=days * 7 // 5)
            missed = due < today and late > 0
            late -= missed
            done = None if missed or due >= today else due - timedelta(days=2)
            milestones.append(
                {
                    "congress_id": congress_id,
                    "title": title,
                    "owner": "Văn phòng Đảng ủy",
                    "working_days_before": days,
                    "due_on": due,
                    "done_on": done,
                }
            )
    db.session.execute(insert(Milestone), milestones)
    db.session.commit()
