"""Units (province → commune, ward, special zone), bodies of a unit, members of a body."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from governance.extensions import db


class UnitKind(enum.StrEnum):
    PROVINCE = "province"
    COMMUNE = "commune"
    WARD = "ward"
    SPECIAL_ZONE = "special_zone"


class BodyKind(enum.StrEnum):
    PARTY_EXECUTIVE = "party_executive"
    PARTY_STANDING = "party_standing"
    PARTY_INSPECTION = "party_inspection"
    PEOPLE_COUNCIL = "people_council"
    PEOPLE_COUNCIL_STANDING = "people_council_standing"
    PEOPLE_COMMITTEE = "people_committee"
    FRONT_COMMITTEE = "front_committee"
    CONGRESS = "congress"

    @property
    def is_party(self) -> bool:
        """Party bodies use the Party document format (Guidance 36-HD/VPTW)."""
        return self.value.startswith("party_") or self is BodyKind.CONGRESS


class Gender(enum.StrEnum):
    MALE = "male"
    FEMALE = "female"


class Unit(db.Model):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # If-Match on PATCH

    parent: Mapped[Unit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Unit]] = relationship(back_populates="parent", order_by="Unit.name")
    bodies: Mapped[list[Body]] = relationship(back_populates="unit", order_by="Body.id")

    __mapper_args__ = {"version_id_col": version}

    @property
    def parent_code(self) -> str | None:
        return self.parent.code if self.parent else None


class Body(db.Model):
    __tablename__ = "bodies"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    term: Mapped[str] = mapped_column(String(20))
    # The ordinal documents print ("khóa I"): Decree 30 authority line and adoption sentence.
    term_label: Mapped[str] = mapped_column(String(40), default="", server_default="")
    seats: Mapped[int]
    version: Mapped[int] = mapped_column(default=1)

    unit: Mapped[Unit] = relationship(back_populates="bodies")
    members: Mapped[list[Member]] = relationship(
        back_populates="body", order_by="Member.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class Member(db.Model):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(120))
    position: Mapped[str] = mapped_column(String(120), default="")
    gender: Mapped[str] = mapped_column(String(10))
    birth_year: Mapped[int | None]
    ethnicity: Mapped[str] = mapped_column(String(50), default="")
    education: Mapped[str] = mapped_column(String(120), default="")
    theory_level: Mapped[str] = mapped_column(String(120), default="")
    party_joined_on: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)

    body: Mapped[Body] = relationship(back_populates="members")

    __mapper_args__ = {"version_id_col": version}
