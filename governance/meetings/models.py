"""Meetings, their agenda items, attendance, and the papers attached to items."""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from governance.core.database import UTCDateTime, utcnow
from governance.extensions import db
from governance.org.models import Body, Member


class MeetingKind(enum.StrEnum):
    FIRST = "first"
    REGULAR = "regular"
    EXTRAORDINARY = "extraordinary"
    THEMATIC = "thematic"


class MeetingStatus(enum.StrEnum):
    PLANNED = "planned"
    OPEN = "open"
    CLOSED = "closed"

    @property
    def label(self):
        return STATUS_LABELS[self]


STATUS_LABELS = {"planned": _l("Planned"), "open": _l("In session"), "closed": _l("Closed")}


class ItemKind(enum.StrEnum):
    PROCEDURAL = "procedural"
    REPORT = "report"
    DISCUSSION = "discussion"
    VOTE = "vote"
    ELECTION = "election"


class AttendanceStatus(enum.StrEnum):
    PRESENT = "present"
    ABSENT_EXCUSED = "absent_excused"
    ABSENT = "absent"


class Meeting(db.Model):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    sequence: Mapped[int] = mapped_column(default=1)  # "kỳ họp thứ …", "Hội nghị lần thứ …"
    template: Mapped[str] = mapped_column(String(60), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # planned end
    location: Mapped[str] = mapped_column(String(300), default="")
    convener: Mapped[str] = mapped_column(String(200), default="")
    chair_name: Mapped[str] = mapped_column(String(200), default="")
    secretary_name: Mapped[str] = mapped_column(String(200), default="")
    guests: Mapped[str] = mapped_column(Text, default="")  # one per line
    status: Mapped[str] = mapped_column(String(10), default=MeetingStatus.PLANNED)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    invitation_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    papers_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    body: Mapped[Body] = relationship()
    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def unit(self):
        return self.body.unit


class AgendaItem(db.Model):
    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20), default=ItemKind.DISCUSSION)
    presenter: Mapped[str] = mapped_column(String(200), default="")
    duration_minutes: Mapped[int] = mapped_column(default=15)
    majority: Mapped[str | None] = mapped_column(String(30))  # rules.MAJORITY_RULES key
    notes: Mapped[str] = mapped_column(Text, default="")  # discussion notes for the minutes
    version: Mapped[int] = mapped_column(default=1)

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="item", order_by="Attachment.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class Attendance(db.Model):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(300), default="")

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    member: Mapped[Member] = relationship()


class Attachment(db.Model):
    """A paper for an item. The bytes live outside the web root (instance/uploads)."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(80), unique=True)
    uploaded_by: Mapped[str] = mapped_column(String(64), default="")
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # What the paper is, for the resolution's "Xét" line (INTERFACES B): "submission" (Tờ
    # trình), "review_report" (Báo cáo thẩm tra), "draft", "other"; its number, date, issuer.
    paper_kind: Mapped[str] = mapped_column(String(20), default="other", server_default="other")
    doc_number: Mapped[str] = mapped_column(String(60), default="", server_default="")
    issued_on: Mapped[date | None]
    issuer: Mapped[str] = mapped_column(String(200), default="", server_default="")

    item: Mapped[AgendaItem] = relationship(back_populates="attachments")
