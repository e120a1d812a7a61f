"""Elections inside the Party: who is elected, who is an alternate, who must vote again.

Source: Quy chế bầu cử trong Đảng (Quyết định 190-QĐ/TW năm 2024) and
Hướng dẫn 04-HD/TW. The thresholds are data below; each sits next to its basis.

How a round is counted (`count_election`):
- only candidates with more than half of the base (2*votes > base) can be elected
  or become alternates; the rest are simply not elected;
- the eligible are ranked by votes, highest first; seats are filled first, then the
  alternate places, in that order (official and alternate delegates on one list);
- candidates with equal votes form a group; a group that straddles a cut-off (the
  last seat, or the last alternate place) is neither elected nor alternate: its
  members go to `tied` for a new round among them, and the places they compete for
  stay open (`unfilled` seats, `unfilled_alternates` places);
- when a group straddles the seat cut-off, it still ranks above every candidate with
  fewer votes, so it keeps the places it covers: those below it can only take the
  alternate places after it. The losers of the new round rank first among the
  alternates, before the `alternates` of this round (see `TieGroup`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import groupby

from governance.rules.votes import Rule

__all__ = [
    "BASE_FORMS",
    "ELECTED_RULE",
    "EXCLUSIONS",
    "FLOOR_NOMINATION_RULE",
    "MAX_SURPLUS",
    "MIN_SURPLUS",
    "RECOMMENDED_SURPLUS",
    "BaseWorking",
    "ElectionResult",
    "Exclusion",
    "Share",
    "TieGroup",
    "ballot_valid",
    "check_candidate_list",
    "count_election",
    "election_base",
    "election_base_working",
    "floor_nomination_accepted",
    "max_candidates",
    "no_surplus_mark",
    "recommended_surplus",
]


@dataclass(frozen=True)
class Share:
    """A share of a number of seats, e.g. "at most 30%", rounded as the caller asks."""

    label_vi: str
    basis_vi: str
    numerator: int
    denominator: int
    check: bool = False

    def floor_of(self, n: int) -> int:
        return self.numerator * n // self.denominator

    def ceil_of(self, n: int) -> int:
        return -(-self.numerator * n // self.denominator)


# ---------------------------------------------------------------------------
# Defaults. Each value sits next to its legal basis; edit here, nowhere else.
# ---------------------------------------------------------------------------

_ELECTION_RULES = "Quy chế bầu cử trong Đảng (Quyết định 190-QĐ/TW năm 2024)"
_ART14 = f"Điều 14 {_ELECTION_RULES}"

# Elected with more than half of the base: those entitled to vote minus those absent
# with an approved reason (congress: delegates convened minus official delegates
# absent for the whole congress without an alternate). Party Q&A: base 10 → 6 elected.
ELECTED_RULE = Rule(
    code="elected",
    label_vi="quá nửa",
    basis_vi=f"{_ELECTION_RULES}; Hướng dẫn 04-HD/TW",
    numerator=1,
    denominator=2,
    strict=True,
)

# A floor nomination or self-nomination joins the list only with the agreement of
# more than 30% of the delegates (members) present.
FLOOR_NOMINATION_RULE = Rule(
    code="floor_nomination",
    label_vi="hơn 30%",
    basis_vi=_ART14,
    numerator=3,
    denominator=10,
    strict=True,
)

# The list must exceed the seats (at least one extra name) ...
MIN_SURPLUS = 1
# ... by at most 30% of the seats (27 seats: 8 extra, 35 names) ...
MAX_SURPLUS = Share("không quá 30%", _ART14, 3, 10)
# ... and the convening committee prepares 10–15% extra names.
RECOMMENDED_SURPLUS = (
    Share("từ 10%", _ART14, 10, 100),
    Share("đến 15%", _ART14, 15, 100),
)


@dataclass(frozen=True)
class TieGroup:
    """Candidates with equal votes across a cut-off, and the places they compete for.

    A new round among them fills `seats` seats, then `alternates` alternate places;
    the alternates of that round come before the alternates of this one.
    """

    candidates: tuple[str, ...]
    votes: int
    seats: int
    alternates: int


@dataclass(frozen=True)
class ElectionResult:
    """The outcome of one round; `len(elected) + unfilled == seats` always holds."""

    elected: list[str]
    alternates: list[str]
    tied: list[str]
    unfilled: int
    unfilled_alternates: int = 0
    tie_groups: tuple[TieGroup, ...] = ()


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


def _check_count(name: str, value: int, least: int = 0) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, got {value!r}.")
    if value < least:
        raise ValueError(f"{name} must be at least {least} (got {value}).")


def _check_votes(votes: Mapping[str, int], base: int) -> None:
    if not votes:
        raise ValueError("There are no candidates: give at least one name with its votes.")
    for name, count in votes.items():
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"Every candidate needs a name (got {name!r}).")
        _check_count(f"The votes for {name}", count)
        if count > base:
            raise ValueError(
                f"{name} has {count} votes, more than the base of {base}: check the count."
            )


# ---------------------------------------------------------------------------
# Counting a round
# ---------------------------------------------------------------------------


def count_election(
    votes: Mapping[str, int], seats: int, base: int, alternates: int = 0
) -> ElectionResult:
    """Count one round: elected, alternates, ties at a cut-off, unfilled seats."""
    _check_count("The number of seats", seats, least=1)
    _check_count("The number of alternate places", alternates)
    _check_count("The base (voters entitled)", base, least=1)
    _check_votes(votes, base)

    eligible = sorted(
        ((name, n) for name, n in votes.items() if ELECTED_RULE.met(n, base)),
        key=lambda item: (-item[1], item[0]),
    )
    places = seats + alternates
    elected: list[str] = []
    alternate_list: list[str] = []
    tied: list[str] = []
    groups: list[TieGroup] = []
    start = 0  # places taken or held by the groups ranked so far
    for count, items in groupby(eligible, key=lambda item: item[1]):
        if start >= places:
            break
        names = [name for name, _ in items]
        end = start + len(names)
        if end <= seats:
            elected.extend(names)
        elif start >= seats and end <= places:
            alternate_list.extend(names)
        else:  # the group straddles the last seat or the last alternate place
            tied.extend(names)
            held_seats = max(0, min(end, seats) - start)
            held_alternates = max(0, min(end, places) - max(start, seats))
            groups.append(TieGroup(tuple(names), count, held_seats, held_alternates))
        start = end
    return ElectionResult(
        elected=elected,
        alternates=alternate_list,
        tied=tied,
        unfilled=seats - len(elected),
        unfilled_alternates=alternates - len(alternate_list),
        tie_groups=tuple(groups),
    )


def election_base(entitled: int, absent_excused: int) -> int:
    """The base for "more than half": entitled minus absent with an approved reason.

    For a congress of delegates: delegates convened minus official delegates absent
    for the whole congress without an alternate (150 − 3 = 147).
    """
    return election_base_working(entitled, {"absent_with_reason": absent_excused}).base


# ---------------------------------------------------------------------------
# The base with its exclusions, by category (Regulation 190, art. 30)
# ---------------------------------------------------------------------------

_ART30 = f"Điều 30 {_ELECTION_RULES}"


@dataclass(frozen=True)
class Exclusion:
    """A category of people left out of the base, for one form of congress."""

    code: str
    label_vi: str
    form: str  # "members" (of all members, or a committee's conference) | "delegates"


EXCLUSIONS: dict[str, Exclusion] = {
    e.code: e
    for e in (
        Exclusion("working_elsewhere", "Đảng viên tạm thời công tác ở nơi khác", "members"),
        Exclusion(
            "exempt_absent",
            "Đảng viên được miễn công tác và sinh hoạt đảng vắng mặt",
            "members",
        ),
        Exclusion("suspended", "Đảng viên đang bị đình chỉ sinh hoạt đảng", "members"),
        Exclusion("prosecuted", "Đảng viên đang bị khởi tố, truy tố, tạm giam", "members"),
        Exclusion(
            "absent_with_reason",
            "Vắng mặt suốt thời gian đại hội (hội nghị) có lý do được cấp ủy triệu tập chấp nhận",
            "members",
        ),
        Exclusion(
            "committee_absent",
            "Ủy viên cấp ủy triệu tập vắng mặt suốt thời gian đại hội",
            "delegates",
        ),
        Exclusion(
            "absent_no_alternate",
            "Đại biểu chính thức vắng mặt suốt thời gian đại hội, không có đại biểu dự khuyết thay",
            "delegates",
        ),
    )
}
BASE_FORMS = {
    "members": f"Đại hội (hội nghị) đảng viên, hội nghị cấp ủy ({_ART30})",
    "delegates": f"Đại hội đại biểu ({_ART30})",
    # State bodies confirm elections by resolution: the base is every delegate (DOMAIN 3).
    "all": "Tổng số đại biểu (bầu cử ở cơ quan nhà nước: không trừ ai)",
}


@dataclass(frozen=True)
class BaseWorking:
    """How the base was reached: those convened, each exclusion with its count, the base."""

    form: str
    convened: int
    exclusions: tuple[tuple[str, str, int], ...]  # (code, label, count), counts > 0
    base: int

    @property
    def excluded(self) -> int:
        return sum(count for _c, _l, count in self.exclusions)

    @property
    def basis_vi(self) -> str:
        return BASE_FORMS[self.form]


def election_base_working(
    convened: int, exclusions: Mapping[str, int], form: str = "members"
) -> BaseWorking:
    """The base = convened − the exclusions allowed for this form of congress.

    11 members, 1 absent with reason: base 10. 150 delegates convened, 3 absent for the
    whole congress with no alternate seated: base 147. State bodies ("all"): no exclusion.
    """
    if form not in BASE_FORMS:
        raise ValueError(f"Unknown form {form!r}; use one of: {', '.join(BASE_FORMS)}.")
    _check_count("The number convened", convened)
    rows = []
    for code, count in exclusions.items():
        if code not in EXCLUSIONS:
            raise ValueError(f"Unknown exclusion {code!r}; use one of: {', '.join(EXCLUSIONS)}.")
        _check_count(f"The number in {code}", count)
        if count and EXCLUSIONS[code].form != form:
            raise ValueError(f"{EXCLUSIONS[code].label_vi}: does not apply to this form ({form}).")
        if count:
            rows.append((code, EXCLUSIONS[code].label_vi, count))
    excluded = sum(count for _c, _l, count in rows)
    if excluded > convened:
        raise ValueError(f"{excluded} excluded is more than the {convened} convened.")
    if excluded == convened:
        raise ValueError("Nobody is left to vote: the base would be 0.")
    order = list(EXCLUSIONS)
    rows.sort(key=lambda row: order.index(row[0]))
    return BaseWorking(form, convened, tuple(rows), convened - excluded)


# ---------------------------------------------------------------------------
# Candidate lists and ballots
# ---------------------------------------------------------------------------


def _max_surplus(seats: int) -> int:
    # 30% of fewer than 4 seats is under one name, yet the list must exceed the
    # seats: one extra name is then allowed (check).
    return max(MIN_SURPLUS, MAX_SURPLUS.floor_of(seats))


def max_candidates(seats: int) -> int:
    """The longest list allowed: seats plus at most 30% (27 seats → 35 names)."""
    _check_count("The number of seats", seats, least=1)
    return seats + _max_surplus(seats)


def recommended_surplus(seats: int) -> tuple[int, int]:
    """(fewest, most) extra names the convening committee should prepare: 10–15%.

    Rounded inwards (27 seats: 2.7–4.05 → 3–4), never below one extra name and
    never above the 30% cap.
    """
    _check_count("The number of seats", seats, least=1)
    low_share, high_share = RECOMMENDED_SURPLUS
    cap = _max_surplus(seats)
    low = min(cap, max(MIN_SURPLUS, low_share.ceil_of(seats)))
    high = min(cap, max(low, high_share.floor_of(seats)))
    return low, high


def check_candidate_list(n_candidates: int, seats: int, surplus_required: bool = True) -> list[str]:
    """Problems with a list of `n_candidates` for `seats` seats, in Vietnamese; [] if fine.

    `surplus_required=False` is a no-surplus list (e.g. a single post), which may
    equal the seats; the 30% cap applies either way.
    """
    _check_count("The number of candidates", n_candidates)
    _check_count("The number of seats", seats, least=1)
    problems: list[str] = []
    if n_candidates < seats:
        problems.append(f"Danh sách có {n_candidates} người, ít hơn số lượng cần bầu ({seats}).")
    elif surplus_required and n_candidates == seats:
        problems.append(
            f"Danh sách phải nhiều hơn số lượng cần bầu ({seats}): chưa có số dư ({_ART14})."
        )
    limit = max_candidates(seats)
    if n_candidates > limit:
        problems.append(
            f"Danh sách có {n_candidates} người, vượt số dư tối đa {MAX_SURPLUS.label_vi} "
            f"({limit} người); xin ý kiến đại hội (hội nghị) quyết định ({_ART14})."
        )
    return problems


def floor_nomination_accepted(agree: int, present: int) -> bool:
    """Whether a floor or self-nomination joins the list: more than 30% of those present."""
    _check_count("The number present", present, least=1)
    _check_count("The number agreeing", agree)
    if agree > present:
        raise ValueError(f"{agree} agreeing is more than the {present} present.")
    return FLOOR_NOMINATION_RULE.met(agree, present)


def ballot_valid(names_kept: int, seats: int) -> bool:
    """A ballot keeping more names than there are seats is invalid as a whole."""
    _check_count("The number of names kept", names_kept)
    _check_count("The number of seats", seats, least=1)
    return names_kept <= seats


def no_surplus_mark(kept: bool, crossed: bool) -> bool | None:
    """One name on a no-surplus ballot: True for, False against, None void (both or neither).

    A void mark voids that name only, not the ballot.
    """
    if kept == crossed:
        return None
    return kept
