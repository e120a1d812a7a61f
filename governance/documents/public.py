"""What a commune publishes: its signed and published documents, without login.

Councils must make their resolutions public. The list shows number, title, kind, when it was
signed and the signed PDF, and nothing else (no drafts, no names of accounts, no hashes).
"""

from __future__ import annotations

import io

from flask import Blueprint, abort, render_template, request, send_file
from flask.views import MethodView
from flask_babel import gettext as _
from flask_smorest import Blueprint as ApiBlueprint
from marshmallow import Schema, fields
from sqlalchemy import func, select

from governance.core.api import API_PREFIX
from governance.core.errors import NotFound
from governance.core.schemas import LocalDateTime
from governance.documents.models import Document, DocumentStatus
from governance.extensions import db
from governance.org.models import Unit

PAGE_SIZE = 20

blueprint = Blueprint("documents_public", __name__, url_prefix="/public")
blp = ApiBlueprint(
    "documents_public_api",
    __name__,
    url_prefix=API_PREFIX,
    description="Published documents of a commune (no login)",
)


def _published(unit: Unit):
    return (
        select(Document)
        .where(
            Document.unit_id == unit.id,
            Document.status == DocumentStatus.SIGNED,
            Document.published_at.is_not(None),
        )
        .order_by(Document.published_at.desc(), Document.id.desc())
    )


def _unit(code: str) -> Unit:
    unit = db.session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        raise NotFound(_("There is no such unit."))
    return unit


def published_page(code: str, page: int, size: int) -> tuple[Unit, list[Document], int]:
    unit = _unit(code)
    query = _published(unit)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(query.limit(size).offset((page - 1) * size)).all()
    return unit, list(rows), total


def published_pdf(document_id: int) -> bytes:
    document = db.session.get(Document, document_id)
    if document is None or document.published_at is None or not document.signed:
        raise NotFound(_("This document is not published."))
    data = document.pdf_signed if document.pdf_signed is not None else document.pdf
    if data is None:
        raise NotFound(_("The PDF of this document is being made; try again in a minute."))
    return data


def pdf_path(document: Document) -> str | None:
    if document.pdf_signed is None and document.pdf is None:
        return None
    return f"{API_PREFIX}/public/documents/{document.id}/pdf"


class PublicDocumentSchema(Schema):
    number = fields.String()
    title = fields.String()
    kind = fields.String()
    signed_at = LocalDateTime(allow_none=True)
    pdf = fields.Function(pdf_path, metadata={"description": "link to the signed PDF"})


@blp.route("/public/<string:unit_code>/documents")
class PublicDocuments(MethodView):
    @blp.response(200, PublicDocumentSchema(many=True))
    @blp.paginate(page=1, page_size=PAGE_SIZE, max_page_size=500)
    def get(self, unit_code, pagination_parameters):
        """Published documents of a unit, newest first (no login)."""
        params = pagination_parameters
        _, rows, total = published_page(unit_code, params.page, params.page_size)
        params.item_count = total
        return rows


@blp.route("/public/documents/<int:document_id>/pdf")
class PublicDocumentPdf(MethodView):
    def get(self, document_id):
        """The signed PDF of a published document (no login)."""
        data = published_pdf(document_id)
        return send_file(
            io.BytesIO(data), mimetype="application/pdf", download_name=f"{document_id}.pdf"
        )


@blueprint.route("/<code>/documents")
def page(code: str):
    """The commune's public page of published documents."""
    try:
        number = max(int(request.args.get("page", "1")), 1)
    except ValueError:
        abort(404)
    unit, rows, total = published_page(code, number, PAGE_SIZE)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return render_template(
        "documents/public.html", unit=unit, documents=rows, page=number, pages=pages, total=total
    )
