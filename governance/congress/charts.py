"""Simple bar charts of the credentials figures, drawn by the app (inline SVG, no CDN).

Bar lengths are whole pixels computed with integers; the template draws them.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from governance.congress.models import CATEGORY_LABELS
from governance.rules.credentials import Credentials, percent

WIDTH = 200  # pixels for 100%


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    pct: str
    length: int


@dataclass(frozen=True)
class Chart:
    key: str
    title: object
    bars: list[Bar]

    @property
    def height(self) -> int:
        return 26 * len(self.bars) + 6


def _chart(key: str, title, pairs: list[tuple[str, int]], total: int) -> Chart:
    bars = [
        Bar(str(label), count, percent(count, total), (WIDTH * count) // total if total else 0)
        for label, count in pairs
    ]
    return Chart(key, title, bars)


def credentials_charts(figures: Credentials) -> list[Chart]:
    total = figures.total
    categories = [(CATEGORY_LABELS.get(k, k), n) for k, n in figures.by_category.items()]
    structure = [
        (_l("Women"), figures.women),
        (_l("Ethnic minority"), figures.minority),
        (_l("Under 40"), figures.under_40),
        (_l("Over 70"), figures.over_70),
    ]
    return [
        _chart("category", _l("By category"), categories, total),
        _chart("structure", _l("Structure"), structure, total),
        _chart("education", _l("Education"), figures.education, total),
        _chart("theory", _l("Political theory"), figures.theory, total),
        _chart("party_age", _l("Party age"), figures.party_bands, total),
    ]
