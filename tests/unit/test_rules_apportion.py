"""Allocating delegate seats: DOMAIN.md section 5, hand-checked examples and properties."""

import math
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from governance.rules import METHODS, allocate_seats, allocate_seats_with_working

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
    assert (b.quota, b.floor, b.remainder) == (Fraction(64, 23), 2, Fraction(18, 23))


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
    assert third.floor == 1 and third.remainder == Fraction(4, 5)
    assert third.seats == 2 + 1 + 1


# --- Ties: broken by larger membership, then name, and reported -------------


def test_hamilton_tie_on_remainder_is_reported():
    # Quotas 4.5, 3, 1.5, 1: one seat left, A and C both have remainder 1/2.
    allocation = allocate_seats_with_working({"A": 450, "B": 300, "C": 150, "D": 100}, 10)
    assert allocation.by_unit() == {"A": 5, "B": 3, "C": 1, "D": 1}
    assert allocation.tied == ("A", "C")


def test_hamilton_tie_with_minimum():
    members = {"A": 450, "B": 300, "C": 150, "D": 100}
    allocation = allocate_seats_with_working(members, 14, minimum=1)
    assert allocation.by_unit() == {"A": 6, "B": 4, "C": 2, "D": 2}
    assert allocation.tied == ("A", "C")


def test_dhondt_tie_at_the_last_seat():
    # Quotients 60, 30 (A), 30 (B), 20, then 15 (A: 60/4) = 15 (B: 30/2).
    allocation = allocate_seats_with_working({"A": 60, "B": 30, "C": 10}, 5, "dhondt")
    assert allocation.by_unit() == {"A": 4, "B": 1, "C": 0}
    assert allocation.tied == ("A", "B")


def test_sainte_lague_tie_at_the_last_seat():
    # 60, 30, 20, 12, then 10 (B: 30/3) = 10 (C: 10/1): B is larger.
    allocation = allocate_seats_with_working({"A": 60, "B": 30, "C": 10}, 5, "sainte_lague")
    assert allocation.by_unit() == {"A": 3, "B": 2, "C": 0}
    assert allocation.tied == ("B", "C")


def test_equal_units_tie_broken_by_name():
    allocation = allocate_seats_with_working({"Chi": 10, "An": 10, "Bình": 10}, 1)
    assert allocation.by_unit() == {"Chi": 0, "An": 1, "Bình": 0}
    assert allocation.tied == ("An", "Bình", "Chi")


def test_huntington_hill_infinite_priority_tie():
    # Fewer seats than units: every unit without a seat has infinite priority.
    allocation = allocate_seats_with_working({"A": 10, "B": 5, "C": 1}, 2, "huntington_hill")
    assert allocation.by_unit() == {"A": 1, "B": 1, "C": 0}
    assert allocation.tied == ("A", "B", "C")


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
        ({"A": 2.5}, 5, "hamilton", 0, "whole number"),
        ({"A": 2}, 5.0, "hamilton", 0, "whole number"),
    ],
)
def test_impossible_inputs_raise(members, seats, method, minimum, fragment):
    with pytest.raises(ValueError, match=fragment):
        allocate_seats(members, seats, method, minimum)


# --- Properties -------------------------------------------------------------


@st.composite
def cases(draw, methods=tuple(METHODS)):
    names = draw(st.lists(st.sampled_from("ABCDEFGHIJ"), min_size=1, max_size=8, unique=True))
    sizes = st.integers(0, 300) | st.sampled_from([0, 10, 20, 30])  # equal sizes tie
    members = {name: draw(sizes) for name in names}
    minimum = draw(st.integers(0, 3))
    extra = draw(st.integers(0, 40)) if sum(members.values()) else 0
    method = draw(st.sampled_from(methods))
    return members, minimum * len(members) + extra, method, minimum


@given(cases())
def test_allocation_sums_to_seats_and_respects_minimum(case):
    members, seats, method, minimum = case
    result = allocate_seats(members, seats, method, minimum)
    assert list(result) == list(members)
    assert sum(result.values()) == seats
    assert all(n >= minimum for n in result.values())
    assert all(result[u] == minimum for u, m in members.items() if m == 0)


@given(cases())
def test_allocate_seats_is_the_working_summed_up(case):
    members, seats, method, minimum = case
    allocation = allocate_seats_with_working(members, seats, method, minimum)
    assert allocate_seats(members, seats, method, minimum) == allocation.by_unit()
    remaining = seats - minimum * len(members)
    assert sum(unit.quota for unit in allocation.units) == (remaining if remaining else 0)
    assert set(allocation.tied) <= set(members) and len(allocation.tied) != 1


@given(cases())
def test_input_order_does_not_matter(case):
    members, seats, method, minimum = case
    reversed_members = dict(reversed(list(members.items())))
    assert allocate_seats(reversed_members, seats, method, minimum) == allocate_seats(
        members, seats, method, minimum
    )


@given(cases(methods=("hamilton",)))
def test_hamilton_satisfies_quota(case):
    members, seats, _, minimum = case
    for unit in allocate_seats_with_working(members, seats, "hamilton", minimum).units:
        shared = unit.seats - minimum
        assert math.floor(unit.quota) <= shared <= math.ceil(unit.quota)


@given(cases(methods=tuple(DIVISOR_METHODS)))
def test_divisor_methods_are_house_monotone(case):
    members, seats, method, minimum = case
    assume(sum(members.values()) > 0)  # else no seat above the minimum can be shared
    smaller = allocate_seats(members, seats, method, minimum)
    larger = allocate_seats(members, seats + 1, method, minimum)
    assert all(larger[unit] >= smaller[unit] for unit in members)


def _claim(method: str, m: int, s: int) -> tuple[int, Fraction]:
    """An independent statement of each divisor rule: (infinite?, m/d(s) or its square)."""
    if method == "dhondt":
        return (0, Fraction(m, s + 1))
    if method == "sainte_lague":
        return (0, Fraction(2 * m, 2 * s + 1))  # scaled by 2: same order
    if m == 0:
        return (0, Fraction(0))
    return (1, Fraction(0)) if s == 0 else (0, Fraction(m * m, s * (s + 1)))


@given(cases(methods=tuple(DIVISOR_METHODS)))
def test_divisor_criterion_and_tie_report(case):
    # Every seat won is worth at least every seat not won; a tie is reported
    # exactly when the weakest seat won equals the strongest seat not won.
    members, seats, method, minimum = case
    allocation = allocate_seats_with_working(members, seats, method, minimum)
    shared = {unit.name: unit.seats - minimum for unit in allocation.units}
    won = [_claim(method, members[u], s - 1) for u, s in shared.items() if s > 0]
    if not won:
        assert allocation.tied == ()
        return
    weakest_won = min(won)
    strongest_left = max(_claim(method, members[u], s) for u, s in shared.items())
    assert weakest_won >= strongest_left
    assert bool(allocation.tied) == (weakest_won == strongest_left)
