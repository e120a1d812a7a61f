"""The dashboard: one row per commune, its columns from every discovered progress provider.

A page costs one query for the units plus each provider's constant number of queries,
whatever the number of units (3,321 nationwide); filters, sorting and counts work on the
rows in memory.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from governance.core.reminders import progress_providers
from governance.documents.letterhead import short_name
from governance.extensions import db
from governance.org.models import Unit, UnitKind

# Providers shown in this order; any other domain's columns follow, by name.
PROVIDER_ORDER = ("oversight", "meetings", "drafts", "congress")
SORTS = ("name", "code")
FILTERS = ("late", "incomplete")


@dataclass(frozen=True)
class UnitLine:
    """What a row shows of a unit: plain columns, not an ORM object (3,321 of them)."""

    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None


@dataclass
class Row:
    unit: UnitLine
    values: dict[str, object]
    late: bool = field(init=False)  # a column ending in `_late` counts overdue things
    incomplete: bool = field(init=False)  # a first meeting not held yet

    def __post_init__(self) -> None:
        self.late = any(v for k, v in self.values.items() if k.endswith("_late"))
        held, due = self.values.get("first_meetings_held"), self.values.get("first_meetings_due")
        self.incomplete = isinstance(held, int) and isinstance(due, int) and held < max(due, 1)


@dataclass
class Board:
    columns: list[tuple[str, object]]
    rows: list[Row]
    total: int
    counts: dict[str, int] = field(default_factory=dict)
    everything: list[Row] = field(default_factory=list)  # before filters (national summary)


def _rank(module) -> tuple[int, str]:
    domain = module.__name__.split(".")[1]
    order = PROVIDER_ORDER.index(domain) if domain in PROVIDER_ORDER else len(PROVIDER_ORDER)
    return order, domain


def providers() -> list:
    return sorted(progress_providers(), key=_rank)


def columns() -> list[tuple[str, object]]:
    return [column for module in providers() for column in module.COLUMNS]


def progress(unit_ids: list[int]) -> dict[int, dict[str, object]]:
    merged: dict[int, dict[str, object]] = {uid: {} for uid in unit_ids}
    for module in providers():
        for unit_id, values in module.unit_progress(unit_ids).items():
            if unit_id in merged:
                merged[unit_id].update(values)
    return merged


def communes(province: Unit | None) -> list[UnitLine]:
    """The communes of a province, or of the whole country (province None)."""
    query = select(Unit.id, Unit.code, Unit.name, Unit.kind, Unit.parent_id).where(
        Unit.kind != UnitKind.PROVINCE
    )
    if province is not None:
        query = query.where(Unit.parent_id == province.id)
    return [UnitLine(*row) for row in db.session.execute(query)]


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
    listing: bool = True,
) -> Board:
    """The rows (filtered and sorted when `listing`; the national summary needs no order)."""
    units = communes(province)
    values = progress([u.id for u in units])
    all_rows = [Row(u, values[u.id]) for u in units]
    rows = filtered(all_rows, only, search)
    keys = [k for k, _label in columns()]
    key = sort if sort in (*SORTS, *keys) else "name"
    if listing:
        rows.sort(key=lambda r: sort_key(r, key, desc), reverse=desc)
    return Board(columns(), rows, len(all_rows), counts(all_rows), all_rows)


def filtered(rows: list[Row], only: str, search: str) -> list[Row]:
    needle = search.strip().casefold()
    return [
        r
        for r in rows
        if (only != "late" or r.late)
        and (only != "incomplete" or r.incomplete)
        and (not needle or needle in r.unit.name.casefold() or needle in r.unit.code.casefold())
    ]


def name_key(unit: UnitLine) -> str:
    """Communes sort by place name ("Xã An" before "Phường Bình"), accents ignored first."""
    plain = unicodedata.normalize("NFD", short_name(unit).casefold().replace("đ", "d"))
    return "".join(c for c in plain if not unicodedata.combining(c)) + "\0" + unit.name


def sort_key(row: Row, key: str, desc: bool = False) -> tuple:
    if key == "name":
        return (0, name_key(row.unit))
    if key in SORTS:
        return (0, getattr(row.unit, key).casefold())
    value = row.values.get(key)
    if value is None:
        return (-1 if desc else 1, 0, name_key(row.unit))  # unknown values last
    if isinstance(value, date):
        return (0, value.toordinal(), name_key(row.unit))
    return (0, float(value), name_key(row.unit))


def counts(rows: list[Row]) -> dict[str, int]:
    late = incomplete = 0
    for row in rows:
        late += row.late
        incomplete += row.incomplete
    return {
        "units": len(rows),
        "late": late,
        "incomplete": incomplete,
        "first_meetings_complete": len(rows) - incomplete,
    }


def by_province(rows: list[Row], units: list[Unit]) -> list[dict]:  # units: the provinces
    """National view: one line per province with its counts (rows of every commune)."""
    names = {u.id: u for u in units}
    grouped: dict[int, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row.unit.parent_id or 0, []).append(row)
    return [
        {"province": names[pid], **counts(grouped.get(pid, []))}
        for pid in sorted(names, key=lambda i: names[i].name)
    ]
