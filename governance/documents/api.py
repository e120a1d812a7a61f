"""JSON API for documents (CONTRACT section 3). Thin: load with access checks, call, answer."""

from __future__ import annotations

import io

from flask import send_file
from flask.views import MethodView
from flask_babel import gettext as _
from marshmallow import Schema, fields, validate

from governance.core.api import api_blueprint, api_user
from governance.core.errors import NotFound
from governance.core.pagination import api_page, paginated
from governance.documents import assembly, service
from governance.documents.schemas import (
    DocumentSchema,
    UploadSchema,
    VerifySchema,
    WarningsSchema,
)
from governance.meetings import service as meetings
from governance.org.service import get_unit

blp = api_blueprint("documents_api", "Official documents: Word, PDF, signatures")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download(data: bytes | None, name: str, mimetype: str):
    if data is None:
        raise NotFound(_("This file has not been made yet."))
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)


def file_stem(document) -> str:
    """Named after the number: "Số: 01/NQ-HĐND" → `01-NQ-HDND` (ASCII, no slash)."""
    import unicodedata

    bare = document.number.removeprefix("Số:").removeprefix("Số").strip()
    text = bare.replace("Đ", "D").replace("đ", "d").replace("/", "-")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in ascii_text).strip("-")
    return stem or f"{document.kind}-{document.id}"


@blp.route("/units/<string:code>/documents")
class UnitDocuments(MethodView):
    @blp.response(200, DocumentSchema(many=True))
    @paginated(blp)
    def get(self, code, pagination_parameters):
        """Documents of a unit, newest first."""
        query = service.document_query(get_unit(code, api_user()), api_user())
        return api_page(query, pagination_parameters)


@blp.route("/documents/<int:document_id>")
class DocumentResource(MethodView):
    @blp.response(200, DocumentSchema)
    def get(self, document_id):
        return service.get_document(document_id, api_user())


@blp.route("/documents/<int:document_id>/docx")
class DocumentDocx(MethodView):
    def get(self, document_id):
        """The Word file (the signed bytes, once signed)."""
        document = service.get_document(document_id, api_user())
        return download(document.docx, f"{file_stem(document)}.docx", DOCX)


@blp.route("/documents/<int:document_id>/p7s")
class DocumentSignature(MethodView):
    def get(self, document_id):
        """Detached CMS signature over the exact .docx bytes (DER)."""
        document = service.get_document(document_id, api_user())
        name = f"{file_stem(document)}.docx.p7s"
        return download(document.p7s, name, "application/pkcs7-signature")


@blp.route("/documents/<int:document_id>/pdf")
class DocumentPdf(MethodView):
    def get(self, document_id):
        """The signed PDF when there is one, else the unsigned conversion."""
        document = service.get_document(document_id, api_user())
        data = document.pdf_signed if document.pdf_signed is not None else document.pdf
        return download(data, f"{file_stem(document)}.pdf", "application/pdf")


@blp.route("/documents/<int:document_id>/sign")
class DocumentSign(MethodView):
    @blp.response(200, DocumentSchema)
    def post(self, document_id):
        """Sign and freeze (the chair of the document's unit)."""
        return service.sign(service.get_document(document_id, api_user()), api_user())


@blp.route("/documents/<int:document_id>/verify")
class DocumentVerify(MethodView):
    @blp.response(200, VerifySchema)
    def get(self, document_id):
        """Check the stored bytes against the recorded hash and the signatures."""
        return service.verify(service.get_document(document_id, api_user()))


@blp.route("/documents/<int:document_id>/signed-pdf")
class DocumentSignedPdf(MethodView):
    @blp.arguments(UploadSchema, location="files")
    @blp.response(200, DocumentSchema)
    def post(self, files, document_id):
        """Store a PDF signed outside the app, after checking its signature."""
        document = service.get_document(document_id, api_user())
        return service.accept_signed_pdf(document, files["file"].read(), api_user())


# From the session's record (CONTRACT: resolution of an adopted item; minutes of a meeting)


@blp.route("/agenda/<int:item_id>/resolution")
class ItemResolution(MethodView):
    @blp.response(201, DocumentSchema)
    @blp.alt_response(409, description="Not adopted, or drafted already")
    def post(self, item_id):
        """Draft the resolution of an adopted item, numbered, from the vote on record."""
        return assembly.draft_resolution(meetings.get_item(item_id, api_user()), api_user())


@blp.route("/meetings/<int:meeting_id>/minutes")
class MeetingMinutes(MethodView):
    @blp.response(201, DocumentSchema)
    @blp.alt_response(409, description="Not opened yet, or drafted already")
    def post(self, meeting_id):
        """Draft the minutes from the record: attendance, items, votes, elections."""
        meeting = meetings.get_meeting(meeting_id, api_user())
        return assembly.draft_minutes(meeting, api_user())


@blp.route("/agenda/<int:item_id>/counting-report")
class ItemCountingReport(MethodView):
    @blp.response(201, DocumentSchema)
    def post(self, item_id):
        """Draft the counting board's report of the item's election."""
        return assembly.draft_counting_report(meetings.get_item(item_id, api_user()), api_user())


@blp.route("/meetings/<int:meeting_id>/document-warnings")
class MeetingDocumentWarnings(MethodView):
    @blp.response(200, WarningsSchema)
    def get(self, meeting_id):
        """What the clerk should know before drafting: offices nobody holds, missing names
        (the documents would show a dotted line for the hand)."""
        meeting = meetings.get_meeting(meeting_id, api_user())
        return {"warnings": assembly.warnings_for(meeting)}


@blp.route("/documents/<int:document_id>/publish")
class DocumentPublish(MethodView):
    @blp.response(200, DocumentSchema)
    @blp.alt_response(409, description="Only a signed document can be published")
    def post(self, document_id):
        """Publish a signed document on the commune's public page."""
        return service.publish(service.get_document(document_id, api_user()), api_user())


class OperativeSchema(Schema):
    text = fields.String(required=True, validate=validate.Length(min=1, max=200_000))
    version = fields.Integer(load_default=None, allow_none=True)


@blp.route("/documents/<int:document_id>/operative")
class DocumentOperative(MethodView):
    @blp.arguments(OperativeSchema)
    @blp.response(200, DocumentSchema)
    @blp.alt_response(409, description="Signed, withdrawn or changed meanwhile")
    def put(self, data, document_id):
        """Replace a draft resolution's articles ("Điều 1. …" lines, then their text)."""
        document = service.get_document(document_id, api_user())
        return service.set_operative(document, data["text"], api_user(), data["version"])


class VoidSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=3, max=300))


@blp.route("/documents/<int:document_id>/void")
class VoidDocument(MethodView):
    @blp.arguments(VoidSchema)
    @blp.response(200, DocumentSchema)
    @blp.alt_response(409, description="Signed documents cannot be voided")
    def post(self, data, document_id):
        """Withdraw a draft: its number is voided with the reason, never given again."""
        document = service.get_document(document_id, api_user())
        return service.void_number(document, data["reason"], api_user())
