"""Schemas shared by every API: the error shape, sign-in."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


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

    def _deserialize(self, value, attr, data, **kwargs):
        parsed = super()._deserialize(value, attr, data, **kwargs)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=local_zone())

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else value.astimezone(local_zone()).isoformat()


def local_zone():
    from zoneinfo import ZoneInfo

    from flask import current_app

    return ZoneInfo(current_app.config["TIMEZONE"])
