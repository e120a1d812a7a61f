"""Drafts of a body, their versions, and the comments and change recommendations on them.

A draft's stored `status` is what this domain decides: `draft`, `review` (open for comments
until `review_until`) or `submitted` (to `agenda_item_id`). Whether a submitted draft was
adopted or returned is NOT stored: the vote on the item decides it, and the voting code is
another domain's. `vote_adopted` reads the item's standing (locked) result in the same SELECT
(a correlated subquery on the UNIQUE `vote_results.current_item_id`), so a recorded vote, a
rejected one, and a vote the chair reopens all show at once without any hook into voting and
without a copy that could go stale. See `effective_status`.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, case, select
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from governance.core.database import UTCDateTime, utcnow
from governance.extensions import db
from governance.meetings.models import AgendaItem
from governance.org.models import Body
from governance.voting.models import VoteResult


class Status(enum.StrEnum):
    DRAFT = "draft"
    REVIEW = "review"
    SUBMITTED = "submitted"
    ADOPTED = "adopted"  # derived: submitted, and the item's vote adopted it
    RETURNED = "returned"  # derived: submitted, and the item's vote rejected it


class CommentState(enum.StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Draft(db.Model):
    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id"), index=True)
    type_code: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(300))
    paper: Mapped[str] = mapped_column(String(40), default="")  # a required paper's key
    status: Mapped[str] = mapped_column(String(12), default=Status.DRAFT)
    review_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # UNIQUE: one draft per agenda item (NULLs are not equal in SQLite and PostgreSQL).
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id"), unique=True)
    submitted_version: Mapped[int | None]
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64), default="")

    body: Mapped[Body] = relationship()
    agenda_item: Mapped[AgendaItem | None] = relationship()
    versions: Mapped[list[DraftVersion]] = relationship(
        back_populates="draft", order_by="DraftVersion.number", cascade="all, delete-orphan"
    )
    comments: Mapped[list[DraftComment]] = relationship(
        back_populates="draft", order_by="DraftComment.id", cascade="all, delete-orphan"
    )

    @property
    def unit(self):
        return self.body.unit

    @property
    def latest(self) -> DraftVersion:
        return self.versions[-1]

    @property
    def effective_status(self) -> str:
        if self.status == Status.SUBMITTED and self.vote_adopted is not None:
            return Status.ADOPTED if self.vote_adopted else Status.RETURNED
        return self.status

    def version_text(self, number: int) -> DraftVersion | None:
        return next((v for v in self.versions if v.number == number), None)


# The standing result of the item the draft is submitted to: True, False, or None (no vote).
Draft.vote_adopted = column_property(
    select(VoteResult.adopted)
    .where(VoteResult.current_item_id == Draft.agenda_item_id)
    .correlate_except(VoteResult)
    .scalar_subquery()
)

# The same decision as `effective_status`, in SQL (grouped counts for oversight).
EFFECTIVE_STATUS = case(
    (
        (Draft.status == Status.SUBMITTED) & (Draft.vote_adopted.expression.is_(True)),
        Status.ADOPTED.value,
    ),
    (
        (Draft.status == Status.SUBMITTED) & (Draft.vote_adopted.expression.is_(False)),
        Status.RETURNED.value,
    ),
    else_=Draft.status,
)


class DraftVersion(db.Model):
    """One saved text. Versions are never changed; (draft, number) is UNIQUE, so two saves
    on top of the same version cannot both become the next one."""

    __tablename__ = "draft_versions"
    __table_args__ = (UniqueConstraint("draft_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), index=True)
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(String(300), default="")  # what changed
    source: Mapped[str] = mapped_column(String(20), default="web")  # web|api|docx|changes|starter
    author: Mapped[str] = mapped_column(String(120), default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    draft: Mapped[Draft] = relationship(back_populates="versions")


class DraftComment(db.Model):
    """A comment on a version (optionally on one article), or a change recommendation:
    replacement text for one article. The clerk accepts or declines it with a reason."""

    __tablename__ = "draft_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), index=True)
    version: Mapped[int]
    article: Mapped[str] = mapped_column(String(40), default="")  # "Điều 3."; "" = whole
    text: Mapped[str] = mapped_column(Text, default="")
    proposed: Mapped[str] = mapped_column(Text, default="")  # replacement text (a change)
    author: Mapped[str] = mapped_column(String(120), default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    state: Mapped[str] = mapped_column(String(10), default=CommentState.OPEN)
    reason: Mapped[str] = mapped_column(Text, default="")
    handled_by: Mapped[str] = mapped_column(String(120), default="")
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    applied_in: Mapped[int | None]  # the version that took the accepted change in

    draft: Mapped[Draft] = relationship(back_populates="comments")

    @property
    def is_change(self) -> bool:
        return bool(self.proposed)
