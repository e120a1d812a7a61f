"""API plumbing: bearer-token authentication, and the token endpoint."""

from __future__ import annotations

from flask import g, request
from flask.views import MethodView
from flask_smorest import Blueprint

from governance.core.auth import authenticate, issue_token, user_from_token
from governance.core.errors import DomainError
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
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    user = user_from_token(token.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise Unauthorized()
    g.api_user = user


def api_user() -> User:
    return g.api_user


blp = Blueprint("auth_api", __name__, url_prefix=API_PREFIX, description="Sign in")


@blp.route("/auth/token")
class TokenResource(MethodView):
    @blp.arguments(TokenRequestSchema)
    @blp.response(200, TokenSchema)
    def post(self, credentials: dict) -> dict:
        """Exchange a username and password for a bearer token."""
        return {"token": issue_token(authenticate(**credentials))}
