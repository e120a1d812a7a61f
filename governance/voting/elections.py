"""Elections inside the Party (Regulation 190-QĐ/TW): candidate lists, rounds, counting report.

A round's scope (its candidates and the places it fills) follows from the rounds before:
the first round is the whole list for all seats; after a tie at a cut-off, a new round
among the tied for the places they held; when seats stay unfilled and no one is tied,
another round (as the congress decides) among those not yet elected, for those seats.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from governance import rules
from governance.core import access, audit
from governance.core.errors import Conflict, Invalid, NotFound
from governance.core.models import User
from governance.extensions import db
from governance.meetings.models import AgendaItem, Attendance, AttendanceStatus, Meeting
from governance.meetings.models import MeetingStatus as Status
from governance.org.models import BodyKind
from governance.voting import service
from governance.voting.models import Candidate, Election, ElectionRound


@dataclass(frozen=True)
class Scope:
    """What the next round decides: its candidates, seats and alternate places."""

    candidates: list[str]
    seats: int
    alternates: int
    tie_round: bool = False


def get_election(election_id: int, by: User, need: str = "read") -> Election:
    election = db.session.get(Election, election_id)
    if election is None:
        raise NotFound(_("This election does not exist."))
    unit = election.item.meeting.body.unit
    allowed = access.can_read(by, unit) if need == "read" else access.can_run_session(by, unit)
    access.require(allowed)
    return election


def election_of(item: AgendaItem) -> Election | None:
    return db.session.scalar(select(Election).where(Election.agenda_item_id == item.id))


# The candidate list ----------------------------------------------------------------------


def create_election(item: AgendaItem, data: dict, by: User) -> Election:
    meeting = item.meeting
    access.require(access.can_run_session(by, meeting.body.unit))
    if meeting.status == Status.CLOSED:
        raise Conflict(_("The meeting is closed; its record can no longer change."))
    if (existing := election_of(item)) is not None:
        raise Conflict(
            _("This item already has an election."), extra={"election": election_dict(existing)}
        )
    if (result := service.current_result(item)) is not None:
        raise Conflict(
            _("This item has a recorded, locked vote: it cannot also hold an election."),
            extra={"result": service.result_dict(result)},
        )
    names = _clean_names(data["candidates"])
    board = data.get("counting_board", [])
    places = data["seats"] + data.get("alternates", 0)
    problems = rules.check_candidate_list(len(names), places, data.get("surplus_required", True))
    if problems:
        raise Invalid(" ".join(problems), fields={"candidates": " ".join(problems)})
    election = Election(
        agenda_item_id=item.id,
        seats=data["seats"],
        alternates=data.get("alternates", 0),
        surplus_required=data.get("surplus_required", True),
        created_by=by.username,
        candidates=[Candidate(name=n) for n in names],
        counting_board=[{"name": m["name"].strip(), "role": m["role"]} for m in board],
    )
    db.session.add(election)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(_("This item already has an election.")) from None
    audit.record(
        "create",
        "election",
        election.id,
        unit_id=meeting.body.unit_id,
        user=by,
        after={"item": item.id, "seats": election.seats, "candidates": names, "board": board},
    )
    db.session.commit()
    return election


def _clean_names(raw: list[str]) -> list[str]:
    names = [" ".join(n.split()) for n in raw if n and n.strip()]
    seen: set[str] = set()
    twice = sorted({n for n in names if n in seen or seen.add(n)})
    if twice:
        raise Invalid(fields={"candidates": _("Listed twice: %(names)s.", names=", ".join(twice))})
    return names


def add_floor_nominee(election: Election, name: str, agree: int, by: User) -> dict[str, Any]:
    """A floor or self-nomination joins the list only if more than 30% of those present agree."""
    meeting = election.item.meeting
    access.require(access.can_run_session(by, meeting.body.unit))
    service.require_open(meeting)
    if election.rounds:
        raise Conflict(_("Voting has started: the list can no longer change."))
    name = " ".join((name or "").split())
    if not name:
        raise Invalid(fields={"name": _("Give the nominee's name.")})
    if name in {c.name for c in election.candidates}:
        raise Invalid(fields={"name": _("%(name)s is already on the list.", name=name)})
    present = len(service.present_ids(meeting))
    accepted = _rule_call(rules.floor_nomination_accepted, agree, present)
    answer = {
        "name": name,
        "accepted": accepted,
        "agree": agree,
        "present": present,
        "required": rules.FLOOR_NOMINATION_RULE.least(present),
        "rule": f"{rules.FLOOR_NOMINATION_RULE.label_vi} số đại biểu có mặt "
        f"({rules.FLOOR_NOMINATION_RULE.basis_vi})",
    }
    if accepted:
        places = election.seats + election.alternates
        problems = rules.check_candidate_list(len(election.candidates) + 1, places, False)
        if problems:
            raise Invalid(" ".join(problems), fields={"name": " ".join(problems)})
        election.candidates.append(Candidate(name=name, floor=True, agree=agree, present=present))
    audit.record(
        "floor_nomination",
        "election",
        election.id,
        unit_id=meeting.body.unit_id,
        user=by,
        after=answer,
    )
    db.session.commit()
    return answer | {"candidates": [c.name for c in election.candidates]}


def _rule_call(function, *args):
    try:
        return function(*args)
    except ValueError as error:
        raise Invalid(str(error)) from None


# Rounds -----------------------------------------------------------------------------------


def base_form(meeting: Meeting) -> str:
    """Which base rule applies: Party bodies "members", a congress its form, state "all"."""
    kind = meeting.body.kind
    if kind == BodyKind.CONGRESS:
        from governance.congress.models import Congress

        form = db.session.scalar(select(Congress.form).where(Congress.body_id == meeting.body_id))
        return "members" if form == "all_members" else "delegates"
    return "members" if BodyKind(kind).is_party else "all"


def exclusion_counts(meeting: Meeting, form: str) -> dict[str, int]:
    """Exclusions by category: those recorded one by one, then those the roll implies.

    Members form: absent with an approved reason. Delegates form: every delegate absent
    (no alternate is seated in the roll), a member of the convening committee apart.
    """
    from governance.congress.models import BaseExclusion, Delegate

    counts: dict[str, int] = {}
    if form == "all":
        return counts
    recorded = dict(
        db.session.execute(
            select(BaseExclusion.member_id, BaseExclusion.category).where(
                BaseExclusion.meeting_id == meeting.id
            )
        ).all()
    )
    absent = {AttendanceStatus.ABSENT_EXCUSED}
    if form == "delegates":
        absent.add(AttendanceStatus.ABSENT)
    implied = set(
        db.session.scalars(
            select(Attendance.member_id).where(
                Attendance.meeting_id == meeting.id, Attendance.status.in_(absent)
            )
        )
    ) - set(recorded)
    committee = set()
    if form == "delegates" and implied:
        committee = set(
            db.session.scalars(
                select(Delegate.member_id).where(
                    Delegate.member_id.in_(implied), Delegate.category == "ex_officio"
                )
            )
        )
    for member_id in implied:
        if form == "members":
            category = "absent_with_reason"
        else:
            category = "committee_absent" if member_id in committee else "absent_no_alternate"
        recorded[member_id] = category
    for category in recorded.values():
        counts[category] = counts.get(category, 0) + 1
    return counts


def base_working(meeting: Meeting) -> rules.BaseWorking:
    """The election base the server computes (CONTRACT 3), with each exclusion by category."""
    form = base_form(meeting)
    counts = exclusion_counts(meeting, form)
    return _rule_call(rules.election_base_working, service.member_count(meeting), counts, form)


def base_dict(working: rules.BaseWorking) -> dict[str, Any]:
    return {
        "form": working.form,
        "basis": working.basis_vi,
        "convened": working.convened,
        "exclusions": [
            {"category": code, "label": label, "count": count}
            for code, label, count in working.exclusions
        ],
        "excluded": working.excluded,
        "base": working.base,
        "required": rules.ELECTED_RULE.least(working.base),
    }


def default_base(meeting: Meeting) -> int:
    """Regulation 190: the base with its exclusions (DOMAIN 4); see `base_working`."""
    return base_working(meeting).base


def next_scope(election: Election) -> Scope | None:
    if not election.rounds:
        return Scope([c.name for c in election.candidates], election.seats, election.alternates)
    last = election.rounds[-1]
    if last.tied:
        groups = last.tie_groups
        return Scope(
            list(last.tied),
            sum(g["seats"] for g in groups),
            sum(g["alternates"] for g in groups),
            tie_round=True,
        )
    standing = standing_of(election)
    remaining = [
        c.name
        for c in election.candidates
        if c.name not in standing["elected"] + standing["alternates"]
    ]
    if standing["unfilled"] > 0 and remaining:
        return Scope(remaining, standing["unfilled"], standing["unfilled_alternates"])
    return None


def record_round(election: Election, data: dict, by: User) -> ElectionRound:
    meeting = election.item.meeting
    access.require(access.can_run_session(by, meeting.body.unit))
    service.require_open(meeting)
    scope = next_scope(election)
    if scope is None:
        raise Conflict(
            _("This election is complete: every seat is filled or no one is left."),
            extra={"election": election_dict(election)},
        )
    base = default_base(meeting)
    sent = data.get("base")
    if sent is not None and sent != base:
        message = _(
            "The base is %(base)s (those convened minus the exclusions recorded), not %(sent)s.",
            base=base,
            sent=sent,
        )
        raise Invalid(message, fields={"base": message}, extra={"base": base})
    votes = _check_round(data, scope, base)
    outcome = _count(votes, scope, base)
    row = ElectionRound(
        election_id=election.id,
        number=len(election.rounds) + 1,
        seats=scope.seats,
        alternates=scope.alternates,
        candidates=scope.candidates,
        base=base,
        votes=votes,
        recorded_by=by.username,
        **{k: data[k] for k in ("ballots_issued", "ballots_returned", "invalid")},
        **outcome,
    )
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError:  # another device recorded this round first
        db.session.rollback()
        raise Conflict(_("This round was just recorded from another device. Reload.")) from None
    audit.record(
        "election_round",
        "election",
        election.id,
        unit_id=meeting.body.unit_id,
        user=by,
        after=round_dict(row),
    )
    db.session.commit()
    return row


def _check_round(data: dict, scope: Scope, base: int) -> dict[str, int]:
    issued, returned, invalid = data["ballots_issued"], data["ballots_returned"], data["invalid"]
    checks = (
        (
            returned > issued,
            "ballots_returned",
            _(
                "%(returned)s ballots returned, but only %(issued)s issued.",
                returned=returned,
                issued=issued,
            ),
        ),
        (
            invalid > returned,
            "invalid",
            _(
                "%(invalid)s invalid ballots, but only %(returned)s returned.",
                invalid=invalid,
                returned=returned,
            ),
        ),
        (
            issued > base,
            "ballots_issued",
            _(
                "%(issued)s ballots issued, more than the %(base)s voters entitled (base).",
                issued=issued,
                base=base,
            ),
        ),
    )
    for failed, field, message in checks:
        if failed:
            raise Invalid(message, fields={field: message})
    strangers = sorted(set(data["votes"]) - set(scope.candidates))
    if strangers:
        message = (
            _("This round is among the tied only: %(names)s.", names=", ".join(scope.candidates))
            if scope.tie_round
            else _("Not on this round's list: %(names)s.", names=", ".join(strangers))
        )
        raise Invalid(message, fields={"votes": message})
    valid = returned - invalid
    over = {n: v for n, v in data["votes"].items() if v > valid}
    if over:
        listed = ", ".join(f"{n} ({v})" for n, v in over.items())
        message = _(
            "More votes than valid ballots (%(valid)s): %(names)s.", valid=valid, names=listed
        )
        raise Invalid(message, fields={"votes": message})
    places = scope.seats + scope.alternates
    if sum(data["votes"].values()) > places * valid:
        message = _(
            "%(total)s votes in all, more than %(places)s names × %(valid)s valid ballots: "
            "a valid ballot keeps at most as many names as there are places.",
            total=sum(data["votes"].values()),
            places=places,
            valid=valid,
        )
        raise Invalid(message, fields={"votes": message})
    return {name: data["votes"].get(name, 0) for name in scope.candidates}


def _count(votes: dict[str, int], scope: Scope, base: int) -> dict[str, Any]:
    alternates_only = scope.seats == 0  # a tie for an alternate place only
    seats = scope.alternates if alternates_only else scope.seats
    alternates = 0 if alternates_only else scope.alternates
    result = _rule_call(rules.count_election, votes, seats, base, alternates)
    groups = [
        {
            "candidates": list(g.candidates),
            "votes": g.votes,
            "seats": 0 if alternates_only else g.seats,
            "alternates": g.seats if alternates_only else g.alternates,
        }
        for g in result.tie_groups
    ]
    return {
        "elected": [] if alternates_only else result.elected,
        "elected_alternates": result.elected if alternates_only else result.alternates,
        "tied": result.tied,
        "tie_groups": groups,
        "unfilled": 0 if alternates_only else result.unfilled,
        "unfilled_alternates": result.unfilled if alternates_only else result.unfilled_alternates,
    }


# Plain data for the console, the API and the counting report ------------------------------


def standing_of(election: Election) -> dict[str, Any]:
    """Elected and alternates so far; a tie round's alternates rank before earlier ones."""
    elected: list[str] = []
    alternates: list[str] = []
    previous_tied: list[str] = []
    for row in election.rounds:
        elected += row.elected
        tie_round = bool(previous_tied) and row.candidates == previous_tied
        alternates = (
            row.elected_alternates + alternates
            if tie_round
            else alternates + row.elected_alternates
        )
        previous_tied = row.tied
    return {
        "elected": elected,
        "alternates": alternates,
        "unfilled": election.seats - len(elected),
        "unfilled_alternates": election.alternates - len(alternates),
        "tied": previous_tied,
    }


def round_dict(row: ElectionRound) -> dict[str, Any]:
    return {
        "id": row.id,
        "number": row.number,
        "seats": row.seats,
        "alternate_places": row.alternates,
        "candidates": row.candidates,
        "ballots_issued": row.ballots_issued,
        "ballots_returned": row.ballots_returned,
        "ballots_valid": row.valid,
        "invalid": row.invalid,
        "base": row.base,
        "votes": row.votes,
        "required": rules.ELECTED_RULE.least(row.base),
        "elected": row.elected,
        "alternates": row.elected_alternates,
        "tied": row.tied,
        "tie_groups": row.tie_groups,
        "unfilled": row.unfilled,
        "unfilled_alternates": row.unfilled_alternates,
    }


def election_dict(election: Election) -> dict[str, Any]:
    scope = next_scope(election)
    return {
        "id": election.id,
        "item_id": election.agenda_item_id,
        "seats": election.seats,
        "alternates": election.alternates,
        "surplus_required": election.surplus_required,
        "counting_board": election.counting_board or [],
        "max_candidates": rules.max_candidates(election.seats + election.alternates),
        "candidates": [
            {"name": c.name, "floor": c.floor, "agree": c.agree, "present": c.present}
            for c in election.candidates
        ],
        "rounds": [round_dict(r) for r in election.rounds],
        "standing": standing_of(election),
        "next_round": None if scope is None else scope.__dict__,
        "complete": scope is None,
        "base": _current_base(election.item.meeting),
    }


def _current_base(meeting: Meeting) -> dict[str, Any] | None:
    try:
        return base_dict(base_working(meeting))
    except Invalid:  # nobody left to vote: the page says so instead
        return None


def counting_report(election: Election) -> dict[str, Any]:
    """What the counting board's report (biên bản kiểm phiếu) needs, per round, as data.

    Ballots issued / returned / valid / invalid, votes per candidate (highest first, with
    whether it is above half of the base), elected, alternates, tied, unfilled; plus the
    meeting, the body and the rule with its legal basis. The documents package renders it.
    """
    item = election.item
    meeting = item.meeting
    rule = rules.ELECTED_RULE
    rounds = []
    for row in election.rounds:
        ranked = sorted(row.votes.items(), key=lambda kv: (-kv[1], kv[0]))
        rounds.append(
            round_dict(row)
            | {
                "votes": [
                    {"name": n, "votes": v, "above_half": rule.met(v, row.base)} for n, v in ranked
                ],
                "recorded_at": service._local(row.recorded_at),
                "recorded_by": row.recorded_by,
            }
        )
    return {
        "election_id": election.id,
        "item_id": item.id,
        "item_title": item.title,
        "meeting_id": meeting.id,
        "meeting_title": meeting.title,
        "meeting_location": meeting.location,
        "body_name": meeting.body.name,
        "body_kind": meeting.body.kind,
        "unit_name": meeting.body.unit.name,
        "seats": election.seats,
        "alternates": election.alternates,
        "candidates": [{"name": c.name, "floor": c.floor} for c in election.candidates],
        "rule": f"{rule.label_vi} số phiếu so với tổng số người được triệu tập (trừ vắng có lý do)",
        "basis": rule.basis_vi,
        "rounds": rounds,
        **standing_of(election),
        "complete": next_scope(election) is None,
    }
