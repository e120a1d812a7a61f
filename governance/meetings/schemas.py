"""Meetings, agenda items and attendance on the wire; the API, forms and service share them."""

from __future__ import annotations

from flask_babel import gettext as _
from marshmallow import (
    Schema,
    ValidationError,
    fields,
    post_load,
    pre_load,
    validate,
    validates_schema,
)

from governance.core.schemas import LocalDateTime
from governance.meetings.models import AttendanceStatus, ItemKind, MeetingKind
from governance.rules import MAJORITY_RULES

MAJORITIES = list(MAJORITY_RULES)


def _one_of(enum) -> validate.OneOf:
    return validate.OneOf([e.value for e in enum])


class MeetingSchema(Schema):
    id = fields.Integer(dump_only=True)
    body_id = fields.Integer(required=True, strict=True)
    title = fields.String(load_default="", validate=validate.Length(max=300))
    kind = fields.String(load_default=None, allow_none=True, validate=_one_of(MeetingKind))
    sequence = fields.Integer(
        load_default=None, allow_none=True, strict=True, validate=validate.Range(min=1, max=999)
    )
    template = fields.String(load_default="", validate=validate.Length(max=60))
    starts_at = LocalDateTime(required=True)
    ends_at = LocalDateTime(load_default=None, allow_none=True)
    location = fields.String(load_default="", validate=validate.Length(max=300))
    convener = fields.String(load_default="", validate=validate.Length(max=200))
    chair_name = fields.String(load_default="", validate=validate.Length(max=200))
    secretary_name = fields.String(load_default="", validate=validate.Length(max=200))
    guests = fields.String(load_default="", validate=validate.Length(max=5000))
    confirm_second_first = fields.Boolean(
        load_only=True,
        load_default=False,
        metadata={"description": "Plan a first session although the body has one (else 409)."},
    )
    status = fields.String(dump_only=True)
    unit_code = fields.Function(lambda m: m.body.unit.code, dump_only=True)
    body_name = fields.Function(lambda m: m.body.name, dump_only=True)
    opened_at = LocalDateTime(dump_only=True)
    closed_at = LocalDateTime(dump_only=True)
    version = fields.Integer(dump_only=True)

    @pre_load
    def _empty_kind_is_none(self, data, **_kwargs):
        """An empty kind means: the standard agenda's (or "regular")."""
        if isinstance(data, dict) and data.get("kind") == "":
            data = {**data, "kind": None}
        return data

    @validates_schema
    def _end_after_start(self, data: dict, **_kwargs) -> None:
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            raise ValidationError(_("The end must be after the start."), "ends_at")


class MeetingUpdateSchema(MeetingSchema):
    """A PATCH: any subset; the body of a meeting does not change."""

    class Meta:
        exclude = ("body_id", "template")

    @post_load
    def _empty_keeps(self, data: dict, **_kwargs) -> dict:
        """No kind or number (an emptied field, a JSON null) keeps the meeting's own: a
        meeting always has both."""
        return {k: v for k, v in data.items() if not (k in ("kind", "sequence") and v is None)}


class AgendaItemSchema(Schema):
    id = fields.Integer(dump_only=True)
    position = fields.Integer(dump_only=True)
    title = fields.String(required=True, validate=validate.Length(min=1, max=500))
    kind = fields.String(load_default=ItemKind.DISCUSSION.value, validate=_one_of(ItemKind))
    presenter = fields.String(load_default="", validate=validate.Length(max=200))
    duration_minutes = fields.Integer(
        load_default=15, strict=True, validate=validate.Range(min=0, max=600)
    )
    majority = fields.String(
        load_default=None, allow_none=True, validate=validate.OneOf(MAJORITIES)
    )
    notes = fields.String(load_default="", validate=validate.Length(max=20000))
    starts_at = LocalDateTime(dump_only=True)
    ends_at = LocalDateTime(dump_only=True)
    version = fields.Integer(dump_only=True)

    @pre_load
    def _no_rule_is_none(self, data, **_kwargs):
        """An empty rule (a form's "No vote") means no majority rule."""
        if isinstance(data, dict) and data.get("majority") == "":
            data = {**data, "majority": None}
        return data


class AgendaItemUpdateSchema(AgendaItemSchema):
    """A PATCH: any subset of an item's fields."""


class AgendaOrderSchema(Schema):
    item_ids = fields.List(
        fields.Integer(strict=True), required=True, validate=validate.Length(max=500)
    )


class AttendanceRecordSchema(Schema):
    member_id = fields.Integer(required=True, strict=True)
    status = fields.String(required=True, validate=_one_of(AttendanceStatus))
    reason = fields.String(load_default="", validate=validate.Length(max=300))


class AttendanceSchema(Schema):
    records = fields.List(
        fields.Nested(AttendanceRecordSchema), required=True, validate=validate.Length(max=2000)
    )


class QuorumSchema(Schema):
    total = fields.Integer()
    present = fields.Integer()
    absent_excused = fields.Integer()
    absent = fields.Integer()
    unmarked = fields.Integer()
    required = fields.Integer()
    quorate = fields.Boolean()


class DeadlineSchema(Schema):
    due = fields.Date()
    state = fields.String()
    sent_at = LocalDateTime(allow_none=True)


class DispatchSchema(Schema):
    invitation = fields.Nested(DeadlineSchema)
    papers = fields.Nested(DeadlineSchema)
    basis = fields.String()
    working_days = fields.Boolean()


class MeetingDetailSchema(MeetingSchema):
    agenda = fields.List(fields.Nested(AgendaItemSchema))
    overrun_minutes = fields.Integer()
    quorum = fields.Nested(QuorumSchema)
    dispatch = fields.Nested(DispatchSchema)
