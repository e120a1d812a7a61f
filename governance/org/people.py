"""Accounts linked to people: the member records that are the person behind an account.

`User.member_id` is the person's record named when the account was made (CONTRACT 1,
`create-user --member`); one person sits in several bodies, so further member records of
the same person are linked in `account_members`. A member votes, speaks and reads as
themselves through these links, never by matching names.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import delete, select

from governance.core import access, audit
from governance.core.errors import Conflict, Invalid
from governance.core.models import AccountMember, User
from governance.extensions import db
from governance.org.models import Member


def member_ids(user: User) -> set[int]:
    """Every member record of the person behind the account (empty when not linked)."""
    if not getattr(user, "id", None):
        return set()
    linked = set(
        db.session.scalars(select(AccountMember.member_id).where(AccountMember.user_id == user.id))
    )
    return linked | ({user.member_id} if user.member_id else set())


def member_in(user: User, meeting) -> Member | None:
    """The user's own member record in the meeting's body, if they sit in it (`meeting`:
    anything with a `body_id`; the registry knows no meetings)."""
    ids = member_ids(user)
    if not ids:
        return None
    query = select(Member).where(Member.id.in_(ids), Member.body_id == meeting.body_id)
    return db.session.scalars(query).first()


def person_name(by: User) -> str:
    """The person behind the account (its linked member), for texts a clerk signs and
    names recorded with an action; the account's own name when it is not linked."""
    member = db.session.get(Member, by.member_id) if getattr(by, "member_id", None) else None
    return member.full_name if member else (by.full_name or by.username)


def account_of(member: Member) -> User | None:
    query = select(User).where(User.member_id == member.id)
    user = db.session.scalars(query).first()
    if user is not None:
        return user
    link = db.session.scalar(select(AccountMember).where(AccountMember.member_id == member.id))
    return db.session.get(User, link.user_id) if link else None


def link(member: Member, user: User, by: User) -> None:
    """Say that this account is the person of this member record (the registry's keeper)."""
    access.require(access.can_manage_registry(by, member.body.unit))
    attach(member, user, by)
    db.session.commit()


def attach(member: Member, user: User, by: User | None) -> None:
    """The link itself, checked and audited; the caller checked who asks (the CLI is the
    installation's operator) and commits."""
    if user.unit_id not in (None, member.body.unit_id) and user.role != "admin":
        raise Invalid(fields={"username": _("This account belongs to another unit.")})
    owner = account_of(member)
    if owner is not None and owner.id != user.id:
        raise Conflict(_("This member is already linked to the account %(u)s.", u=owner.username))
    if owner is None:
        if user.member_id is None:
            user.member_id = member.id
        else:
            db.session.add(AccountMember(user_id=user.id, member_id=member.id))
    audit.record(
        "link_account",
        "member",
        member.id,
        unit_id=member.body.unit_id,
        user=by,
        after={"user": user.username},
    )


def unlink(member: Member, by: User) -> None:
    access.require(access.can_manage_registry(by, member.body.unit))
    owner = detach(member)
    if owner is None:
        return
    audit.record(
        "unlink_account",
        "member",
        member.id,
        unit_id=member.body.unit_id,
        user=by,
        before={"user": owner.username},
    )
    db.session.commit()


def detach(member: Member) -> User | None:
    """Remove the member record's link to its account (answered, or None); the caller checks
    who asks, audits and commits."""
    owner = account_of(member)
    if owner is not None and owner.member_id == member.id:
        owner.member_id = None
    db.session.execute(delete(AccountMember).where(AccountMember.member_id == member.id))
    return owner
