"""Accounts and the audit log."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from governance.core.database import UTCDateTime, utcnow
from governance.extensions import db

if TYPE_CHECKING:
    from governance.org.models import Unit


class Role(enum.StrEnum):
    ADMIN = "admin"  # the whole installation
    INSPECTOR = "inspector"  # read-only over a province's units
    CLERK = "clerk"  # keeps the unit's registry, prepares meetings and documents
    CHAIR = "chair"  # runs sessions, signs
    SECRETARY = "secretary"  # takes minutes
    MEMBER = "member"  # reads, comments on drafts


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    # The person this account is (the member record named at creation): votes, speaks and
    # reads as them. Further memberships of the same person: AccountMember.
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())  # unused since 0401
    # Bumped when the password changes: every token and session of the account carries the
    # generation it was issued under and stops working (core.auth).
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    unit: Mapped[Unit | None] = relationship()

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)
        self.session_generation = (self.session_generation or 0) + 1

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles


class AccountMember(db.Model):
    """One membership (a member record) of the person behind an account; a member record
    belongs to at most one account."""

    __tablename__ = "account_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), unique=True)


class AuditEntry(db.Model):
    """One change, chained to the previous entry by hash (see core.audit)."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(index=True)  # no FK: users may be removed
    username: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40), default="")
    unit_id: Mapped[int | None] = mapped_column(index=True)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text, default="")
    # The database, not the code, forbids two entries claiming the same predecessor.
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditAnchor(db.Model):
    """A signed checkpoint of the audit chain's head (see core.audit).

    The HMAC key is not in the database, so whoever can rewrite rows cannot make an anchor
    that matches a shortened or recomputed chain: the next verification compares them."""

    __tablename__ = "audit_anchors"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(index=True)
    entry_hash: Mapped[str] = mapped_column(String(64))
    count: Mapped[int]  # entries in the chain up to and including entry_id
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    signature: Mapped[str] = mapped_column(String(64))


class AuditCheck(db.Model):
    """A verification of the audit chain: queued from the audit page, run by the scheduler."""

    __tablename__ = "audit_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    full: Mapped[bool] = mapped_column(default=False)
    requested_by: Mapped[str] = mapped_column(String(64), default="")
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ok: Mapped[bool | None]
    checked: Mapped[int] = mapped_column(default=0)  # entries walked by this run
    total: Mapped[int] = mapped_column(default=0)  # entries in the chain
    head: Mapped[str] = mapped_column(String(64), default="")
    problems: Mapped[list | None] = mapped_column(JSON)  # [[entry_id, message], ...]
