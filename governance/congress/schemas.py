"""The congress on the wire (CONTRACT section 3); the API and the forms share these."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from marshmallow import (
    Schema,
    ValidationError,
    fields,
    pre_load,
    validate,
    validates,
    validates_schema,
)

from governance.congress.models import (
    CongressForm,
    CongressStatus,
    DelegateCategory,
    DelegateStatus,
)
from governance.rules import EXCLUSIONS, METHODS

COUNT = {"strict": True, "validate": validate.Range(min=0, max=100_000)}
SMALL = {"strict": True, "validate": validate.Range(min=0, max=10_000)}
DAY = {"validate": validate.Range(min=date(1900, 1, 1), max=date(2200, 12, 31))}


class StoredDay(fields.Date):
    """A date kept as its ISO text (in a JSON column): loaded as a date, dumped as is."""

    def _serialize(self, value, attr, obj, **kwargs):
        return value if isinstance(value, str) else super()._serialize(value, attr, obj, **kwargs)


def _one_of(enum) -> validate.OneOf:
    return validate.OneOf([e.value for e in enum])


class CongressSchema(Schema):
    id = fields.Integer(dump_only=True)
    unit_code = fields.String(required=True, validate=validate.Length(min=1, max=20))
    term = fields.String(required=True, validate=validate.Length(min=1, max=20))
    title = fields.String(load_default="", validate=validate.Length(max=300))
    opens_on = fields.Date(required=True, **DAY)
    form = fields.String(load_default=CongressForm.DELEGATES.value, validate=_one_of(CongressForm))
    ex_officio = fields.Integer(load_default=0, **SMALL)
    designated = fields.Integer(load_default=0, **SMALL)
    elected = fields.Integer(load_default=0, **SMALL)
    executive_seats = fields.Integer(load_default=0, **SMALL)
    notice_days = fields.Integer(load_default=30, strict=True, validate=validate.Range(0, 400))
    provincial_deadline = fields.Date(load_default=None, allow_none=True, **DAY)
    holidays = fields.List(StoredDay(**DAY), load_default=list, validate=validate.Length(max=200))
    max_delegates = fields.Integer(load_default=250, **SMALL)
    max_executive = fields.Integer(load_default=27, **SMALL)
    status = fields.String(dump_only=True)
    body_id = fields.Integer(dump_only=True, allow_none=True)
    total_delegates = fields.Integer(dump_only=True)
    method = fields.String(dump_only=True)
    minimum = fields.Integer(dump_only=True)
    tied = fields.List(fields.String(), dump_only=True)
    to_decide = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)


class CongressUpdateSchema(CongressSchema):
    class Meta:
        exclude = ("unit_code",)

    status = fields.String(validate=_one_of(CongressStatus))


def holidays_to_store(data: dict) -> dict:
    """Holidays travel as dates and are kept as ISO strings (JSON)."""
    if "holidays" in data:
        data = {**data, "holidays": sorted({d.isoformat() for d in data["holidays"]})}
    return data


class CellSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    members = fields.Integer(required=True, **COUNT)
    seats = fields.Integer(dump_only=True, allow_none=True)


class AllocationRequestSchema(Schema):
    seats = fields.Integer(required=True, **SMALL)
    method = fields.String(load_default="hamilton", validate=validate.OneOf(list(METHODS)))
    minimum = fields.Integer(load_default=0, **SMALL)
    cells = fields.List(
        fields.Nested(CellSchema), load_default=None, validate=validate.Length(min=1, max=5000)
    )

    @validates("cells")
    def _names(self, value, **_kwargs):
        # A cell that failed its own checks comes without its name (marshmallow keeps
        # the valid part): that cell's error is already reported.
        names = [c["name"].strip() for c in value or [] if isinstance(c.get("name"), str)]
        if len(set(names)) != len(names):
            raise ValidationError(_("Each cell name may appear only once."))


class AllocationLineSchema(Schema):
    cell = fields.String()
    members = fields.Integer()
    seats = fields.Integer()


class AllocationSchema(Schema):
    method = fields.String()
    seats = fields.Integer()
    minimum = fields.Integer()
    allocations = fields.List(fields.Nested(AllocationLineSchema))
    total = fields.Integer(metadata={"description": "Seats allocated (tied seats not counted)"})
    tied = fields.List(fields.String(), metadata={"description": "Cells tied at the cut-off"})
    to_decide = fields.Integer(metadata={"description": "Seats the clerk must give the tied"})
    decided = fields.List(fields.String())
    reason = fields.String()


class TieDecisionSchema(Schema):
    winners = fields.List(
        fields.String(validate=validate.Length(min=1, max=200)),
        required=True,
        validate=validate.Length(min=1, max=5000),
    )
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))


class MilestoneSchema(Schema):
    id = fields.Integer(dump_only=True)
    title = fields.String(load_default="", validate=validate.Length(max=300))
    owner = fields.String(validate=validate.Length(max=200))
    working_days_before = fields.Integer(dump_only=True, allow_none=True)
    due_on = fields.Date(**DAY)
    done_on = fields.Date(allow_none=True, **DAY)
    state = fields.String(dump_only=True)
    version = fields.Integer(dump_only=True)  # the plan's (congress's) version: If-Match


class MilestoneUpdateSchema(MilestoneSchema):
    """A PATCH of one milestone: any subset."""


class DelegateSchema(Schema):
    id = fields.Integer(dump_only=True)
    cell = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))
    category = fields.String(required=True, validate=_one_of(DelegateCategory))
    rank = fields.Integer(load_default=0, **SMALL)
    person_id = fields.Integer(
        load_default=None,
        allow_none=True,
        strict=True,
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={
            "description": "The member record in the commune's registry; its details "
            "fill what is not given and count in the credentials figures."
        },
    )
    full_name = fields.String(load_default="", validate=validate.Length(max=120))
    gender = fields.String(
        load_default=None, allow_none=True, validate=validate.OneOf(["male", "female"])
    )
    birth_year = fields.Integer(
        load_default=None, allow_none=True, strict=True, validate=validate.Range(1900, 2100)
    )
    ethnicity = fields.String(load_default="", validate=validate.Length(max=50))
    education = fields.String(load_default="", validate=validate.Length(max=120))
    theory_level = fields.String(load_default="", validate=validate.Length(max=120))
    party_joined_on = fields.Date(load_default=None, allow_none=True, **DAY)
    status = fields.String(dump_only=True)
    status_reason = fields.String(dump_only=True)
    convened = fields.Boolean(dump_only=True)
    replaces_id = fields.Integer(dump_only=True, allow_none=True)

    @pre_load
    def _blank_gender_is_none(self, data, **_kwargs):
        """The form's "—": not given (the registry's, for a person chosen there)."""
        if isinstance(data, dict) and data.get("gender") == "":
            data = {**data, "gender": None}
        return data

    @validates_schema
    def _named(self, data: dict, **_kwargs) -> None:
        """Someone outside the registry is described here: name and gender at least."""
        if data.get("person_id"):
            return
        messages = {
            "full_name": _("Give the name, or choose the person in the registry."),
            "gender": _("Choose male or female."),
        }
        missing = {k: [v] for k, v in messages.items() if not (data.get(k) or "").strip()}
        if missing:
            raise ValidationError(missing)


class DelegatePersonSchema(Schema):
    person_id = fields.Integer(
        required=True, strict=True, validate=validate.Range(min=1, max=2**31 - 1)
    )


class DelegateStatusSchema(Schema):
    status = fields.String(
        required=True,
        validate=validate.OneOf([s.value for s in DelegateStatus if s != DelegateStatus.ACTIVE]),
    )
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))


class StatusAnswerSchema(Schema):
    delegate = fields.Nested(DelegateSchema)
    seated_alternate = fields.Nested(DelegateSchema, allow_none=True)


class LabelCountSchema(Schema):
    label = fields.String()
    count = fields.Integer()


class CredentialsSchema(Schema):
    total = fields.Integer()
    by_category = fields.Dict(keys=fields.String(), values=fields.Integer())
    women = fields.Integer()
    women_pct = fields.String()
    ethnic_minority = fields.Integer()
    ethnic_minority_pct = fields.String()
    under_40 = fields.Integer()
    over_70 = fields.Integer()
    average_age = fields.String()
    oldest = fields.Integer(allow_none=True)
    youngest = fields.Integer(allow_none=True)
    education = fields.List(fields.Nested(LabelCountSchema))
    theory_level = fields.List(fields.Nested(LabelCountSchema))
    party_age = fields.List(fields.Nested(LabelCountSchema))
    average_party_age = fields.String()


class ExclusionSchema(Schema):
    member_id = fields.Integer(required=True, strict=True, validate=validate.Range(1, 2**31 - 1))
    category = fields.String(required=True, validate=validate.OneOf(list(EXCLUSIONS)))
    note = fields.String(load_default="", validate=validate.Length(max=500))


class ExclusionsSchema(Schema):
    records = fields.List(
        fields.Nested(ExclusionSchema), required=True, validate=validate.Length(max=5000)
    )
