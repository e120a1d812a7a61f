"""What each domain reports to the scheduler and to the oversight dashboard.

Domains are found by module name, like `views` and `api` (INTERFACES section C):
`governance/<domain>/reminders.py` defines `due_reminders(now) -> list[Reminder]`, and
`governance/<domain>/progress.py` defines `COLUMNS` and `unit_progress(unit_ids)`, and may
define `flagged_units(unit_ids)` (the units its columns flag late or incomplete, for the
national counts without a row per commune: oversight.national). Nothing here names a
domain, so a domain merged later shows up without a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from types import ModuleType

import governance
from governance.core.discovery import domain_modules


@dataclass(frozen=True)
class Reminder:
    key: str  # unique and stable ("draft-comments:12:2026-12-05"): delivered once per user
    unit_id: int
    roles: tuple[str, ...]  # roles of that unit's accounts to notify ("clerk", "chair", ...)
    due_at: datetime  # aware UTC
    subject: str  # a Vietnamese sentence, shown in the app and as the e-mail subject
    link: str  # path of the page where the work is done ("/meetings/12")


@lru_cache(maxsize=16)
def _found(name: str, _search_path: tuple[str, ...]) -> tuple[ModuleType, ...]:
    """Scanning the packages costs milliseconds: once per module name and search path."""
    return tuple(domain_modules(name))


def _modules(name: str) -> tuple[ModuleType, ...]:
    return _found(name, tuple(governance.__path__))


def reminder_providers() -> list[ModuleType]:
    return [m for m in _modules("reminders") if hasattr(m, "due_reminders")]


def progress_providers() -> list[ModuleType]:
    return [
        m for m in _modules("progress") if hasattr(m, "COLUMNS") and hasattr(m, "unit_progress")
    ]


def collect_due(now: datetime) -> list[Reminder]:
    """Every provider's reminders at `now` (aware UTC), first due first."""
    found = [r for module in reminder_providers() for r in module.due_reminders(now)]
    return sorted(found, key=lambda r: (r.due_at, r.key))
