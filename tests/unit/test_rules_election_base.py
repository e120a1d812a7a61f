"""The election base with its exclusions (Regulation 190-QĐ/TW art. 30; DOMAIN section 4)."""

from __future__ import annotations

import pytest

from governance.rules import ELECTED_RULE, EXCLUSIONS, count_election, election_base_working


@pytest.mark.parametrize(("votes", "elected"), [(6, ["An"]), (5, [])])
def test_eleven_members_one_absent_with_reason(votes, elected):
    working = election_base_working(11, {"absent_with_reason": 1}, "members")
    assert working.base == 10 and working.excluded == 1
    assert count_election({"An": votes, "Bình": 3}, 1, working.base).elected == elected


@pytest.mark.parametrize(("votes", "elected"), [(74, ["Hải"]), (73, [])])
def test_150_delegates_three_absent_without_alternate(votes, elected):
    working = election_base_working(150, {"absent_no_alternate": 3}, "delegates")
    assert working.base == 147 and ELECTED_RULE.least(147) == 74
    assert count_election({"Hải": votes, "Lan": 40}, 1, working.base).elected == elected


@pytest.mark.parametrize(
    ("category", "form"),
    [(code, exclusion.form) for code, exclusion in EXCLUSIONS.items()],
)
def test_each_exclusion_lowers_the_base_and_is_shown_with_its_category(category, form):
    working = election_base_working(40, {category: 2}, form)
    assert working.base == 38
    assert working.exclusions == ((category, EXCLUSIONS[category].label_vi, 2),)


def test_all_categories_together_in_the_order_of_the_regulation():
    counts = {"absent_with_reason": 1, "suspended": 2, "working_elsewhere": 3, "prosecuted": 1}
    working = election_base_working(100, counts, "members")
    assert working.base == 93 and working.excluded == 7
    assert [code for code, _l, _c in working.exclusions] == [
        "working_elsewhere",
        "suspended",
        "prosecuted",
        "absent_with_reason",
    ]
    assert "Điều 30" in working.basis_vi


def test_state_bodies_exclude_nobody():
    assert election_base_working(30, {}, "all").base == 30
    with pytest.raises(ValueError, match="does not apply"):
        election_base_working(30, {"absent_with_reason": 2}, "all")


@pytest.mark.parametrize(
    ("convened", "counts", "form", "fragment"),
    [
        (10, {"absent_no_alternate": 1}, "members", "does not apply"),
        (10, {"suspended": 1}, "delegates", "does not apply"),
        (10, {"absent_with_reason": 11}, "members", "more than the 10 convened"),
        (10, {"absent_with_reason": 10}, "members", "Nobody is left"),
        (10, {"on_holiday": 1}, "members", "Unknown exclusion"),
        (10, {"suspended": -1}, "members", "at least 0"),
        (10, {}, "plenary", "Unknown form"),
    ],
)
def test_impossible_bases_raise(convened, counts, form, fragment):
    with pytest.raises(ValueError, match=fragment):
        election_base_working(convened, counts, form)
