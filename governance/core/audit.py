"""The audit log: who did what, when, before and after, in a hash chain, anchored.

Each entry's hash covers its content and the previous entry's hash, so editing or
deleting an entry breaks the chain at that point; `verify_chain` finds where. A chain
rewritten from some entry on (hashes recomputed) or cut short at its end is still a valid
chain: hence the anchors, checkpoints of the head signed with a key that is not in the
database (HMAC), kept in their own table and compared at every verification.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask import current_app, g, has_request_context
from flask_login import current_user
from sqlalchemy import func, select, text

from governance.core.database import utcnow
from governance.core.i18n import N_
from governance.core.models import AuditAnchor, AuditCheck, AuditEntry
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


def entry_hash(entry: Any) -> str:
    """The hash of an entry: an AuditEntry, or a row of the audit_entries table."""
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
    """The API's bearer, else the web session's user (the same rule as core.auth.actor,
    read here so that the audit log depends on no account code)."""
    if not has_request_context():  # CLI, scheduler
        return None
    if (api_user := g.get("api_user")) is not None:
        return api_user
    return current_user if current_user.is_authenticated else None


# Anchors ------------------------------------------------------------------------------


def _anchor_key() -> bytes:
    """AUDIT_ANCHOR_KEY when set (kept apart from the database and the app's secret), else
    a key derived from SECRET_KEY."""
    configured = current_app.config.get("AUDIT_ANCHOR_KEY") or os.environ.get("AUDIT_ANCHOR_KEY")
    if configured:
        return configured.encode() if isinstance(configured, str) else configured
    secret = current_app.config["SECRET_KEY"]
    secret = secret.encode() if isinstance(secret, str) else secret
    return hmac.new(secret, b"hoi-nghi audit anchor v1", hashlib.sha256).digest()


def anchor_signature(entry_id: int, entry_hash_: str, count: int) -> str:
    message = f"{entry_id}:{entry_hash_}:{count}".encode()
    return hmac.new(_anchor_key(), message, hashlib.sha256).hexdigest()


def _anchor(entry_id: int, head: str, count: int) -> None:
    db.session.add(
        AuditAnchor(
            entry_id=entry_id,
            entry_hash=head,
            count=count,
            signature=anchor_signature(entry_id, head, count),
        )
    )


# Verification -------------------------------------------------------------------------


@dataclass
class ChainReport:
    count: int = 0  # entries in the chain
    checked: int = 0  # entries walked by this run (all of them with full=True)
    head: str = GENESIS
    head_id: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


BATCH = 2000


def _check_anchors(report: ChainReport) -> tuple[AuditAnchor | None, dict[int, int]]:
    """Compare every anchor with the entry it names: the latest sound one (or None), and
    the chain length each sound anchor recorded, by entry id."""
    rows = db.session.execute(
        select(AuditAnchor, AuditEntry.hash)
        .outerjoin(AuditEntry, AuditEntry.id == AuditAnchor.entry_id)
        .order_by(AuditAnchor.id)
    ).all()
    latest, counts = None, {}
    for anchor, stored_hash in rows:
        expected = anchor_signature(anchor.entry_id, anchor.entry_hash, anchor.count)
        if not hmac.compare_digest(expected, anchor.signature):
            report.problems.append((anchor.entry_id, N_("an anchor was forged or altered")))
        elif stored_hash is None:
            report.problems.append((anchor.entry_id, N_("an anchored entry was removed")))
        elif stored_hash != anchor.entry_hash:
            report.problems.append(
                (anchor.entry_id, N_("the chain was rewritten up to this anchored entry"))
            )
        else:
            counts[anchor.entry_id] = anchor.count
            if latest is None or anchor.entry_id >= latest.entry_id:
                latest = anchor
    return latest, counts


def verify_chain(
    full: bool = False, progress: Callable[[int], None] | None = None, anchor: bool = True
) -> ChainReport:
    """Check the anchors, then walk the entries after the latest anchor (all of them with
    `full`), streaming plain rows; when all holds, anchor the new head."""
    report = ChainReport()
    latest, anchored = _check_anchors(report)
    start = latest if latest is not None and not full and report.ok else None
    expected_prev = start.entry_hash if start else GENESIS
    report.count = start.count if start else 0
    report.head, report.head_id = expected_prev, start.entry_id if start else 0
    table = AuditEntry.__table__
    rows = db.session.execute(
        select(table).where(table.c.id > report.head_id).order_by(table.c.id),
        execution_options={"yield_per": BATCH},
    )
    for row in rows:
        report.count += 1
        report.checked += 1
        if row.prev_hash != expected_prev:
            report.problems.append((row.id, N_("link broken: an entry before it was removed")))
        if entry_hash(row) != row.hash:
            report.problems.append((row.id, N_("content changed after it was recorded")))
        if row.id in anchored and anchored[row.id] != report.count:
            report.problems.append((row.id, N_("entries before this anchored one were removed")))
        expected_prev, report.head_id = row.hash, row.id
        if progress is not None and report.checked % BATCH == 0:
            progress(BATCH)
    if progress is not None:
        progress(report.checked % BATCH)
    report.head = expected_prev
    moved = latest is None or latest.entry_id != report.head_id
    if anchor and report.ok and report.head_id and moved:
        _anchor(report.head_id, report.head, report.count)
        db.session.commit()
    return report


def entry_count() -> int:
    return db.session.scalar(select(func.count(AuditEntry.id))) or 0


# Checks queued from the audit page, run by the scheduler -----------------------------


def queue_check(requested_by: str, full: bool = False) -> AuditCheck:
    """Ask for a verification; one already waiting is reused (clicking twice queues one)."""
    waiting = db.session.scalar(
        select(AuditCheck).where(AuditCheck.status.in_(("queued", "running"))).limit(1)
    )
    if waiting is not None:
        return waiting
    check = AuditCheck(status="queued", full=full, requested_by=requested_by)
    db.session.add(check)
    db.session.commit()
    return check


def run_check(check: AuditCheck) -> ChainReport:
    """Run one check and keep its result (the audit page shows the latest)."""
    check.status = "running"
    db.session.commit()
    report = verify_chain(full=check.full)
    check.status, check.finished_at, check.ok = "done", utcnow(), report.ok
    check.checked, check.total, check.head = report.checked, report.count, report.head
    check.problems = [[entry_id, problem] for entry_id, problem in report.problems[:200]]
    db.session.commit()
    return report


def next_queued_check() -> AuditCheck | None:
    query = select(AuditCheck).where(AuditCheck.status == "queued").order_by(AuditCheck.id)
    if db.session.get_bind().dialect.name == "postgresql":  # several scheduler hosts
        query = query.with_for_update(skip_locked=True)
    return db.session.scalar(query.limit(1))


def latest_checks() -> tuple[AuditCheck | None, AuditCheck | None]:
    """The latest finished check, and the one waiting or running (if any)."""
    done = db.session.scalar(
        select(AuditCheck).where(AuditCheck.status == "done").order_by(AuditCheck.id.desc())
    )
    waiting = db.session.scalar(
        select(AuditCheck)
        .where(AuditCheck.status.in_(("queued", "running")))
        .order_by(AuditCheck.id.desc())
    )
    return done, waiting
