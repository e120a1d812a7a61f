"""Forms of the oversight pages: a finding (inspector), an answer (the commune)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from governance.oversight.checklist import item_labels

KIND_CHOICES = [("finding", _l("Finding")), ("request", _l("Request"))]


class FindingForm(FlaskForm):
    item_key = SelectField(_l("Checklist item"), choices=[], validate_choice=True)
    kind = RadioField(_l("Kind"), choices=KIND_CHOICES, default="finding")
    text = TextAreaField(_l("Text"), validators=[DataRequired(), Length(max=5000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.item_key.choices = list(item_labels().items())


class AnswerForm(FlaskForm):
    answer = TextAreaField(
        _l("Answer of the commune"), validators=[DataRequired(), Length(max=5000)]
    )
