"""A Party committee's congress: its plan, cells and seats, delegates, and the election base.

DOMAIN section 5. The congress body (`Body.kind == "congress"`) holds the delegates
convened as its members, so congress sessions are ordinary meetings of that body.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from governance.core.database import UTCDateTime, utcnow
from governance.extensions import db
from governance.org.models import Body, Member, Unit


class CongressForm(enum.StrEnum):
    DELEGATES = "delegates"  # Đại hội đại biểu
    ALL_MEMBERS = "all_members"  # Đại hội đảng viên


class CongressStatus(enum.StrEnum):
    PREPARING = "preparing"
    CONVENED = "convened"  # the delegates are called: the congress body holds them
    HELD = "held"


class DelegateCategory(enum.StrEnum):
    OFFICIAL = "official"  # elected by a cell, official
    ALTERNATE = "alternate"  # elected by a cell, alternate (in list order)
    EX_OFFICIO = "ex_officio"  # member of the outgoing executive committee
    DESIGNATED = "designated"  # designated by the upper committee


class DelegateStatus(enum.StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    PROSECUTED = "prosecuted"
    TRANSFERRED = "transferred"
    RETIRING = "retiring"


FORM_LABELS = {
    "delegates": _l("Congress of delegates"),
    "all_members": _l("Congress of all members"),
}
STATUS_LABELS = {"preparing": _l("Preparing"), "convened": _l("Convened"), "held": _l("Held")}
CATEGORY_LABELS = {
    "official": _l("Official (elected)"),
    "alternate": _l("Alternate"),
    "ex_officio": _l("Ex officio"),
    "designated": _l("Designated"),
}
DELEGATE_STATUS_LABELS = {
    "active": _l("Convened"),
    "suspended": _l("Suspended"),
    "prosecuted": _l("Prosecuted, indicted or detained"),
    "transferred": _l("Transferred out"),
    "retiring": _l("Retiring before the opening"),
}


class Congress(db.Model):
    __tablename__ = "congresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id"), unique=True)
    term: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300), default="")
    opens_on: Mapped[date] = mapped_column(Date)
    form: Mapped[str] = mapped_column(String(20), default=CongressForm.DELEGATES)
    ex_officio: Mapped[int] = mapped_column(default=0)
    designated: Mapped[int] = mapped_column(default=0)
    elected: Mapped[int] = mapped_column(default=0)  # seats allocated to the cells
    status: Mapped[str] = mapped_column(String(20), default=CongressStatus.PREPARING)
    # Set by the province: no built-in figure is claimed as law (DOMAIN 5).
    notice_days: Mapped[int] = mapped_column(default=30)  # working days
    provincial_deadline: Mapped[date | None] = mapped_column(Date)
    holidays: Mapped[list] = mapped_column(JSON, default=list)  # ISO dates
    max_delegates: Mapped[int] = mapped_column(default=250)
    max_executive: Mapped[int] = mapped_column(default=27)
    executive_seats: Mapped[int] = mapped_column(default=0)
    # The allocation in force: method, base per cell, the tie and how it was decided.
    method: Mapped[str] = mapped_column(String(20), default="hamilton")
    minimum: Mapped[int] = mapped_column(default=0)
    tied: Mapped[list] = mapped_column(JSON, default=list)
    to_decide: Mapped[int] = mapped_column(default=0)
    decided: Mapped[list] = mapped_column(JSON, default=list)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    unit: Mapped[Unit] = relationship()
    body: Mapped[Body | None] = relationship()
    cells: Mapped[list[CongressCell]] = relationship(
        back_populates="congress", order_by="CongressCell.position", cascade="all, delete-orphan"
    )
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="congress", order_by="Milestone.due_on", cascade="all, delete-orphan"
    )
    delegates: Mapped[list[Delegate]] = relationship(
        back_populates="congress",
        order_by="(Delegate.category, Delegate.cell_id, Delegate.rank, Delegate.id)",
        cascade="all, delete-orphan",
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def total_delegates(self) -> int:
        return self.ex_officio + self.designated + self.elected


class CongressCell(db.Model):
    __tablename__ = "congress_cells"
    __table_args__ = (UniqueConstraint("congress_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    congress_id: Mapped[int] = mapped_column(ForeignKey("congresses.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    members: Mapped[int]
    seats: Mapped[int | None]  # allocated; None until allocated (or while tied)

    congress: Mapped[Congress] = relationship(back_populates="cells")


class Milestone(db.Model):
    __tablename__ = "congress_milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    congress_id: Mapped[int] = mapped_column(ForeignKey("congresses.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    owner: Mapped[str] = mapped_column(String(200), default="")
    working_days_before: Mapped[int | None]  # None: a fixed date (e.g. the province's)
    due_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)

    congress: Mapped[Congress] = relationship(back_populates="milestones")


class Delegate(db.Model):
    __tablename__ = "congress_delegates"
    __table_args__ = (UniqueConstraint("congress_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    congress_id: Mapped[int] = mapped_column(ForeignKey("congresses.id"), index=True)
    cell_id: Mapped[int | None] = mapped_column(ForeignKey("congress_cells.id"), index=True)
    category: Mapped[str] = mapped_column(String(20))
    rank: Mapped[int] = mapped_column(default=0)  # order on the cell's list (alternates)
    full_name: Mapped[str] = mapped_column(String(120))
    gender: Mapped[str] = mapped_column(String(10), default="male")
    birth_year: Mapped[int | None]
    ethnicity: Mapped[str] = mapped_column(String(50), default="")
    education: Mapped[str] = mapped_column(String(120), default="")
    theory_level: Mapped[str] = mapped_column(String(120), default="")
    party_joined_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default=DelegateStatus.ACTIVE)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("congress_delegates.id"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))  # in the congress
    # The person in the commune's registry (e.g. a member of the Executive Committee): the
    # credentials figures read their details there, and their account votes at the congress.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))

    congress: Mapped[Congress] = relationship(back_populates="delegates")
    cell: Mapped[CongressCell | None] = relationship()
    # Loaded with the delegates in one query: the credentials read every person's record.
    person: Mapped[Member | None] = relationship(foreign_keys=[person_id], lazy="selectin")

    @property
    def convened(self) -> bool:
        """Called to the congress: active, and an alternate only once seated."""
        if self.status != DelegateStatus.ACTIVE:
            return False
        return self.category != DelegateCategory.ALTERNATE or self.replaces_id is not None


class BaseExclusion(db.Model):
    """Someone left out of a meeting's election base, with the category (DOMAIN 4)."""

    __tablename__ = "election_exclusions"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    category: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")
