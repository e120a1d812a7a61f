"""Draft operations: load with access checks, write versions, submit, read the adopted text.

Status: `draft` → `review` (open for comments until a deadline) → `submitted` to an agenda
item → `adopted` or `returned`, which the item's vote decides (models.Draft.effective_status
reads it on every load: nothing here has to be told when a vote is recorded or reopened).
An adopted draft is frozen: every change answers 409. A returned draft is released to
`draft` by the next change made to it (the audit log keeps that it was returned).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from governance.core import access, audit
from governance.core.database import utcnow
from governance.core.errors import Conflict, Invalid, NotFound
from governance.core.models import User
from governance.core.records import snapshot
from governance.core.schemas import local_zone
from governance.drafts import structure
from governance.drafts.models import Draft, DraftVersion, Status
from governance.drafts.papers import starters
from governance.drafts.structure import Block
from governance.extensions import db
from governance.meetings.models import AgendaItem, Meeting, MeetingStatus
from governance.org import scope
from governance.org.models import Body, Unit
from governance.org.people import person_name
from governance.voting.models import VoteResult

NEEDS = {
    "read": access.can_read,
    "keep": access.can_keep_drafts,
    "comment": access.can_comment_drafts,
}
TYPE_CODES = ("QC", "CTr", "KH", "NQ", "QĐ", "BC", "TTr", "ĐA", "HD", "TB")
MAX_TEXT = 200_000


@dataclass(frozen=True)
class AdoptedText:
    draft_id: int
    type_code: str  # "QC", "CTr", "KH", "NQ", "QĐ", ...
    title: str  # "Quy chế làm việc của Ban Chấp hành Đảng bộ xã ..."
    version: int
    blocks: list[Block]


# Loading ----------------------------------------------------------------------------------


def get_draft(draft_id: int, by: User, need: str = "read") -> Draft:
    draft = db.session.get(Draft, draft_id)
    if draft is None:
        raise NotFound(_("This draft does not exist."))
    access.require(NEEDS[need](by, draft.unit))
    return draft


def get_body(body_id: int, by: User, need: str = "read") -> Body:
    body = db.session.get(Body, body_id)
    if body is None:
        raise NotFound(_("There is no such body."))
    access.require(NEEDS[need](by, body.unit))
    return body


def drafts_query(*, body_id: int | None = None, unit_id: int | None = None):
    query = select(Draft).join(Body).order_by(Draft.id.desc())
    query = query.options(selectinload(Draft.body).selectinload(Body.unit))
    if body_id is not None:
        query = query.where(Draft.body_id == body_id)
    if unit_id is not None:
        query = query.where(Body.unit_id == unit_id)
    return query


def list_unit_drafts(unit: Unit, by: User) -> Sequence[Draft]:
    access.require(access.can_read(by, unit))
    query = drafts_query(unit_id=unit.id).options(selectinload(Draft.versions))
    return db.session.scalars(query).all()


def open_for_comments(by: User, limit: int = 8) -> Sequence[Draft]:
    """Drafts of the units the user sees whose comment period is running, soonest first."""
    units = scope.visible_units(by).with_only_columns(Unit.id)
    query = (
        drafts_query()
        .where(Body.unit_id.in_(units), Draft.status == Status.REVIEW)
        .where(Draft.review_until >= utcnow())
        .order_by(None)
        .order_by(Draft.review_until)
        .limit(limit)
    )
    return db.session.scalars(query).all()


# Creating and saving ----------------------------------------------------------------------


def create_draft(body: Body, data: dict, by: User) -> Draft:
    """A new draft with its first version; `starter` fills title and text from a starter."""
    access.require(access.can_keep_drafts(by, body.unit))
    data = dict(data)
    note = data.get("note") or ""
    source = data.get("source", "web")
    if key := data.get("starter"):
        starter = starters().get(key)
        if starter is None:
            raise Invalid(fields={"starter": _("There is no such starter text.")})
        title, text = starter.for_unit(body.unit)
        title = data.get("title") or title
        data |= {"type_code": starter.type_code, "paper": key, "title": title, "text": text}
        note, source = f"Dự thảo khung – điểm khởi đầu ({starter.label})", "starter"
    _check_text(data.get("text", ""))
    if not (data.get("title") or "").strip():
        raise Invalid(fields={"title": _("Give the draft a title.")})
    draft = Draft(
        body=body,
        type_code=data["type_code"],
        title=data["title"].strip(),
        paper=data.get("paper") or "",
        created_by=by.username,
    )
    draft.versions.append(_version(1, data["text"], by, note or _("First text"), source))
    db.session.add(draft)
    db.session.flush()
    audit.record("create", "draft", draft.id, unit_id=body.unit_id, after=snapshot(draft), user=by)
    db.session.commit()
    return draft


def _version(number: int, text: str, by: User, note: str, source: str) -> DraftVersion:
    return DraftVersion(
        number=number,
        text=normalise(text),
        note=(note or "").strip()[:300],
        source=source,
        author=person_name(by),
        author_id=by.id,
    )


def normalise(text: str) -> str:
    """Line ends as \\n, no trailing spaces: what a person typed, otherwise untouched."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


def _check_text(text: str) -> None:
    if not text.strip():
        raise Invalid(fields={"text": _("The text is empty.")})
    if len(text) > MAX_TEXT:
        raise Invalid(fields={"text": _("The text is too long.")})


def add_version(
    draft: Draft,
    text: str,
    based_on: int,
    by: User,
    note: str = "",
    source: str = "web",
    *,
    commit: bool = True,
) -> DraftVersion:
    """Save a new version on top of `based_on`. When someone saved in between, nothing is
    written and 409 carries the latest version, so that the caller can merge. `commit=False`
    leaves the commit to a caller that changes more in the same transaction."""
    access.require(access.can_keep_drafts(by, draft.unit))
    check_changeable(draft, by)
    _check_text(text)
    if draft.status == Status.SUBMITTED:
        raise Conflict(_("The draft is submitted to a meeting: withdraw it before changing it."))
    latest = draft.latest
    if based_on != latest.number:
        raise stale(draft)
    version = _version(latest.number + 1, text, by, note, source)
    draft.versions.append(version)
    try:
        db.session.flush()
    except IntegrityError:  # another save took this number first: theirs stands
        db.session.rollback()
        raise stale(db.session.get(Draft, draft.id)) from None
    audit.record(
        "version",
        "draft",
        draft.id,
        unit_id=draft.body.unit_id,
        after={"version": version.number, "note": version.note, "source": source},
        user=by,
    )
    if commit:
        db.session.commit()
    return version


def stale(draft: Draft) -> Conflict:
    latest = draft.latest
    return Conflict(
        _(
            "%(author)s saved version %(number)s in the meantime. Your text was not saved: "
            "compare it with theirs, merge, and save again.",
            author=latest.author,
            number=latest.number,
        ),
        extra={"latest": version_dict(latest)},
    )


def check_changeable(draft: Draft, by: User) -> None:
    """Adopted text is frozen (409); a returned draft goes back to `draft` when changed."""
    status = draft.effective_status
    if status == Status.ADOPTED:
        raise Conflict(_("This draft was adopted: its text is frozen and cannot change."))
    if status == Status.RETURNED:
        record_change(draft, "return", by, "vote not adopted", **RELEASED)


RELEASED = {"status": Status.DRAFT, "agenda_item_id": None, "submitted_version": None}


def record_change(draft: Draft, action: str, by: User, reason: str = "", **values) -> None:
    """Set the draft's values and audit them, before and after; the caller commits."""
    before = snapshot(draft)
    for key, value in values.items():
        setattr(draft, key, value)
    db.session.flush()
    audit.record(
        action,
        "draft",
        draft.id,
        unit_id=draft.body.unit_id,
        before=before,
        after=snapshot(draft),
        reason=reason,
        user=by,
    )


# Submission and adoption ------------------------------------------------------------------


def submittable_items(draft: Draft) -> Sequence[AgendaItem]:
    """Vote items of the unit's planned or open meetings, not yet voted on, not taken."""
    taken = select(Draft.agenda_item_id).where(Draft.agenda_item_id.is_not(None))
    voted = select(VoteResult.current_item_id).where(VoteResult.current_item_id.is_not(None))
    query = (
        select(AgendaItem)
        .join(Meeting)
        .join(Body)
        .where(
            Body.unit_id == draft.body.unit_id,
            Meeting.status != MeetingStatus.CLOSED,
            AgendaItem.kind == "vote",
            AgendaItem.id.not_in(taken),
            AgendaItem.id.not_in(voted),
        )
        .order_by(Meeting.starts_at, AgendaItem.position)
        .options(selectinload(AgendaItem.meeting))
    )
    return db.session.scalars(query).all()


def submit(draft: Draft, item_id: int, by: User) -> Draft:
    """Put the latest version before the meeting: the item's vote will adopt or return it."""
    access.require(access.can_keep_drafts(by, draft.unit))
    check_changeable(draft, by)
    if draft.status == Status.SUBMITTED:
        raise Conflict(_("This draft is already submitted to a meeting."))
    item = db.session.get(AgendaItem, item_id)
    if item is None or item.meeting.body.unit_id != draft.body.unit_id:
        raise Invalid(fields={"agenda_item_id": _("There is no such agenda item in this unit.")})
    if item.meeting.status == MeetingStatus.CLOSED:
        raise Conflict(_("That meeting is closed."))
    if db.session.scalar(select(VoteResult.id).where(VoteResult.current_item_id == item.id)):
        raise Conflict(_("The vote on that item is already recorded."))
    holder = db.session.scalar(select(Draft.id).where(Draft.agenda_item_id == item.id))
    if holder is not None:
        raise Conflict(_("Another draft is already submitted to that item."))
    record_change(
        draft,
        "submit",
        by,
        status=Status.SUBMITTED,
        agenda_item_id=item.id,
        submitted_version=draft.latest.number,
        submitted_at=utcnow(),
    )
    db.session.commit()
    return draft


def withdraw(draft: Draft, by: User) -> Draft:
    """Take a submitted draft back before its vote (it becomes a draft again)."""
    access.require(access.can_keep_drafts(by, draft.unit))
    check_changeable(draft, by)
    if draft.status != Status.SUBMITTED:
        raise Conflict(_("This draft is not submitted."))
    record_change(draft, "withdraw", by, **RELEASED)
    db.session.commit()
    return draft


def adopted_for_item(item_id: int) -> AdoptedText | None:
    """The draft submitted to this agenda item whose vote adopted it; None otherwise.
    (INTERFACES A: the documents domain builds the resolution's operative part from it.)"""
    draft = db.session.scalar(select(Draft).where(Draft.agenda_item_id == item_id))
    if draft is None or draft.effective_status != Status.ADOPTED:
        return None
    version = draft.version_text(draft.submitted_version or draft.latest.number) or draft.latest
    return AdoptedText(
        draft_id=draft.id,
        type_code=draft.type_code,
        title=draft.title,
        version=version.number,
        blocks=structure.parse(version.text),
    )


# On the wire ------------------------------------------------------------------------------


def version_dict(version: DraftVersion) -> dict:
    return {
        "version": version.number,
        "text": version.text,
        "note": version.note,
        "source": version.source,
        "author": version.author,
        "created_at": version.created_at.astimezone(local_zone()).isoformat(),
    }


def summary(draft: Draft) -> dict:
    return {
        "id": draft.id,
        "body_id": draft.body_id,
        "type_code": draft.type_code,
        "title": draft.title,
        "paper": draft.paper,
        "status": draft.effective_status,
        "version": draft.latest.number,
        "review_until": draft.review_until,
        "agenda_item_id": draft.agenda_item_id,
        "submitted_version": draft.submitted_version,
    }


def detail(draft: Draft) -> dict:
    from governance.drafts.review import comment_dict

    return summary(draft) | {
        "versions": [version_dict(v) for v in draft.versions],
        "comments": [comment_dict(c) for c in draft.comments],
    }
