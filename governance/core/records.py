"""Helpers every domain's service uses on its records: snapshots and optimistic locking."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import inspect

from governance.core.errors import Conflict
from governance.extensions import db


def snapshot(obj: db.Model) -> dict:
    """Column values, for the audit log's before/after."""
    return {attr.key: getattr(obj, attr.key) for attr in inspect(obj).mapper.column_attrs}


def check_version(obj: db.Model, version: int | None) -> None:
    """A form or client that read version N may only save over version N."""
    if version is not None and version != obj.version:
        raise Conflict(
            _("Someone else changed this record in the meantime. Reload and try again."),
            extra={"version": obj.version},
        )


def apply_changes(obj: db.Model, data: dict, *, entity: str, unit_id: int, by) -> None:
    """Set the new values and audit them with the record's state before and after; the
    caller commits (with whatever else belongs to the same change)."""
    from governance.core import audit

    before = snapshot(obj)
    for key, value in data.items():
        setattr(obj, key, value)
    db.session.flush()
    audit.record(
        "update", entity, obj.id, unit_id=unit_id, before=before, after=snapshot(obj), user=by
    )
