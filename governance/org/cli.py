"""Command-line administration of the registry's people: accounts, linked to the member
record that is the person (CONTRACT 1, `create-user … --member ID`)."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from governance.core.auth import create_user
from governance.core.errors import DomainError
from governance.core.models import Role
from governance.extensions import db
from governance.org.models import Member, Unit
from governance.org.people import attach


@click.command("create-user")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--unit", "unit_code", default=None, help="Unit code (every role but admin).")
@click.option("--name", "full_name", default="", help="Full name shown in the app.")
@click.option(
    "--member",
    "member_id",
    type=int,
    default=None,
    help="Id of the member record that is this person (votes, speaks, reads as them).",
)
@with_appcontext
def create_user_command(
    username: str, role: str, unit_code: str | None, full_name: str, member_id: int | None
) -> None:
    """Create an account; the password is read from standard input."""
    member = db.session.get(Member, member_id) if member_id is not None else None
    if member_id is not None and member is None:
        raise click.ClickException(f"There is no member with id {member_id}.")

    unit_id = None
    if unit_code:
        unit_id = db.session.scalar(select(Unit.id).where(Unit.code == unit_code))
        if unit_id is None:
            raise click.ClickException(f"There is no unit with code {unit_code}.")
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if member is not None and unit_id not in (None, member.body.unit_id):
        raise click.ClickException(f"Member {member_id} sits in a body of another unit.")
    try:
        user = create_user(username, password, role, unit_id, full_name or _name(member))
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if member is not None:
        _link(user, member)
    db.session.commit()
    linked = f", linked to member {member.id} ({member.full_name})" if member else ""
    click.echo(f"Created {role} {username}{linked}.")


def _name(member) -> str:
    return member.full_name if member is not None else ""


def _link(user, member) -> None:
    try:
        attach(member, user, by=None)
    except DomainError as refused:
        raise click.ClickException(
            " ".join([refused.message, *refused.fields.values()]).strip()
        ) from None


commands = [create_user_command]
