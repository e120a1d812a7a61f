"""Web forms of the documents pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Optional
from wtforms.widgets import HiddenInput

from governance.documents.compose import TEMPLATE_NAMES


class SignedPdfForm(FlaskForm):
    file = FileField(_l("PDF signed with your own certificate"), validators=[FileRequired()])


class TemplateForm(FlaskForm):
    name = SelectField(_l("Template"), choices=[(n, n) for n in TEMPLATE_NAMES])
    file = FileField(_l("Word file (.docx)"), validators=[FileRequired()])


class OperativeForm(FlaskForm):
    text = TextAreaField(
        _l('Operative text (a line "Điều 1. Title" opens each article)'),
        validators=[InputRequired()],
    )
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
