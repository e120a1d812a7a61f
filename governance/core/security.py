"""Request hardening for every route: secure headers, upload limits, input that the
database could not store, private files, the proxy in front.

Input is checked once here, before any route, for what no schema may let through to the
database: integers beyond its columns, NUL bytes (PostgreSQL refuses them in text), lone
surrogates (no encoding can store them), non-finite numbers and JSON nested deeper than
any real request. Routes and schemas then judge the meaning of the values.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from pathlib import Path

from flask import Flask, Request, Response, abort, current_app, request
from flask_babel import gettext as _
from werkzeug.middleware.proxy_fix import ProxyFix

from governance.core.errors import DomainError, Invalid

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"
)
INT_LIMIT = 2**31  # INTEGER columns (ids, counts, years) hold -2^31 .. 2^31-1
MAX_JSON_DEPTH = 32  # the deepest real request nests 4 levels
FORM_OVERHEAD = 64 * 1024  # a multipart form's own bytes around the file


class BadJson(DomainError):
    status = 400


class GovernanceRequest(Request):
    """A request whose size limit follows the route: UPLOAD_LIMITS maps the end of a URL
    rule (e.g. "/papers") to the setting that bounds it; every other route keeps
    MAX_CONTENT_LENGTH. Known before anything reads the body (CSRF, the route)."""

    @property
    def max_content_length(self) -> int | None:
        if self._max_content_length is not None:
            return self._max_content_length
        if current_app and self.url_rule is not None:
            for suffix, setting in current_app.config["UPLOAD_LIMITS"].items():
                if self.url_rule.rule.endswith(suffix):
                    return current_app.config[setting] + FORM_OVERHEAD
        return super().max_content_length

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value


def register(app: Flask) -> None:
    app.request_class = GovernanceRequest
    if hops := app.config["PROXY_FIX_X_FOR"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    if app.config["PRIVATE_FILES"]:
        make_private(app)
    app.before_request(check_input)

    @app.after_request
    def _headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.path.startswith("/api/"):  # answers carry personal data and tokens
            headers["Cache-Control"] = "no-store"
        if app.config["SESSION_COOKIE_SECURE"]:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response


# Private files -------------------------------------------------------------------------


def make_private(app: Flask) -> None:
    """Everything the app writes from now on is its owner's alone (0600 files, 0700
    folders): the database, keys, demo accounts, papers, backups. What exists already in
    the instance folder is tightened too."""
    os.umask(0o077)
    for folder in {Path(app.instance_path), Path(app.config["STORAGE_DIR"])}:
        _tighten(folder)


def _tighten(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.chmod(0o700)
        for path in folder.rglob("*"):
            path.chmod(0o700 if path.is_dir() else 0o600)
    except OSError:
        pass  # a read-only folder: writes will answer 503 with a clear message


# Input ---------------------------------------------------------------------------------


def check_input() -> None:
    for value in (request.view_args or {}).values():
        if isinstance(value, int) and not -INT_LIMIT <= value < INT_LIMIT:
            abort(404)  # no record has such an id
        if isinstance(value, str) and _text_problem(value):
            abort(404)
    problems = {
        key: message
        for key, value in request.args.items(multi=True)
        if (message := _text_problem(key) or _text_problem(value) or _number_problem(value))
    } | {
        key: message
        for key, value in _form_items()
        if (message := _text_problem(key) or _text_problem(value))
    }
    if request.is_json and request.content_length != 0:
        problems |= _json_problems()
    if problems:
        raise Invalid(fields=problems)


def _form_items() -> list[tuple[str, str]]:
    if request.method in ("GET", "HEAD", "OPTIONS") or request.is_json:
        return []
    return list(request.form.items(multi=True))


def _text_problem(text: str) -> str | None:
    if "\x00" in text:
        return _("This text contains a NUL character, which cannot be stored.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _("This text contains an invalid character (a lone surrogate).")
    return None


def _number_problem(text: str) -> str | None:
    """A number in the query (a page, an id) beyond what the database can take. Not in
    forms: there a long run of digits may be text (an identity card number)."""
    digits = text.strip().removeprefix("-").removeprefix("+")
    if digits.isdigit() and (len(digits) > 10 or int(digits) >= INT_LIMIT):
        return _("This number is too large.")
    return None


def _json_problems() -> dict[str, str]:
    try:
        data = json.loads(request.get_data(cache=True))
    except RecursionError:
        raise BadJson(_("The request body is not valid JSON: it is nested too deeply.")) from None
    except ValueError:
        return {}  # the route's parser answers 400 with its own message
    problems = {}
    for path, value, depth in _walk(data):
        if depth > MAX_JSON_DEPTH:
            raise BadJson(_("The request body is not valid JSON: it is nested too deeply."))
        if message := _value_problem(value):
            problems.setdefault(_printable(path) or "_schema", message)
    return problems


def _printable(path: str) -> str:
    """A field path fit to send back, whatever characters its keys hold."""
    return path.replace("\x00", "\\0").encode("utf-8", "backslashreplace").decode("utf-8")


def _value_problem(value: object) -> str | None:
    if isinstance(value, str):
        return _text_problem(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and not -INT_LIMIT <= value < INT_LIMIT:
        return _("This number is too large.")
    if isinstance(value, float) and not math.isfinite(value):
        return _("This number is too large.")
    return None


def _walk(data: object) -> Iterator[tuple[str, object, int]]:
    """(path, value, depth) of every key and value, without recursion."""
    stack: list[tuple[str, object, int]] = [("", data, 0)]
    while stack:
        path, value, depth = stack.pop()
        yield path, value, depth
        if isinstance(value, dict):
            for key, inner in value.items():
                inner_path = f"{path}.{key}" if path else str(key)
                yield inner_path, key, depth + 1
                stack.append((inner_path, inner, depth + 1))
        elif isinstance(value, list):
            stack.extend(
                (f"{path}.{i}" if path else str(i), v, depth + 1) for i, v in enumerate(value)
            )
