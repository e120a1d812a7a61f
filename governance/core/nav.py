"""Navigation entries, registered by each domain's views so that base.html lists none by hand."""

from __future__ import annotations

from collections.abc import Callable
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


@dataclass(frozen=True)
class HomePanel:
    """A block on the home page: what needs doing, from one domain."""

    order: int
    template: str
    context: Callable[[object], dict]  # user -> template values; {} hides the panel


PANELS: list[HomePanel] = []


def add_home_panel(order: int, template: str, context: Callable[[object], dict]) -> None:
    if all(panel.template != template for panel in PANELS):
        PANELS.append(HomePanel(order, template, context))
        PANELS.sort(key=lambda panel: panel.order)


HOME: list[Callable[[object], dict]] = []  # the one domain that fills the home page


def set_home(context: Callable[[object], dict]) -> None:
    """The home page's values for a user (`units`, `todo`): a domain above core says."""
    HOME[:] = [context]


def home_context(user: object) -> dict:
    return HOME[0](user) if HOME else {"units": [], "todo": {"kind": ""}}


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
