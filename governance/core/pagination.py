"""Bounded lists: one page of a query, for the API (flask-smorest) and for the pages.

Every list answers at most `MAX_PAGE_SIZE` rows whatever the data, with the total counted
by the database (CONTRACT section 3: `page`, `page_size`, the total in `X-Pagination`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil
from typing import Any

from flask import request
from sqlalchemy import Select, func

from governance.extensions import db

MAX_PAGE_SIZE = 500
API_PAGE_SIZE = 100  # when the caller gives no page_size
WEB_PAGE_SIZE = 50


def paginated(blp):
    """`@paginated(blp)` on a list endpoint: `page` and `page_size` ≤ 500 in the query."""
    return blp.paginate(page=1, page_size=API_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)


def count_of(query: Select) -> int:
    """The number of rows the query gives, counted by the database (on its joins and
    filters only: the columns of the rows are not read for it)."""
    counted = query.with_only_columns(func.count(), maintain_column_froms=True).order_by(None)
    return db.session.scalar(counted) or 0


def api_page(query: Select, pagination_parameters: Any) -> Sequence:
    """One page of an ORM query; sets the total that flask-smorest puts in X-Pagination.

    A page past the end answers an empty list without asking the database for it (an
    offset of 10^30 does not fit in a 64-bit integer)."""
    total = count_of(query)
    pagination_parameters.item_count = total
    offset = pagination_parameters.first_item
    if offset >= total:
        return []
    return db.session.scalars(query.limit(pagination_parameters.page_size).offset(offset)).all()


@dataclass(frozen=True)
class Page:
    """One page of a list shown on a web page, with what the pager macro needs."""

    items: Sequence
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.size + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.number * self.size, self.total)


def requested_page() -> int:
    """`?page=` of the request: anything that is not a sensible number is page 1."""
    raw = request.args.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < len(raw) < 7 and int(raw) > 0 else 1


def web_page(query: Select, size: int = WEB_PAGE_SIZE, scalars: bool = True) -> Page:
    """The requested page of a query for a web page (a page past the end shows the last)."""
    total = count_of(query)
    pages = max(1, ceil(total / size))
    number = min(requested_page(), pages)
    bounded = query.limit(size).offset((number - 1) * size)
    rows = db.session.scalars(bounded).all() if scalars else db.session.execute(bounded).all()
    return Page(rows, number, size, total)


def like_pattern(search: str | None) -> str | None:
    """`%search%` for ILIKE with `\\` as the escape, or None for an empty search."""
    text = (search or "").strip()[:100].lower()
    if not text:
        return None
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
