"""Schemas shared by every API: the error shape, sign-in."""

from __future__ import annotations

from flask_babel import gettext as _
from marshmallow import Schema, ValidationError, fields, validate


class ErrorDetailSchema(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)
    fields = fields.Dict(keys=fields.String(), values=fields.String())


class ErrorSchema(Schema):
    error = fields.Nested(ErrorDetailSchema, required=True)


class TokenRequestSchema(Schema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = fields.String(
        required=True, validate=validate.Length(min=1, max=200), load_only=True
    )


class TokenSchema(Schema):
    token = fields.String(required=True)


class LocalDateTime(fields.DateTime):
    """ISO 8601 in the app's time zone (Asia/Ho_Chi_Minh): a time without an offset is local;
    out, every time carries its +07:00 offset."""

    YEARS = (1900, 2100)  # far enough for any meeting; the timetable after it stays a date

    def _deserialize(self, value, attr, data, **kwargs):
        parsed = super()._deserialize(value, attr, data, **kwargs)
        parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=local_zone())
        first, last = self.YEARS
        try:
            year = parsed.astimezone(local_zone()).year
        except OverflowError:  # 9999-12-31T23:59:59-12:00 is past the last datetime
            year = last + 1
        if not first <= year <= last:
            raise ValidationError(
                _("Give a time between the years %(first)s and %(last)s.", first=first, last=last)
            )
        return parsed

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else value.astimezone(local_zone()).isoformat()


def local_zone():
    from zoneinfo import ZoneInfo

    from flask import current_app

    return ZoneInfo(current_app.config["TIMEZONE"])
