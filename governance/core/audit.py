"""The audit log: who did what, when, before and after, in a hash chain.

Each entry's hash covers its content and the previous entry's hash, so editing or
deleting an entry breaks the chain at that point; `verify_chain` finds where.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask import has_request_context
from sqlalchemy import select, text

from governance.core.database import utcnow
from governance.core.i18n import N_
from governance.core.models import AuditEntry
from governance.extensions import db

GENESIS = "0" * 64
AUDIT_LOCK_KEY = 740_305  # PostgreSQL advisory lock that serialises appends


def jsonable(value: Any) -> Any:
    """Plain JSON values, so that the hash is the same before and after storage."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def entry_hash(entry: AuditEntry) -> str:
    content = {
        "at": entry.at.isoformat(),
        "user_id": entry.user_id,
        "username": entry.username,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "unit_id": entry.unit_id,
        "before": entry.before,
        "after": entry.after,
        "reason": entry.reason,
        "prev_hash": entry.prev_hash,
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def record(
    action: str,
    entity: str,
    entity_id: Any = "",
    *,
    unit_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    user: Any = None,
) -> AuditEntry:
    """Append an entry in the caller's transaction; it commits with the change it records."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})
    actor = user if user is not None else _current_actor()
    previous = db.session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    entry = AuditEntry(
        at=utcnow().replace(microsecond=0),
        user_id=getattr(actor, "id", None),
        username=getattr(actor, "username", "") or "system",
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        unit_id=unit_id,
        before=jsonable(before),
        after=jsonable(after),
        reason=reason,
        prev_hash=previous or GENESIS,
    )
    entry.hash = entry_hash(entry)
    db.session.add(entry)
    db.session.flush()
    return entry


def _current_actor() -> Any:
    if not has_request_context():  # CLI, scheduler
        return None
    from governance.core.auth import actor

    return actor()


@dataclass
class ChainReport:
    count: int = 0
    head: str = GENESIS
    problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_chain() -> ChainReport:
    """Walk the log in order; report every entry whose hash or link does not hold."""
    report = ChainReport()
    expected_prev = GENESIS
    for entry in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        report.count += 1
        if entry.prev_hash != expected_prev:
            report.problems.append((entry.id, N_("link broken: an entry before it was removed")))
        if entry_hash(entry) != entry.hash:
            report.problems.append((entry.id, N_("content changed after it was recorded")))
        expected_prev = entry.hash
    report.head = expected_prev
    return report
