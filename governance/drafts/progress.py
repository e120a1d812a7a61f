"""What each commune has drafted, has in review and has adopted (oversight provider,
INTERFACES C), and the checklist of required papers (DOMAIN section 2) per commune.

Every function runs a constant number of queries whatever the number of units: grouped
SELECTs, filtered by the ids when there are few, over all units (rows skipped here) when
there are many (no IN list of thousands of ids).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from governance.core.schemas import local_zone
from governance.drafts.models import EFFECTIVE_STATUS, Draft, DraftVersion, Status
from governance.drafts.papers import required_papers
from governance.extensions import db
from governance.org.models import Body
from governance.voting.models import VoteResult

COLUMNS: list[tuple[str, object]] = [
    ("drafts_adopted", _l("Drafts adopted")),
    ("drafts_in_review", _l("Drafts in review")),
    ("papers_missing", _l("Required papers not drafted")),
]
IN_LIMIT = 500  # beyond this many ids, read all units' groups instead of an IN list
IN_REVIEW = (Status.REVIEW, Status.SUBMITTED)
RANK = {Status.ADOPTED: 4, Status.SUBMITTED: 3, Status.REVIEW: 2, Status.DRAFT: 1}


def _for_units(query, unit_ids: Sequence[int]):
    return query.where(Body.unit_id.in_(list(unit_ids))) if len(unit_ids) <= IN_LIMIT else query


def unit_progress(unit_ids: Sequence[int]) -> dict[int, dict[str, object]]:
    wanted = set(unit_ids)
    status = EFFECTIVE_STATUS.label("status")
    query = (
        select(Body.unit_id, Draft.paper, status, func.count(Draft.id))
        .join(Body, Draft.body_id == Body.id)
        .group_by(Body.unit_id, Draft.paper, status)
    )
    out = {uid: {"drafts_adopted": 0, "drafts_in_review": 0} for uid in wanted}
    papers: dict[int, set[str]] = {uid: set() for uid in wanted}
    required = set(required_papers())
    for unit_id, paper, state, count in db.session.execute(_for_units(query, unit_ids)):
        if unit_id not in wanted:
            continue
        if state == Status.ADOPTED:
            out[unit_id]["drafts_adopted"] += count
        elif state in IN_REVIEW:
            out[unit_id]["drafts_in_review"] += count
        if paper in required:
            papers[unit_id].add(paper)
    for unit_id in wanted:
        out[unit_id]["papers_missing"] = len(required - papers[unit_id])
    return out


@dataclass(frozen=True)
class PaperState:
    draft_id: int
    title: str
    status: str
    since: date  # adopted: the day of the vote; else the day of the latest version


def checklist(units: Sequence) -> list[tuple[object, dict[str, PaperState | None]]]:
    """For each unit, each required paper: the most advanced draft of it, or None."""
    ids = [u.id for u in units]
    latest = (
        select(DraftVersion.draft_id, func.max(DraftVersion.created_at).label("at"))
        .group_by(DraftVersion.draft_id)
        .subquery()
    )
    query = (
        select(
            Body.unit_id,
            Draft.paper,
            Draft.id,
            Draft.title,
            EFFECTIVE_STATUS.label("status"),
            VoteResult.recorded_at,
            latest.c.at,
        )
        .join(Body, Draft.body_id == Body.id)
        .join(latest, latest.c.draft_id == Draft.id)
        .outerjoin(VoteResult, VoteResult.current_item_id == Draft.agenda_item_id)
        .where(Draft.paper != "")
    )
    best: dict[tuple[int, str], PaperState] = {}
    for unit_id, paper, draft_id, title, state, voted_at, saved_at in db.session.execute(
        _for_units(query, ids)
    ):
        moment: datetime = voted_at if state == Status.ADOPTED and voted_at else saved_at
        found = PaperState(draft_id, title, state, moment.astimezone(local_zone()).date())
        current = best.get((unit_id, paper))
        if current is None or RANK.get(state, 0) > RANK.get(current.status, 0):
            best[(unit_id, paper)] = found
    papers = required_papers()
    return [(u, {key: best.get((u.id, key)) for key in papers}) for u in units]


def bench_seed(unit_ids: Sequence[int]) -> None:
    """Plausible drafts for `bench/oversight.py` and `bench/scale.py`, in bulk: in each
    commune the first required papers adopted (a vote on an item of a held meeting), the
    next one open for comments; how far a commune got varies with its id."""
    from sqlalchemy import insert

    from governance.drafts.papers import required_papers
    from governance.meetings.models import AgendaItem, Meeting
    from governance.org.models import Unit

    wanted = set(unit_ids)
    papers = sorted(required_papers().values(), key=lambda starter: starter.order)
    first_body = dict(
        db.session.execute(
            select(Body.unit_id, func.min(Body.id))
            .join(Unit, Unit.id == Body.unit_id)
            .where(Unit.kind != "province")
            .group_by(Body.unit_id)
        ).all()
    )
    now = datetime.now(local_zone()).astimezone(UTC)
    plan = []  # (unit_id, body_id, starter, adopted?)
    for unit_id, body_id in sorted(first_body.items()):
        if unit_id not in wanted:
            continue
        adopted = unit_id % len(papers)  # and the next paper always in review
        for n, starter in enumerate(papers[: adopted + 1]):
            plan.append((unit_id, body_id, starter, n < adopted))
    voted = sorted({body_id for _u, body_id, _s, done in plan if done})
    meeting_ids = _returning(
        insert(Meeting),
        [
            {
                "body_id": body_id,
                "title": "Kỳ họp thông qua văn bản",
                "kind": "regular",
                "starts_at": now - timedelta(days=30),
                "status": "closed",
            }
            for body_id in voted
        ],
    )
    meeting_of = dict(zip(voted, meeting_ids, strict=True))
    adopted_rows = [row for row in plan if row[3]]
    item_ids = _returning(
        insert(AgendaItem),
        [
            {"meeting_id": meeting_of[body_id], "position": n, "title": starter.title}
            for n, (_u, body_id, starter, _d) in enumerate(adopted_rows)
        ],
    )
    draft_rows = []
    items = iter(item_ids)
    for _unit_id, body_id, starter, done in plan:
        draft_rows.append(
            {
                "body_id": body_id,
                "type_code": starter.type_code,
                "title": starter.title,
                "paper": starter.key,
                "status": Status.SUBMITTED if done else Status.REVIEW,
                "review_until": None if done else now + timedelta(days=7),
                "agenda_item_id": next(items) if done else None,
                "submitted_version": 1 if done else None,
                "submitted_at": now - timedelta(days=35) if done else None,
                "created_by": "bench",
            }
        )
    draft_ids = _returning(insert(Draft), draft_rows)
    _returning(
        insert(DraftVersion),
        [
            {
                "draft_id": draft_id,
                "number": 1,
                "text": "Điều 1. Phạm vi điều chỉnh\nQuy định này …",
                "note": "",
                "source": "starter",
                "author": "bench",
                "created_at": now - timedelta(days=40),
            }
            for draft_id in draft_ids
        ],
    )
    _returning(
        insert(VoteResult),
        [
            {
                "agenda_item_id": item_id,
                "current_item_id": item_id,
                "method": "show_of_hands",
                "yes": 12,
                "no": 1,
                "abstain": 0,
                "present": 13,
                "base": 15,
                "majority": "simple",
                "required": 8,
                "adopted": True,
                "body_kind": "party_executive",
                "explanation": "12/15",
                "recorded_at": now - timedelta(days=30),
            }
            for item_id in item_ids
        ],
    )
    db.session.commit()


def _returning(statement, rows: list[dict]) -> list[int]:
    """Insert `rows` in bulk; their new ids, in the order of the rows."""
    if not rows:
        return []
    table = statement.table
    answer = db.session.execute(statement.returning(table.c.id, sort_by_parameter_order=True), rows)
    return list(answer.scalars())
