"""The dashboard: one row per commune, its columns from every discovered progress provider.

A page costs one query for the units plus each provider's constant number of queries,
whatever the number of units; filters, sorting and counts work on the rows in memory. The
national page counts and lists without a row per commune (`national.py`), with the flag
rules defined here (`row_flags`, `keep`, `tally`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from types import SimpleNamespace

from sqlalchemy import select

from governance.core.reminders import progress_providers
from governance.documents.letterhead import short_name
from governance.extensions import db
from governance.meetings.progress import first_meetings_incomplete
from governance.org.models import Unit, UnitKind

# Providers shown in this order; any other domain's columns follow, by name.
PROVIDER_ORDER = ("oversight", "meetings", "drafts", "congress")
SORTS = ("name", "code")
FILTERS = ("late", "incomplete")
FIRST_MEETINGS = ("first_meetings_held", "first_meetings_due")  # the meetings provider's


@dataclass(frozen=True)
class UnitLine:
    """What a row shows of a unit: plain columns, not an ORM object (3,321 of them)."""

    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None


def row_flags(values: dict[str, object]) -> tuple[bool, bool]:
    """(late, incomplete): a column ending in `_late` above zero counts overdue things; first
    meetings held short of those due is incomplete. A provider's `flagged_units` answers
    these flags for many units at once and must agree (tests/oversight/test_national.py)."""
    late = any(v for k, v in values.items() if k.endswith("_late"))
    held, due = values.get(FIRST_MEETINGS[0]), values.get(FIRST_MEETINGS[1])
    incomplete = (
        isinstance(held, int) and isinstance(due, int) and first_meetings_incomplete(held, due)
    )
    return late, incomplete


def flags_columns(keys: list[str]) -> bool:
    """Whether columns with these keys can flag a row (see `row_flags`)."""
    return any(k.endswith("_late") or k in FIRST_MEETINGS for k in keys)


@dataclass
class Row:
    unit: UnitLine
    values: dict[str, object]
    late: bool = field(init=False)
    incomplete: bool = field(init=False)

    def __post_init__(self) -> None:
        self.late, self.incomplete = row_flags(self.values)


@dataclass
class Board:
    columns: list[tuple[str, object]]
    rows: list[Row]  # the national page lists at most NATIONAL_ROWS of those matched
    total: int
    counts: dict[str, int] = field(default_factory=dict)
    matched: int = -1  # rows passing the filter and search (-1: all of `rows`)

    def __post_init__(self) -> None:
        if self.matched < 0:
            self.matched = len(self.rows)


def _rank(module) -> tuple[int, str]:
    domain = module.__name__.split(".")[1]
    order = PROVIDER_ORDER.index(domain) if domain in PROVIDER_ORDER else len(PROVIDER_ORDER)
    return order, domain


def providers() -> list:
    return sorted(progress_providers(), key=_rank)


def columns() -> list[tuple[str, object]]:
    return [column for module in providers() for column in module.COLUMNS]


def progress(unit_ids: list[int], known: dict | None = None) -> dict[int, dict[str, object]]:
    """Every provider's columns of these units (`known`: a provider's answer already read, for
    these units or more), merged in the providers' order."""
    merged: dict[int, dict[str, object]] = {uid: {} for uid in unit_ids}
    for module in providers():
        found = (known or {}).get(module) or module.unit_progress(unit_ids)
        for unit_id, values in found.items():
            if unit_id in merged:
                merged[unit_id].update(values)
    return merged


def column_provider(key: str):
    """The provider whose value of column `key` a row shows (the last to define it)."""
    return [m for m in providers() if any(k == key for k, _label in m.COLUMNS)][-1]


def communes(province: Unit | None) -> list[UnitLine]:
    """The communes of a province, or of the whole country (province None)."""
    return [UnitLine(*row) for row in db.session.execute(communes_query(province))]


def communes_query(province: Unit | None):
    """The columns of UnitLine, in its order."""
    query = select(Unit.id, Unit.code, Unit.name, Unit.kind, Unit.parent_id).where(
        Unit.kind != UnitKind.PROVINCE
    )
    return query if province is None else query.where(Unit.parent_id == province.id)


def provinces() -> list[Unit]:
    return list(
        db.session.scalars(select(Unit).where(Unit.kind == UnitKind.PROVINCE).order_by(Unit.name))
    )


def board(
    province: Unit | None,
    only: str = "",
    search: str = "",
    sort: str = "name",
    desc: bool = False,
) -> Board:
    """Every commune's row of a province (or of the country: the export), those matching
    `only` and `search` listed in the order asked."""
    units = communes(province)
    values = progress([u.id for u in units])
    all_rows = [Row(u, values[u.id]) for u in units]
    rows = filtered(all_rows, only, search)
    key = sort_column(sort)
    rows.sort(key=lambda r: sort_key(r, key, desc), reverse=desc)
    return Board(columns(), rows, len(all_rows), counts(all_rows))


def sort_column(sort: str) -> str:
    return sort if sort in (*SORTS, *(k for k, _label in columns())) else "name"


def keep(unit: UnitLine, late: bool, incomplete: bool, only: str, needle: str) -> bool:
    """The filter ("late", "incomplete") and the search (`needle`: casefolded) of a row."""
    return (
        (only != "late" or late)
        and (only != "incomplete" or incomplete)
        and (not needle or needle in unit.name.casefold() or needle in unit.code.casefold())
    )


def needle_of(search: str) -> str:
    return search.strip().casefold()


def filtered(rows: list[Row], only: str, search: str) -> list[Row]:
    needle = needle_of(search)
    return [r for r in rows if keep(r.unit, r.late, r.incomplete, only, needle)]


def name_key(unit: UnitLine) -> str:
    """Communes sort by place name ("Xã An" before "Phường Bình"), accents ignored first."""
    return _name_key(unit.name)


@lru_cache(maxsize=8192)  # a pure function of the name (10 µs): 3,321 names in the country
def _name_key(name: str) -> str:
    place = short_name(SimpleNamespace(name=name))
    plain = unicodedata.normalize("NFD", place.casefold().replace("đ", "d"))
    return "".join(c for c in plain if not unicodedata.combining(c)) + "\0" + name


def unit_key(unit: UnitLine, key: str) -> tuple:
    """The order by name or code (SORTS), which needs no progress column."""
    return (0, name_key(unit)) if key == "name" else (0, getattr(unit, key).casefold())


def sort_key(row: Row, key: str, desc: bool = False) -> tuple:
    if key in SORTS:
        return unit_key(row.unit, key)
    return value_key(row.values.get(key), row.unit, desc)


def value_key(value: object, unit: UnitLine, desc: bool = False) -> tuple:
    """The order by a progress column's value, then by name."""
    if value is None:
        return (-1 if desc else 1, 0, name_key(unit))  # unknown values last
    if isinstance(value, date):
        return (0, value.toordinal(), name_key(unit))
    return (0, float(value), name_key(unit))


def counts(rows: list[Row]) -> dict[str, int]:
    return tally((row.late, row.incomplete) for row in rows)


def tally(flags: Iterable[tuple[bool, bool]]) -> dict[str, int]:
    """The counts shown above the rows, from each row's (late, incomplete)."""
    units = late = incomplete = 0
    for is_late, is_incomplete in flags:
        units += 1
        late += is_late
        incomplete += is_incomplete
    return {
        "units": units,
        "late": late,
        "incomplete": incomplete,
        "first_meetings_complete": units - incomplete,
    }
