"""Schemas of device polls and speakers (CONTRACT 3)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from governance.core.schemas import LocalDateTime

ID = {"strict": True, "validate": validate.Range(min=1, max=2**31 - 1)}


class PollOpenSchema(Schema):
    secret = fields.Boolean(load_default=False)


class PollCreatedSchema(Schema):
    id = fields.Integer()


class PollSchema(Schema):
    id = fields.Integer()
    item_id = fields.Integer()
    secret = fields.Boolean()
    open = fields.Boolean()
    voted = fields.Integer(metadata={"description": "How many present members have voted"})
    voted_names = fields.List(fields.String())
    not_voted = fields.List(fields.String(), metadata={"description": "Present, not voted"})
    present = fields.Integer()
    result_id = fields.Integer(allow_none=True)
    my_ballot_counted = fields.Boolean(
        metadata={"description": "Only for a member of the body: whether their ballot is in"}
    )


class DeviceBallotSchema(Schema):
    choice = fields.String(required=True, validate=validate.OneOf(["yes", "no", "abstain"]))
    receipt = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=500),
        metadata={"description": "Secret poll: the receipt of your last ballot, to change it"},
    )


class DeviceBallotAnswerSchema(Schema):
    poll_id = fields.Integer()
    counted = fields.Boolean()
    receipt = fields.String(
        allow_none=True,
        metadata={"description": "Secret poll only: send it back to change your ballot"},
    )


class SpeakerAskSchema(Schema):
    member_id = fields.Integer(required=True, **ID)


class SpeakerSchema(Schema):
    id = fields.Integer()
    item_id = fields.Integer()
    member_id = fields.Integer()
    name = fields.String()
    status = fields.String(metadata={"description": "waiting | speaking | done"})
    seconds = fields.Integer(metadata={"description": "Time spoken so far"})
    started_at = LocalDateTime(allow_none=True)


class SpeakerOrderSchema(Schema):
    speaker_ids = fields.List(fields.Integer(**ID), required=True)
