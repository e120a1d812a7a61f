"""Demo data: every domain's `demo.seed(context)`, in ORDER; the accounts made, kept."""

from __future__ import annotations

from flask import current_app

from governance.core.discovery import domain_modules


def seed_all() -> list[tuple[str, str, str]]:
    """Run every domain's demo.seed(context) by ORDER; returns new accounts (once)."""
    context: dict = {}
    for module in sorted(domain_modules("demo"), key=lambda m: m.ORDER):
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
