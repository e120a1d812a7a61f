"""Allocating delegate seats: DOMAIN.md section 5, hand-checked examples and properties."""

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from governance.rules import (
    METHODS,
    AllocationTie,
    allocate_seats,
    allocate_seats_with_working,
    format_ratio,
)

DIVISOR_METHODS = ["dhondt", "sainte_lague", "huntington_hill"]

# --- Hand-checked examples --------------------------------------------------

# The textbook party-list example: 230,000 votes, 8 seats.
PARTIES = {"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}


def test_dhondt_textbook_example():
    # Quotients 100k, 80k, 50k, 40k, 33.3k, 30k, 26.7k, 25k take the 8 seats.
    allocation = allocate_seats_with_working(PARTIES, 8, "dhondt")
    assert allocation.by_unit() == {"A": 4, "B": 3, "C": 1, "D": 0}
    assert allocation.tied == ()


def test_sainte_lague_textbook_example():
    # 100k, 80k, 33.3k, 30k, 26.7k, 20k (A), 20k (D), 16k (B); next 14.3k.
    allocation = allocate_seats_with_working(PARTIES, 8, "sainte_lague")
    assert allocation.by_unit() == {"A": 3, "B": 3, "C": 1, "D": 1}
    assert allocation.tied == ()


def test_hamilton_textbook_example():
    # Quotas 3.478, 2.783, 1.043, 0.696: floors 3+2+1+0 = 6, B and D take the rest.
    allocation = allocate_seats_with_working(PARTIES, 8, "hamilton")
    assert allocation.by_unit() == {"A": 3, "B": 3, "C": 1, "D": 1}
    b = allocation.units[1]
    assert (b.quota, b.floor, b.remainder_fraction) == (Fraction(64, 23), 2, Fraction(18, 23))
    assert (b.quota_num, b.denominator, b.remainder) == (640_000, 230_000, 180_000)
    assert format_ratio(b.quota_num, b.denominator) == "2.783"


def test_hamilton_alabama_paradox():
    # 6, 6, 2 members: 10 seats → 4, 4, 2; 11 seats → 5, 5, 1 (C loses a seat).
    assert allocate_seats({"A": 6, "B": 6, "C": 2}, 10) == {"A": 4, "B": 4, "C": 2}
    assert allocate_seats({"A": 6, "B": 6, "C": 2}, 11) == {"A": 5, "B": 5, "C": 1}


def test_huntington_hill_example():
    # Each unit gets one seat (infinite priority), then p²/(n(n+1)):
    # A 5000, A 1666.7, B 1250 take seats 4–6.
    allocation = allocate_seats_with_working({"A": 100, "B": 50, "C": 20}, 6, "huntington_hill")
    assert allocation.by_unit() == {"A": 3, "B": 2, "C": 1}
    assert allocation.tied == ()


# A commune with five cells, 25 elected delegates, at least 2 per cell (15 shared).
CELLS = {"Chi bộ 1": 45, "Chi bộ 2": 30, "Chi bộ 3": 12, "Chi bộ 4": 8, "Chi bộ 5": 5}


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        # Quotas 6.75, 4.5, 1.8, 1.2, 0.75: floors 12; remainders .8, .75, .75 take 3.
        ("hamilton", [9, 6, 4, 3, 3]),
        # Quotients 45 … 6 (Chi bộ 2: 30/5 and Chi bộ 3: 12/2) are the 15 largest.
        ("dhondt", [9, 7, 4, 3, 2]),
        ("sainte_lague", [9, 6, 4, 3, 3]),
        ("huntington_hill", [9, 6, 4, 3, 3]),
    ],
)
def test_commune_cells_with_minimum(method, expected):
    allocation = allocate_seats_with_working(CELLS, 25, method, minimum=2)
    assert list(allocation.by_unit().values()) == expected
    assert allocation.tied == ()


def test_working_shows_quota_floor_remainder():
    allocation = allocate_seats_with_working(CELLS, 25, "hamilton", minimum=2)
    third = allocation.units[2]
    assert third.name == "Chi bộ 3"
    assert third.members == 12 and third.minimum == 2
    assert third.quota == Fraction(9, 5)
    assert third.floor == 1 and third.remainder_fraction == Fraction(4, 5)
    assert third.seats == 2 + 1 + 1


# --- Ties: reported, never broken; the clerk decides -------------------------


def test_hamilton_tie_on_remainder_is_reported_not_broken():
    # Quotas 4.5, 3, 1.5, 1: one seat left, A and C both have remainder 1/2.
    allocation = allocate_seats_with_working({"A": 450, "B": 300, "C": 150, "D": 100}, 10)
    assert allocation.by_unit() == {"A": 4, "B": 3, "C": 1, "D": 1}
    assert allocation.tied == ("A", "C") and allocation.to_decide == 1
    assert not allocation.complete
    decided = allocation.decide(["C"])
    assert decided.by_unit() == {"A": 4, "B": 3, "C": 2, "D": 1} and decided.complete
    assert decided.decided == ("C",)


def test_allocate_seats_refuses_to_guess_a_tie():
    with pytest.raises(AllocationTie, match="A, C are tied for the last 1 seat") as caught:
        allocate_seats({"A": 450, "B": 300, "C": 150, "D": 100}, 10)
    assert isinstance(caught.value, ValueError)
    assert caught.value.allocation.tied == ("A", "C")


@pytest.mark.parametrize(
    ("winners", "fragment"),
    [(["B"], "not among the tied"), (["A", "C"], "exactly 1"), ([], "exactly 1")],
)
def test_deciding_a_tie_checks_the_choice(winners, fragment):
    allocation = allocate_seats_with_working({"A": 450, "B": 300, "C": 150, "D": 100}, 10)
    with pytest.raises(ValueError, match=fragment):
        allocation.decide(winners)


def test_tie_for_several_seats():
    # Five equal cells, 7 seats: each has quota 1.4; two seats for five tied cells.
    allocation = allocate_seats_with_working(dict.fromkeys("ABCDE", 10), 7)
    assert allocation.to_decide == 2 and allocation.tied == tuple("ABCDE")
    assert set(allocation.decide(["B", "E"]).by_unit().values()) == {1, 2}


def test_hamilton_tie_with_minimum():
    members = {"A": 450, "B": 300, "C": 150, "D": 100}
    allocation = allocate_seats_with_working(members, 14, minimum=1)
    assert allocation.by_unit() == {"A": 5, "B": 4, "C": 2, "D": 2}
    assert allocation.tied == ("A", "C") and allocation.to_decide == 1


def test_dhondt_tie_at_the_last_seat():
    # Quotients 60, 30 (A), 30 (B), 20, then 15 (A: 60/4) = 15 (B: 30/2).
    allocation = allocate_seats_with_working({"A": 60, "B": 30, "C": 10}, 5, "dhondt")
    assert allocation.by_unit() == {"A": 3, "B": 1, "C": 0}
    assert allocation.tied == ("A", "B") and allocation.to_decide == 1


def test_sainte_lague_tie_at_the_last_seat():
    # 60, 30, 20, 12, then 10 (B: 30/3) = 10 (C: 10/1).
    allocation = allocate_seats_with_working({"A": 60, "B": 30, "C": 10}, 5, "sainte_lague")
    assert allocation.by_unit() == {"A": 3, "B": 1, "C": 0}
    assert allocation.tied == ("B", "C")


def test_huntington_hill_infinite_priority_tie():
    # Fewer seats than cells with members: every first claim is infinite, all tie.
    allocation = allocate_seats_with_working({"A": 10, "B": 5, "C": 1}, 2, "huntington_hill")
    assert allocation.by_unit() == {"A": 0, "B": 0, "C": 0}
    assert allocation.tied == ("A", "B", "C") and allocation.to_decide == 2


def test_huntington_hill_compares_squares_exactly():
    # First seats to A and B; A's 12²/(1·2) = 72 takes the third; then B's 7²/(1·2) = 24.5
    # beats A's 12²/(2·3) = 24 by comparing the squares exactly.
    assert allocate_seats({"A": 12, "B": 7}, 4, "huntington_hill") == {"A": 2, "B": 2}


def test_huntington_hill_gives_small_units_a_first_seat():
    allocation = allocate_seats_with_working({"A": 60, "B": 30, "C": 10}, 5, "huntington_hill")
    assert allocation.by_unit() == {"A": 3, "B": 1, "C": 1}
    assert allocation.tied == ()


def test_zero_member_unit_gets_only_the_minimum():
    for method in METHODS:
        result = allocate_seats({"A": 10, "B": 0}, 5, method, minimum=1)
        assert result == {"A": 4, "B": 1}


def test_no_seats_left_after_minimum():
    assert allocate_seats({"A": 0, "B": 0}, 4, minimum=2) == {"A": 2, "B": 2}
    assert allocate_seats({"A": 5, "B": 3}, 0) == {"A": 0, "B": 0}


def test_big_cells_and_small_cells_compare_remainders_exactly():
    # T = 1000, R = 10: cell A (550) has floor 5, remainder 500; B (50) has remainder 500.
    allocation = allocate_seats_with_working({"A": 550, "B": 50, "C": 400}, 10)
    assert allocation.tied == ("A", "B") and allocation.by_unit() == {"A": 5, "B": 0, "C": 4}


# --- Validation -------------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "seats", "method", "minimum", "fragment"),
    [
        ({"A": -1, "B": 5}, 5, "hamilton", 0, "negative"),
        ({"A": 1, "B": 5}, -1, "hamilton", 0, "negative"),
        ({"A": 1, "B": 5}, 5, "hamilton", -1, "negative"),
        ({"A": 1, "B": 5}, 3, "hamilton", 2, "need 4 seats"),
        ({"A": 1, "B": 5}, 5, "webster", 0, "Unknown allocation method"),
        ({}, 5, "hamilton", 0, "no units"),
        ({"A": 0, "B": 0}, 5, "dhondt", 0, "0 members"),
        ({"": 3}, 5, "hamilton", 0, "name"),
        ({"  ": 3}, 5, "hamilton", 0, "name"),
        ({7: 3}, 5, "hamilton", 0, "name"),
        ({"A": 2.5}, 5, "hamilton", 0, "whole number"),
        ({"A": 2.0}, 5, "hamilton", 0, "whole number"),
        ({"A": True, "B": 3}, 5, "hamilton", 0, "whole number"),
        ({"A": 2}, 5.0, "hamilton", 0, "whole number"),
        ({"A": 2}, True, "hamilton", 0, "whole number"),
    ],
)
def test_impossible_inputs_raise(members, seats, method, minimum, fragment):
    with pytest.raises(ValueError, match=fragment):
        allocate_seats(members, seats, method, minimum)


# --- Against an independent exact implementation -----------------------------


def _reference(members: dict[str, int], seats: int, method: str, minimum: int):
    """Seats awarded one by one on exact Fractions over every possible claim, no shortcut.

    Returns (sure seats per cell, set of tied cells, seats to decide)."""
    remaining = seats - minimum * len(members)
    total = sum(members.values())
    if remaining == 0:
        return dict.fromkeys(members, minimum), set(), 0
    if method == "hamilton":
        claims = [(Fraction(m * remaining, total) % 1, name) for name, m in members.items()]
        base = {n: minimum + (m * remaining) // total for n, m in members.items()}
        left = remaining - sum(base.values()) + minimum * len(members)
        return _cut(base, claims, left)
    inf = Fraction(10**30)
    claims = []
    for name, m in members.items():
        for s in range(remaining + 1):
            if method == "dhondt":
                claim = Fraction(m, s + 1)
            elif method == "sainte_lague":
                claim = Fraction(2 * m, 2 * s + 1)
            else:
                claim = (inf if m else Fraction(0)) if s == 0 else Fraction(m * m, s * (s + 1))
            claims.append((claim, name))
    return _cut(dict.fromkeys(members, minimum), claims, remaining)


def _cut(base, claims, left):
    ranked = sorted(claims, key=lambda c: c[0], reverse=True)
    if left == 0:
        return base, set(), 0
    cut = ranked[left - 1][0]
    tie = len(ranked) > left and ranked[left][0] == cut
    for claim, name in ranked:
        if claim > cut or (claim == cut and not tie):
            base[name] += 1
    if not tie:
        return base, set(), 0
    tied = {name for claim, name in ranked if claim == cut}
    return base, tied, left - sum(1 for claim, _ in ranked if claim > cut)


@st.composite
def cases(draw, methods=tuple(METHODS), with_minimum=True):
    names = draw(st.lists(st.sampled_from("ABCDEFGHIJKL"), min_size=1, max_size=10, unique=True))
    sizes = st.integers(0, 300) | st.sampled_from([0, 5, 10, 20, 30])  # equal sizes tie
    members = {name: draw(sizes) for name in names}
    minimum = draw(st.integers(0, 3)) if with_minimum else 0
    extra = draw(st.integers(0, 40)) if sum(members.values()) else 0
    method = draw(st.sampled_from(methods))
    return members, minimum * len(members) + extra, method, minimum


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize("with_minimum", [False, True], ids=["no-base", "base-per-cell"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_matches_the_exact_reference(method, with_minimum, data):
    members, seats, _, minimum = data.draw(cases((method,), with_minimum))
    allocation = allocate_seats_with_working(members, seats, method, minimum)
    sure, tied, to_decide = _reference(dict(members), seats, method, minimum)
    assert allocation.by_unit() == sure
    assert set(allocation.tied) == tied and allocation.to_decide == to_decide
    assert sum(allocation.by_unit().values()) + to_decide == seats
    if tied:
        winners = sorted(tied)[:to_decide]
        assert sum(allocation.decide(winners).by_unit().values()) == seats


@given(cases())
def test_allocation_respects_minimum_and_order(case):
    members, seats, method, minimum = case
    allocation = allocate_seats_with_working(members, seats, method, minimum)
    assert list(allocation.by_unit()) == list(members)
    assert all(n >= minimum for n in allocation.by_unit().values())
    assert all(allocation.won[u] == minimum for u, m in members.items() if m == 0)
    assert len(allocation.tied) != 1 and allocation.to_decide < max(2, len(allocation.tied))


@given(cases())
def test_input_order_does_not_matter(case):
    members, seats, method, minimum = case
    reversed_members = dict(reversed(list(members.items())))
    one = allocate_seats_with_working(members, seats, method, minimum)
    other = allocate_seats_with_working(reversed_members, seats, method, minimum)
    assert one.by_unit() == other.by_unit() and set(one.tied) == set(other.tied)


@given(cases(methods=("hamilton",)))
def test_hamilton_satisfies_quota(case):
    members, seats, _, minimum = case
    allocation = allocate_seats_with_working(members, seats, "hamilton", minimum)
    for unit in allocation.units:
        shared = unit.seats - minimum + (1 if unit.tied else 0)
        assert math.floor(unit.quota) <= shared <= math.ceil(unit.quota) + 1
        assert unit.floor + unit.remainder_fraction == unit.quota


def test_large_input_is_exact_where_floats_are_not():
    # Remainders that differ by one part in 10^17 are told apart (floats would tie them).
    big = 10**17
    members = {"A": big + 1, "B": big, "C": 3 * big}
    allocation = allocate_seats_with_working(members, 4)
    assert allocation.tied == () and sum(allocation.by_unit().values()) == 4
