"""What the session day adds to the record: the chair's current item, and the speakers."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from governance.core.database import UTCDateTime, utcnow
from governance.extensions import db
from governance.org.models import Member


class SessionLive(db.Model):
    """One row per meeting in session: the item the chair shows, and a counter bumped by
    every change the screens follow (several app hosts share it: no process memory)."""

    __tablename__ = "session_live"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    current_item_id: Mapped[int | None]
    version: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SpeakerStatus(enum.StrEnum):
    WAITING = "waiting"
    SPEAKING = "speaking"
    DONE = "done"


class Speaker(db.Model):
    """A request to speak on an item. Uniqueness held by the database:
    `waiting_member_id` is the member's id while waiting or speaking (UNIQUE per item: one
    request at a time), `speaking_meeting_id` the meeting's id while speaking (one speaker
    at a time per meeting)."""

    __tablename__ = "speakers"
    __table_args__ = (
        UniqueConstraint("agenda_item_id", "waiting_member_id", name="uq_speakers_agenda_item_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    position: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(10), default=SpeakerStatus.WAITING)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    seconds: Mapped[int] = mapped_column(default=0)  # time spoken, closed turns
    added_by: Mapped[str] = mapped_column(String(64), default="")
    waiting_member_id: Mapped[int | None]
    speaking_meeting_id: Mapped[int | None] = mapped_column(unique=True)

    member: Mapped[Member] = relationship()
