"""Delegates, their replacement by alternates, credentials, and the congress sessions.

A delegate who is suspended, prosecuted, transferred out or retiring is not convened; the
next alternate of the same cell (list order) takes the seat, with the reason recorded.
Convening puts the delegates in the congress body, whose meetings are the sessions.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from governance import rules
from governance.congress.models import (
    BaseExclusion,
    Congress,
    CongressStatus,
    Delegate,
    DelegateCategory,
    DelegateStatus,
)
from governance.core import access, audit
from governance.core.errors import Conflict, Invalid, NotFound
from governance.core.models import User
from governance.core.records import snapshot
from governance.core.schemas import local_zone
from governance.extensions import db
from governance.meetings.models import AgendaItem, Attendance, Meeting, MeetingKind
from governance.org import people
from governance.org.models import Body, BodyKind, Member
from governance.rules.credentials import Credentials, Person, credentials_figures

PERSON_FIELDS = (
    "full_name",
    "gender",
    "birth_year",
    "ethnicity",
    "education",
    "theory_level",
    "party_joined_on",
)


def get_delegate(delegate_id: int, by: User, need: str = "read") -> Delegate:
    delegate = db.session.get(Delegate, delegate_id)
    if delegate is None:
        raise NotFound(_("This delegate does not exist."))
    unit = delegate.congress.unit
    access.require(
        access.can_read(by, unit) if need == "read" else access.can_prepare_congress(by, unit)
    )
    return delegate


def add_delegate(congress: Congress, data: dict, by: User) -> Delegate:
    access.require(access.can_prepare_congress(by, congress.unit))
    if data.get("person_id"):
        _fill_from_person(data, _person(congress, data["person_id"]))
    cell_name = data.pop("cell", None)
    cell = None
    if cell_name:
        cell = next((c for c in congress.cells if c.name == cell_name), None)
        if cell is None:
            raise Invalid(fields={"cell": _("There is no cell %(name)s.", name=cell_name)})
    elected = data["category"] in (DelegateCategory.OFFICIAL, DelegateCategory.ALTERNATE)
    if elected and congress.form == "delegates" and cell is None:
        raise Invalid(fields={"cell": _("An elected delegate is elected by a cell: name it.")})
    if data["category"] == DelegateCategory.ALTERNATE and not data.get("rank"):
        same = [d for d in congress.delegates if d.cell_id == (cell.id if cell else None)]
        data["rank"] = 1 + sum(1 for d in same if d.category == DelegateCategory.ALTERNATE)
    delegate = Delegate(congress=congress, cell=cell, **data)
    db.session.add(delegate)
    db.session.flush()
    audit.record(
        "create",
        "congress_delegate",
        delegate.id,
        unit_id=congress.unit_id,
        user=by,
        after=snapshot(delegate),
    )
    db.session.commit()
    return delegate


def _person(congress: Congress, person_id: int) -> Member:
    """A member record of the congress's commune, not yet a delegate of this congress."""
    person = db.session.get(Member, person_id)
    if person is None or person.body.unit_id != congress.unit_id:
        raise Invalid(fields={"person_id": _("Choose a member of this commune's registry.")})
    if any(d.person_id == person.id for d in congress.delegates):
        message = _("%(name)s is already a delegate of this congress.", name=person.full_name)
        raise Invalid(fields={"person_id": message})
    return person


def _fill_from_person(data: dict, person: Member) -> None:
    """The registry's details of the person, where the form left them empty."""
    for name in PERSON_FIELDS:
        if data.get(name) in (None, ""):
            data[name] = getattr(person, name)


def person_choices(congress: Congress) -> list[tuple[int, str]]:
    """The commune's members not yet delegates, Executive Committee first: "name — body"."""
    taken = {d.person_id for d in congress.delegates}
    rows = db.session.execute(
        select(Member.id, Member.full_name, Member.position, Body.name, Body.kind)
        .join(Body, Body.id == Member.body_id)
        .where(Body.unit_id == congress.unit_id, Body.kind != BodyKind.CONGRESS)
        .order_by(Body.kind != BodyKind.PARTY_EXECUTIVE, Body.name, Member.full_name)
    ).all()
    return [
        (mid, f"{name} — {position + ', ' if position else ''}{body}")
        for mid, name, position, body, _kind in rows
        if mid not in taken
    ]


def link_person(delegate: Delegate, person_id: int, by: User) -> Delegate:
    """Say who a typed or imported delegate is in the registry: from then on the figures read
    the person's record, and their account follows them to the congress seat."""
    congress = delegate.congress
    access.require(access.can_prepare_congress(by, congress.unit))
    if delegate.person_id == person_id:
        return delegate
    if delegate.person_id is not None:
        raise Conflict(_("This delegate is already linked to the registry."))
    person = _person(congress, person_id)
    before = snapshot(delegate)
    delegate.person_id = person.id
    if delegate.member_id is not None:
        _seat_to_account(db.session.get(Member, delegate.member_id), person, by)
    audit.record(
        "link_person",
        "congress_delegate",
        delegate.id,
        unit_id=congress.unit_id,
        user=by,
        before=before,
        after=snapshot(delegate),
    )
    db.session.commit()
    return delegate


def add_executive_committee(congress: Congress, by: User) -> int:
    """The outgoing Executive Committee's members become ex officio delegates, each linked to
    their record (DOMAIN 5); those already delegates are skipped. Answers how many were added."""
    access.require(access.can_prepare_congress(by, congress.unit))
    typed = [
        d
        for d in congress.delegates
        if d.category == DelegateCategory.EX_OFFICIO and not d.person_id
    ]
    if typed:  # the same people would be listed twice: names are not matched
        raise Conflict(
            _(
                "This congress already lists %(n)s ex officio delegates entered without the "
                "registry: adding the Executive Committee would count them twice. Add the "
                "others one by one, choosing each person in the registry.",
                n=len(typed),
            )
        )
    linked = {d.person_id for d in congress.delegates}
    members = db.session.scalars(
        select(Member)
        .join(Body, Body.id == Member.body_id)
        .where(Body.unit_id == congress.unit_id, Body.kind == BodyKind.PARTY_EXECUTIVE)
        .order_by(Member.id)
    ).all()
    added = [m for m in members if m.id not in linked]
    for member in added:
        data = {"category": DelegateCategory.EX_OFFICIO, "person_id": member.id}
        _fill_from_person(data, member)
        congress.delegates.append(Delegate(**data))
    db.session.flush()
    audit.record(
        "add_ex_officio",
        "congress",
        congress.id,
        unit_id=congress.unit_id,
        user=by,
        after={"delegates": [m.full_name for m in added]},
    )
    db.session.commit()
    return len(added)


def import_delegates(congress: Congress, rows: list[tuple[int, dict]], by: User):
    """All the rows, or none: (created, errors [{row, field, message}])."""
    from marshmallow import ValidationError

    from governance.congress.schemas import DelegateSchema
    from governance.core.errors import flatten_messages

    access.require(access.can_prepare_congress(by, congress.unit))
    cells = {c.name: c for c in congress.cells}
    loaded, errors = [], []
    for number, values in rows:
        try:
            data = DelegateSchema().load(values)
        except ValidationError as error:
            for field, message in flatten_messages(error.messages).items():
                errors.append({"row": number, "field": field, "message": message})
            continue
        if data.get("cell") and data["cell"] not in cells:
            message = _("There is no cell %(name)s.", name=data["cell"])
            errors.append({"row": number, "field": "cell", "message": message})
            continue
        loaded.append(data)
    if errors:
        return 0, errors
    for data in loaded:
        cell = cells.get(data.pop("cell", None) or "")
        congress.delegates.append(Delegate(cell=cell, **data))
    db.session.flush()
    audit.record(
        "import_delegates",
        "congress",
        congress.id,
        unit_id=congress.unit_id,
        user=by,
        after={"delegates": [d["full_name"] for d in loaded]},
    )
    db.session.commit()
    return len(loaded), []


def set_status(delegate: Delegate, status: str, reason: str, by: User) -> Delegate | None:
    """Record why a delegate is not convened and seat the next alternate of the cell.

    Answers the alternate seated, or None (no alternate left: the seat stays empty).
    """
    congress = delegate.congress
    access.require(access.can_prepare_congress(by, congress.unit))
    reason = " ".join((reason or "").split())
    if not reason:
        raise Invalid(fields={"reason": _("Give the reason (decision, date).")})
    if delegate.status != DelegateStatus.ACTIVE:
        raise Conflict(_("This delegate is already recorded as not convened."))
    if delegate.member_id is not None and _in_a_roll(delegate.member_id):
        raise Conflict(_("The congress has taken the roll with this delegate: record it there."))
    before = snapshot(delegate)
    delegate.status, delegate.status_reason = status, reason
    substitute = None
    if delegate.category == DelegateCategory.OFFICIAL or delegate.replaces_id is not None:
        substitute = _next_alternate(delegate)
        if substitute is not None:
            substitute.replaces_id = delegate.id
    if delegate.member_id is not None:
        member = db.session.get(Member, delegate.member_id)
        delegate.member_id = None
        people.detach(member)
        db.session.delete(member)
    audit.record(
        "not_convened",
        "congress_delegate",
        delegate.id,
        unit_id=congress.unit_id,
        user=by,
        before=before,
        after=snapshot(delegate)
        | {"seated_alternate": substitute.full_name if substitute else None},
        reason=reason,
    )
    if congress.body_id is not None:
        sync_body(congress, by)
    db.session.commit()
    return substitute


def _in_a_roll(member_id: int) -> bool:
    """The member is on a session's roll or in its exclusions: the record must stay."""
    for model in (Attendance, BaseExclusion):
        query = select(model.id).where(model.member_id == member_id).limit(1)
        if db.session.scalar(query) is not None:
            return True
    return False


def _next_alternate(delegate: Delegate) -> Delegate | None:
    waiting = [
        d
        for d in delegate.congress.delegates
        if d.category == DelegateCategory.ALTERNATE
        and d.cell_id == delegate.cell_id
        and d.status == DelegateStatus.ACTIVE
        and d.replaces_id is None
    ]
    return min(waiting, key=lambda d: (d.rank, d.id), default=None)


def delegate_dict(delegate: Delegate) -> dict[str, Any]:
    return {
        "id": delegate.id,
        "cell": delegate.cell.name if delegate.cell else None,
        "category": delegate.category,
        "rank": delegate.rank,
        "status": delegate.status,
        "status_reason": delegate.status_reason,
        "convened": delegate.convened,
        "replaces_id": delegate.replaces_id,
        "person_id": delegate.person_id,
        **{field: getattr(delegate, field) for field in PERSON_FIELDS},
    }


# Credentials ---------------------------------------------------------------------------


def convened(congress: Congress) -> list[Delegate]:
    return [d for d in congress.delegates if d.convened]


def credentials(congress: Congress) -> Credentials:
    """The figures of the delegates convened; a delegate linked to the registry counts with
    the person's details there (corrected once, for every report), not a copy of them."""
    people = [
        Person(
            category=d.category if d.replaces_id is None else DelegateCategory.OFFICIAL,
            **{name: getattr(d.person or d, name) for name in PERSON_FIELDS if name != "full_name"},
        )
        for d in convened(congress)
    ]
    order = ["ex_officio", "designated", "official", "alternate"]
    people.sort(key=lambda p: order.index(p.category))
    return credentials_figures(people, congress.opens_on)


def credentials_dict(figures: Credentials) -> dict[str, Any]:
    return {
        "total": figures.total,
        "by_category": figures.by_category,
        "women": figures.women,
        "women_pct": figures.women_pct,
        "ethnic_minority": figures.minority,
        "ethnic_minority_pct": figures.minority_pct,
        "under_40": figures.under_40,
        "over_70": figures.over_70,
        "average_age": figures.average_age,
        "oldest": figures.oldest,
        "youngest": figures.youngest,
        "education": [{"label": k, "count": v} for k, v in figures.education],
        "theory_level": [{"label": k, "count": v} for k, v in figures.theory],
        "party_age": [{"label": k, "count": v} for k, v in figures.party_bands],
        "average_party_age": figures.average_party_age,
    }


# Convening and sessions ----------------------------------------------------------------

PREPARATORY = (
    ("Bầu Đoàn Chủ tịch Đại hội", "vote"),
    ("Bầu Đoàn Thư ký Đại hội", "vote"),
    ("Bầu Ban Thẩm tra tư cách đại biểu", "vote"),
    ("Thông qua Nội quy, Chương trình làm việc và Quy chế bầu cử của Đại hội", "vote"),
)
OFFICIAL = (
    ("Báo cáo chính trị của Ban Chấp hành khóa trước", "report"),
    ("Báo cáo thẩm tra tư cách đại biểu", "vote"),
    ("Thảo luận báo cáo chính trị", "discussion"),
    ("Bầu Ban Chấp hành Đảng bộ khóa mới", "election"),
    ("Bầu đại biểu chính thức và dự khuyết dự Đại hội cấp trên", "election"),
    ("Thông qua Nghị quyết Đại hội", "vote"),
)


def convene(congress: Congress, by: User) -> list[Meeting]:
    """Call the delegates: the congress body holds them; the two sessions are created."""
    access.require(access.can_prepare_congress(by, congress.unit))
    people = convened(congress)
    if not people:
        raise Invalid(_("Record the delegates before convening the congress."))
    if congress.body is None:
        congress.body = Body(
            unit=congress.unit,
            kind=BodyKind.CONGRESS,
            name=congress.title[:200],
            term=congress.term[:20],
            seats=len(people),
        )
    sync_body(congress, by)
    sessions = sessions_of(congress)
    if not sessions:
        sessions = [
            _session(congress, "Phiên trù bị", PREPARATORY, time(8, 0), 1),
            _session(congress, "Phiên chính thức", OFFICIAL, time(13, 30), 2),
        ]
    congress.status = CongressStatus.CONVENED
    db.session.flush()
    audit.record(
        "convene",
        "congress",
        congress.id,
        unit_id=congress.unit_id,
        user=by,
        after={"body": congress.body_id, "delegates": len(people)},
    )
    db.session.commit()
    return sessions


def sync_body(congress: Congress, by: User | None = None) -> None:
    """The congress body's members are the delegates convened (ordered by category); the
    account of a delegate linked to the registry is linked to their congress seat too, so
    the person votes and speaks at the congress as themselves."""
    body = congress.body
    for delegate in convened(congress):
        if delegate.member_id is None:
            source = delegate.person or delegate
            member = Member(
                body=body,
                position=_position(delegate),
                **{name: getattr(source, name) for name in PERSON_FIELDS},
            )
            member.gender = member.gender if member.gender in ("male", "female") else "male"
            db.session.add(member)
            db.session.flush()
            delegate.member_id = member.id
            if delegate.person is not None:
                _seat_to_account(member, delegate.person, by)
    body.seats = len(convened(congress))


def _seat_to_account(seat: Member, person: Member, by: User | None) -> None:
    """The person's account (if they have one) votes and speaks from their congress seat."""
    account = people.account_of(person)
    if account is not None and people.account_of(seat) is None:
        people.attach(seat, account, by)


def _position(delegate: Delegate) -> str:
    label = {
        "official": "Đại biểu bầu",
        "alternate": "Đại biểu dự khuyết (thay thế)",
        "ex_officio": "Đại biểu đương nhiên",
        "designated": "Đại biểu chỉ định",
    }[delegate.category]
    return f"{label} — {delegate.cell.name}" if delegate.cell else label


def _session(congress: Congress, title: str, items, at: time, day_offset: int) -> Meeting:
    zone = local_zone()
    day = congress.opens_on + timedelta(days=day_offset - 1)
    starts = datetime.combine(day, at, tzinfo=zone)
    meeting = Meeting(
        body=congress.body,
        title=f"{title} — {congress.title}"[:300],
        kind=MeetingKind.FIRST if day_offset == 1 else MeetingKind.REGULAR,
        sequence=day_offset,
        starts_at=starts,
        ends_at=starts + timedelta(hours=4),
        location=f"Hội trường {congress.unit.name}"[:300],
    )
    for position, (item_title, kind) in enumerate(items):
        meeting.items.append(
            AgendaItem(position=position, title=item_title, kind=kind, duration_minutes=30)
        )
    db.session.add(meeting)
    return meeting


def sessions_of(congress: Congress) -> list[Meeting]:
    if congress.body_id is None:
        return []
    query = select(Meeting).where(Meeting.body_id == congress.body_id).order_by(Meeting.starts_at)
    return list(db.session.scalars(query))


# Exclusions from the election base -----------------------------------------------------


def set_exclusions(meeting: Meeting, records: list[dict], by: User) -> rules.BaseWorking:
    """Record who is left out of the meeting's election base, each with a category."""
    from governance.voting.elections import base_form, base_working

    access.require(access.can_record_exclusions(by, meeting.body.unit))
    if meeting.status == "closed":
        raise Conflict(_("The meeting is closed; its record can no longer change."))
    form = base_form(meeting)
    members = set(db.session.scalars(select(Member.id).where(Member.body_id == meeting.body_id)))
    seen: set[int] = set()
    for record in records:
        member_id, category = record["member_id"], record["category"]
        exclusion = rules.EXCLUSIONS.get(category)
        if member_id not in members:
            raise Invalid(
                fields={"member_id": _("%(id)s is not a member of this body.", id=member_id)}
            )
        if exclusion is None or exclusion.form != form:
            raise Invalid(fields={"category": _("This category does not apply to this meeting.")})
        if member_id in seen:
            raise Invalid(fields={"member_id": _("Listed twice.")})
        seen.add(member_id)
    before = {e.member_id: e.category for e in _exclusions(meeting)}
    for row in _exclusions(meeting):
        db.session.delete(row)
    db.session.flush()
    for record in records:
        db.session.add(
            BaseExclusion(
                meeting_id=meeting.id,
                member_id=record["member_id"],
                category=record["category"],
                note=record.get("note", ""),
            )
        )
    db.session.flush()
    working = base_working(meeting)
    audit.record(
        "exclusions",
        "meeting",
        meeting.id,
        unit_id=meeting.body.unit_id,
        user=by,
        before={"exclusions": before},
        after={
            "exclusions": {r["member_id"]: r["category"] for r in records},
            "base": working.base,
        },
    )
    db.session.commit()
    return working


def add_exclusion(meeting: Meeting, member_id: int, category: str, by: User) -> rules.BaseWorking:
    """One more person left out of the base (or their category changed)."""
    records = [
        {"member_id": e.member_id, "category": e.category, "note": e.note}
        for e in _exclusions(meeting)
        if e.member_id != member_id
    ]
    return set_exclusions(meeting, [*records, {"member_id": member_id, "category": category}], by)


def _exclusions(meeting: Meeting) -> list[BaseExclusion]:
    return list(
        db.session.scalars(select(BaseExclusion).where(BaseExclusion.meeting_id == meeting.id))
    )
