"""API plumbing: bearer-token authentication, the token endpoints, If-Match."""

from __future__ import annotations

from flask import g, request
from flask.views import MethodView
from flask_babel import gettext as _
from flask_smorest import Blueprint
from marshmallow import Schema

from governance.core.auth import authenticate, issue_token, revoke_current_token, user_from_token
from governance.core.errors import Conflict, DomainError, Invalid
from governance.core.models import User
from governance.core.schemas import TokenRequestSchema, TokenSchema

API_PREFIX = "/api/v1"


class Unauthorized(DomainError):
    status = 401


def api_blueprint(name: str, description: str) -> Blueprint:
    """A blueprint whose every route needs `Authorization: Bearer <token>`."""
    blueprint = Blueprint(name, __name__, url_prefix=API_PREFIX, description=description)
    blueprint.before_request(_require_bearer)
    return blueprint


def _require_bearer() -> None:
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    user = user_from_token(token.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise Unauthorized()
    g.api_user = user


def api_user() -> User:
    return g.api_user


def if_match() -> int | None:
    """The record version an `If-Match` header names (`21`, `"21"` or `W/"21"`), if any."""
    raw = request.headers.get("If-Match", "").strip()
    if not raw or raw == "*":
        return None
    value = raw.removeprefix("W/").strip('"')
    if not value.isdigit() or len(value) > 9:
        raise Invalid(fields={"If-Match": _("Give the version of the record you read.")})
    return int(value)


def check_if_match(record: object, schema: Schema) -> int | None:
    """Refuse a PATCH made from a stale read: 409 with the current record (CONTRACT 3).
    Returns the version for the service's own check (it closes the race after this one)."""
    version = if_match()
    if version is not None and version != record.version:
        raise Conflict(
            _("Someone else changed this record in the meantime. Reload and try again."),
            extra={"version": record.version, "current": schema.dump(record)},
        )
    return version


def page_of(rows: list, pagination_parameters) -> list:
    """One page of a list already in memory (a short, computed list); the total goes to
    the X-Pagination header like `core.pagination.api_page` does for a query."""
    pagination_parameters.item_count = len(rows)
    first = pagination_parameters.first_item
    return rows[first : first + pagination_parameters.page_size]


blp = Blueprint("auth_api", __name__, url_prefix=API_PREFIX, description="Sign in")


@blp.route("/auth/token")
class TokenResource(MethodView):
    @blp.arguments(TokenRequestSchema)
    @blp.response(200, TokenSchema)
    def post(self, credentials: dict) -> dict:
        """Exchange a username and password for a bearer token."""
        return {"token": issue_token(authenticate(**credentials))}


@blp.route("/auth/logout")
class LogoutResource(MethodView):
    @blp.response(204)
    def post(self) -> None:
        """Revoke the bearer token of this request (other tokens stay valid)."""
        _require_bearer()
        revoke_current_token()
