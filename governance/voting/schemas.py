"""Votes, elections and rounds on the wire (CONTRACT §3); the OpenAPI document comes from here."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from governance.voting.models import Choice, Method

COUNT = {"strict": True, "validate": validate.Range(min=0, max=100_000)}
CHOICES = validate.OneOf([c.value for c in Choice])


class VoteSchema(Schema):
    """Counts (show of hands, secret ballot) or one ballot per member (roll call)."""

    method = fields.String(required=True, validate=validate.OneOf([m.value for m in Method]))
    yes = fields.Integer(load_default=0, **COUNT)
    no = fields.Integer(load_default=0, **COUNT)
    abstain = fields.Integer(load_default=0, **COUNT)
    ballots = fields.Dict(
        keys=fields.Integer(), values=fields.String(validate=CHOICES), load_default=None
    )

    @validates_schema
    def _shape(self, data: dict, **_kwargs) -> None:
        if data["method"] == Method.ROLL_CALL and not data.get("ballots"):
            raise ValidationError(_l("A roll call needs one vote per member voting."), "ballots")
        if data["method"] != Method.ROLL_CALL and data.get("ballots"):
            raise ValidationError(_l("Only a roll call records each member's vote."), "ballots")


class BallotSchema(Schema):
    member_id = fields.Integer()
    full_name = fields.String()
    choice = fields.String()


class VoteResultSchema(Schema):
    id = fields.Integer()
    item_id = fields.Integer()
    method = fields.String()
    yes = fields.Integer()
    no = fields.Integer()
    abstain = fields.Integer()
    present = fields.Integer()
    base = fields.Integer(metadata={"description": "All members of the body"})
    majority = fields.String()
    rule = fields.String()
    basis = fields.String()
    required = fields.Integer(metadata={"description": "The least number of yes that adopts"})
    adopted = fields.Boolean()
    outcome = fields.String()
    explanation = fields.String()
    recorded_at = fields.String()
    recorded_by = fields.String()
    locked = fields.Boolean()
    reopened_at = fields.String(allow_none=True)
    reopened_by = fields.String()
    reopen_reason = fields.String()
    ballots = fields.List(fields.Nested(BallotSchema))


class ItemVotesSchema(Schema):
    item_id = fields.Integer()
    title = fields.String()
    result = fields.Nested(VoteResultSchema, allow_none=True)
    history = fields.List(fields.Nested(VoteResultSchema))


class ReopenSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=3, max=2000))


class BoardMemberSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    role = fields.String(load_default="member", validate=validate.OneOf(["head", "member"]))


def _one_head(board: list[dict]) -> None:
    if sum(1 for m in board if m["role"] == "head") > 1:
        raise ValidationError(_l("The counting board has one head."))


class ElectionCreateSchema(Schema):
    seats = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=1000))
    alternates = fields.Integer(load_default=0, strict=True, validate=validate.Range(0, 1000))
    candidates = fields.List(
        fields.String(validate=validate.Length(min=1, max=200)),
        required=True,
        validate=validate.Length(min=1, max=2000),
    )
    surplus_required = fields.Boolean(
        load_default=True,
        metadata={"description": "False for a no-surplus list (e.g. a single post)"},
    )
    counting_board = fields.List(
        fields.Nested(BoardMemberSchema),
        load_default=list,
        validate=[validate.Length(max=30), _one_head],
        metadata={"description": "Ban/Tổ kiểm phiếu: head and members, named"},
    )


class FloorNomineeSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    agree = fields.Integer(required=True, **COUNT)


class FloorAnswerSchema(Schema):
    name = fields.String()
    accepted = fields.Boolean()
    agree = fields.Integer()
    present = fields.Integer()
    required = fields.Integer()
    rule = fields.String()
    candidates = fields.List(fields.String())


class RoundSchema(Schema):
    ballots_issued = fields.Integer(required=True, **COUNT)
    ballots_returned = fields.Integer(required=True, **COUNT)
    invalid = fields.Integer(required=True, **COUNT)
    votes = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=200)),
        values=fields.Integer(**COUNT),
        required=True,
    )
    base = fields.Integer(
        load_default=None,
        allow_none=True,
        strict=True,
        validate=validate.Range(min=1),
        metadata={
            "description": "Optional check: the server computes the base (those convened minus "
            "the exclusions of Regulation 190); a different value answers 422"
        },
    )


class TieGroupSchema(Schema):
    candidates = fields.List(fields.String())
    votes = fields.Integer()
    seats = fields.Integer()
    alternates = fields.Integer()


class RoundResultSchema(Schema):
    id = fields.Integer()
    number = fields.Integer()
    seats = fields.Integer()
    alternate_places = fields.Integer()
    candidates = fields.List(fields.String())
    ballots_issued = fields.Integer()
    ballots_returned = fields.Integer()
    ballots_valid = fields.Integer()
    invalid = fields.Integer()
    base = fields.Integer()
    required = fields.Integer()
    votes = fields.Dict(keys=fields.String(), values=fields.Integer())
    elected = fields.List(fields.String())
    alternates = fields.List(fields.String())
    tied = fields.List(fields.String())
    tie_groups = fields.List(fields.Nested(TieGroupSchema))
    unfilled = fields.Integer()
    unfilled_alternates = fields.Integer()


class CandidateSchema(Schema):
    name = fields.String()
    floor = fields.Boolean()
    agree = fields.Integer(allow_none=True)
    present = fields.Integer(allow_none=True)


class StandingSchema(Schema):
    elected = fields.List(fields.String())
    alternates = fields.List(fields.String())
    unfilled = fields.Integer()
    unfilled_alternates = fields.Integer()
    tied = fields.List(fields.String())


class ScopeSchema(Schema):
    candidates = fields.List(fields.String())
    seats = fields.Integer()
    alternates = fields.Integer()
    tie_round = fields.Boolean()


class ExclusionCountSchema(Schema):
    category = fields.String()
    label = fields.String()
    count = fields.Integer()


class BaseSchema(Schema):
    form = fields.String(metadata={"description": "members | delegates | all"})
    basis = fields.String()
    convened = fields.Integer()
    exclusions = fields.List(fields.Nested(ExclusionCountSchema))
    excluded = fields.Integer()
    base = fields.Integer()
    required = fields.Integer()


class ElectionSchema(Schema):
    id = fields.Integer()
    item_id = fields.Integer()
    seats = fields.Integer()
    alternates = fields.Integer()
    surplus_required = fields.Boolean()
    counting_board = fields.List(fields.Nested(BoardMemberSchema))
    max_candidates = fields.Integer()
    candidates = fields.List(fields.Nested(CandidateSchema))
    rounds = fields.List(fields.Nested(RoundResultSchema))
    standing = fields.Nested(StandingSchema)
    next_round = fields.Nested(ScopeSchema, allow_none=True)
    complete = fields.Boolean()
    base = fields.Nested(BaseSchema, allow_none=True)
