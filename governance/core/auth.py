"""Signing in: password check with throttling, and bearer tokens for the API."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, g
from flask_babel import gettext as _
from flask_login import current_user
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from governance.core import audit
from governance.core.database import utcnow
from governance.core.errors import DomainError
from governance.core.models import Role, User
from governance.extensions import db, login_manager

login_manager.login_view = "core.login"
login_manager.login_message = None  # the login page explains itself
login_manager.session_protection = "strong"


class SignInRefused(DomainError):
    status = 401


class AccountLocked(DomainError):
    status = 429


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id))


def authenticate(username: str, password: str) -> User:
    """The user, or SignInRefused / AccountLocked. Failures are counted per account."""
    user = db.session.scalar(select(User).where(User.username == username.strip()))
    now = utcnow()
    if user is not None and user.locked_until and user.locked_until > now:
        minutes = int((user.locked_until - now).total_seconds() // 60) + 1
        raise AccountLocked(_("Too many failed attempts. Try again in %(n)s minutes.", n=minutes))
    if user is None or not user.active or not user.check_password(password):
        if user is not None:
            _count_failure(user)
        raise SignInRefused(_("Wrong username or password."))
    if user.failed_logins:
        user.failed_logins = 0
        user.locked_until = None
        db.session.commit()
    return user


def _count_failure(user: User) -> None:
    config = current_app.config
    user.failed_logins += 1
    if user.failed_logins >= config["LOGIN_MAX_FAILURES"]:
        user.locked_until = utcnow() + timedelta(minutes=config["LOGIN_LOCK_MINUTES"])
        user.failed_logins = 0
        audit.record(
            "lock",
            "user",
            user.id,
            unit_id=user.unit_id,
            user=user,
            reason="too many failed sign-in attempts",
        )
    db.session.commit()


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="api-token")


def issue_token(user: User) -> str:
    # The password hash tail binds the token: changing the password revokes it.
    return _serializer().dumps({"uid": user.id, "pw": user.password_hash[-16:]})


def user_from_token(token: str) -> User | None:
    try:
        data = _serializer().loads(token, max_age=current_app.config["API_TOKEN_MAX_AGE"])
    except (BadSignature, SignatureExpired):
        return None
    user = db.session.get(User, data.get("uid", 0)) if isinstance(data, dict) else None
    if user is None or not user.active or user.password_hash[-16:] != data.get("pw"):
        return None
    return user


def actor() -> User | None:
    """The signed-in user: the API's bearer, else the web session's."""
    if (api_user := g.get("api_user")) is not None:
        return api_user
    return current_user if current_user.is_authenticated else None


def create_user(
    username: str, password: str, role: str, unit_id: int | None, full_name: str = ""
) -> User:
    """Validate and create an account (CLI, demo data)."""
    if role not in set(Role):
        raise ValueError(_("Unknown role %(role)s.", role=role))
    if role != Role.ADMIN and unit_id is None:
        raise ValueError(_("Every role but admin needs a unit."))
    if len(password) < 8:
        raise ValueError(_("The password needs at least 8 characters."))
    if db.session.scalar(select(User.id).where(User.username == username)) is not None:
        raise ValueError(_("The username %(name)s is taken.", name=username))
    user = User(
        username=username,
        role=role,
        unit_id=unit_id if role != Role.ADMIN else None,
        full_name=full_name,
    )
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record(
        "create",
        "user",
        user.id,
        unit_id=user.unit_id,
        after={"username": username, "role": role, "unit_id": user.unit_id},
    )
    return user
