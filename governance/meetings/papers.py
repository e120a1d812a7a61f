"""Papers attached to agenda items: checked by size and content, stored outside the web root."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from governance.core import access, audit
from governance.core.errors import Conflict, Invalid
from governance.core.models import User
from governance.core.storage import storage_dir
from governance.extensions import db
from governance.meetings.models import AgendaItem, Attachment, MeetingStatus

# extension -> (content type, how the file must begin)
ALLOWED = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (b"PK\x03\x04",),
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".doc": ("application/msword", (b"\xd0\xcf\x11\xe0",)),
    ".xls": ("application/vnd.ms-excel", (b"\xd0\xcf\x11\xe0",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG",)),
}


PAPER_KINDS = ("submission", "review_report", "draft", "other")


def paper_meta(data: dict | None) -> dict:
    """The paper's kind, number, date and issuer (INTERFACES B), checked."""
    data = data or {}
    kind = data.get("paper_kind") or "other"
    if kind not in PAPER_KINDS:
        raise Invalid(fields={"paper_kind": _("Choose the kind of paper from the list.")})
    number = (data.get("doc_number") or "").strip()
    issuer = (data.get("issuer") or "").strip()
    if len(number) > 60 or len(issuer) > 200:
        raise Invalid(fields={"doc_number": _("The number or issuer is too long.")})
    return {
        "paper_kind": kind,
        "doc_number": number,
        "issued_on": data.get("issued_on"),
        "issuer": issuer,
    }


def attach(item: AgendaItem, upload: FileStorage, by: User, meta: dict | None = None) -> Attachment:
    unit = item.meeting.body.unit
    access.require(access.can_prepare_meetings(by, unit) or access.can_run_session(by, unit))
    if item.meeting.status == MeetingStatus.CLOSED:
        raise Conflict(_("The meeting is closed; its papers are on record."))
    name = upload.filename or ""
    extension = Path(name).suffix.lower()
    data = upload.read(current_app.config["ATTACHMENT_MAX_BYTES"] + 1)
    _check(extension, data)
    described = paper_meta(meta)
    key = secrets.token_hex(16)
    (storage_dir() / key).write_bytes(data)
    attachment = Attachment(
        item=item,
        filename=secure_filename(name) or f"paper{extension}",
        size=len(data),
        content_type=ALLOWED[extension][0],
        sha256=hashlib.sha256(data).hexdigest(),
        storage_key=key,
        uploaded_by=by.username,
        **described,
    )
    db.session.add(attachment)
    db.session.flush()
    audit.record(
        "attach",
        "agenda_item",
        item.id,
        unit_id=unit.id,
        user=by,
        after={
            "filename": attachment.filename,
            "sha256": attachment.sha256,
            "paper_kind": attachment.paper_kind,
            "doc_number": attachment.doc_number,
        },
    )
    db.session.commit()
    return attachment


def _check(extension: str, data: bytes) -> None:
    limit = current_app.config["ATTACHMENT_MAX_BYTES"]
    if extension not in ALLOWED:
        raise Invalid(
            _(
                "Attach PDF, Word, Excel, PowerPoint or image files (%(types)s).",
                types=", ".join(sorted(ALLOWED)),
            ),
            {"file": _("Type not accepted.")},
        )
    if not data:
        raise Invalid(_("The file is empty."), {"file": _("Empty file.")})
    if len(data) > limit:
        raise Invalid(
            _("The file is too large: at most %(mb)s MB.", mb=limit // 2**20),
            {"file": _("Too large.")},
        )
    if not data.startswith(ALLOWED[extension][1]):
        raise Invalid(
            _("The file's content does not match its name (%(ext)s).", ext=extension),
            {"file": _("Content does not match the type.")},
        )


def get_attachment(attachment_id: int, by: User) -> tuple[Attachment, Path]:
    from governance.core.errors import NotFound

    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None:
        raise NotFound(_("This paper does not exist (it may have been removed)."))
    access.require(access.can_read(by, attachment.item.meeting.body.unit))
    return attachment, storage_dir() / attachment.storage_key


def remove(attachment: Attachment, by: User) -> None:
    unit = attachment.item.meeting.body.unit
    access.require(access.can_prepare_meetings(by, unit))
    if attachment.item.meeting.status == MeetingStatus.CLOSED:
        raise Conflict(_("The meeting is closed; its papers are on record."))
    audit.record(
        "detach",
        "agenda_item",
        attachment.agenda_item_id,
        unit_id=unit.id,
        user=by,
        before={"filename": attachment.filename, "sha256": attachment.sha256},
    )
    path = storage_dir() / attachment.storage_key
    db.session.delete(attachment)
    db.session.commit()
    path.unlink(missing_ok=True)
