"""Allocating a congress's elected delegate seats to subordinate Party cells.

Each cell first receives `minimum` seats; the remaining seats are apportioned over
the members by one of four methods. Arithmetic is integer only: a quota is
`m*S // T` with remainder `m*S % T`; divisor claims are compared by
cross-multiplying (Huntington–Hill by comparing squares), so two cells are tied
only when their claims are exactly equal.

A tie across the cut-off is never broken here: `allocate_seats_with_working` reports the tied cells
and how many seats are left for the clerk to decide (`Allocation.decide`), and
`allocate_seats` refuses to guess (`AllocationTie`, a ValueError).

Speed: one pass over the cells, then a selection (`heapq.nlargest`) and, for the
divisor methods, a heap over the few cells that can still win a seat; no per-seat
loop over all cells.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import compress

__all__ = [
    "ALLOCATION_BASIS_VI",
    "METHODS",
    "TIE_RULE_VI",
    "Allocation",
    "AllocationTie",
    "UnitWorking",
    "allocate_seats",
    "allocate_seats_with_working",
    "format_ratio",
]

# Directive 35-CT/TW (2019) and Regulation 29 §11.2: delegates are allocated by
# membership, number of units and importance; the 2025 directive keeps the idea (check).
ALLOCATION_BASIS_VI = (
    "Chỉ thị 35-CT/TW năm 2019 và Quy định 29-QĐ/TW (mục 11.2); "
    "Chỉ thị 45-CT/TW năm 2025 (cần kiểm tra)"
)
TIE_RULE_VI = (
    "Các đơn vị bằng nhau tại ngưỡng phân bổ không được tự động phân định: "
    "cấp ủy quyết định và ghi rõ lý do."
)

METHODS: Mapping[str, str] = {
    "hamilton": "Số dư lớn nhất (Hamilton)",
    "dhondt": "D'Hondt",
    "sainte_lague": "Sainte-Laguë",
    "huntington_hill": "Huntington–Hill",
}


class AllocationTie(ValueError):
    """Cells tie across the cut-off: someone has to decide (see `allocate_seats_with_working`)."""

    def __init__(self, allocation: Allocation):
        self.allocation = allocation
        names = ", ".join(allocation.tied)
        super().__init__(
            f"{names} are tied for the last {allocation.to_decide} seat(s): "
            "the method cannot decide; choose which of them receive them, with a reason."
        )


@dataclass(frozen=True)
class UnitWorking:
    """One cell's line in the working a clerk shows to defend the allocation.

    The quota (the exact proportional share of the seats above the minimum) is
    `quota_num / denominator`: `floor` whole seats and `remainder / denominator`.
    """

    name: str
    members: int
    minimum: int
    quota_num: int
    denominator: int
    floor: int
    remainder: int
    seats: int  # minimum included; tied seats not yet decided are not counted
    tied: bool

    @property
    def quota(self) -> Fraction:
        return Fraction(self.quota_num, self.denominator or 1)

    @property
    def remainder_fraction(self) -> Fraction:
        return Fraction(self.remainder, self.denominator or 1)


@dataclass(frozen=True)
class Allocation:
    """The result: seats per cell, the tied cells and the seats still to decide."""

    method: str
    seats: int
    minimum: int
    members: Mapping[str, int]
    won: Mapping[str, int]  # minimum included; tied seats not yet decided excluded
    tied: tuple[str, ...] = ()
    to_decide: int = 0
    decided: tuple[str, ...] = ()  # tied cells the clerk gave a seat to

    @property
    def complete(self) -> bool:
        return self.to_decide == 0

    def by_unit(self) -> dict[str, int]:
        return dict(self.won)

    @property
    def units(self) -> tuple[UnitWorking, ...]:
        """The working, cell by cell (built on demand: the page shows it, the API need not)."""
        remaining = self.seats - self.minimum * len(self.members)
        total = sum(self.members.values())
        tied = set(self.tied)
        rows = []
        for name, m in self.members.items():
            num = m * remaining if total else 0
            floor, rest = divmod(num, total) if total else (0, 0)
            won, is_tied = self.won[name], name in tied
            rows.append(UnitWorking(name, m, self.minimum, num, total, floor, rest, won, is_tied))
        return tuple(rows)

    def decide(self, winners: Sequence[str]) -> Allocation:
        """Give the seats left to decide to `winners` (tied cells, one seat each)."""
        if not self.to_decide:
            raise ValueError("There is no tie to decide.")
        chosen = list(dict.fromkeys(winners))
        strangers = [w for w in chosen if w not in self.tied]
        if strangers:
            raise ValueError(f"{', '.join(strangers)} not among the tied: {', '.join(self.tied)}.")
        if len(chosen) != len(winners) or len(chosen) != self.to_decide:
            raise ValueError(
                f"Choose exactly {self.to_decide} of the tied cells ({', '.join(self.tied)})."
            )
        won = dict(self.won)
        for name in chosen:
            won[name] += 1
        return replace(self, won=won, to_decide=0, decided=tuple(chosen))


# ---------------------------------------------------------------------------
# Validation (C-speed passes: a clerk's 50 cells or a bench's 50,000)
# ---------------------------------------------------------------------------


def _check_whole(name: str, value: int) -> None:
    if type(value) is not int:
        raise ValueError(f"{name} must be a whole number, got {value!r}.")
    if value < 0:
        raise ValueError(f"{name} cannot be negative (got {value}).")


def _validate(members: Mapping[str, int], seats: int, method: str, minimum: int) -> None:
    if method not in METHODS:
        known = ", ".join(METHODS)
        raise ValueError(f"Unknown allocation method {method!r}; use one of: {known}.")
    _check_whole("The number of seats", seats)
    _check_whole("The minimum seats per unit", minimum)
    if not members:
        raise ValueError("There are no units to allocate seats to.")
    try:
        blank = any(map(str.isspace, members)) or not all(members)
    except TypeError:  # a name that is not text
        blank = True
    if blank:
        bad = next(n for n in members if not isinstance(n, str) or not n.strip())
        raise ValueError(f"Every unit needs a name (got {bad!r}).")
    values = members.values()
    if set(map(type, values)) != {int} or min(values) < 0:  # bool, float… are not int
        for name, count in members.items():
            _check_whole(f"The number of members of {name}", count)
    reserved = minimum * len(members)
    if reserved > seats:
        raise ValueError(
            f"{len(members)} units with at least {minimum} seats each need {reserved} "
            f"seats, but only {seats} are available."
        )
    if seats > reserved and not any(values):
        raise ValueError(
            "All units have 0 members, so the seats above the minimum cannot be shared."
        )


# Each method returns (seats per cell, minimum included; the tied cells; seats to decide).
Outcome = tuple[dict[str, int], tuple[str, ...], int]

# ---------------------------------------------------------------------------
# Hamilton: floors of the quotas, then the largest remainders
# ---------------------------------------------------------------------------


def _hamilton(members: Mapping[str, int], remaining: int, minimum: int) -> Outcome:
    """Quota m*R/T: floor m*R // T, remainder m*R % T; the largest remainders win."""
    names, values = members.keys(), members.values()
    total = sum(values)
    won = dict.fromkeys(members, minimum)
    # Most cells are "small": m < ceil(T/R), so their floor is 0 and their remainder is
    # m*R itself, in the order of m. Only the (at most R) others are divided one by one.
    least = -(-total // remaining)
    # At most R cells are big, so the 2R+1 largest sizes hold them all and R+1 small ones.
    largest = heapq.nlargest(2 * remaining + 1, values)
    big: dict[str, int] = {}  # name → remainder
    left = remaining
    if largest[0] >= least:
        for name in compress(names, map(least.__le__, values)):
            floor, big[name] = divmod(members[name] * remaining, total)
            won[name] += floor
            left -= floor
    if left == 0:
        return won, (), 0
    # The left+1 largest remainders (every remainder < T and they sum to left*T, so there
    # are more cells than `left`): the largest small ones, with the big ones.
    small = [m * remaining for m in largest if m < least]
    top = sorted([*small[: left + 1], *big.values()], reverse=True)
    cut, tie = top[left - 1], top[left] == top[left - 1]
    tied: list[str] = []
    for name in compress(names, map((-(-cut // remaining)).__le__, values)):
        rest = big[name] if name in big else members[name] * remaining
        if rest > cut or (rest == cut and not tie):
            won[name] += 1
        elif rest == cut:
            tied.append(name)
    return won, tuple(tied), (left - top.index(cut)) if tie else 0


# ---------------------------------------------------------------------------
# Divisor methods: exact claims m/d(s), a heap over the cells that can still win
# ---------------------------------------------------------------------------


class _Claim:
    """A cell's claim on its next seat, num/den (Huntington–Hill: its square)."""

    __slots__ = ("den", "i", "num")

    def __init__(self, num: int, den: int, i: int):
        self.num, self.den, self.i = num, den, i

    def __lt__(self, other: _Claim) -> bool:  # "comes first" in the heap: the larger claim
        left, right = self.num * other.den, other.num * self.den
        return left > right or (left == right and self.i < other.i)

    def same(self, other: _Claim) -> bool:
        return self.num * other.den == other.num * self.den


def _claim(method: str, m: int, s: int, i: int) -> _Claim:
    """The claim of a cell of m members holding s seats (divisors s+1, s+1/2, √(s(s+1)))."""
    if method == "dhondt":
        return _Claim(m, s + 1, i)
    if method == "sainte_lague":
        return _Claim(m, 2 * s + 1, i)
    return _Claim(m * m, s * (s + 1), i)  # Huntington–Hill, s >= 1 (s == 0 is infinite)


def _divisor(members: Mapping[str, int], remaining: int, minimum: int, method: str) -> Outcome:
    names, values = members.keys(), members.values()
    won = dict.fromkeys(members, minimum)
    start = 0
    if method == "huntington_hill":  # every cell with members has an infinite first claim
        positive = list(compress(names, values))
        if len(positive) > remaining:
            return won, tuple(positive), remaining
        for name in positive:
            won[name] += 1
        remaining -= len(positive)
        start = 1
    if remaining == 0:
        return won, (), 0
    # A first claim grows with m: cells below the (k+1)-th largest can neither win nor tie.
    least = 1
    if remaining + 1 < len(members):
        least = max(1, heapq.nlargest(remaining + 1, values)[-1])
    candidates = list(compress(names, map(least.__le__, values)))
    counts = [members[name] for name in candidates]
    held = [start] * len(candidates)
    heap = [_claim(method, m, start, i) for i, m in enumerate(counts)]
    heapq.heapify(heap)
    awarded: list[_Claim] = []
    for _ in range(remaining):
        best = heapq.heappop(heap)
        i = best.i
        held[i] += 1
        awarded.append(best)
        heapq.heappush(heap, _claim(method, counts[i], held[i], i))
    cut, tied = awarded[-1], []
    if heap[0].same(cut):
        while awarded and awarded[-1].same(cut):  # take back the seats won on the cut value
            tied.append(awarded.pop().i)
            held[tied[-1]] -= 1
        while heap and heap[0].same(cut):
            tied.append(heapq.heappop(heap).i)
    for name, seats in zip(candidates, held, strict=True):
        won[name] += seats - start
    return won, tuple(candidates[i] for i in sorted(tied)), remaining - len(awarded)


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def allocate_seats_with_working(
    members: Mapping[str, int], seats: int, method: str = "hamilton", minimum: int = 0
) -> Allocation:
    """Allocate `seats` over the cells by `members`; a tie at the cut-off is reported."""
    _validate(members, seats, method, minimum)
    members = dict(members)
    remaining = seats - minimum * len(members)
    if remaining == 0:
        won, tied, to_decide = dict.fromkeys(members, minimum), (), 0
    elif method == "hamilton":
        won, tied, to_decide = _hamilton(members, remaining, minimum)
    else:
        won, tied, to_decide = _divisor(members, remaining, minimum, method)
    return Allocation(method, seats, minimum, members, won, tied, to_decide)


def allocate_seats(
    members: Mapping[str, int], seats: int, method: str = "hamilton", minimum: int = 0
) -> dict[str, int]:
    """Seats per unit, in the order given. A tie at the cut-off raises `AllocationTie`
    (a ValueError naming the tied cells): `allocate_seats_with_working` shows it to decide."""
    allocation = allocate_seats_with_working(members, seats, method, minimum)
    if allocation.to_decide:
        raise AllocationTie(allocation)
    return allocation.by_unit()


def format_ratio(num: int, den: int, places: int = 3) -> str:
    """num/den as a decimal rounded half up with integers only: 64/23 → "2.783"."""
    if den == 0:
        return "0"
    scale = 10**places
    whole = (2 * num * scale + den) // (2 * den)
    text = str(whole).rjust(places + 1, "0")
    return f"{text[:-places]}.{text[-places:]}" if places else text
