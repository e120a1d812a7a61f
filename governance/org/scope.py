"""The units a user sees, as queries: the registry's side of core.access's checks."""

from __future__ import annotations

from sqlalchemy import Select, false, or_, select, true

from governance.core.models import Role, User
from governance.org.models import Unit


def visible_units(user: User) -> Select[tuple[Unit]]:
    query = select(Unit).order_by(Unit.kind != "province", Unit.name)
    if user.role == Role.ADMIN:
        return query
    if user.role == Role.INSPECTOR:
        return query.where(or_(Unit.id == user.unit_id, Unit.parent_id == user.unit_id))
    return query.where(Unit.id == user.unit_id)


def scope_condition(user: User, unit_id: object = None) -> object:
    """visible_units as a condition on the joined Unit (no subquery): the planner then goes
    through the indexes of the user's own unit or province. `unit_id`, a column equal to
    Unit.id in the query (e.g. Body.unit_id), lets a one-unit role filter before the join."""
    if user.role == Role.ADMIN:
        return true()
    if user.unit_id is None:
        return false()
    if user.role == Role.INSPECTOR:
        return or_(Unit.id == user.unit_id, Unit.parent_id == user.unit_id)
    return (unit_id if unit_id is not None else Unit.id) == user.unit_id


def units_of(user: User):
    """Ids of the units the user sees, as a subquery (never a list of thousands of ids)."""
    return visible_units(user).with_only_columns(Unit.id).order_by(None).scalar_subquery()


def in_scope(column, user: User):
    """`column` is one of the user's units; no filter at all for the administrator, who
    sees every unit (an IN over the whole units table only slows the national counts)."""
    return true() if user.role == Role.ADMIN else column.in_(units_of(user))
