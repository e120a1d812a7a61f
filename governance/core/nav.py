"""Navigation entries, registered by each domain's views so that base.html lists none by hand."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from flask_login import current_user


@dataclass(frozen=True)
class NavItem:
    order: int
    label: object  # a lazy_gettext string
    endpoint: str
    roles: frozenset[str] | None = None  # None: every signed-in user


NAV: list[NavItem] = []


def add_nav(order: int, label: object, endpoint: str, roles: set[str] | None = None) -> None:
    if all(item.endpoint != endpoint for item in NAV):
        NAV.append(NavItem(order, label, endpoint, frozenset(roles) if roles else None))
        NAV.sort(key=lambda item: item.order)


def register(app: Flask) -> None:
    @app.context_processor
    def _nav() -> dict:
        if not current_user.is_authenticated:
            return {"nav_items": []}
        return {"nav_items": [i for i in NAV if i.roles is None or current_user.role in i.roles]}
