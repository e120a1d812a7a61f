"""A lease per job in the database: one scheduler runs a job, whatever the number of hosts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from governance.core.database import UTCDateTime
from governance.extensions import db


class SchedulerLease(db.Model):
    __tablename__ = "scheduler_leases"

    name: Mapped[str] = mapped_column(
        String(60), primary_key=True, autoincrement=False
    )  # the job's name
    holder: Mapped[str] = mapped_column(String(120), default="")  # "host:pid:random"
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    renewed_at: Mapped[datetime] = mapped_column(UTCDateTime())
