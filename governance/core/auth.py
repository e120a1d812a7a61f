"""Signing in: password check with throttling, bearer tokens and web sessions, revocation.

Throttling keys on the client's address and on (username, address), never on the account
alone: an attacker elsewhere cannot lock the owner out, and an unknown name is counted,
answered and timed exactly like a known one (a dummy hash is checked). The counters live
in the database, so that every app host behind the proxy sees the same ones.

Revocation: a token or a web session carries the account's `session_generation`, bumped on
a password change (every token and session of the account stops working), and a random id
that logout records in `revoked_credentials` (that token or session stops working).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from functools import lru_cache

from flask import current_app, g, has_request_context, request, session
from flask_babel import gettext as _
from flask_login import current_user, login_user
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import String, case, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from governance.core import audit
from governance.core.database import UTCDateTime, utcnow
from governance.core.errors import DomainError, Invalid
from governance.core.models import Role, User
from governance.extensions import db, login_manager

login_manager.login_view = "core.login"
login_manager.login_message = None  # the login page explains itself
login_manager.session_protection = "strong"


class SignInRefused(DomainError):
    status = 401


class AccountLocked(DomainError):
    status = 429


class LoginThrottle(db.Model):
    """Failed sign-ins per key ("addr:…" or "name:…|addr:…") within a window."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(200), primary_key=True, autoincrement=False)
    failures: Mapped[int] = mapped_column(default=0)
    window_started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class RevokedCredential(db.Model):
    """A token or web session signed out before it expired (sha256 of its random id)."""

    __tablename__ = "revoked_credentials"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True, autoincrement=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


# Signing in --------------------------------------------------------------------------------


def client_address() -> str:
    """The client as the (trusted) proxy reports it: see PROXY_FIX_X_FOR."""
    return (request.remote_addr or "?") if has_request_context() else "local"


def _throttle_keys(username: str, address: str) -> list[tuple[str, int]]:
    config = current_app.config
    name = username.strip().lower()[:64]
    return [
        (f"addr:{address}"[:200], config["LOGIN_MAX_FAILURES_PER_ADDRESS"]),
        (f"name:{name}|addr:{address}"[:200], config["LOGIN_MAX_FAILURES"]),
    ]


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return generate_password_hash(secrets.token_hex(16))


def authenticate(username: str, password: str) -> User:
    """The user, or SignInRefused / AccountLocked; the same answers for unknown names."""
    keys = _throttle_keys(username, client_address())
    _refuse_if_throttled([key for key, _limit in keys])
    user = db.session.scalar(select(User).where(User.username == username.strip()))
    # Always one hash check, so that an unknown name takes as long as a wrong password.
    matches = check_password_hash(user.password_hash if user else _dummy_hash(), password)
    if user is None or not matches or not user.active:
        for key, limit in keys:
            _count_failure(key, limit)
        db.session.commit()
        raise SignInRefused(_("Wrong username or password."))
    db.session.execute(delete(LoginThrottle).where(LoginThrottle.key == keys[1][0]))
    db.session.commit()
    return user


def _refuse_if_throttled(keys: list[str]) -> None:
    now = utcnow()
    until = db.session.scalar(
        select(LoginThrottle.locked_until)
        .where(LoginThrottle.key.in_(keys), LoginThrottle.locked_until > now)
        .order_by(LoginThrottle.locked_until.desc())
        .limit(1)
    )
    if until is not None:
        minutes = int((until - now).total_seconds() // 60) + 1
        raise AccountLocked(_("Too many failed attempts. Try again in %(n)s minutes.", n=minutes))


def _count_failure(key: str, limit: int) -> None:
    """One more failure on `key` (an upsert: simultaneous attempts on several hosts all
    count); at `limit` within the window the key is locked for LOGIN_LOCK_MINUTES."""
    now = utcnow()
    window = timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])
    table = LoginThrottle.__table__
    stale = table.c.window_started_at < now - window
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    upsert = dialect.insert(table).values(key=key, failures=1, window_started_at=now)
    db.session.execute(
        upsert.on_conflict_do_update(
            index_elements=["key"],
            set_={
                "failures": case((stale, 1), else_=table.c.failures + 1),
                "window_started_at": case((stale, now), else_=table.c.window_started_at),
            },
        )
    )
    locked = db.session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == key, LoginThrottle.failures >= limit)
        .values(locked_until=now + window, failures=0, window_started_at=now)
    )
    if locked.rowcount and key.startswith("name:"):
        audit.record("lock", "sign_in", key[5:45], reason="too many failed sign-in attempts")


# Tokens and sessions --------------------------------------------------------------------


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="api-token")


def _digest(credential_id: str) -> str:
    return hashlib.sha256(credential_id.encode()).hexdigest()


def issue_token(user: User) -> str:
    return _serializer().dumps(
        {"uid": user.id, "gen": user.session_generation or 0, "jti": secrets.token_hex(16)}
    )


def user_from_token(token: str) -> User | None:
    try:
        data = _serializer().loads(token, max_age=current_app.config["API_TOKEN_MAX_AGE"])
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("jti"), str):
        return None
    user = _live_user(data.get("uid"), data.get("gen"), data["jti"])
    if user is not None:
        g.api_token_id = data["jti"]
    return user


def _live_user(user_id: object, generation: object, credential_id: object) -> User | None:
    """The account, if the credential was issued under its current generation and was
    not signed out."""
    if not isinstance(user_id, int) or not isinstance(credential_id, str):
        return None
    if not 0 < user_id < 2**31:
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.active or generation != (user.session_generation or 0):
        return None
    revoked = db.session.get(RevokedCredential, _digest(credential_id))
    return None if revoked is not None else user


def revoke(credential_id: str, lifetime: timedelta) -> None:
    """Sign out one token or session; forget revocations that expired on their own."""
    now = utcnow()
    db.session.execute(delete(RevokedCredential).where(RevokedCredential.expires_at < now))
    digest = _digest(credential_id)
    if db.session.get(RevokedCredential, digest) is None:
        db.session.add(RevokedCredential(digest=digest, expires_at=now + lifetime))
    db.session.commit()


def revoke_current_token() -> None:
    if token_id := g.get("api_token_id"):
        revoke(token_id, timedelta(seconds=current_app.config["API_TOKEN_MAX_AGE"]))


def start_session(user: User) -> None:
    """A fresh web session (no fixation), bound to the account's generation."""
    session.clear()
    session.permanent = True
    session["sid"] = secrets.token_hex(16)
    session["gen"] = user.session_generation or 0
    login_user(user)


def end_session() -> None:
    if sid := session.get("sid"):
        revoke(sid, current_app.config["PERMANENT_SESSION_LIFETIME"])


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    try:
        uid = int(user_id)
    except ValueError:
        return None
    return _live_user(uid, session.get("gen"), session.get("sid"))


def change_password(user: User, current: str, new: str) -> None:
    """Check the current password; the new one revokes every token and session."""
    if not user.check_password(current):
        raise Invalid(fields={"current": _("This is not your current password.")})
    check_new_password(new)
    user.set_password(new)
    audit.record("change_password", "user", user.id, unit_id=user.unit_id, user=user)
    db.session.commit()


def check_new_password(password: str) -> None:
    if len(password) < 8:
        raise Invalid(fields={"password": _("The password needs at least 8 characters.")})


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
