"""Elections inside the Party: DOMAIN.md section 4, worked examples and properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance.rules import (
    ElectionResult,
    ballot_valid,
    check_candidate_list,
    count_election,
    election_base,
    floor_nomination_accepted,
    max_candidates,
    no_surplus_mark,
    recommended_surplus,
)
from governance.rules.elections import TieGroup

# --- Worked examples --------------------------------------------------------


def test_party_qa_example_base_10():
    # 11 members, 1 absent with reason: base 10; 6 votes elected, 5 not.
    base = election_base(11, 1)
    assert base == 10
    result = count_election({"An": 6, "Bình": 5}, seats=2, base=base)
    assert result.elected == ["An"]
    assert result.unfilled == 1
    assert result.tied == []


def test_congress_example_base_147():
    # 150 delegates convened, 3 absent for the whole congress without alternate.
    base = election_base(150, 3)
    assert base == 147
    result = count_election({"Chi": 74, "Dũng": 73}, seats=1, base=base)
    assert result == ElectionResult(elected=["Chi"], alternates=[], tied=[], unfilled=0)


def test_highest_above_half_are_elected():
    votes = {"A": 9, "B": 7, "C": 8, "D": 6, "E": 10}
    result = count_election(votes, seats=3, base=10)
    assert result.elected == ["E", "A", "C"]
    assert result.unfilled == 0 and result.tied == []


def test_tie_at_the_cut_off_elects_none_of_the_tied():
    result = count_election({"A": 9, "B": 8, "C": 8, "D": 7}, seats=2, base=10)
    assert result.elected == ["A"]
    assert result.tied == ["B", "C"]
    assert result.unfilled == 1
    assert result.tie_groups == (TieGroup(("B", "C"), 8, seats=1, alternates=0),)


def test_tie_inside_the_seats_is_not_a_problem():
    result = count_election({"A": 8, "B": 8, "C": 7}, seats=2, base=10)
    assert result.elected == ["A", "B"]
    assert result.tied == [] and result.unfilled == 0


def test_tie_of_everyone_for_one_seat():
    result = count_election({"A": 7, "B": 7, "C": 7}, seats=1, base=10)
    assert result.elected == [] and result.tied == ["A", "B", "C"] and result.unfilled == 1


def test_tie_below_half_is_irrelevant():
    result = count_election({"A": 9, "B": 5, "C": 5}, seats=2, base=10)
    assert result.elected == ["A"] and result.tied == [] and result.unfilled == 1


def test_alternates_come_after_the_elected_in_order():
    votes = {"A": 9, "B": 8, "C": 7, "D": 6, "E": 5}
    result = count_election(votes, seats=2, base=10, alternates=2)
    assert result.elected == ["A", "B"]
    assert result.alternates == ["C", "D"]  # E has exactly half: neither
    assert result.unfilled == 0 and result.unfilled_alternates == 0


def test_alternate_places_stay_open_without_enough_votes():
    result = count_election({"A": 9, "B": 6, "C": 4}, seats=1, base=10, alternates=3)
    assert result.alternates == ["B"]
    assert result.unfilled_alternates == 2


def test_tie_at_the_alternate_cut_off():
    result = count_election({"A": 9, "B": 7, "C": 7, "D": 6}, seats=1, base=10, alternates=1)
    assert result.elected == ["A"]
    assert result.alternates == []
    assert result.tied == ["B", "C"]
    assert result.unfilled == 0 and result.unfilled_alternates == 1
    assert result.tie_groups == (TieGroup(("B", "C"), 7, seats=0, alternates=1),)


def test_seat_tie_keeps_its_rank_above_the_alternates():
    votes = {"A": 10, "B": 9, "C": 8, "D": 8, "E": 7, "F": 6}
    result = count_election(votes, seats=3, base=10, alternates=2)
    assert result.elected == ["A", "B"]
    assert result.tied == ["C", "D"]
    # C and D hold the third seat and the first alternate place; E comes next.
    assert result.tie_groups == (TieGroup(("C", "D"), 8, seats=1, alternates=1),)
    assert result.alternates == ["E"]
    assert result.unfilled == 1 and result.unfilled_alternates == 1


def test_tie_group_straddling_both_cut_offs():
    result = count_election({"A": 10, "B": 8, "C": 8, "D": 8}, seats=2, base=10, alternates=1)
    assert result.elected == ["A"] and result.alternates == []
    assert result.tie_groups == (TieGroup(("B", "C", "D"), 8, seats=1, alternates=1),)


# --- Base, surplus, nominations, ballots ------------------------------------


def test_election_base_validation():
    assert election_base(11, 0) == 11
    with pytest.raises(ValueError, match="more than"):
        election_base(10, 11)
    with pytest.raises(ValueError, match="base would be 0"):
        election_base(5, 5)
    with pytest.raises(ValueError):
        election_base(-1, 0)


@pytest.mark.parametrize(("seats", "limit"), [(27, 35), (33, 42), (10, 13), (9, 11), (11, 14)])
def test_max_candidates_is_thirty_percent_over(seats, limit):
    assert max_candidates(seats) == limit


def test_max_candidates_small_seat_counts_allow_one_extra_name():
    # 30% of 3 seats is under one name; the list must still be able to exceed the seats.
    assert max_candidates(1) == 2
    assert max_candidates(3) == 4
    assert max_candidates(4) == 5


@pytest.mark.parametrize(("seats", "expected"), [(27, (3, 4)), (20, (2, 3)), (33, (4, 4))])
def test_recommended_surplus(seats, expected):
    assert recommended_surplus(seats) == expected


@given(seats=st.integers(1, 500))
def test_recommended_surplus_within_the_cap(seats):
    low, high = recommended_surplus(seats)
    assert 1 <= low <= high <= max_candidates(seats) - seats


def test_candidate_list_checks():
    assert check_candidate_list(35, 27) == []
    assert check_candidate_list(28, 27) == []
    too_many = check_candidate_list(36, 27)
    assert len(too_many) == 1 and "35" in too_many[0]
    assert len(check_candidate_list(27, 27)) == 1  # no surplus
    assert len(check_candidate_list(26, 27)) == 1  # fewer than the seats
    assert check_candidate_list(27, 27, surplus_required=False) == []
    assert len(check_candidate_list(26, 27, surplus_required=False)) == 1
    assert len(check_candidate_list(40, 27, surplus_required=False)) == 1


def test_candidate_list_validation():
    with pytest.raises(ValueError):
        check_candidate_list(5, 0)
    with pytest.raises(ValueError):
        check_candidate_list(-1, 5)


@pytest.mark.parametrize(
    ("agree", "present", "accepted"),
    [(30, 100, False), (31, 100, True), (3, 10, False), (4, 10, True), (0, 1, False)],
)
def test_floor_nomination_needs_more_than_thirty_percent(agree, present, accepted):
    assert floor_nomination_accepted(agree, present) is accepted


def test_floor_nomination_validation():
    with pytest.raises(ValueError, match="more than"):
        floor_nomination_accepted(11, 10)
    with pytest.raises(ValueError):
        floor_nomination_accepted(0, 0)


def test_ballot_validity():
    assert ballot_valid(27, 27) is True
    assert ballot_valid(0, 27) is True
    assert ballot_valid(28, 27) is False
    with pytest.raises(ValueError):
        ballot_valid(-1, 27)
    with pytest.raises(ValueError):
        ballot_valid(1, 0)


def test_no_surplus_mark_voids_the_name_only():
    assert no_surplus_mark(kept=True, crossed=False) is True
    assert no_surplus_mark(kept=False, crossed=True) is False
    assert no_surplus_mark(kept=True, crossed=True) is None
    assert no_surplus_mark(kept=False, crossed=False) is None


# --- Validation of a count --------------------------------------------------


@pytest.mark.parametrize(
    ("votes", "seats", "base", "alternates", "fragment"),
    [
        ({"A": -1}, 1, 10, 0, "at least 0"),
        ({"A": 11}, 1, 10, 0, "more than the base"),
        ({"A": 5}, 0, 10, 0, "seats"),
        ({"A": 5}, 1, 0, 0, "base"),
        ({"A": 5}, 1, 10, -1, "alternate"),
        ({"": 5}, 1, 10, 0, "name"),
        ({"  ": 5}, 1, 10, 0, "name"),
        ({}, 1, 10, 0, "no candidates"),
        ({"A": 5.5}, 1, 10, 0, "whole number"),
    ],
)
def test_count_election_rejects_impossible_inputs(votes, seats, base, alternates, fragment):
    with pytest.raises(ValueError, match=fragment):
        count_election(votes, seats, base, alternates)


# --- Properties -------------------------------------------------------------


@st.composite
def rounds(draw):
    base = draw(st.integers(1, 60))
    names = draw(st.lists(st.sampled_from("ABCDEFGHIJKL"), min_size=1, max_size=12, unique=True))
    # Few distinct vote counts, so that ties are common.
    values = st.integers(0, base) | st.sampled_from([base // 2, base // 2 + 1, base])
    votes = {name: draw(values) for name in names}
    seats = draw(st.integers(1, 8))
    alternates = draw(st.integers(0, 4))
    return votes, seats, base, alternates


@given(rounds())
def test_nobody_at_or_below_half_is_elected_or_alternate(case):
    votes, seats, base, alternates = case
    result = count_election(votes, seats, base, alternates)
    for name in result.elected + result.alternates:
        assert 2 * votes[name] > base


@given(rounds())
def test_counts_add_up(case):
    votes, seats, base, alternates = case
    result = count_election(votes, seats, base, alternates)
    assert len(result.elected) + result.unfilled == seats
    assert len(result.alternates) + result.unfilled_alternates == alternates
    groups = [result.elected, result.alternates, result.tied]
    assert sum(map(len, groups)) == len(set().union(*groups))  # disjoint


@given(rounds())
def test_ties_across_the_cut_off_never_elect(case):
    votes, seats, base, alternates = case
    result = count_election(votes, seats, base, alternates)
    placed = set(result.elected) | set(result.alternates)
    for ranked in (result.elected, result.alternates):
        assert [votes[n] for n in ranked] == sorted((votes[n] for n in ranked), reverse=True)
    for winner in result.elected:
        for other in votes.keys() - set(result.elected):
            assert votes[winner] > votes[other]
    for alternate in result.alternates:
        for other in votes.keys() - placed - set(result.tied):
            assert votes[alternate] > votes[other]
    for group in result.tie_groups:
        # A group straddles the last seat, or else the last alternate place.
        assert len(group.candidates) > (group.seats or group.alternates)
        assert all(votes[name] == group.votes for name in group.candidates)
    assert sorted(result.tied) == sorted(n for g in result.tie_groups for n in g.candidates)


@given(rounds())
def test_every_seat_is_elected_or_held_by_a_tie(case):
    votes, seats, base, alternates = case
    result = count_election(votes, seats, base, alternates)
    eligible = sum(1 for n in votes.values() if 2 * n > base)
    held = sum(group.seats for group in result.tie_groups)
    assert len(result.elected) + held == min(seats, eligible)


@given(rounds())
def test_matches_a_plain_reading_without_alternates(case):
    votes, seats, base, _ = case
    result = count_election(votes, seats, base)
    eligible = sorted((n for n in votes.values() if 2 * n > base), reverse=True)
    if len(eligible) <= seats:
        expected_elected = {c for c, n in votes.items() if 2 * n > base}
        expected_tied: set[str] = set()
    elif eligible[seats - 1] == eligible[seats]:
        cut = eligible[seats - 1]
        expected_elected = {c for c, n in votes.items() if n > cut}
        expected_tied = {c for c, n in votes.items() if n == cut}
    else:
        cut = eligible[seats - 1]
        expected_elected = {c for c, n in votes.items() if n >= cut}
        expected_tied = set()
    assert set(result.elected) == expected_elected
    assert set(result.tied) == expected_tied
    assert result.alternates == []
