"""What each commune has drafted, has in review and has adopted (oversight provider,
INTERFACES C), and the checklist of required papers (DOMAIN section 2) per commune.

Every function runs a constant number of queries whatever the number of units: grouped
SELECTs, filtered by the ids when there are few, over all units (rows skipped here) when
there are many (no IN list of thousands of ids).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

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
