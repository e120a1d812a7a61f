"""Web forms of the registry. Validation of values lives in org.schemas."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, HiddenField, IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, Optional

from governance.org.models import BodyKind, UnitKind

UNIT_KIND_LABELS = {
    UnitKind.PROVINCE: _l("Province"),
    UnitKind.COMMUNE: _l("Commune"),
    UnitKind.WARD: _l("Ward"),
    UnitKind.SPECIAL_ZONE: _l("Special zone"),
}
BODY_KIND_LABELS = {
    BodyKind.PARTY_EXECUTIVE: _l("Party Executive Committee"),
    BodyKind.PARTY_STANDING: _l("Party Standing Committee"),
    BodyKind.PARTY_INSPECTION: _l("Party Inspection Committee"),
    BodyKind.PEOPLE_COUNCIL: _l("People's Council"),
    BodyKind.PEOPLE_COUNCIL_STANDING: _l("Standing body of the People's Council"),
    BodyKind.PEOPLE_COMMITTEE: _l("People's Committee"),
    BodyKind.FRONT_COMMITTEE: _l("Fatherland Front Committee"),
    BodyKind.CONGRESS: _l("Party Congress"),
}
GENDER_LABELS = {"male": _l("Male"), "female": _l("Female")}


class UnitForm(FlaskForm):
    code = StringField(_l("Code"), validators=[InputRequired()])
    name = StringField(_l("Name"), validators=[InputRequired()])
    kind = SelectField(_l("Type"), choices=list(UNIT_KIND_LABELS.items()))
    parent_code = StringField(_l("Province code"), filters=[lambda v: v or None])


class UnitNameForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired()])


class BodyForm(FlaskForm):
    kind = SelectField(_l("Kind of body"), choices=list(BODY_KIND_LABELS.items()))
    name = StringField(_l("Name"), validators=[InputRequired()])
    term = StringField(_l("Term"), default="2025–2030", validators=[InputRequired()])
    seats = IntegerField(_l("Seats"), validators=[InputRequired()])
    term_label = StringField(
        _l("Term as documents print it (e.g. khóa I)"), filters=[lambda v: (v or "").strip()]
    )
    version = HiddenField()


class MemberForm(FlaskForm):
    full_name = StringField(_l("Full name"), validators=[InputRequired()])
    position = StringField(_l("Position"), filters=[lambda v: v or ""])
    gender = SelectField(_l("Gender"), choices=list(GENDER_LABELS.items()))
    birth_year = IntegerField(_l("Birth year"), validators=[Optional()])
    ethnicity = StringField(_l("Ethnicity"), default="Kinh", filters=[lambda v: v or ""])
    education = StringField(_l("Education"), filters=[lambda v: v or ""])
    theory_level = StringField(_l("Political theory level"), filters=[lambda v: v or ""])
    party_joined_on = DateField(_l("Date of joining the Party"), validators=[Optional()])
    version = HiddenField()


class ImportForm(FlaskForm):
    file = FileField(_l("Spreadsheet (.xlsx or .csv)"), validators=[FileRequired()])
