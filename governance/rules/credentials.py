"""The credentials committee's figures (DOMAIN section 5): integers in, exact figures out.

Ages are counted at the congress (year of the congress minus year of birth, as the
rosters give only the year); party age in whole years to the opening date.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from governance.rules.apportion import format_ratio

__all__ = ["Credentials", "Person", "credentials_figures", "percent"]

MAJORITY_ETHNICITY = "kinh"
UNKNOWN = "Chưa rõ"


@dataclass(frozen=True)
class Person:
    category: str
    gender: str = ""
    birth_year: int | None = None
    ethnicity: str = ""
    education: str = ""
    theory_level: str = ""
    party_joined_on: date | None = None


def percent(part: int, whole: int, places: int = 1) -> str:
    """100*part/whole rounded half up, with integers: percent(1, 3) → "33.3"."""
    return format_ratio(100 * part, whole, places) if whole else "0"


@dataclass(frozen=True)
class Credentials:
    total: int
    by_category: dict[str, int]
    women: int
    minority: int
    ages_known: int
    under_40: int
    over_70: int
    age_sum: int
    oldest: int | None
    youngest: int | None
    education: list[tuple[str, int]] = field(default_factory=list)
    theory: list[tuple[str, int]] = field(default_factory=list)
    party_known: int = 0
    party_age_sum: int = 0
    party_bands: list[tuple[str, int]] = field(default_factory=list)
    longest_party_age: int | None = None

    @property
    def women_pct(self) -> str:
        return percent(self.women, self.total)

    @property
    def minority_pct(self) -> str:
        return percent(self.minority, self.total)

    @property
    def under_40_pct(self) -> str:
        return percent(self.under_40, self.total)

    @property
    def over_70_pct(self) -> str:
        return percent(self.over_70, self.total)

    @property
    def average_age(self) -> str:
        return format_ratio(self.age_sum, self.ages_known, 1) if self.ages_known else "—"

    @property
    def average_party_age(self) -> str:
        return format_ratio(self.party_age_sum, self.party_known, 1) if self.party_known else "—"


def _years(since: date, on: date) -> int:
    return on.year - since.year - ((on.month, on.day) < (since.month, since.day))


def _counted(values: Iterable[str]) -> list[tuple[str, int]]:
    counts = Counter((v or "").strip() or UNKNOWN for v in values)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


PARTY_BANDS = (("Dưới 10 năm", 0, 10), ("Từ 10 đến dưới 30 năm", 10, 30), ("Từ 30 năm", 30, None))


def credentials_figures(people: Iterable[Person], on: date) -> Credentials:
    """Counts by category, women, ethnic minority, age bands, education, theory, party age."""
    roster = list(people)
    ages = [on.year - p.birth_year for p in roster if p.birth_year]
    party = [_years(p.party_joined_on, on) for p in roster if p.party_joined_on]
    bands = [
        (label, sum(1 for y in party if y >= low and (high is None or y < high)))
        for label, low, high in PARTY_BANDS
    ]
    return Credentials(
        total=len(roster),
        by_category=dict(Counter(p.category for p in roster)),
        women=sum(1 for p in roster if p.gender == "female"),
        minority=sum(
            1 for p in roster if p.ethnicity.strip() and p.ethnicity.strip().lower() != "kinh"
        ),
        ages_known=len(ages),
        under_40=sum(1 for a in ages if a < 40),
        over_70=sum(1 for a in ages if a > 70),
        age_sum=sum(ages),
        oldest=max(ages, default=None),
        youngest=min(ages, default=None),
        education=_counted(p.education for p in roster),
        theory=_counted(p.theory_level for p in roster),
        party_known=len(party),
        party_age_sum=sum(party),
        party_bands=bands,
        longest_party_age=max(party, default=None),
    )
