"""Who signs: the person holding the office, found in the registry (DOMAIN 6).

A signer is a person: the name printed is the member whose `position` is the office (Chair
of the council, Party Secretary…), never an account's display name or a role. Where nobody
holds it, the name is left empty: the document prints a dotted line for the hand, and the
clerk is told before drafting (`missing_offices`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app, has_app_context

from governance.documents.letterhead import Signature, signature_for

DOTS = "……………………"  # printed where a name is to be written by hand


@dataclass(frozen=True)
class Office:
    title: str  # as a position starts: "chủ tịch", "bí thư"
    label: str  # as a person reads it: "Chủ tịch HĐND"
    exclude: tuple[str, ...] = ()  # words that make it another office ("ubnd" for a council)
    family: tuple[str, ...] = ()  # sibling bodies of the unit where the holder may be listed


_COUNCIL = ("people_council", "people_council_standing")
_PARTY = ("party_executive", "party_standing")
OFFICES = {
    "party_executive": Office("bí thư", "Bí thư Đảng ủy", (), _PARTY),
    "party_standing": Office("bí thư", "Bí thư Đảng ủy", (), _PARTY),
    "party_inspection": Office("chủ nhiệm", "Chủ nhiệm Ủy ban Kiểm tra"),
    "people_council": Office(
        "chủ tịch", "Chủ tịch HĐND", ("ubnd", "ủy ban", "mttq", "mặt trận"), _COUNCIL
    ),
    "people_council_standing": Office(
        "chủ tịch", "Chủ tịch HĐND", ("ubnd", "ủy ban", "mttq", "mặt trận"), _COUNCIL
    ),
    "people_committee": Office("chủ tịch", "Chủ tịch UBND", ("hđnd", "hội đồng", "mttq")),
    "front_committee": Office("chủ tịch", "Chủ tịch Ủy ban MTTQ", ("hđnd", "ubnd")),
}

# Who convenes a body's meeting, and signs its invitation and programme (DOMAIN 6).
CONVENERS = {
    "people_council": "people_council_standing",  # TM. THƯỜNG TRỰC HĐND
    "party_executive": "party_standing",  # T/M BAN THƯỜNG VỤ
}


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").lower().replace("uỷ", "ủy").strip()


def holds(position: str, office: Office) -> bool:
    """`Chủ tịch HĐND xã` holds the council chair; `Phó Chủ tịch …` and `Chủ tịch UBND` not."""
    for part in _norm(position).replace(";", ",").split(","):
        part = part.strip()
        if part.startswith(office.title) and not any(w in part for w in office.exclude):
            return True
    return False


def _members(body) -> Iterable:
    yield from body.members
    office = OFFICES.get(body.kind)
    for sibling in body.unit.bodies if office else ():
        if sibling.id != body.id and sibling.kind in office.family:
            yield from sibling.members


def office_holder(body) -> str:
    """The name of the member who holds the body's head office, or "" when nobody does."""
    office = OFFICES.get(body.kind)
    if office is None:
        return ""
    for member in _members(body):
        if holds(member.position, office):
            return member.full_name
    return ""


def body_signature(body, chair: str = "") -> Signature:
    """The block of a document the body issues, with the office holder's name (else the
    meeting's chair: a congress presidium signs "T/M ĐOÀN CHỦ TỊCH", configurable)."""
    signature = signature_for(body.kind, office_holder(body) or chair.strip())
    if body.kind == "congress" and has_app_context():
        signature.on_behalf = current_app.config.get("CONGRESS_SIGNATURE", signature.on_behalf)
    return signature


def convening_signature(body) -> Signature:
    """Invitations and programmes are signed by the body that convenes the meeting."""
    kind = CONVENERS.get(body.kind, body.kind)
    signature = signature_for(kind, office_holder(body))
    return signature


_CONVENER_TEXT = {
    "people_council": "Thường trực Hội đồng nhân dân {where}",
    "people_council_standing": "Thường trực Hội đồng nhân dân {where}",
    "party_executive": "Ban Thường vụ Đảng ủy {where}",
    "party_standing": "Ban Thường vụ Đảng ủy {where}",
    "people_committee": "Ủy ban nhân dân {where}",
}


def convener_text(body_kind: str, where: str, default: str) -> str:
    """The convening body as a sentence names it ("Thường trực Hội đồng nhân dân xã …")."""
    pattern = _CONVENER_TEXT.get(body_kind)
    return pattern.format(where=where) if pattern else default


def missing_offices(body, chair: str = "", secretary: str = "") -> list[str]:
    """What the clerk must know before drafting: offices nobody holds, names not given."""
    missing = []
    office = OFFICES.get(body.kind)
    if office is not None and not office_holder(body):
        missing.append(office.label)
    if chair is not None and not chair.strip():
        missing.append("Chủ tọa")
    if secretary is not None and not secretary.strip():
        missing.append("Thư ký")
    return missing
