"""The registry's column on the dashboard: which of the required bodies are formed."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from sqlalchemy import distinct, func, select

from governance.extensions import db
from governance.org.models import Body, Member

# The bodies every new commune must have (DOMAIN section 1), each with members.
REQUIRED_BODY_KINDS = (
    "party_executive",
    "party_standing",
    "party_inspection",
    "people_council",
    "people_committee",
)
IN_LIMIT = 500

COLUMNS = [("bodies_formed", _l("Bodies formed"))]


def unit_progress(unit_ids: Sequence[int]) -> dict[int, dict[str, object]]:
    wanted = set(unit_ids)
    result: dict[int, dict[str, object]] = {uid: {"bodies_formed": 0} for uid in wanted}
    query = (
        select(Body.unit_id, func.count(distinct(Body.kind)))
        .where(
            Body.kind.in_(REQUIRED_BODY_KINDS),
            select(Member.id).where(Member.body_id == Body.id).exists(),
        )
        .group_by(Body.unit_id)
    )
    if len(wanted) <= IN_LIMIT:
        query = query.where(Body.unit_id.in_(sorted(wanted)))
    for unit_id, formed in db.session.execute(query):
        if unit_id in result:
            result[unit_id]["bodies_formed"] = formed
    return result
