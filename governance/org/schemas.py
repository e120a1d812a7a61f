"""What a unit, a body and a member look like on the wire, and what makes one valid.

The API, the web forms and the spreadsheet import all validate through these schemas.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from governance.org.models import BodyKind, Gender, UnitKind

TEXT = 200
TERM_PATTERN = r"^\d{4}\s*[-–]\s*\d{4}$"
GENDER_ERROR = "Gender must be Nam or Nữ (API: male or female)."


def _this_year() -> int:
    return date.today().year


class UnitSchema(Schema):
    code = fields.String(
        required=True,
        validate=[validate.Length(min=2, max=20), validate.Regexp(r"^[A-Za-z0-9_-]+$")],
    )
    name = fields.String(required=True, validate=validate.Length(min=1, max=TEXT))
    kind = fields.String(required=True, validate=validate.OneOf([k.value for k in UnitKind]))
    parent_code = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(max=20)
    )
    version = fields.Integer(dump_only=True)  # for If-Match on PATCH


class UnitUpdateSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=TEXT))


class BodySchema(Schema):
    id = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)  # for If-Match on PATCH
    unit_code = fields.Function(lambda body: body.unit.code, dump_only=True)
    kind = fields.String(required=True, validate=validate.OneOf([k.value for k in BodyKind]))
    name = fields.String(required=True, validate=validate.Length(min=1, max=TEXT))
    term = fields.String(
        required=True,
        validate=[
            validate.Length(max=20),
            validate.Regexp(TERM_PATTERN, error="Write the term as 2025–2030."),
        ],
    )
    seats = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=1000))
    term_label = fields.String(
        load_default="",
        validate=validate.Length(max=40),
        metadata={"description": "The ordinal documents print, e.g. 'khóa I'"},
    )
    member_count = fields.Function(lambda body: len(body.members), dump_only=True)


class MemberSchema(Schema):
    id = fields.Integer(dump_only=True)
    body_id = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)  # for If-Match on PATCH
    full_name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    position = fields.String(load_default="", validate=validate.Length(max=120))
    gender = fields.String(
        required=True,
        validate=validate.OneOf([g.value for g in Gender], error=GENDER_ERROR),
    )
    birth_year = fields.Integer(
        load_default=None, allow_none=True, strict=True, validate=validate.Range(min=1900, max=2100)
    )
    ethnicity = fields.String(load_default="", validate=validate.Length(max=50))
    education = fields.String(load_default="", validate=validate.Length(max=120))
    theory_level = fields.String(load_default="", validate=validate.Length(max=120))
    party_joined_on = fields.Date(load_default=None, allow_none=True)

    @validates_schema
    def _plausible_dates(self, data: dict, **_kwargs) -> None:
        born, joined = data.get("birth_year"), data.get("party_joined_on")
        if born is not None and born > _this_year():
            raise ValidationError(_("The birth year is in the future."), "birth_year")
        if joined is None:
            return
        if joined > date.today():
            raise ValidationError(_("The party joining date is in the future."), "party_joined_on")
        if born is not None and joined.year < born + 16:
            raise ValidationError(
                _("Joined the Party before the age of 16: check the birth year and the date."),
                "party_joined_on",
            )


class BodyUpdateSchema(BodySchema):
    """A PATCH: any subset of a body's fields."""


class MemberUpdateSchema(MemberSchema):
    """A PATCH: any subset of a member's fields."""


class ImportReportSchema(Schema):
    created = fields.Integer(required=True)
    errors = fields.List(fields.Dict(), required=True)


class ImportFileSchema(Schema):
    file = fields.Raw(metadata={"type": "string", "format": "binary"}, required=True)
