"""Notifications in JSON (CONTRACT section 3: GET /notifications, the caller's)."""

from __future__ import annotations

from marshmallow import Schema, fields

from governance.core.schemas import LocalDateTime


class NotificationSchema(Schema):
    id = fields.Integer(dump_only=True)
    key = fields.String(dump_only=True)
    subject = fields.String(dump_only=True)
    link = fields.String(dump_only=True)
    due_at = LocalDateTime(dump_only=True)
    created_at = LocalDateTime(dump_only=True)
    read_at = LocalDateTime(dump_only=True, allow_none=True)
    read = fields.Function(lambda n: n.read_at is not None, dump_only=True)


class NotificationQuerySchema(Schema):
    unread = fields.Boolean(load_default=False)
