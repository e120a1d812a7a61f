"""Votes and quorum: who must say yes, and how many must be present.

All counts are integers and every threshold is compared by cross-multiplication,
so a rule such as "more than half" can never be broken by a rounding error.
The thresholds and their legal basis are data (`MAJORITY_RULES`, `QUORUM_RULE`,
`BODY_KINDS`): change a value there and every caller follows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "BODY_KINDS",
    "MAJORITY_RULES",
    "QUORUM_RULE",
    "BodyKind",
    "Rule",
    "adopted",
    "explain_quorum",
    "explain_vote",
    "majority_rule",
    "quorum_met",
    "quorum_required",
    "required_yes",
]


@dataclass(frozen=True)
class Rule:
    """A threshold "count (strictly) above numerator/denominator of base".

    `strict=True` reads "more than" (2*yes > base); `strict=False` reads
    "at least" (3*yes >= 2*base). `check=True` marks the best available reading
    of the law, which a clerk should verify (DOMAIN.md "(check)").
    """

    code: str
    label_vi: str
    basis_vi: str
    numerator: int
    denominator: int
    strict: bool
    check: bool = False

    def met(self, count: int, base: int) -> bool:
        """True when `count` reaches the threshold of `base` (integers only)."""
        left = self.denominator * count
        right = self.numerator * base
        return left > right if self.strict else left >= right

    def least(self, base: int) -> int:
        """The smallest count that meets the threshold, in closed form."""
        product = self.numerator * base
        if self.strict:
            return product // self.denominator + 1
        return -(-product // self.denominator)  # ceiling division


@dataclass(frozen=True)
class BodyKind:
    """How a body's votes are described to a person, and where its rules come from."""

    code: str
    name_vi: str
    base_vi: str  # what the base counts, as it reads after "quá nửa"
    basis_vi: str  # short legal citation shown in explanations
    check: bool = False


# ---------------------------------------------------------------------------
# Defaults. Each value sits next to its legal basis; edit here, nowhere else.
# ---------------------------------------------------------------------------

_PARTY_CHARTER = "Điều 9 Điều lệ Đảng"
_LOCAL_GOVERNMENT_LAW = "Luật Tổ chức chính quyền địa phương 2025"

MAJORITY_RULES: Mapping[str, Rule] = {
    # Party bodies (Charter art. 9): more than half of ALL members of the body.
    # People's Council (Law 72/2025/QH15): more than half of all delegates.
    "more_than_half": Rule(
        code="more_than_half",
        label_vi="quá nửa",
        basis_vi=(
            f"{_PARTY_CHARTER} (cơ quan của Đảng); Luật số 72/2025/QH15 về "
            "Tổ chức chính quyền địa phương (Hội đồng nhân dân, Ủy ban nhân dân)"
        ),
        numerator=1,
        denominator=2,
        strict=True,
    ),
    # People's Council: dismissing a delegate needs at least two thirds of all
    # delegates (Law 72/2025/QH15).
    "at_least_two_thirds": Rule(
        code="at_least_two_thirds",
        label_vi="ít nhất hai phần ba",
        basis_vi=(
            "Luật số 72/2025/QH15 về Tổ chức chính quyền địa phương "
            "(bãi nhiệm đại biểu Hội đồng nhân dân)"
        ),
        numerator=2,
        denominator=3,
        strict=False,
    ),
}

# A meeting or session is valid with at least two thirds of members present.
# Marked (check) in DOMAIN.md for both Party bodies and the People's Council.
QUORUM_RULE = Rule(
    code="quorum",
    label_vi="ít nhất hai phần ba",
    basis_vi=(
        "Quy định thi hành Điều lệ Đảng và quy chế làm việc của cấp ủy; "
        "Luật số 72/2025/QH15 về Tổ chức chính quyền địa phương"
    ),
    numerator=2,
    denominator=3,
    strict=False,
    check=True,
)

BODY_KINDS: Mapping[str, BodyKind] = {
    "party_executive": BodyKind(
        "party_executive", "Ban Chấp hành Đảng bộ", "tổng số ủy viên", _PARTY_CHARTER
    ),
    "party_standing": BodyKind(
        "party_standing", "Ban Thường vụ Đảng ủy", "tổng số ủy viên", _PARTY_CHARTER
    ),
    "party_inspection": BodyKind(
        "party_inspection", "Ủy ban Kiểm tra Đảng ủy", "tổng số ủy viên", _PARTY_CHARTER
    ),
    "congress": BodyKind("congress", "Đại hội Đảng bộ", "tổng số đại biểu", _PARTY_CHARTER),
    "people_council": BodyKind(
        "people_council", "Hội đồng nhân dân", "tổng số đại biểu", _LOCAL_GOVERNMENT_LAW
    ),
    "people_council_standing": BodyKind(
        "people_council_standing",
        "Thường trực Hội đồng nhân dân",
        "tổng số thành viên",
        _LOCAL_GOVERNMENT_LAW,
        check=True,
    ),
    "people_committee": BodyKind(
        "people_committee", "Ủy ban nhân dân", "tổng số thành viên", _LOCAL_GOVERNMENT_LAW
    ),
    "front_committee": BodyKind(
        "front_committee",
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
        "tổng số ủy viên",
        "Điều lệ Mặt trận Tổ quốc Việt Nam",
        check=True,
    ),
}


# ---------------------------------------------------------------------------
# Validation: one message per mistake, written for the person who made it.
# ---------------------------------------------------------------------------


def _check_count(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, got {value!r}.")
    if value < 0:
        raise ValueError(f"{name} cannot be negative (got {value}).")


def _check_base(name: str, value: int) -> None:
    _check_count(name, value)
    if value < 1:
        raise ValueError(f"{name} must be at least 1: a body without members cannot decide.")


def majority_rule(majority: str) -> Rule:
    """The rule for a majority code, or a ValueError naming the known codes."""
    try:
        return MAJORITY_RULES[majority]
    except (KeyError, TypeError):
        known = ", ".join(sorted(MAJORITY_RULES))
        raise ValueError(f"Unknown majority {majority!r}; use one of: {known}.") from None


def _body_kind(body_kind: str) -> BodyKind:
    try:
        return BODY_KINDS[body_kind]
    except (KeyError, TypeError):
        known = ", ".join(sorted(BODY_KINDS))
        raise ValueError(f"Unknown body kind {body_kind!r}; use one of: {known}.") from None


# ---------------------------------------------------------------------------
# Public decisions
# ---------------------------------------------------------------------------


def adopted(yes: int, base: int, majority: str = "more_than_half") -> bool:
    """Whether `yes` votes adopt a motion; `base` is ALL members, not those present."""
    rule = majority_rule(majority)
    _check_count("The number of yes votes", yes)
    _check_base("The number of members (base)", base)
    if yes > base:
        raise ValueError(f"There are {yes} yes votes but only {base} members: check the count.")
    return rule.met(yes, base)


def required_yes(base: int, majority: str = "more_than_half") -> int:
    """The least number of yes votes that adopts (30 delegates, more than half: 16)."""
    rule = majority_rule(majority)
    _check_base("The number of members (base)", base)
    return rule.least(base)


def quorum_required(total: int) -> int:
    """The least number present for a valid meeting (30 → 20, 31 → 21, 27 → 18)."""
    _check_base("The number of members", total)
    return QUORUM_RULE.least(total)


def quorum_met(present: int, total: int) -> bool:
    """Whether at least two thirds of all members are present."""
    _check_count("The number present", present)
    _check_base("The number of members", total)
    if present > total:
        raise ValueError(f"{present} present is more than the {total} members: check the count.")
    return QUORUM_RULE.met(present, total)


def explain_vote(yes: int, base: int, majority: str, body_kind: str) -> str:
    """One Vietnamese sentence a chair can read out: threshold, basis, outcome."""
    kind = _body_kind(body_kind)
    rule = majority_rule(majority)
    outcome = "THÔNG QUA" if adopted(yes, base, majority) else "KHÔNG THÔNG QUA"
    return (
        f"Cần ít nhất {rule.least(base)}/{base} phiếu tán thành — "
        f"{rule.label_vi} {kind.base_vi} ({kind.basis_vi}). "
        f"Có {yes} phiếu tán thành: {outcome}."
    )


def explain_quorum(present: int, total: int, body_kind: str) -> str:
    """One Vietnamese sentence on whether the meeting may proceed."""
    kind = _body_kind(body_kind)
    outcome = "ĐỦ ĐIỀU KIỆN TIẾN HÀNH" if quorum_met(present, total) else "CHƯA ĐỦ ĐIỀU KIỆN"
    return (
        f"Cần ít nhất {QUORUM_RULE.least(total)}/{total} người có mặt — "
        f"{QUORUM_RULE.label_vi} {kind.base_vi} ({kind.basis_vi}). "
        f"Có mặt {present}: {outcome}."
    )
