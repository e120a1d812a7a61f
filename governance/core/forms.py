"""Sign-in and small shared forms; `load_into` runs a form's data through a schema."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from marshmallow import Schema, ValidationError
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from governance.core.errors import flatten_messages

FORM_ONLY_FIELDS = {"csrf_token", "version", "submit"}


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=8, max=200)]
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two entries differ."))],
    )


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token travels."""


def load_into(form: FlaskForm, schema: Schema, extra: dict | None = None) -> dict | None:
    """The schema-valid data of a submitted form (plus `extra` values the form does not
    carry), or None with the errors put on the form's fields."""
    if not form.validate_on_submit():
        return None
    data = {
        name: field.data for name, field in form._fields.items() if name not in FORM_ONLY_FIELDS
    } | (extra or {})
    try:
        return schema.load(data)
    except ValidationError as error:
        put_errors(form, flatten_messages(error.messages))
        return None


def put_errors(form: FlaskForm, fields: dict[str, str], message: str = "") -> None:
    """Show each message under its field (or above the form when no field has that name);
    `message` when there is no field message at all."""
    for name, text in fields.items():
        target = form._fields.get(name)
        if target is not None:
            target.errors = [*target.errors, text]
        else:
            form.form_errors.append(text)
    if not fields and message:
        form.form_errors.append(message)


def form_version(form: FlaskForm) -> int | None:
    """The record version the form was built from (optimistic locking), if it carries one."""
    value = form.version.data
    return int(value) if value and str(value).isdigit() else None
