"""Oversight in JSON (CONTRACT section 3: GET /oversight/{province_code})."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from governance.core.schemas import LocalDateTime


class OversightUnitSchema(Schema):
    code = fields.String()
    name = fields.String()
    kind = fields.String()
    meetings_held = fields.Integer(allow_none=True)
    drafts_adopted = fields.Integer(allow_none=True)
    congress_late = fields.Integer(allow_none=True)
    late = fields.Boolean()
    progress = fields.Dict(keys=fields.String())  # every discovered column, by key


class OversightQuerySchema(Schema):
    only = fields.String(load_default="", validate=validate.OneOf(["", "late", "incomplete"]))
    q = fields.String(load_default="", validate=validate.Length(max=100))
    sort = fields.String(load_default="name", validate=validate.Length(max=60))
    dir = fields.String(load_default="asc", validate=validate.OneOf(["asc", "desc"]))


class FindingSchema(Schema):
    id = fields.Integer(dump_only=True)
    unit_code = fields.Function(lambda f: f.unit.code, dump_only=True)
    item_key = fields.String(load_default="", validate=validate.Length(max=60))
    kind = fields.String(load_default="finding", validate=validate.OneOf(["finding", "request"]))
    text = fields.String(required=True, validate=validate.Length(min=1, max=5000))
    author_name = fields.String(dump_only=True)
    created_at = LocalDateTime(dump_only=True)
    answer = fields.String(dump_only=True)
    answered_by = fields.String(dump_only=True)
    answered_at = LocalDateTime(dump_only=True, allow_none=True)


class AnswerSchema(Schema):
    answer = fields.String(required=True, validate=validate.Length(min=1, max=5000))
