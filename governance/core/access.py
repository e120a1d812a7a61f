"""Who may read or change what: the one place where role and unit are checked.

Every view and API endpoint calls these before it loads or writes anything.
"""

from __future__ import annotations

from typing import Protocol

from governance.core.errors import Forbidden
from governance.core.models import Role, User

REGISTRY_KEEPERS = (Role.ADMIN, Role.CLERK)
MEETING_PLANNERS = (Role.ADMIN, Role.CLERK)
SESSION_RUNNERS = (Role.ADMIN, Role.CHAIR, Role.SECRETARY)
ROLL_KEEPERS = (Role.ADMIN, Role.CLERK, Role.CHAIR, Role.SECRETARY)
DOCUMENT_WRITERS = (Role.ADMIN, Role.CLERK, Role.CHAIR, Role.SECRETARY)


class UnitRef(Protocol):
    """What the checks read of a unit: org's Unit, or a transient one a probe made. (The
    queries of the units a user sees live in org.scope: core knows no tables above it.)"""

    id: int
    parent_id: int | None


def in_scope(user: User, unit: UnitRef) -> bool:
    """The unit is the user's own, or (for an inspector) within the user's province."""
    if user.role == Role.ADMIN:
        return True
    if user.unit_id is None:
        return False
    if user.role == Role.INSPECTOR:
        return unit.id == user.unit_id or unit.parent_id == user.unit_id
    return unit.id == user.unit_id


def can_read(user: User, unit: UnitRef) -> bool:
    return in_scope(user, unit)


def can_manage_registry(user: User, unit: UnitRef) -> bool:
    """Bodies and members are kept by the unit's clerk (and the administrator)."""
    return user.role in REGISTRY_KEEPERS and in_scope(user, unit)


def can_prepare_meetings(user: User, unit: UnitRef) -> bool:
    """Plan meetings, build agendas, attach papers, send invitations: the office."""
    return user.role in MEETING_PLANNERS and in_scope(user, unit)


def can_run_session(user: User, unit: UnitRef) -> bool:
    """Open and close a session, record votes: the chair, or the secretary beside them."""
    return user.role in SESSION_RUNNERS and in_scope(user, unit)


def can_take_attendance(user: User, unit: UnitRef) -> bool:
    """The roll is kept at the door by the office, or in the room by the chair's table."""
    return user.role in ROLL_KEEPERS and in_scope(user, unit)


def can_reopen_vote(user: User, unit: UnitRef) -> bool:
    """Reopening a locked result is the chair's decision (or the administrator's), with a
    reason the audit log keeps."""
    return user.role in (Role.ADMIN, Role.CHAIR) and in_scope(user, unit)


def can_write_documents(user: User, unit: UnitRef) -> bool:
    """Drafts are prepared by the office, the secretary (minutes) and the chair."""
    return user.role in DOCUMENT_WRITERS and in_scope(user, unit)


def can_sign(user: User, unit: UnitRef) -> bool:
    """Only a chair of the document's own unit signs: a signature is personal."""
    return user.role == Role.CHAIR and user.unit_id == unit.id


def can_manage_units(user: User) -> bool:
    return user.role == Role.ADMIN


def can_read_audit(user: User) -> bool:
    return user.role == Role.ADMIN


def require(allowed: bool) -> None:
    if not allowed:
        raise Forbidden()


# --- drafts ---
DRAFT_KEEPERS = (Role.ADMIN, Role.CLERK)


def can_keep_drafts(user: User, unit: UnitRef) -> bool:
    """Create drafts, save versions, open them for comments, handle comments, submit: the
    office (CONTRACT: the clerk prepares drafts) and the administrator."""
    return user.role in DRAFT_KEEPERS and in_scope(user, unit)


def can_comment_drafts(user: User, unit: UnitRef) -> bool:
    """Comment and propose changes: everyone of the unit; an inspector only reads."""
    return user.role != Role.INSPECTOR and in_scope(user, unit)


# --- documents ---
SIGNING_ROLES = {"chair": Role.CHAIR, "secretary": Role.SECRETARY}


def can_sign_as(user: User, unit: UnitRef, slot: str) -> bool:
    """Each signature is the person's own: the chair signs as chair, the secretary signs the
    minutes as secretary; only in their own unit, never the administrator for them."""
    role = SIGNING_ROLES.get(slot)
    return role is not None and user.role == role and user.unit_id == unit.id


def can_publish(user: User, unit: UnitRef) -> bool:
    """Publishing a signed document is the office's work (or the chair's)."""
    return user.role in (Role.ADMIN, Role.CLERK, Role.CHAIR) and in_scope(user, unit)


# --- oversight ---


def can_oversee(user: User, province: UnitRef) -> bool:
    """The dashboard of a province: the administrator, or an inspector of that province."""
    if user.role == Role.ADMIN:
        return True
    return user.role == Role.INSPECTOR and user.unit_id is not None and user.unit_id == province.id


def can_record_findings(user: User, unit: UnitRef) -> bool:
    """Findings and requests on a commune: the only thing an inspector writes."""
    if user.role == Role.ADMIN:
        return True
    return (
        user.role == Role.INSPECTOR and user.unit_id is not None and unit.parent_id == user.unit_id
    )


def can_answer_findings(user: User, unit: UnitRef) -> bool:
    """The commune answers through its office (the clerk) or its chair."""
    if user.role == Role.ADMIN:
        return True
    return user.role in (Role.CLERK, Role.CHAIR) and user.unit_id == unit.id


# --- congress ---
CONGRESS_PREPARERS = (Role.ADMIN, Role.CLERK)


def can_prepare_congress(user: User, unit: UnitRef) -> bool:
    """The plan, the cells and seats, the delegates and credentials: the Party office."""
    return user.role in CONGRESS_PREPARERS and in_scope(user, unit)


def can_record_exclusions(user: User, unit: UnitRef) -> bool:
    """Who is left out of an election base is recorded by those who keep the roll."""
    return user.role in ROLL_KEEPERS and in_scope(user, unit)


# --- scale ---
