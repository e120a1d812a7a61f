"""The national page without a row per commune (issue 13: 3,321 communes, under 150 ms).

The counts per province come from flag sets: a progress provider may offer
`flagged_units(unit_ids) -> {"late": {ids}, "incomplete": {ids}}`, the units whose rows
`dashboard.row_flags` would flag, in a query or two and with the predicates of its columns;
a provider without it whose columns can flag is asked for its rows instead (right, slower);
one whose columns cannot flag (drafts, bodies formed) is not asked. Rows are computed only
for the communes listed: a filter or a search picks them, their order by name or code needs
only the units, and only the first NATIONAL_ROWS get their progress (the providers' IN path).
Ordering by a progress column needs every match's value of it: that column's provider alone
answers for every match (for the late communes by "invitations late", about 2,500), the
others for the rows shown. Live: nothing is kept between requests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Row as Record

from governance.extensions import db
from governance.org.models import Unit
from governance.oversight.dashboard import (
    SORTS,
    Board,
    Row,
    UnitLine,
    column_provider,
    columns,
    communes_query,
    flags_columns,
    keep,
    needle_of,
    progress,
    providers,
    row_flags,
    sort_column,
    tally,
    unit_key,
    value_key,
)

NATIONAL_ROWS = 300  # communes listed on the national page (the .xlsx export has them all)


@dataclass(frozen=True)
class Flags:
    late: set[int]
    incomplete: set[int]

    def of(self, unit_id: int) -> tuple[bool, bool]:
        return unit_id in self.late, unit_id in self.incomplete


@dataclass(frozen=True)
class Page:
    board: Board  # the national counts, and the rows listed
    summary: list[dict]  # per province: {"province": Unit, **counts}


def flags(unit_ids: Sequence[int]) -> Flags:
    """Which of these units' rows are late, and which incomplete, from every provider."""
    late: set[int] = set()
    incomplete: set[int] = set()
    for module in providers():
        if hasattr(module, "flagged_units"):
            found = module.flagged_units(unit_ids)
        elif flags_columns([key for key, _label in module.COLUMNS]):
            found = _flags_of_rows(module.unit_progress(unit_ids))
        else:
            continue
        late |= found.get("late", set())
        incomplete |= found.get("incomplete", set())
    return Flags(late, incomplete)


def _flags_of_rows(values: dict[int, dict[str, object]]) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {"late": set(), "incomplete": set()}
    for unit_id, unit_values in values.items():
        late, incomplete = row_flags(unit_values)
        if late:
            found["late"].add(unit_id)
        if incomplete:
            found["incomplete"].add(unit_id)
    return found


def page(
    provinces: list[Unit], only: str = "", search: str = "", sort: str = "name", desc: bool = False
) -> Page:
    """The counts of the country and of each province; the communes matching `only` or
    `search` (none listed without either), at most NATIONAL_ROWS, in the order asked."""
    units = db.session.execute(communes_query(None)).all()  # plain rows, no objects
    found = flags([u.id for u in units])
    grouped: dict[int | None, list[tuple[bool, bool]]] = {}
    for unit in units:
        grouped.setdefault(unit.parent_id, []).append(found.of(unit.id))
    counts = {parent: tally(pairs) for parent, pairs in grouped.items()}
    summary = [
        {"province": p, **counts.get(p.id, tally([]))}
        for p in sorted(provinces, key=lambda p: p.name)
    ]
    total = {key: sum(c[key] for c in counts.values()) for key in tally([])}
    rows, matched = listing(units, found, only, search, sort, desc)
    return Page(Board(columns(), rows, len(units), total, matched), summary)


def listing(
    units: list[Record], found: Flags, only: str, search: str, sort: str, desc: bool
) -> tuple[list[Row], int]:
    """(the rows shown, how many communes match)."""
    if not (only or search):
        return [], len(units)
    needle = needle_of(search)
    chosen = [u for u in units if keep(u, *found.of(u.id), only, needle)]
    key = sort_column(sort)
    if key in SORTS:  # the units' own order: only the rows shown are computed
        chosen.sort(key=lambda u: unit_key(u, key), reverse=desc)
        return _rows(chosen[:NATIONAL_ROWS]), len(chosen)
    # By a progress column: its provider answers for every match, the others for those shown.
    owner = column_provider(key)
    known = {owner: owner.unit_progress([u.id for u in chosen])}
    value = {unit_id: values.get(key) for unit_id, values in known[owner].items()}
    chosen.sort(key=lambda u: value_key(value.get(u.id), u, desc), reverse=desc)
    return _rows(chosen[:NATIONAL_ROWS], known), len(chosen)


def _rows(units: list[Record], known: dict | None = None) -> list[Row]:
    values = progress([u.id for u in units], known)
    return [Row(UnitLine(*u), values[u.id]) for u in units]
