"""Drafts on the wire (CONTRACT section 3); the API and the web forms validate with these."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from governance.core.schemas import LocalDateTime
from governance.drafts.service import MAX_TEXT, TYPE_CODES


class DraftCreateSchema(Schema):
    type_code = fields.String(load_default="QC", validate=validate.OneOf(TYPE_CODES))
    title = fields.String(load_default="", validate=validate.Length(max=300))
    text = fields.String(load_default="", validate=validate.Length(max=MAX_TEXT))
    paper = fields.String(load_default="", validate=validate.Length(max=40))
    starter = fields.String(load_default="", validate=validate.Length(max=40))


class VersionCreateSchema(Schema):
    text = fields.String(required=True, validate=validate.Length(min=1, max=MAX_TEXT))
    based_on = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    note = fields.String(load_default="", validate=validate.Length(max=300))


class CommentCreateSchema(Schema):
    version = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    text = fields.String(load_default="", validate=validate.Length(max=20000))
    article = fields.String(load_default="", validate=validate.Length(max=40))
    proposed = fields.String(load_default="", validate=validate.Length(max=20000))


class CommentDecisionSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(["accepted", "declined"]))
    reason = fields.String(load_default="", validate=validate.Length(max=5000))


class ReviewSchema(Schema):
    until = LocalDateTime(required=True)


class SubmitSchema(Schema):
    agenda_item_id = fields.Integer(required=True, strict=True)


class NextVersionSchema(Schema):
    note = fields.String(load_default="", validate=validate.Length(max=300))


class VersionSchema(Schema):
    version = fields.Integer()
    text = fields.String()
    note = fields.String()
    source = fields.String()
    author = fields.String()
    created_at = fields.String()


class CommentSchema(Schema):
    id = fields.Integer()
    version = fields.Integer()
    article = fields.String()
    text = fields.String()
    proposed = fields.String()
    author = fields.String()
    created_at = fields.String()
    state = fields.String()
    reason = fields.String()
    handled_by = fields.String()
    handled_at = fields.String(allow_none=True)
    applied_in = fields.Integer(allow_none=True)


class DraftSummarySchema(Schema):
    id = fields.Integer()
    body_id = fields.Integer()
    type_code = fields.String()
    title = fields.String()
    paper = fields.String()
    status = fields.String()
    version = fields.Integer()
    review_until = LocalDateTime(allow_none=True)
    agenda_item_id = fields.Integer(allow_none=True)
    submitted_version = fields.Integer(allow_none=True)


class DraftDetailSchema(DraftSummarySchema):
    versions = fields.List(fields.Nested(VersionSchema))
    comments = fields.List(fields.Nested(CommentSchema))
