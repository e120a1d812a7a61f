"""Choosing one commune among thousands on a web page: province filter, name or code search,
one page at a time (the documents and drafts indexes, the drafts checklist)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask import request

from governance.core.models import User
from governance.core.pagination import Page, web_page
from governance.org.models import Unit, UnitKind
from governance.org.service import provinces, unit_query


@dataclass
class UnitPicker:
    page: Page
    search: str
    province: str
    provinces: Sequence[Unit]

    @property
    def filtered(self) -> bool:
        return bool(self.search or self.province)


def pick_units(by: User) -> UnitPicker:
    """The page of communes (no provinces) the request's filters ask for."""
    search, province = request.args.get("q", ""), request.args.get("province", "")
    query = unit_query(by, province, search).where(Unit.kind != UnitKind.PROVINCE)
    return UnitPicker(web_page(query), search, province, provinces(by))
