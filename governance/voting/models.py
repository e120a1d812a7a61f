"""Recorded vote results, device polls, elections and their rounds.

Uniqueness that matters for the record is enforced by the database, not only by code:
- `vote_results.current_item_id` is the item's id while a result stands and NULL once it
  is reopened, and it is UNIQUE: a second standing result for an item cannot be stored;
- `device_polls.open_meeting_id` is likewise set only while a poll is open: one open poll
  per meeting;
- `device_participations (poll_id, member_id)` is UNIQUE: a member is counted once.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from governance.core.database import UTCDateTime, utcnow
from governance.extensions import db
from governance.meetings.models import AgendaItem


class Method(enum.StrEnum):
    SHOW_OF_HANDS = "show_of_hands"
    SECRET_BALLOT = "secret_ballot"
    ROLL_CALL = "roll_call"


class Choice(enum.StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


class VoteResult(db.Model):
    """One recorded result of an item's vote; reopened results stay as history."""

    __tablename__ = "vote_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    # The item's id while this result stands, NULL once reopened; UNIQUE (see module doc).
    current_item_id: Mapped[int | None] = mapped_column(unique=True)
    method: Mapped[str] = mapped_column(String(20))
    yes: Mapped[int]
    no: Mapped[int]
    abstain: Mapped[int]
    present: Mapped[int]  # members present when it was recorded
    base: Mapped[int]  # all members of the body: the base is the membership
    majority: Mapped[str] = mapped_column(String(30))
    required: Mapped[int]
    adopted: Mapped[bool] = mapped_column(Boolean)
    body_kind: Mapped[str] = mapped_column(String(40))
    explanation: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(64), default="")
    reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reopened_by: Mapped[str] = mapped_column(String(64), default="")
    reopen_reason: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[AgendaItem] = relationship()
    ballots: Mapped[list[RollCallBallot]] = relationship(
        back_populates="result", order_by="RollCallBallot.member_id", cascade="all, delete-orphan"
    )


class RollCallBallot(db.Model):
    """A member's vote in a roll call (only roll calls: a secret ballot has no such row)."""

    __tablename__ = "roll_call_ballots"
    __table_args__ = (UniqueConstraint("result_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("vote_results.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    choice: Mapped[str] = mapped_column(String(10))

    result: Mapped[VoteResult] = relationship(back_populates="ballots")


class DevicePoll(db.Model):
    """Members voting on their own devices for one item (see voting.devices)."""

    __tablename__ = "device_polls"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    open_meeting_id: Mapped[int | None] = mapped_column(unique=True)  # set while open
    secret: Mapped[bool] = mapped_column(Boolean, default=False)
    # Tallies, moved by single UPDATE statements so that concurrent votes never collide.
    yes: Mapped[int] = mapped_column(default=0)
    no: Mapped[int] = mapped_column(default=0)
    abstain: Mapped[int] = mapped_column(default=0)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    result_id: Mapped[int | None] = mapped_column(ForeignKey("vote_results.id"))

    item: Mapped[AgendaItem] = relationship()


class DeviceParticipation(db.Model):
    """That a member voted in a poll. `choice` is NULL on a secret poll (no voter link)."""

    __tablename__ = "device_participations"
    __table_args__ = (UniqueConstraint("poll_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("device_polls.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    choice: Mapped[str | None] = mapped_column(String(10))
    seq: Mapped[int] = mapped_column(default=1)  # bumped on every change


class Election(db.Model):
    __tablename__ = "elections"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), unique=True)
    seats: Mapped[int]
    alternates: Mapped[int] = mapped_column(default=0)
    surplus_required: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    # The counting board [{name, role: head|member}]: named in the counting report, each signs.
    counting_board: Mapped[list | None] = mapped_column(JSON, default=list)

    item: Mapped[AgendaItem] = relationship()
    candidates: Mapped[list[Candidate]] = relationship(
        back_populates="election", order_by="Candidate.id", cascade="all, delete-orphan"
    )
    rounds: Mapped[list[ElectionRound]] = relationship(
        back_populates="election", order_by="ElectionRound.number", cascade="all, delete-orphan"
    )


class Candidate(db.Model):
    __tablename__ = "election_candidates"
    __table_args__ = (UniqueConstraint("election_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    floor: Mapped[bool] = mapped_column(Boolean, default=False)  # nominated from the floor
    agree: Mapped[int | None]  # floor nomination: how many present agreed ...
    present: Mapped[int | None]  # ... out of how many present

    election: Mapped[Election] = relationship(back_populates="candidates")


class ElectionRound(db.Model):
    """One round of counting, with what the counting report (biên bản kiểm phiếu) needs."""

    __tablename__ = "election_rounds"
    __table_args__ = (UniqueConstraint("election_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    number: Mapped[int]
    seats: Mapped[int]  # places this round fills (a tie round: those the tied compete for)
    alternates: Mapped[int] = mapped_column(default=0)
    candidates: Mapped[list] = mapped_column(JSON)  # names on this round's ballot
    ballots_issued: Mapped[int]
    ballots_returned: Mapped[int]
    invalid: Mapped[int]
    base: Mapped[int]
    votes: Mapped[dict] = mapped_column(JSON)  # {name: votes}
    elected: Mapped[list] = mapped_column(JSON)
    elected_alternates: Mapped[list] = mapped_column(JSON)
    tied: Mapped[list] = mapped_column(JSON)
    tie_groups: Mapped[list] = mapped_column(JSON)  # [{candidates, votes, seats, alternates}]
    unfilled: Mapped[int]
    unfilled_alternates: Mapped[int] = mapped_column(default=0)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(64), default="")

    election: Mapped[Election] = relationship(back_populates="rounds")

    @property
    def valid(self) -> int:
        return self.ballots_returned - self.invalid
