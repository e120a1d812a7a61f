"""Web forms of drafts. Values are checked again by drafts.schemas and the service."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateTimeLocalField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from governance.drafts.service import MAX_TEXT, TYPE_CODES
from governance.drafts.word import TYPE_NAMES

LOCAL = "%Y-%m-%dT%H:%M"
TYPE_CHOICES = [(code, f"{code} – {TYPE_NAMES.get(code, code)}") for code in TYPE_CODES]


class DraftForm(FlaskForm):
    body_id = SelectField(_l("Body"), coerce=int, validators=[InputRequired()])
    starter = SelectField(_l("Start from"), choices=[], default="")
    type_code = SelectField(_l("Type"), choices=TYPE_CHOICES, default="QC")
    title = StringField(_l("Title"), validators=[Length(max=300)], filters=[lambda v: v or ""])
    text = TextAreaField(_l("Text"), validators=[Length(max=MAX_TEXT)], filters=[lambda v: v or ""])


class VersionForm(FlaskForm):
    based_on = HiddenField()
    text = TextAreaField(_l("Text"), validators=[DataRequired(), Length(max=MAX_TEXT)])
    note = StringField(_l("What changed"), validators=[Length(max=300)])


class ReviewForm(FlaskForm):
    until = DateTimeLocalField(_l("Comments until"), format=LOCAL, validators=[InputRequired()])


class CommentForm(FlaskForm):
    version = HiddenField()
    article = SelectField(_l("On"), choices=[], default="")
    text = TextAreaField(_l("Comment"), validators=[Length(max=20000)])
    proposed = TextAreaField(
        _l("Proposed text of the article (a change recommendation)"),
        validators=[Optional(), Length(max=20000)],
    )


class DecisionForm(FlaskForm):
    decision = SelectField(
        _l("Decision"), choices=[("accepted", _l("Accept")), ("declined", _l("Decline"))]
    )
    reason = StringField(_l("Reason"), validators=[Length(max=5000)])


class SubmitForm(FlaskForm):
    agenda_item_id = SelectField(_l("Agenda item"), coerce=int, validators=[InputRequired()])


class ImportForm(FlaskForm):
    based_on = HiddenField()
    file = FileField(_l("Word file (.docx)"), validators=[FileRequired()])
