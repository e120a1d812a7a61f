"""The home page's contents for core's home route: the units the user sees and what they
have to do next (core draws the page and knows no domain)."""

from __future__ import annotations

from governance.core.models import User
from governance.core.nav import set_home
from governance.org.service import list_units
from governance.workspace.todo import todo


def home_context(user: User) -> dict:
    work = todo(user)
    # Oversight sees provinces (grouped counts), never one card per commune.
    units = [] if work["kind"] == "oversight" else list_units(user)
    return {"units": units, "todo": work}


set_home(home_context)
