"""Web forms of the congress. Values are validated by congress.schemas."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Optional

from governance.congress.models import (
    CATEGORY_LABELS,
    DELEGATE_STATUS_LABELS,
    FORM_LABELS,
)
from governance.rules import EXCLUSIONS, METHODS

METHOD_LABELS = {
    "hamilton": _l("Largest remainder (Hamilton)"),
    "dhondt": _l("D'Hondt"),
    "sainte_lague": _l("Sainte-Laguë"),
    "huntington_hill": _l("Huntington–Hill"),
}
assert set(METHOD_LABELS) == set(METHODS)


def holiday_list(value: str | None) -> list[str]:
    """'15/02/2027, 16/02/2027' (or ISO) → ['2027-02-15', '2027-02-16']; what is not a
    day/month/year date is passed on as typed, for the schema to name it."""
    return [_iso_day(v) for v in (value or "").replace(",", " ").split() if v]


def _iso_day(text: str) -> str:
    try:
        return datetime.strptime(text, "%d/%m/%Y").date().isoformat()
    except ValueError:
        return text


class CongressForm(FlaskForm):
    term = StringField(_l("Term"), validators=[InputRequired()], default="2025–2030")
    title = StringField(_l("Title"), validators=[Optional()], filters=[lambda v: v or ""])
    opens_on = DateField(_l("Opening date"), validators=[InputRequired()])
    form = SelectField(_l("Form"), choices=list(FORM_LABELS.items()))
    ex_officio = IntegerField(_l("Ex officio delegates"), default=0, validators=[Optional()])
    designated = IntegerField(_l("Designated delegates"), default=0, validators=[Optional()])
    executive_seats = IntegerField(
        _l("Executive Committee seats"), default=0, validators=[Optional()]
    )
    notice_days = IntegerField(_l("Notice period set by the province (working days)"), default=30)
    provincial_deadline = DateField(_l("Provincial deadline"), validators=[Optional()])
    holidays = StringField(
        _l("Public holidays (dd/mm/yyyy, separated by spaces)"),
        validators=[Optional()],
    )
    max_delegates = IntegerField(_l("Cap on delegates"), default=250)
    max_executive = IntegerField(_l("Cap on the Executive Committee"), default=27)


class ImportForm(FlaskForm):
    file = FileField(_l("Cell list (.xlsx or .csv)"), validators=[FileRequired()])


class AllocationForm(FlaskForm):
    seats = IntegerField(_l("Elected delegates to allocate"), validators=[InputRequired()])
    method = SelectField(_l("Method"), choices=list(METHOD_LABELS.items()))
    minimum = IntegerField(_l("Base seats per cell"), default=0, validators=[InputRequired()])


class DecisionForm(FlaskForm):
    winners = SelectMultipleField(_l("Cells that receive the tied seats"), choices=[])
    reason = TextAreaField(_l("Reason (kept in the audit log)"), validators=[InputRequired()])


class DelegateForm(FlaskForm):
    person_id = SelectField(
        _l("Person in the registry"),
        choices=[],
        coerce=lambda value: int(value) if value else None,
        validate_choice=False,
    )
    full_name = StringField(_l("Full name"), validators=[Optional()])
    category = SelectField(_l("Category"), choices=list(CATEGORY_LABELS.items()))
    cell = SelectField(_l("Cell"), choices=[], validate_choice=False)
    gender = SelectField(
        _l("Gender"), choices=[("", "—"), ("male", _l("Male")), ("female", _l("Female"))]
    )
    birth_year = IntegerField(_l("Year of birth"), validators=[Optional()])
    ethnicity = StringField(_l("Ethnicity"))
    education = StringField(_l("Education"))
    theory_level = StringField(_l("Political theory"))
    party_joined_on = DateField(_l("Joined the Party"), validators=[Optional()])


class DelegateStatusForm(FlaskForm):
    status = SelectField(
        _l("Not convened because"),
        choices=[(k, v) for k, v in DELEGATE_STATUS_LABELS.items() if k != "active"],
    )
    reason = StringField(_l("Reason (decision, date)"), validators=[InputRequired()])


class ExclusionForm(FlaskForm):
    member_id = SelectField(_l("Member"), choices=[], coerce=int, validate_choice=False)
    category = SelectField(_l("Category"), choices=[(k, e.label_vi) for k, e in EXCLUSIONS.items()])
