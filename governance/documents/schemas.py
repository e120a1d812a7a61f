"""What a document looks like on the wire."""

from __future__ import annotations

from marshmallow import Schema, fields

from governance.core.schemas import LocalDateTime


class DocumentSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    style = fields.String()
    type_code = fields.String()
    number = fields.String()
    title = fields.String()
    status = fields.String(metadata={"enum": ["draft", "signed", "void"]})
    sha256 = fields.String()
    signed_by = fields.Integer(allow_none=True)
    signed_at = LocalDateTime(allow_none=True)
    unit_code = fields.Function(lambda d: d.unit.code)
    body_id = fields.Integer(allow_none=True)
    meeting_id = fields.Integer(allow_none=True)
    agenda_item_id = fields.Integer(allow_none=True)
    version = fields.Integer()
    has_pdf = fields.Boolean()
    development_certificate = fields.Boolean(attribute="dev_certificate")
    signatures = fields.Function(
        lambda d: [
            {k: e.get(k) for k in ("slot", "name", "position", "at")} for e in d.signatures or []
        ],
        metadata={
            "description": "each person's signature: minutes need the secretary's and "
            "the chair's before they are final"
        },
    )
    published_at = LocalDateTime(allow_none=True)


class WarningsSchema(Schema):
    warnings = fields.List(fields.String())


class VerifySchema(Schema):
    valid = fields.Boolean(required=True)
    sha256 = fields.String(required=True)
    docx = fields.Boolean(metadata={"description": "hash and CMS signature of the .docx"})
    pdf = fields.Boolean(allow_none=True, metadata={"description": "PAdES signature, if any"})
    reason = fields.String()
    signatures = fields.List(
        fields.Dict(),
        metadata={"description": "each signature of the PDF: {field, signer, valid, signed_at}"},
    )


class UploadSchema(Schema):
    file = fields.Raw(metadata={"type": "string", "format": "binary"}, required=True)
