"""`flask seed-demo`: the demo data of every domain, in order."""

from __future__ import annotations

import importlib
import pkgutil

import click
from flask import current_app
from flask.cli import with_appcontext

import governance


def seed_all() -> list[tuple[str, str, str]]:
    """Run every domain's demo.seed(context) by ORDER; returns new accounts (once)."""
    steps = []
    for package in pkgutil.iter_modules(governance.__path__):
        name = f"governance.{package.name}.demo"
        if package.ispkg and importlib.util.find_spec(name) is not None:
            steps.append(importlib.import_module(name))
    context: dict = {}
    for module in sorted(steps, key=lambda m: m.ORDER):
        module.seed(context)
    accounts = context.get("accounts", [])
    if accounts:
        _save_accounts(accounts)
    return accounts


def _save_accounts(accounts: list[tuple[str, str, str]]) -> None:
    path = current_app.instance_path + "/demo-accounts.txt"
    with open(path, "w", encoding="utf-8") as out:
        for username, role, password in accounts:
            out.write(f"{username:<20} {role:<10} {password}\n")


def demo_accounts_text() -> str:
    try:
        with open(current_app.instance_path + "/demo-accounts.txt", encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return ""


@click.command("seed-demo")
@with_appcontext
def seed_demo() -> None:
    """Fill the database with demo data (a province, communes, bodies, members, users)."""
    accounts = seed_all()
    if not accounts:
        click.echo("Demo data is already there.")
    click.echo(demo_accounts_text())


commands = [seed_demo]
