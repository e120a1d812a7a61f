"""Linking accounts to members from the members page (the clerk, or the administrator)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from governance.core.errors import DomainError
from governance.core.models import AccountMember, User
from governance.extensions import db
from governance.org import people
from governance.org import service as org_service

blueprint = Blueprint("people", __name__, url_prefix="/people")


@blueprint.before_request
@login_required
def _signed_in() -> None:
    """Only the registry's keepers link accounts; people.link checks role and unit."""


@blueprint.app_context_processor
def _accounts() -> dict:
    return {"account_links": account_links}


def account_links(body) -> dict:
    """For the members page: member id -> linked username, and the unit's free accounts."""
    ids = [m.id for m in body.members]
    linked = dict(
        db.session.execute(
            select(User.member_id, User.username).where(User.member_id.in_(ids))
        ).all()
    )
    extra = db.session.execute(
        select(AccountMember.member_id, User.username)
        .join(User, User.id == AccountMember.user_id)
        .where(AccountMember.member_id.in_(ids))
    ).all()
    linked |= dict(extra)
    accounts = db.session.scalars(
        select(User.username)
        .where(User.unit_id == body.unit_id, User.active.is_(True))
        .order_by(User.username)
    ).all()
    return {"linked": linked, "accounts": accounts}


@blueprint.post("/members/<int:member_id>/account")
def link(member_id: int):
    member = org_service.get_member(member_id, current_user)
    username = request.form.get("username", "").strip()
    user = db.session.scalar(select(User).where(User.username == username))
    try:
        if request.form.get("unlink"):
            people.unlink(member, current_user)
            flash(
                _("%(name)s is no longer linked to an account.", name=member.full_name), "success"
            )
        elif user is None:
            flash(_("There is no account %(u)s.", u=username), "danger")
        else:
            people.link(member, user, current_user)
            flash(
                _("%(name)s now signs in as %(u)s.", name=member.full_name, u=username), "success"
            )
    except DomainError as refused:
        flash(refused.message + "".join(f" {v}" for v in refused.fields.values()), "danger")
    return redirect(url_for("org.body", body_id=member.body_id, _anchor="members"))
