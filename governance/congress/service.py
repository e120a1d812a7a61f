"""Congress operations: the congress and its plan, the cells, the allocation of seats.

Load with access checks, call `governance.rules`, write, audit. Delegates, credentials
and sessions are in `delegates.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import flag_modified

from governance import rules
from governance.congress.models import Congress, CongressCell, Milestone
from governance.core import access, audit
from governance.core.errors import Conflict, Invalid, NotFound
from governance.core.models import User
from governance.core.records import apply_changes, check_version, snapshot
from governance.core.schemas import local_zone
from governance.extensions import db
from governance.org import scope
from governance.org.models import Unit
from governance.rules.congress_plan import (
    CapWarning,
    cap_warnings,
    plan_milestones,
    working_days_before,
)

NEEDS = {"read": access.can_read, "prepare": access.can_prepare_congress}


def today() -> date:
    return datetime.now(local_zone()).date()


def rule_call(function, *args, **kwargs):
    """A rule's ValueError is the person's mistake: 422 with its message."""
    try:
        return function(*args, **kwargs)
    except ValueError as error:
        raise Invalid(str(error)) from None


# Loading -------------------------------------------------------------------------------


def get_congress(congress_id: int, by: User, need: str = "read") -> Congress:
    congress = db.session.get(Congress, congress_id)
    if congress is None:
        raise NotFound(_("This congress does not exist."))
    access.require(NEEDS[need](by, congress.unit))
    return congress


def list_congresses(by: User):
    """A query of the congresses the user may see (paginated by the caller)."""
    units = scope.visible_units(by).with_only_columns(Unit.id)
    return (
        select(Congress)
        .options(joinedload(Congress.unit))  # the list names each congress's unit
        .where(Congress.unit_id.in_(units))
        .order_by(Congress.opens_on.desc())
    )


def page(query, number: int, size: int) -> tuple[list, int]:
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(query.limit(size).offset((number - 1) * size)).all()
    return list(rows), total


# The congress and its plan -------------------------------------------------------------


def create_congress(data: dict, by: User) -> Congress:
    unit = db.session.scalar(select(Unit).where(Unit.code == data["unit_code"]))
    if unit is None:
        raise Invalid(fields={"unit_code": _("There is no unit with this code.")})
    access.require(access.can_prepare_congress(by, unit))
    fields = {k: v for k, v in data.items() if k != "unit_code"}
    if not fields.get("title"):
        name = unit.name[:1].lower() + unit.name[1:] if unit.kind != "province" else unit.name
        fields["title"] = f"Đại hội đại biểu Đảng bộ {name} nhiệm kỳ {data['term']}"
    congress = Congress(unit=unit, **fields)
    db.session.add(congress)
    _replan(congress, keep_done=False)
    db.session.flush()
    audit.record(
        "create", "congress", congress.id, unit_id=unit.id, user=by, after=snapshot(congress)
    )
    db.session.commit()
    return congress


def update_congress(
    congress: Congress, data: dict, by: User, version: int | None = None
) -> Congress:
    access.require(access.can_prepare_congress(by, congress.unit))
    check_version(congress, version)
    apply_changes(congress, data, entity="congress", unit_id=congress.unit_id, by=by)
    if {"opens_on", "notice_days", "holidays", "provincial_deadline"} & set(data):
        _replan(congress, keep_done=True)
    db.session.commit()
    return congress


def holidays_of(congress: Congress) -> set[date]:
    return {date.fromisoformat(d) for d in congress.holidays or ()}


def _replan(congress: Congress, keep_done: bool) -> None:
    """A new plan from the defaults, or the counted-back dates moved after a change."""
    holidays = holidays_of(congress)
    if not keep_done or not congress.milestones:
        congress.milestones = [
            Milestone(
                title=d.title,
                owner=d.owner,
                working_days_before=d.working_days_before,
                due_on=d.due_on,
            )
            for d in rule_call(
                plan_milestones,
                congress.opens_on,
                congress.notice_days,
                holidays,
                congress.provincial_deadline,
            )
        ]
        return
    for milestone in congress.milestones:
        if milestone.working_days_before is not None:
            milestone.due_on = rule_call(
                working_days_before, congress.opens_on, milestone.working_days_before, holidays
            )
        elif congress.provincial_deadline is not None:
            milestone.due_on = congress.provincial_deadline


def update_milestone(
    congress: Congress, milestone_id: int, data: dict, by: User, version: int | None = None
) -> Milestone:
    """Change one milestone. The plan is versioned as a whole (the congress's version), so
    two clerks who read the same plan cannot overwrite each other's changes."""
    access.require(access.can_prepare_congress(by, congress.unit))
    milestone = db.session.get(Milestone, milestone_id)
    if milestone is None or milestone.congress_id != congress.id:
        raise NotFound(_("This milestone is not in this congress's plan."))
    check_version(congress, version)
    flag_modified(congress, "title")  # the UPDATE bumps the congress's version
    if "due_on" in data:
        data = data | {"working_days_before": None}  # a date set by hand stays put
    apply_changes(milestone, data, entity="congress_milestone", unit_id=congress.unit_id, by=by)
    db.session.commit()
    return milestone


def milestone_state(milestone: Milestone, on: date | None = None) -> str:
    return rules.deadline_state(on or today(), milestone.due_on, milestone.done_on)


def plan(congress: Congress, on: date | None = None) -> list[dict[str, Any]]:
    on = on or today()
    return [
        {
            "id": m.id,
            "title": m.title,
            "owner": m.owner,
            "working_days_before": m.working_days_before,
            "due_on": m.due_on,
            "done_on": m.done_on,
            "state": milestone_state(m, on),
            "version": congress.version,
        }
        for m in congress.milestones
    ]


def warnings(congress: Congress) -> list[CapWarning]:
    allocated = sum(c.seats or 0 for c in congress.cells) if congress.cells else None
    return cap_warnings(
        delegates=congress.total_delegates,
        max_delegates=congress.max_delegates,
        executive_seats=congress.executive_seats,
        max_executive=congress.max_executive,
        opens_on=congress.opens_on,
        provincial_deadline=congress.provincial_deadline,
        allocated=allocated if congress.elected and not congress.to_decide else None,
        elected=congress.elected,
    )


# Cells ---------------------------------------------------------------------------------


def replace_cells(
    congress: Congress, rows: Sequence[dict], by: User, commit: bool = True
) -> list[CongressCell]:
    """The cells and their members, replacing the list (and any allocation made on it)."""
    access.require(access.can_prepare_congress(by, congress.unit))
    if any(d.cell_id is not None for d in congress.delegates):
        raise Conflict(_("Delegates are already recorded by cell: the cells can no longer change."))
    before = [(c.name, c.members) for c in congress.cells]
    congress.cells = []
    db.session.flush()
    congress.cells = [
        CongressCell(position=i, name=row["name"], members=row["members"])
        for i, row in enumerate(rows)
    ]
    _clear_allocation(congress)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Invalid(fields={"cells": _("Each cell name may appear only once.")}) from None
    audit.record(
        "import_cells",
        "congress",
        congress.id,
        unit_id=congress.unit_id,
        user=by,
        before={"cells": before},
        after={"cells": [(c.name, c.members) for c in congress.cells]},
    )
    if commit:
        db.session.commit()
    return congress.cells


def _clear_allocation(congress: Congress) -> None:
    for cell in congress.cells:
        cell.seats = None
    congress.tied, congress.to_decide, congress.decided, congress.decision_reason = [], 0, [], ""


# Allocation ----------------------------------------------------------------------------


def members_by_cell(congress: Congress) -> dict[str, int]:
    return {cell.name: cell.members for cell in congress.cells}


def compute(congress: Congress, method: str | None = None) -> rules.Allocation:
    """The allocation in force (or by another method, for the comparison)."""
    if not congress.cells:
        raise Invalid(_("Import the cells and their members first."))
    allocation = rule_call(
        rules.allocate_seats_with_working,
        members_by_cell(congress),
        congress.elected,
        method or congress.method,
        congress.minimum,
    )
    if method is None and congress.decided and allocation.to_decide:
        allocation = rule_call(allocation.decide, congress.decided)
    return allocation


def allocate(congress: Congress, data: dict, by: User) -> rules.Allocation:
    """Allocate `seats` elected delegates over the cells; a tie is kept for the clerk."""
    access.require(access.can_prepare_congress(by, congress.unit))
    cells = data.get("cells")
    members = members_by_cell(congress)
    if cells is not None:
        members = {row["name"]: row["members"] for row in cells}
        if len(members) != len(cells):
            raise Invalid(fields={"cells": _("Each cell name may appear only once.")})
    if not members:
        raise Invalid(_("Import the cells and their members first."))
    allocation = rule_call(
        rules.allocate_seats_with_working,
        members,
        data["seats"],
        data["method"],
        data.get("minimum", 0),
    )
    if cells is not None:
        replace_cells(congress, cells, by, commit=False)
    before = _allocation_state(congress)
    congress.elected, congress.method = data["seats"], data["method"]
    congress.minimum = data.get("minimum", 0)
    congress.decided, congress.decision_reason = [], ""
    _store(congress, allocation)
    audit.record(
        "allocate",
        "congress",
        congress.id,
        unit_id=congress.unit_id,
        user=by,
        before=before,
        after=_allocation_state(congress),
    )
    db.session.commit()
    return allocation


def decide_tie(congress: Congress, winners: list[str], reason: str, by: User) -> rules.Allocation:
    """The clerk gives the tied seats, with a reason the audit log keeps."""
    access.require(access.can_prepare_congress(by, congress.unit))
    reason = " ".join((reason or "").split())
    if not reason:
        raise Invalid(fields={"reason": _("Say why these cells receive the tied seats.")})
    current = compute(congress, congress.method)
    if not current.to_decide:
        raise Conflict(_("There is no tie to decide in this allocation."))
    try:
        allocation = current.decide(winners)
    except ValueError as error:
        raise Invalid(str(error), fields={"winners": str(error)}) from None
    before = _allocation_state(congress)
    congress.decided, congress.decision_reason = list(allocation.decided), reason
    _store(congress, allocation)
    audit.record(
        "decide_tie",
        "congress",
        congress.id,
        unit_id=congress.unit_id,
        user=by,
        before=before,
        after=_allocation_state(congress),
        reason=reason,
    )
    db.session.commit()
    return allocation


def _store(congress: Congress, allocation: rules.Allocation) -> None:
    won = allocation.won
    for cell in congress.cells:
        cell.seats = won[cell.name]
    congress.tied, congress.to_decide = list(allocation.tied), allocation.to_decide


def _allocation_state(congress: Congress) -> dict[str, Any]:
    return {
        "seats": congress.elected,
        "method": congress.method,
        "minimum": congress.minimum,
        "cells": {c.name: c.seats for c in congress.cells},
        "tied": congress.tied,
        "to_decide": congress.to_decide,
        "decided": congress.decided,
    }


def allocation_dict(congress: Congress, allocation: rules.Allocation) -> dict[str, Any]:
    return {
        "method": allocation.method,
        "seats": allocation.seats,
        "minimum": allocation.minimum,
        "allocations": [
            {"cell": name, "members": m, "seats": allocation.won[name]}
            for name, m in allocation.members.items()
        ],
        "total": sum(allocation.won.values()),
        "tied": list(allocation.tied),
        "to_decide": allocation.to_decide,
        "decided": list(allocation.decided),
        "reason": congress.decision_reason,
    }


def comparison(congress: Congress) -> list[tuple[str, str, rules.Allocation | str]]:
    """Every method side by side on the same cells: (code, label, allocation or the error)."""
    rows = []
    for code, label in rules.METHODS.items():
        try:
            rows.append((code, label, compute(congress, None if code == congress.method else code)))
        except Invalid as error:
            rows.append((code, label, error.message))
    return rows
