"""Votes and quorum: DOMAIN.md section 3, worked examples and properties."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance.rules import (
    BODY_KINDS,
    MAJORITY_RULES,
    QUORUM_RULE,
    adopted,
    explain_quorum,
    explain_vote,
    quorum_met,
    quorum_required,
    required_yes,
)
from governance.rules.votes import majority_rule

MAJORITIES = sorted(MAJORITY_RULES)
CONTRACT_BODY_KINDS = {
    "party_executive",
    "party_standing",
    "party_inspection",
    "people_council",
    "people_council_standing",
    "people_committee",
    "front_committee",
    "congress",
}


# --- Worked examples (DOMAIN.md section 3) ---------------------------------


@pytest.mark.parametrize(
    ("yes", "base", "majority", "expected"),
    [
        (14, 27, "more_than_half", True),  # Party committee of 27
        (13, 27, "more_than_half", False),
        (16, 30, "more_than_half", True),  # People's Council of 30
        (15, 30, "more_than_half", False),
        (20, 30, "at_least_two_thirds", True),  # dismissal of a delegate
        (19, 30, "at_least_two_thirds", False),
    ],
)
def test_adopted_worked_examples(yes, base, majority, expected):
    assert adopted(yes, base, majority) is expected


def test_default_majority_is_more_than_half():
    assert adopted(14, 27) is True
    assert adopted(13, 27) is False
    # Exactly half is not "more than half".
    assert adopted(15, 30) is False


@pytest.mark.parametrize(
    ("base", "majority", "expected"),
    [
        (27, "more_than_half", 14),
        (30, "more_than_half", 16),
        (31, "more_than_half", 16),
        (1, "more_than_half", 1),
        (2, "more_than_half", 2),
        (30, "at_least_two_thirds", 20),
        (31, "at_least_two_thirds", 21),
        (3, "at_least_two_thirds", 2),
    ],
)
def test_required_yes_examples(base, majority, expected):
    assert required_yes(base, majority) == expected


@pytest.mark.parametrize(("total", "required"), [(30, 20), (31, 21), (27, 18), (1, 1), (3, 2)])
def test_quorum_required_examples(total, required):
    assert quorum_required(total) == required
    assert quorum_met(required, total) is True
    assert quorum_met(required - 1, total) is False


# --- Validation -------------------------------------------------------------


@pytest.mark.parametrize(
    ("yes", "base", "majority", "fragment"),
    [
        (-1, 27, "more_than_half", "negative"),
        (28, 27, "more_than_half", "check the count"),
        (5, 0, "more_than_half", "at least 1"),
        (5, -3, "more_than_half", "negative"),
        (14, 27, "simple", "Unknown majority"),
        (14.0, 27, "more_than_half", "whole number"),
        (True, 27, "more_than_half", "whole number"),
    ],
)
def test_adopted_rejects_impossible_inputs(yes, base, majority, fragment):
    with pytest.raises(ValueError, match=fragment):
        adopted(yes, base, majority)


def test_required_yes_rejects_bad_inputs():
    with pytest.raises(ValueError, match="Unknown majority"):
        required_yes(30, "unanimous")
    with pytest.raises(ValueError, match="at least 1"):
        required_yes(0)


@pytest.mark.parametrize(
    ("present", "total", "fragment"),
    [(31, 30, "more than"), (-1, 30, "negative"), (0, 0, "at least 1"), (2.5, 30, "whole")],
)
def test_quorum_rejects_impossible_inputs(present, total, fragment):
    with pytest.raises(ValueError, match=fragment):
        quorum_met(present, total)


def test_quorum_required_rejects_empty_body():
    with pytest.raises(ValueError):
        quorum_required(0)


# --- Legal basis as data and explanations ----------------------------------


def test_rule_registry_carries_basis():
    assert set(MAJORITY_RULES) == {"more_than_half", "at_least_two_thirds"}
    for code, rule in MAJORITY_RULES.items():
        assert rule.code == code
        assert rule.basis_vi.strip()
        assert rule.label_vi.strip()
    assert "72/2025/QH15" in MAJORITY_RULES["at_least_two_thirds"].basis_vi
    assert "Điều 9 Điều lệ Đảng" in MAJORITY_RULES["more_than_half"].basis_vi
    assert QUORUM_RULE.check is True  # marked (check) in DOMAIN.md


def test_every_contract_body_kind_has_a_basis():
    assert set(BODY_KINDS) == CONTRACT_BODY_KINDS
    for kind in BODY_KINDS.values():
        assert kind.basis_vi.strip() and kind.base_vi.strip()
    for code in ("party_executive", "party_standing", "party_inspection", "congress"):
        assert BODY_KINDS[code].basis_vi == "Điều 9 Điều lệ Đảng"
    assert "chính quyền địa phương" in BODY_KINDS["people_council"].basis_vi


def test_explain_vote_council_example_verbatim():
    assert explain_vote(16, 30, "more_than_half", "people_council") == (
        "Cần ít nhất 16/30 phiếu tán thành — quá nửa tổng số đại biểu "
        "(Luật Tổ chức chính quyền địa phương 2025). Có 16 phiếu tán thành: THÔNG QUA."
    )


def test_explain_vote_party_rejection():
    text = explain_vote(13, 27, "more_than_half", "party_executive")
    assert "14/27" in text
    assert "Điều 9 Điều lệ Đảng" in text
    assert text.endswith("Có 13 phiếu tán thành: KHÔNG THÔNG QUA.")


def test_explain_vote_dismissal():
    text = explain_vote(19, 30, "at_least_two_thirds", "people_council")
    assert "20/30" in text and "ít nhất hai phần ba" in text
    assert text.endswith("KHÔNG THÔNG QUA.")


def test_explain_vote_rejects_unknown_body_and_bad_counts():
    with pytest.raises(ValueError, match="Unknown body kind"):
        explain_vote(16, 30, "more_than_half", "senate")
    with pytest.raises(ValueError):
        explain_vote(31, 30, "more_than_half", "people_council")


def test_explain_quorum():
    assert explain_quorum(20, 30, "people_council").endswith("Có mặt 20: ĐỦ ĐIỀU KIỆN TIẾN HÀNH.")
    text = explain_quorum(17, 27, "party_executive")
    assert "18/27" in text and text.endswith("CHƯA ĐỦ ĐIỀU KIỆN.")


def test_majority_rule_lookup():
    assert majority_rule("at_least_two_thirds").numerator == 2
    with pytest.raises(ValueError, match="more_than_half"):
        majority_rule("two_thirds")


# --- Properties -------------------------------------------------------------

bases = st.integers(min_value=1, max_value=10**12)


@given(data=st.data(), base=bases, majority=st.sampled_from(MAJORITIES))
def test_adopted_is_monotone_in_yes(data, base, majority):
    low = data.draw(st.integers(0, base))
    high = data.draw(st.integers(low, base))
    if adopted(low, base, majority):
        assert adopted(high, base, majority)


@given(base=bases, majority=st.sampled_from(MAJORITIES))
def test_required_yes_is_the_least_adopting_count(base, majority):
    required = required_yes(base, majority)
    assert 1 <= required <= base
    assert adopted(required, base, majority)
    assert not adopted(required - 1, base, majority)


@given(data=st.data(), base=bases)
def test_adopted_agrees_with_exact_fractions(data, base):
    yes = data.draw(st.integers(0, base))
    assert adopted(yes, base) == (Fraction(yes, base) > Fraction(1, 2))
    assert adopted(yes, base, "at_least_two_thirds") == (Fraction(yes, base) >= Fraction(2, 3))


@given(total=bases)
def test_quorum_required_is_the_least_quorate_count(total):
    required = quorum_required(total)
    assert quorum_met(required, total)
    assert not quorum_met(required - 1, total)
    assert Fraction(required, total) >= Fraction(2, 3) > Fraction(required - 1, total)
