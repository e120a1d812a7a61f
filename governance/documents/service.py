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
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer

from governance.core import audit
from governance.core.access import can_publish, can_read, can_sign, can_sign_as, require
from governance.core.access import can_write_documents as can_write
from governance.core.database import utcnow
from governance.core.errors import Conflict, Invalid, NotFound
from governance.core.models import User
from governance.documents import numbering, operative, signing
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
    source_key: str | None = None,
) -> Document:
    """Number, render and store a draft. `with_year`: normative state resolutions
    (`Số: 05/2026/NQ-HĐND`). `commit=False` leaves the commit to a caller that saves more
    in the same transaction (the number is only taken if that transaction commits).
    `source_key` ("resolution:item:12"): one live document per record; checked inside the
    numbering lock, and UNIQUE in the database whatever the timing."""
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
    if source_key is not None:
        numbering.lock(sequence)  # PostgreSQL: the check and the insert, one writer at a time
        _refuse_second(source_key)
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
        source_key=source_key,
        signatures=[],
        created_by=by.id,
    )
    _render_into(document, context)
    db.session.add(document)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()  # nothing of this attempt stays: not even its number
        if source_key is not None:
            _refuse_second(source_key)
        raise
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


def set_operative(document: Document, text: str, by: User, version: int | None = None) -> Document:
    """The office types the operative text (in place of the placeholder) before signing."""
    if document.kind not in ("resolution", "decision"):
        raise Invalid(fields={"text": _("Only a resolution or a decision has articles.")})
    body, annex = operative.split_annex(text or "")
    articles = operative.articles_from_text(body)
    if not articles or operative.has_placeholder(text):
        raise Invalid(fields={"text": _("Type the operative text: at least one article.")})
    context = context_from_dict(document.kind, document.context)
    context.articles = articles
    day = context.date.isoformat() if context.date else ""
    of = "Quyết định" if document.kind == "decision" else "Nghị quyết"
    context.annexes = [operative.annex_of(annex, day, of)] if annex else []
    return update_draft(document, context, by, version)


REQUIRED_SLOTS = {"minutes": ("secretary", "chair")}


def required_slots(document: Document) -> tuple[str, ...]:
    """Who must sign before the document is final: minutes need the secretary and the chair
    (DOMAIN 6); everything else the chair."""
    return REQUIRED_SLOTS.get(document.kind, ("chair",))


def signed_slots(document: Document) -> set[str]:
    return {s["slot"] for s in document.signatures or []}


def slot_for(document: Document, by: User) -> str | None:
    """The signature this account gives: the secretary's or the chair's."""
    for slot in required_slots(document):
        if can_sign_as(by, document.unit, slot):
            return slot
    return None


def sign(document: Document, by: User) -> Document:
    """The signer's signature; once every required one is there: freeze, render without the
    draft mark, record SHA-256, sign it (CMS), queue the PDF (signed visibly per person).

    The name printed is the person holding the office (from the record), never the account;
    a document whose operative text or signer's name is still missing cannot be signed."""
    slot = slot_for(document, by)
    require(slot is not None)
    _check_editable(document, allow_partly_signed=True)
    if slot in signed_slots(document):
        raise Conflict(_("You have signed this document already."))
    context = context_from_dict(document.kind, document.context)
    if operative.has_placeholder(document.context):
        raise Conflict(
            _("The operative text is still a placeholder: fill in the adopted text before signing.")
        )
    block = _signature_block(context, slot)
    if not block.name.strip():
        raise Conflict(
            _(
                "The signer's name is missing (%(position)s): record who holds the office in "
                "the registry or the meeting, then sign.",
                position=block.position or block.on_behalf,
            )
        )
    entry = {
        "slot": slot,
        "user_id": by.id,
        "name": block.name,
        "position": " ".join(p for p in (block.on_behalf, block.position) if p),
        "at": utcnow().isoformat(),
    }
    document.signatures = [*(document.signatures or []), entry]
    if signed_slots(document) >= set(required_slots(document)):
        _finalize(document, context, by)
    db.session.flush()
    audit.record(
        "sign",
        "document",
        document.id,
        unit_id=document.unit_id,
        after=_summary(document) | {"slot": slot, "signer": block.name},
        user=by,
    )
    db.session.commit()
    return document


def _signature_block(context: DocumentContext, slot: str):
    return context.secretary_signature if slot == "secretary" else context.signature


def _finalize(document: Document, context: DocumentContext, by: User) -> None:
    context.draft = False
    context.date = context.date or local_today()
    for slot in required_slots(document):
        _signature_block(context, slot).signed_note = "Đã ký số"
    key = signing.key_for(document.unit.code, document.unit.name)
    document.context = context_to_dict(context)
    _render_into(document, context)
    document.p7s = signing.sign_detached(document.docx, key)
    document.signing_cert, document.dev_certificate = key.cert_pem, key.development
    document.status, document.signed_by, document.signed_at = "signed", by.id, utcnow()
    from governance.documents.pdf import enqueue

    enqueue(document)


def publish(document: Document, by: User) -> Document:
    """Make a signed document public (councils must publish their resolutions)."""
    require(can_publish(by, document.unit))
    if not document.signed:
        raise Conflict(_("Only a signed document can be published."))
    if document.published_at is None:
        document.published_at = utcnow()
        db.session.flush()
        audit.record(
            "publish",
            "document",
            document.id,
            unit_id=document.unit_id,
            after=_summary(document),
            user=by,
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
        result["signatures"] = signing.pdf_signatures(document.pdf_signed)
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
    document.status, document.source_key = "void", None  # the record may be drafted again
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


def _check_editable(
    document: Document, version: int | None = None, allow_partly_signed: bool = False
) -> None:
    if document.status == DocumentStatus.SIGNED:
        raise Conflict(_("This document is signed: it can no longer be changed."))
    if document.status != DocumentStatus.DRAFT:
        raise Conflict(_("This document was withdrawn."))
    if document.signatures and not allow_partly_signed:
        raise Conflict(_("Someone has signed this document already: it can no longer change."))
    if version is not None and version != document.version:
        raise Conflict(
            _("Someone else changed this document in the meantime. Reload and try again."),
            extra={"version": document.version},
        )


def _refuse_second(source_key: str) -> None:
    """One live document per record (the minutes of a meeting, the resolution of an item)."""
    existing = db.session.scalar(select(Document).where(Document.source_key == source_key))
    if existing is not None:
        raise Conflict(
            _(
                "This document exists already (%(number)s): edit it instead.",
                number=existing.number,
            ),
            extra={"document_id": existing.id},
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
