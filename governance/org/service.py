"""Registry operations: load with access checks, write, audit. Inputs are schema-valid."""

from __future__ import annotations

from collections.abc import Sequence

from flask import current_app
from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import aliased, joinedload

from governance.core import audit
from governance.core.access import can_manage_registry, can_manage_units, can_read, require
from governance.core.errors import Conflict, Invalid, NotFound, flatten_messages
from governance.core.models import User
from governance.core.pagination import like_pattern
from governance.core.records import apply_changes, check_version, snapshot
from governance.extensions import db
from governance.org.models import Body, Member, Unit, UnitKind
from governance.org.schemas import MemberSchema
from governance.org.scope import visible_units as _visible_units
from governance.org.spreadsheet import SheetRow

# Units -------------------------------------------------------------------------------


def list_units(by: User) -> Sequence[Unit]:
    # Units only: a page that shows how many bodies each has counts them with
    # `body_counts` (loading 14,000 bodies to print a count grows with the data).
    return db.session.scalars(_visible_units(by)).all()


def unit_query(by: User, province: str | None = None, search: str = "") -> Select:
    """Units the user may see, each with its parent, filtered by province code and by a
    piece of the name or code (one among thousands is found by typing, not scrolling)."""
    query = _visible_units(by).options(joinedload(Unit.parent))
    if province:
        province_unit = aliased(Unit)
        province_id = select(province_unit.id).where(province_unit.code == province)
        province_id = province_id.scalar_subquery()
        query = query.where(or_(Unit.id == province_id, Unit.parent_id == province_id))
    if pattern := like_pattern(search):
        query = query.where(
            or_(Unit.name.ilike(pattern, escape="\\"), Unit.code.ilike(pattern, escape="\\"))
        )
    return query


def provinces(by: User) -> Sequence[Unit]:
    """The provinces the user may see (34 at most): the choices of the province filter."""
    return db.session.scalars(_visible_units(by).where(Unit.kind == UnitKind.PROVINCE)).all()


def body_counts(unit_ids: Sequence[int]) -> dict[int, int]:
    """Bodies per unit, counted by the database for one page of units."""
    if not unit_ids:
        return {}
    rows = db.session.execute(
        select(Body.unit_id, func.count(Body.id))
        .where(Body.unit_id.in_(unit_ids))
        .group_by(Body.unit_id)
    )
    return dict(rows.tuples().all())


def get_unit(code: str, by: User) -> Unit:
    unit = db.session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        raise NotFound(_("There is no unit with code %(code)s.", code=code))
    require(can_read(by, unit))
    return unit


def create_unit(data: dict, by: User) -> Unit:
    require(can_manage_units(by))
    if db.session.scalar(select(Unit.id).where(Unit.code == data["code"])) is not None:
        raise Conflict(
            _("The unit code %(code)s is already used.", code=data["code"]),
            {"code": _("Already used.")},
        )
    parent = None
    if data["kind"] != UnitKind.PROVINCE:
        parent = db.session.scalar(select(Unit).where(Unit.code == (data.get("parent_code") or "")))
        if parent is None or parent.kind != UnitKind.PROVINCE:
            raise Invalid(fields={"parent_code": _("Give the code of an existing province.")})
    elif data.get("parent_code"):
        raise Invalid(fields={"parent_code": _("A province has no parent unit.")})
    unit = Unit(code=data["code"], name=data["name"], kind=data["kind"], parent=parent)
    db.session.add(unit)
    db.session.flush()
    audit.record("create", "unit", unit.id, unit_id=unit.id, after=snapshot(unit), user=by)
    db.session.commit()
    return unit


def update_unit(unit: Unit, data: dict, by: User, version: int | None = None) -> Unit:
    """Rename a unit (mergers rename communes); its code and place in the tree stay."""
    require(can_manage_units(by))
    check_version(unit, version)
    before = snapshot(unit)
    unit.name = data["name"]
    audit.record(
        "update", "unit", unit.id, unit_id=unit.id, before=before, after=snapshot(unit), user=by
    )
    db.session.commit()
    return unit


def delete_unit(unit: Unit, by: User) -> None:
    """Remove a unit entered by mistake: only while nothing hangs on it."""
    require(can_manage_units(by))
    users = db.session.scalar(select(func.count(User.id)).where(User.unit_id == unit.id))
    if unit.bodies or unit.children or users:
        raise Conflict(
            _("%(name)s still has bodies, units or accounts; remove those first.", name=unit.name)
        )
    audit.record("delete", "unit", unit.id, unit_id=unit.id, before=snapshot(unit), user=by)
    db.session.delete(unit)
    db.session.commit()


# Bodies ------------------------------------------------------------------------------


def get_body(body_id: int, by: User, *, write: bool = False) -> Body:
    body = db.session.get(Body, body_id)
    if body is None:
        raise NotFound(_("This body does not exist (it may have been removed)."))
    require(can_manage_registry(by, body.unit) if write else can_read(by, body.unit))
    return body


def create_body(unit: Unit, data: dict, by: User) -> Body:
    require(can_manage_registry(by, unit))
    body = Body(unit=unit, **data)
    db.session.add(body)
    db.session.flush()
    audit.record("create", "body", body.id, unit_id=unit.id, after=snapshot(body), user=by)
    db.session.commit()
    return body


def update_body(body: Body, data: dict, by: User, version: int | None = None) -> Body:
    require(can_manage_registry(by, body.unit))
    check_version(body, version)
    apply_changes(body, data, entity="body", unit_id=body.unit_id, by=by)
    db.session.commit()
    return body


def delete_body(body: Body, by: User) -> None:
    """Remove a body entered by mistake: only while no meeting, document or member's
    record refers to it (its members go with it)."""
    require(can_manage_registry(by, body.unit))
    member_ids = [m.id for m in body.members]
    if _referring("bodies", [body.id], skip={"members"}) or _referring("members", member_ids):
        raise Conflict(
            _(
                "%(name)s has meetings, documents or records of its members; it cannot be "
                "removed. Its history stays on record.",
                name=body.name,
            )
        )
    before = snapshot(body) | {"members": [m.full_name for m in body.members]}
    audit.record("delete", "body", body.id, unit_id=body.unit_id, before=before, user=by)
    db.session.delete(body)
    db.session.commit()


# Members -----------------------------------------------------------------------------


def get_member(member_id: int, by: User, *, write: bool = False) -> Member:
    member = db.session.get(Member, member_id)
    if member is None:
        raise NotFound(_("This member does not exist (they may have been removed)."))
    unit = member.body.unit
    require(can_manage_registry(by, unit) if write else can_read(by, unit))
    return member


def create_member(body: Body, data: dict, by: User) -> Member:
    require(can_manage_registry(by, body.unit))
    member = Member(body=body, **data)
    db.session.add(member)
    db.session.flush()
    audit.record(
        "create", "member", member.id, unit_id=body.unit_id, after=snapshot(member), user=by
    )
    db.session.commit()
    return member


def update_member(member: Member, data: dict, by: User, version: int | None = None) -> Member:
    require(can_manage_registry(by, member.body.unit))
    check_version(member, version)
    apply_changes(member, data, entity="member", unit_id=member.body.unit_id, by=by)
    db.session.commit()
    return member


def delete_member(member: Member, by: User) -> None:
    """Remove a member entered by mistake: only while nothing (attendance, votes, an
    account) refers to them; someone who left keeps their history."""
    require(can_manage_registry(by, member.body.unit))
    if _referring("members", [member.id]):
        raise Conflict(
            _(
                "%(name)s has attendance, votes or other records; they cannot be removed. "
                "Their history stays on record.",
                name=member.full_name,
            )
        )
    audit.record(
        "delete", "member", member.id, unit_id=member.body.unit_id, before=snapshot(member), user=by
    )
    db.session.delete(member)
    db.session.commit()


def _referring(table: str, ids: list[int], skip: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether any row of any table refers to these rows through a foreign key. Found from
    the schema, so that the tables other domains add are covered too."""
    if not ids:
        return False
    for other in db.metadata.sorted_tables:
        if other.name in skip:
            continue
        for key in other.foreign_keys:
            if key.column.table.name == table:
                query = select(key.parent).where(key.parent.in_(ids)).limit(1)
                if db.session.execute(query).first() is not None:
                    return True
    return False


def import_members(body: Body, rows: list[SheetRow], by: User) -> tuple[int, list[dict]]:
    """Validate every row; create all of them, or none when any row is bad."""
    require(can_manage_registry(by, body.unit))
    limit = current_app.config["IMPORT_MAX_ROWS"]
    if len(rows) > limit:
        raise Invalid(
            _(
                "The file has %(n)s rows; at most %(limit)s can be imported at once.",
                n=len(rows),
                limit=limit,
            )
        )
    if not rows:
        raise Invalid(_("The file has a header but no member rows."))
    schema, valid, errors = MemberSchema(), [], []
    for row in rows:
        try:
            valid.append(schema.load(row.values))
        except ValidationError as error:
            errors.extend(_row_errors(row, error))
    if errors:
        return 0, errors
    members = [Member(body=body, **data) for data in valid]
    db.session.add_all(members)
    db.session.flush()
    audit.record(
        "import",
        "member",
        "",
        unit_id=body.unit_id,
        user=by,
        after={"body_id": body.id, "members": [snapshot(m) for m in members]},
    )
    db.session.commit()
    return len(members), []


def _row_errors(row: SheetRow, error: ValidationError) -> list[dict]:
    """One entry per bad cell, with what was typed, so the clerk finds it at once."""
    messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
    return [
        {
            "row": row.number,
            "field": field,
            "message": message,
            "value": "" if row.values.get(field) is None else str(row.values.get(field)),
        }
        for field, message in flatten_messages(messages).items()
    ]
