"""Domain errors, and how they (and HTTP errors) reach a person or an integrator.

Services raise these; the API answers the CONTRACT error shape, pages show a message.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from marshmallow import ValidationError
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from governance.core.i18n import localize_messages

log = logging.getLogger(__name__)

ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    503: "busy",
    415: "unsupported_media_type",
    422: "invalid",
    429: "too_many_requests",
    500: "server_error",
}

DEFAULT_MESSAGES = {
    400: _l("The request could not be read."),
    401: _l("Please sign in."),
    403: _l("You do not have access to this: it belongs to another role or unit."),
    404: _l("Not found."),
    405: _l("This action is not allowed here."),
    409: _l("This conflicts with the current state."),
    413: _l("The file is too large."),
    422: _l("Some values are not valid."),
    500: _l("Something went wrong on our side. Nothing was saved."),
    503: _l("The system is busy right now. Nothing was saved: please try again in a moment."),
}
READ_ONLY_MESSAGE = _l(
    "The server cannot save anything right now (its storage is read-only or full). "
    "Nothing was saved: tell the administrator."
)


class DomainError(Exception):
    status = 400

    def __init__(
        self,
        message: str | None = None,
        fields: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ):
        super().__init__(message)
        self.message = message or str(DEFAULT_MESSAGES.get(self.status, ""))
        self.fields = fields or {}
        self.extra = extra or {}


class Forbidden(DomainError):
    status = 403


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    status = 409


class Invalid(DomainError):
    status = 422


def error_body(status: int, message: str, fields: dict | None = None, **extra: Any) -> dict:
    error = {"code": ERROR_CODES.get(status, "error"), "message": message, "fields": fields or {}}
    error.update(extra)
    return {"error": error}


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def register(app: Flask) -> None:
    app.register_error_handler(DomainError, _domain_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(ValidationError, _validation_error)
    app.register_error_handler(StaleDataError, _stale)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(TimeoutError, _busy)
    app.register_error_handler(IntegrityError, _integrity)
    app.register_error_handler(DataError, _data_error)
    app.register_error_handler(DBAPIError, _database)  # the most specific handler wins
    app.register_error_handler(OSError, _storage)
    app.register_error_handler(RecursionError, _too_deep)
    app.register_error_handler(OverflowError, _overflow)
    app.register_error_handler(500, _server_error)


def _respond(status: int, message: str, fields: dict | None = None, **extra: Any):
    if is_api_request():
        response = jsonify(error_body(status, message, fields, **extra))
        if status == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response, status
    return _page(status, message), status


def _page(status: int, message: str) -> str:
    """The error page; if it cannot be drawn (the template, the database, the session
    failing too), a plain page that needs nothing but the message."""
    try:
        return render_template("core/error.html", status=status, message=message)
    except Exception:  # the last resort must not fail
        _rollback()
        text = escape(str(message))
        return (
            '<!doctype html><html lang="vi"><meta charset="utf-8">'
            f"<title>{status} · Hội nghị</title><h1>{text}</h1>"
            '<p><a href="/">Trang chủ · Home</a></p></html>'
        )


def _rollback() -> None:
    """A failed statement leaves the session unusable (PostgreSQL aborts the transaction)."""
    from governance.extensions import db

    with contextlib.suppress(Exception):  # the connection itself may be gone
        db.session.rollback()


def _domain_error(error: DomainError):
    return _respond(error.status, error.message, error.fields, **error.extra)


def _validation_error(error: ValidationError):
    return _respond(422, str(DEFAULT_MESSAGES[422]), flatten_messages(error.messages))


def _stale(_error: StaleDataError):
    _rollback()
    return _respond(
        409, _("Someone else changed this record in the meantime. Reload and try again.")
    )


def _http_error(error: HTTPException):
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    fields = flatten_messages(_by_field(data.get("messages", {})))
    message = str(DEFAULT_MESSAGES.get(status, error.description))
    if status == 400 and fields:
        message = _("The request body is not valid JSON.")
        fields = {}
    if status == 413:
        limit = (app_limit := request.max_content_length) and app_limit // (1024 * 1024)
        message = _("The file is too large: at most %(mb)s MB.", mb=limit)
    return _respond(status, message, fields)


WEBARGS_LOCATIONS = ("json", "files", "form", "query", "headers", "cookies")


def _by_field(messages: dict) -> dict | list:
    """webargs keys messages by location first ({"json": {...}}); people think in fields."""
    merged: dict = {}
    for location, inner in messages.items():
        if location not in WEBARGS_LOCATIONS:
            return messages
        if not isinstance(inner, dict):
            return inner
        merged |= inner
    return merged


def _integrity(error: IntegrityError):
    """A database constraint refused the write: the record exists already, or others
    depend on it. Services check these first with a clearer message; this is the net
    (logged: a check is missing somewhere)."""
    log.warning("database constraint refused a write: %s", error.orig)
    _rollback()
    return _respond(
        409,
        _(
            "This conflicts with records already saved (a duplicate, or records that depend "
            "on it). Nothing was saved: reload the page and check."
        ),
    )


def _data_error(error: DataError):
    """A value the database cannot store (out of range, a forbidden character); the net
    behind core.security's input checks (logged: a check is missing somewhere)."""
    log.warning("database refused a value: %s", error.orig)
    _rollback()
    return _respond(422, str(DEFAULT_MESSAGES[422]))


def _database(error: DBAPIError):
    """The database could not do it now: read-only storage, a full disk, a lock held too
    long. Nothing was saved; the person is told so instead of a bare 500."""
    log.warning("database unavailable: %s", error.orig)
    _rollback()
    text = str(error.orig).lower()
    if "readonly" in text or "read-only" in text or "disk" in text or "unable to open" in text:
        return _respond(503, str(READ_ONLY_MESSAGE))
    return _busy(error)


def _storage(error: OSError):
    """A file the app writes (a paper, a key) could not be written or read."""
    _rollback()
    if isinstance(error, FileNotFoundError):
        return _respond(404, _("The stored file is missing. Tell the administrator."))
    return _respond(503, str(READ_ONLY_MESSAGE))


def _overflow(error: OverflowError):
    """A number or date beyond what Python or SQLite can hold; the net behind the checks."""
    log.warning("value out of range: %s", error)
    _rollback()
    return _respond(422, str(DEFAULT_MESSAGES[422]))


def _too_deep(_error: RecursionError):
    return _respond(400, str(DEFAULT_MESSAGES[400]))


def _busy(_error: Exception):
    """A write waited longer than the database allows (core.database, voting.writer)."""
    body, status = _respond(503, str(DEFAULT_MESSAGES[503]))
    return body, status, {"Retry-After": "5"}


def _csrf_error(_error: CSRFError):
    return _respond(
        400,
        _(
            "This form has expired or did not come from this site. "
            "Go back, reload the page and send it again."
        ),
    )


def _server_error(error: Exception):
    log.error("server error: %r", getattr(error, "original_exception", error))
    _rollback()
    return _respond(500, str(DEFAULT_MESSAGES[500]))


def flatten_messages(messages: Any) -> dict[str, str]:
    """marshmallow's nested messages as {field: one readable sentence}, translated."""
    if not isinstance(messages, dict):
        return {"_schema": " ".join(localize_messages(messages))} if messages else {}
    flat: dict[str, str] = {}
    for name, value in messages.items():
        if isinstance(value, dict):
            for sub, text in flatten_messages(value).items():
                flat[f"{name}.{sub}"] = text
        else:
            flat[str(name)] = " ".join(localize_messages(value))
    return flat
