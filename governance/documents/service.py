"""Documents: create (numbered), edit while a draft, sign, verify, void; all audited.

Views, the API and other domains (meetings: minutes, resolutions) call these. Every
change checks role and unit first, and answers Conflict (409) on a signed document.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Select, select
from sqlalchemy.orm import defer

from governance.core import audit
from governance.core.access import can_read, can_sign, require
from governance.core.access import can_write_documents as can_write
from governance.core.database import utcnow
from governance.core.errors import Conflict, Invalid, NotFound
from governance.core.models import User
from governance.documents import numbering, signing
from governance.documents.compose import compose, template_name
from governance.documents.contexts import DocumentContext, context_from_dict, context_to_dict
from governance.documents.models import Document, DocumentStatus, NumberEntry, PdfJob
from governance.documents.templates_store import override_for
from governance.extensions import db
from governance.org.models import Body, Unit

MAX_PDF_BYTES = 20 * 1024 * 1024


# Access ----------------------------------------------------------------------------------


def get_document(document_id: int, by: User) -> Document:
    document = db.session.get(Document, document_id)
    if document is None:
        raise NotFound(_("This document does not exist."))
    require(can_read(by, document.unit))
    return document


def list_documents(unit: Unit, by: User) -> Sequence[Document]:
    return db.session.scalars(document_query(unit, by)).all()


def document_query(unit: Unit, by: User) -> Select:
    """A unit's documents, newest first (a list takes one page of it)."""
    require(can_read(by, unit))
    query = select(Document).where(Document.unit_id == unit.id).order_by(Document.id.desc())
    return query.options(defer(Document.context))  # the record a Word file is drawn from


# Lifecycle -------------------------------------------------------------------------------


def local_today() -> datetime.date:
    return datetime.datetime.now(ZoneInfo(current_app.config["TIMEZONE"])).date()


def create_document(
    kind: str,
    context: DocumentContext,
    unit: Unit,
    body: Body | None,
    by: User,
    *,
    meeting_id: int | None = None,
    agenda_item_id: int | None = None,
    with_year: bool = False,
    commit: bool = True,
) -> Document:
    """Number, render and store a draft. `with_year`: normative state resolutions
    (`Số: 05/2026/NQ-HĐND`). `commit=False` leaves the commit to a caller that saves more
    in the same transaction (the number is only taken if that transaction commits)."""
    require(can_write(by, unit))
    if context.kind != kind:
        raise Invalid(fields={"kind": _("The content does not match the document kind.")})
    if body is not None and body.unit_id != unit.id:
        raise Invalid(fields={"body_id": _("This body belongs to another unit.")})
    head = context.letterhead
    day = context.date or local_today()
    sequence = numbering.sequence_for(
        unit.id,
        head.issuer_code,
        context.type_code,
        head.style,
        body.kind if body else None,
        body.term if body else None,
        day,
    )
    year = day.year if with_year and head.style == "state" else None
    entry = numbering.allocate(sequence, context.type_code, head.style, year)
    context.number, context.draft = entry.text, True
    document = Document(
        unit_id=unit.id,
        body_id=body.id if body else None,
        kind=kind,
        style=head.style,
        type_code=context.type_code,
        number=entry.text,
        number_id=entry.id,
        title=_title(context),
        context=context_to_dict(context),
        meeting_id=meeting_id,
        agenda_item_id=agenda_item_id,
        created_by=by.id,
    )
    _render_into(document, context)
    db.session.add(document)
    db.session.flush()
    entry.document_id = document.id
    audit.record(
        "create", "document", document.id, unit_id=unit.id, after=_summary(document), user=by
    )
    if commit:
        db.session.commit()
    return document


def update_draft(
    document: Document, context: DocumentContext, by: User, version: int | None = None
) -> Document:
    """Replace the content of a draft; its number stays. Stale `version` → 409."""
    require(can_write(by, document.unit))
    _check_editable(document, version)
    if context.kind != document.kind:
        raise Invalid(fields={"kind": _("The content does not match the document kind.")})
    before = _summary(document)
    context.number, context.draft = document.number, True
    document.context = context_to_dict(context)
    document.title = _title(context)
    _render_into(document, context)
    db.session.flush()
    audit.record(
        "update",
        "document",
        document.id,
        unit_id=document.unit_id,
        before=before,
        after=_summary(document),
        user=by,
    )
    db.session.commit()
    return document


def sign(document: Document, by: User) -> Document:
    """Freeze, render without the draft mark, record SHA-256, sign it (CMS), queue the PDF."""
    require(can_sign(by, document.unit))
    _check_editable(document)
    context = context_from_dict(document.kind, document.context)
    context.draft = False
    context.date = context.date or local_today()
    if not context.signature.name.strip():
        context.signature.name = by.full_name or by.username
    context.signature.signed_note = "(Đã ký số)"
    key = signing.key_for(document.unit.code, document.unit.name)
    document.context = context_to_dict(context)
    _render_into(document, context)
    document.p7s = signing.sign_detached(document.docx, key)
    document.signing_cert, document.dev_certificate = key.cert_pem, key.development
    document.status, document.signed_by, document.signed_at = "signed", by.id, utcnow()
    from governance.documents.pdf import enqueue

    enqueue(document)
    db.session.flush()
    audit.record(
        "sign", "document", document.id, unit_id=document.unit_id, after=_summary(document), user=by
    )
    db.session.commit()
    return document


def verify(document: Document) -> dict:
    """Stored bytes against the recorded hash, and the signatures over them."""
    docx = document.docx or b""
    digest = hashlib.sha256(docx).hexdigest()
    result = {"valid": False, "sha256": document.sha256, "docx": False, "pdf": None}
    if not document.signed:
        return result | {"reason": "not_signed"}
    result["docx"] = digest == document.sha256 and (
        document.p7s is None or signing.verify_detached(docx, document.p7s, document.signing_cert)
    )
    if document.pdf_signed is not None:
        result["pdf"] = signing.check_signed_pdf(document.pdf_signed).valid
    result["valid"] = bool(result["docx"]) and result["pdf"] is not False
    return result


def accept_signed_pdf(document: Document, pdf: bytes, by: User) -> Document:
    """A PDF signed outside the app (the chair's own token) becomes the signed record."""
    require(can_sign(by, document.unit))
    if document.pdf_signed is not None:
        raise Conflict(_("This document already has a signed PDF; it cannot be replaced."))
    if not pdf.startswith(b"%PDF-") or len(pdf) > MAX_PDF_BYTES:
        raise Invalid(fields={"file": _("Upload a PDF file (at most 20 MB).")})
    check = signing.check_signed_pdf(pdf)
    if not check.valid:
        raise Invalid(_pdf_refusal(check.message), fields={"file": _pdf_refusal(check.message)})
    document.pdf_signed, document.pdf_source = pdf, "external"
    if not document.signed:
        document.status, document.signed_by, document.signed_at = "signed", by.id, utcnow()
    db.session.flush()
    audit.record(
        "accept_signed_pdf",
        "document",
        document.id,
        unit_id=document.unit_id,
        after=_summary(document)
        | {"pdf_sha256": hashlib.sha256(pdf).hexdigest(), "pdf_signer": check.signer},
        user=by,
    )
    db.session.commit()
    return document


def void_number(document: Document, reason: str, by: User) -> Document:
    """Withdraw a draft: its number is voided (kept in the register, never reused)."""
    require(can_write(by, document.unit))
    _check_editable(document)
    entry = db.session.get(NumberEntry, document.number_id) if document.number_id else None
    if entry is None:
        raise Conflict(_("This document has no number to void."))
    numbering.void(entry, reason, by)
    document.status = "void"
    db.session.flush()
    audit.record(
        "void",
        "document",
        document.id,
        unit_id=document.unit_id,
        after=_summary(document),
        reason=reason,
        user=by,
    )
    db.session.commit()
    return document


def request_pdf(document: Document, by: User) -> PdfJob:
    require(can_write(by, document.unit) or can_sign(by, document.unit))
    from governance.documents.pdf import enqueue

    job = enqueue(document, force=True)
    db.session.commit()
    return job


# Helpers ---------------------------------------------------------------------------------


def _check_editable(document: Document, version: int | None = None) -> None:
    if document.status == DocumentStatus.SIGNED:
        raise Conflict(_("This document is signed: it can no longer be changed."))
    if document.status != DocumentStatus.DRAFT:
        raise Conflict(_("This document was withdrawn."))
    if version is not None and version != document.version:
        raise Conflict(
            _("Someone else changed this document in the meantime. Reload and try again."),
            extra={"version": document.version},
        )


def _render_into(document: Document, context: DocumentContext) -> None:
    name = template_name(context.kind, context.letterhead.style)
    document.docx = compose(context, override_for(document.unit_id, name))
    document.sha256 = hashlib.sha256(document.docx).hexdigest()


def _title(context: DocumentContext) -> str:
    return f"{context.title} {context.summary}".strip()[:300]


def _summary(document: Document) -> dict:
    return {
        "kind": document.kind,
        "number": document.number,
        "status": document.status,
        "title": document.title,
        "sha256": document.sha256,
    }


def _pdf_refusal(reason: str) -> str:
    return {
        "no_signature": _("This PDF carries no digital signature."),
        "broken": _("The signature does not match the file: it was changed after signing."),
        "partial": _("Something was added to the PDF after it was signed."),
    }.get(reason, _("This file could not be read as a signed PDF."))
