"""The number register: per unit, issuer and type, gap-free and never duplicated.

State numbers restart each calendar year (Decree 30/2020/NĐ-CP); Party numbers restart per
document type each committee term (Guidance 36-HD/VPTW); congress papers share one sequence
from the preparatory session to the close. A number is taken inside the caller's
transaction: if the document is not saved, the number is not used either (no gap). A number
given out can be voided with a reason, and stays in the register.
"""

from __future__ import annotations

import datetime
import zlib
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from governance.core import audit
from governance.core.database import utcnow
from governance.core.errors import Conflict, Invalid
from governance.documents.models import NumberEntry
from governance.extensions import db
from governance.rules.formats import document_number

LOCK_NAMESPACE = 740_306  # advisory locks of the register (the audit log uses 740_305)
ATTEMPTS = 20
ALL_TYPES = "*"


@dataclass(frozen=True)
class Sequence:
    """Which counter a number comes from."""

    unit_id: int
    issuer_code: str
    type_code: str  # ALL_TYPES for congress papers
    period: str

    @property
    def key(self) -> str:
        return f"{self.unit_id}|{self.issuer_code}|{self.type_code}|{self.period}"


def sequence_for(
    unit_id: int,
    issuer_code: str,
    type_code: str,
    style: str,
    body_kind: str | None,
    term: str | None,
    day: datetime.date,
) -> Sequence:
    if body_kind == "congress":
        return Sequence(unit_id, issuer_code, ALL_TYPES, f"congress {term or day.year}")
    if style == "party" and term:
        return Sequence(unit_id, issuer_code, type_code, term)
    return Sequence(unit_id, issuer_code, type_code, str(day.year))


def allocate(
    seq: Sequence, type_code: str, style: str, with_year: int | None = None
) -> NumberEntry:
    """The next number, added to the session (not committed: the caller commits)."""
    lock(seq)
    for _attempt in range(ATTEMPTS):
        n = _last(seq) + 1
        entry = NumberEntry(
            unit_id=seq.unit_id,
            issuer_code=seq.issuer_code,
            type_code=seq.type_code,
            period=seq.period,
            seq=n,
            text=document_number(n, type_code, seq.issuer_code, style, with_year),
        )
        try:
            with db.session.begin_nested():  # a clash undoes only this insert
                db.session.add(entry)
        except IntegrityError:
            continue  # another transaction took n in between: take the next one
        return entry
    raise Conflict(_("No document number could be reserved just now. Please try again."))


def lock(seq: Sequence) -> None:
    """PostgreSQL: one writer per sequence at a time. SQLite's BEGIN IMMEDIATE already
    serialises writers; the unique constraint and the retry cover anything else."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    key = zlib.crc32(seq.key.encode()) - 2**31  # a signed 32-bit integer
    db.session.execute(
        text("SELECT pg_advisory_xact_lock(:ns, :key)"), {"ns": LOCK_NAMESPACE, "key": key}
    )


def _last(seq: Sequence) -> int:
    query = select(func.max(NumberEntry.seq)).where(
        NumberEntry.unit_id == seq.unit_id,
        NumberEntry.issuer_code == seq.issuer_code,
        NumberEntry.type_code == seq.type_code,
        NumberEntry.period == seq.period,
    )
    return db.session.scalar(query) or 0


def void(entry: NumberEntry, reason: str, by) -> NumberEntry:
    """Mark a number void; it is kept (and audited), and never handed out again."""
    reason = (reason or "").strip()
    if not reason:
        raise Invalid(fields={"reason": _("Say why the number is voided.")})
    if entry.voided:
        raise Conflict(_("This number was already voided."))
    entry.voided, entry.void_reason = True, reason
    entry.voided_by, entry.voided_at = getattr(by, "id", None), utcnow()
    audit.record(
        "void",
        "document_number",
        entry.id,
        unit_id=entry.unit_id,
        after={"number": entry.text, "period": entry.period},
        reason=reason,
        user=by,
    )
    return entry


def register(unit_id: int) -> list[NumberEntry]:
    """The unit's register, newest first."""
    query = (
        select(NumberEntry)
        .where(NumberEntry.unit_id == unit_id)
        .order_by(NumberEntry.period.desc(), NumberEntry.issuer_code, NumberEntry.seq.desc())
    )
    return list(db.session.scalars(query))
