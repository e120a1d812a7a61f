"""Allocating a congress's elected delegate seats to subordinate Party cells.

Each unit first receives `minimum` seats; the remaining seats are apportioned over
the members by one of four methods. Arithmetic is exact (integers and Fractions):
two units are tied only when their claims are exactly equal.

Ties are broken deterministically, larger membership first, then name in
alphabetical order, and reported in `Allocation.tied` so the clerk knows the last
seat went by the tie-break and not by the method.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction

__all__ = [
    "ALLOCATION_BASIS_VI",
    "METHODS",
    "TIE_BREAK_VI",
    "Allocation",
    "UnitWorking",
    "allocate_seats",
    "allocate_seats_with_working",
]

# Directive 35-CT/TW (2019) and Regulation 29 §11.2: delegates are allocated by
# membership, number of units and importance; the 2025 directive keeps the idea (check).
ALLOCATION_BASIS_VI = (
    "Chỉ thị 35-CT/TW năm 2019 và Quy định 29-QĐ/TW (mục 11.2); "
    "Chỉ thị 45-CT/TW năm 2025 (cần kiểm tra)"
)
TIE_BREAK_VI = "Bằng nhau thì ưu tiên đơn vị có nhiều đảng viên hơn, rồi theo tên (A–Z)."

METHODS: Mapping[str, str] = {
    "hamilton": "Số dư lớn nhất (Hamilton)",
    "dhondt": "D'Hondt",
    "sainte_lague": "Sainte-Laguë",
    "huntington_hill": "Huntington–Hill",
}

# A claim on the next seat: (1, _) is infinite (Huntington–Hill, no seat yet),
# (0, value) is finite. Tuples compare exactly, infinite above every finite value.
Priority = tuple[int, Fraction]


@dataclass(frozen=True)
class UnitWorking:
    """One unit's line in the working a clerk shows to defend the allocation.

    `quota` is the unit's exact proportional share of the seats above the minimum;
    `floor` and `remainder` are its whole and fractional parts. Hamilton gives each
    unit its floor plus one seat for the largest remainders; the divisor methods
    decide otherwise, and the quota shows how far they stray from proportion.
    """

    name: str
    members: int
    minimum: int
    quota: Fraction
    floor: int
    remainder: Fraction
    seats: int  # minimum included


@dataclass(frozen=True)
class Allocation:
    method: str
    seats: int
    minimum: int
    units: tuple[UnitWorking, ...]
    tied: tuple[str, ...]  # units with equal claims on the last seat awarded

    def by_unit(self) -> dict[str, int]:
        return {unit.name: unit.seats for unit in self.units}


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


def _check_whole(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
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
    for name, count in members.items():
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"Every unit needs a name (got {name!r}).")
        _check_whole(f"The number of members of {name}", count)
    reserved = minimum * len(members)
    if reserved > seats:
        raise ValueError(
            f"{len(members)} units with at least {minimum} seats each need {reserved} "
            f"seats, but only {seats} are available."
        )
    if seats > reserved and sum(members.values()) == 0:
        raise ValueError(
            "All units have 0 members, so the seats above the minimum cannot be shared."
        )


# ---------------------------------------------------------------------------
# Methods: each returns the seats above the minimum, and the units tied at the end
# ---------------------------------------------------------------------------


def _tie_break(members: Mapping[str, int], name: str) -> tuple[int, str]:
    return (-members[name], name)


def _hamilton(
    members: Mapping[str, int], quotas: Mapping[str, Fraction], remaining: int
) -> tuple[dict[str, int], list[str]]:
    floors = {name: int(quota) for name, quota in quotas.items()}
    left = remaining - sum(floors.values())
    remainder = {name: quotas[name] - floors[name] for name in quotas}
    order = sorted(quotas, key=lambda n: (-remainder[n], *_tie_break(members, n)))
    extra = {name: floors[name] + (1 if i < left else 0) for i, name in enumerate(order)}
    tied: list[str] = []
    if 0 < left < len(order) and remainder[order[left]] == remainder[order[left - 1]]:
        cut = remainder[order[left - 1]]
        tied = [name for name in order if remainder[name] == cut]
    return extra, tied


def _dhondt(m: int, s: int) -> Priority:
    return (0, Fraction(m, s + 1))


def _sainte_lague(m: int, s: int) -> Priority:
    return (0, Fraction(m, 2 * s + 1))


def _huntington_hill(m: int, s: int) -> Priority:
    # Divisor sqrt(s(s+1)); compare the squares p²/(s(s+1)) to stay exact.
    if m == 0:
        return (0, Fraction(0))
    if s == 0:
        return (1, Fraction(0))
    return (0, Fraction(m * m, s * (s + 1)))


_DIVISORS: Mapping[str, Callable[[int, int], Priority]] = {
    "dhondt": _dhondt,
    "sainte_lague": _sainte_lague,
    "huntington_hill": _huntington_hill,
}


def _divisor_method(
    members: Mapping[str, int], remaining: int, priority: Callable[[int, int], Priority]
) -> tuple[dict[str, int], list[str]]:
    """Award seats one by one to the highest claim (ties: larger unit, then name)."""
    won = dict.fromkeys(members, 0)

    def entry(name: str) -> tuple[int, Fraction, int, str]:
        p = priority(members[name], won[name])
        return (-p[0], -p[1], *_tie_break(members, name))

    heap = [entry(name) for name in members]
    heapq.heapify(heap)
    last: Priority | None = None
    for _ in range(remaining):
        inf, value, _, name = heapq.heappop(heap)
        last = (-inf, -value)
        won[name] += 1
        heapq.heappush(heap, entry(name))
    tied: list[str] = []
    if last is not None and (-heap[0][0], -heap[0][1]) == last:
        tied = [
            name
            for name in members
            if priority(members[name], won[name]) == last
            or (won[name] > 0 and priority(members[name], won[name] - 1) == last)
        ]
        tied.sort(key=lambda n: _tie_break(members, n))
    return won, tied


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def _quotas(members: Mapping[str, int], remaining: int) -> dict[str, Fraction]:
    total = sum(members.values())
    if remaining == 0 or total == 0:
        return {name: Fraction(0) for name in members}
    return {name: Fraction(m * remaining, total) for name, m in members.items()}


def allocate_seats_with_working(
    members: Mapping[str, int], seats: int, method: str = "hamilton", minimum: int = 0
) -> Allocation:
    """Allocate `seats` over units by `members`, with the working and any final tie."""
    _validate(members, seats, method, minimum)
    remaining = seats - minimum * len(members)
    quotas = _quotas(members, remaining)
    if method == "hamilton":
        extra, tied = _hamilton(members, quotas, remaining)
    else:
        extra, tied = _divisor_method(members, remaining, _DIVISORS[method])
    units = tuple(
        UnitWorking(
            name=name,
            members=m,
            minimum=minimum,
            quota=quotas[name],
            floor=int(quotas[name]),
            remainder=quotas[name] - int(quotas[name]),
            seats=minimum + extra[name],
        )
        for name, m in members.items()
    )
    return Allocation(method, seats, minimum, units, tuple(tied))


def allocate_seats(
    members: Mapping[str, int], seats: int, method: str = "hamilton", minimum: int = 0
) -> dict[str, int]:
    """Seats per unit, in the order given; see `allocate_seats_with_working`."""
    return allocate_seats_with_working(members, seats, method, minimum).by_unit()
