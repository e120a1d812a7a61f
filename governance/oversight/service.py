"""Oversight operations: load with access checks, record findings and answers, audit."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from governance.core import access, audit
from governance.core.database import utcnow
from governance.core.errors import Conflict, Invalid, NotFound
from governance.core.models import Role, User
from governance.core.records import snapshot
from governance.extensions import db
from governance.org.models import Unit, UnitKind
from governance.org.people import person_name
from governance.oversight.checklist import item_labels
from governance.oversight.models import Finding

FINDING_KINDS = ("finding", "request")
MAX_TEXT = 5000


def get_province(code: str, by: User) -> Unit:
    unit = db.session.scalar(select(Unit).where(Unit.code == code))
    if unit is None or unit.kind != UnitKind.PROVINCE:
        raise NotFound(_("There is no province with this code."))
    access.require(access.can_oversee(by, unit))
    return unit


def get_commune(code: str, by: User) -> Unit:
    unit = db.session.scalar(select(Unit).where(Unit.code == code))
    if unit is None or unit.kind == UnitKind.PROVINCE:
        raise NotFound(_("There is no commune with this code."))
    access.require(access.can_read(by, unit))
    return unit


def home_province(by: User) -> Unit | None:
    """The province an inspector oversees (None for the administrator: the whole country)."""
    if by.role == Role.ADMIN:
        return None
    access.require(by.role == Role.INSPECTOR and by.unit is not None)
    return by.unit


def findings(unit: Unit) -> list[Finding]:
    return list(
        db.session.scalars(
            select(Finding).where(Finding.unit_id == unit.id).order_by(Finding.created_at)
        )
    )


def get_finding(finding_id: int, by: User) -> Finding:
    finding = db.session.get(Finding, finding_id)
    if finding is None:
        raise NotFound(_("This finding does not exist."))
    access.require(access.can_read(by, finding.unit))
    return finding


def record_finding(unit: Unit, data: dict, by: User) -> Finding:
    access.require(access.can_record_findings(by, unit))
    text = (data.get("text") or "").strip()
    kind = data.get("kind") or "finding"
    item_key = data.get("item_key") or ""
    errors = {}
    if not text or len(text) > MAX_TEXT:
        errors["text"] = _("Write the finding (at most %(n)s characters).", n=MAX_TEXT)
    if kind not in FINDING_KINDS:
        errors["kind"] = _("Choose a finding or a request.")
    if item_key not in item_labels():
        errors["item_key"] = _("Choose an item of the checklist.")
    if errors:
        raise Invalid(fields=errors)
    finding = Finding(
        unit_id=unit.id,
        item_key=item_key,
        kind=kind,
        text=text,
        author_id=by.id,
        author_name=person_name(by),
    )
    db.session.add(finding)
    db.session.flush()
    audit.record("create", "finding", finding.id, unit_id=unit.id, user=by, after=snapshot(finding))
    _notify_commune(finding)
    db.session.commit()
    return finding


def answer_finding(finding: Finding, text: str, by: User) -> Finding:
    """The commune's answer; once given it stays (a correction is a new finding's answer)."""
    access.require(access.can_answer_findings(by, finding.unit))
    text = (text or "").strip()
    if not text or len(text) > MAX_TEXT:
        raise Invalid(
            fields={"answer": _("Write the answer (at most %(n)s characters).", n=MAX_TEXT)}
        )
    if finding.answered_at is not None:
        raise Conflict(_("This finding has already been answered."))
    before = snapshot(finding)
    finding.answer, finding.answered_by, finding.answered_at = (
        text,
        person_name(by),
        utcnow(),
    )
    audit.record(
        "answer",
        "finding",
        finding.id,
        unit_id=finding.unit_id,
        user=by,
        before=before,
        after=snapshot(finding),
    )
    db.session.commit()
    return finding


def _notify_commune(finding: Finding) -> None:
    """The commune's office and chair see the finding in their notifications at once."""
    from governance.notifications.service import notify_unit

    what = "Yêu cầu" if finding.kind == "request" else "Kết luận kiểm tra"
    notify_unit(
        finding.unit_id,
        ("clerk", "chair"),
        key=f"finding:{finding.id}",
        subject=f"{what} của đoàn kiểm tra: {finding.text[:300]}",
        link=f"/oversight/units/{finding.unit.code}#finding-{finding.id}",
    )
