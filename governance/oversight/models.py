"""Findings and requests an inspector records on a commune, and the commune's answers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from governance.core.database import UTCDateTime, utcnow
from governance.extensions import db
from governance.org.models import Unit


class Finding(db.Model):
    __tablename__ = "oversight_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    item_key: Mapped[str] = mapped_column(String(60), default="")  # checklist item, "" = general
    kind: Mapped[str] = mapped_column(String(20), default="finding")  # finding | request
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    author_name: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[str] = mapped_column(String(120), default="")
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    unit: Mapped[Unit] = relationship()
