"""Who issues a document: the header lines, issuer code, style and signature of a body.

Party bodies (Executive, Standing, Inspection Committee, congress) write in the Party format
(Guidance 36-HD/VPTW); People's Council, People's Committee and the others in the state
format (Decree 30/2020/NĐ-CP, Appendix I).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

PARTY_KINDS = {"party_executive", "party_standing", "party_inspection", "congress"}
UNIT_PREFIXES = {"commune": "Xã", "ward": "Phường", "special_zone": "Đặc khu"}
_PROVINCE_PREFIXES = ("Tỉnh", "Thành phố")


@dataclass(kw_only=True)
class Letterhead:
    style: str = "state"  # "state" | "party"
    parent_line: str = ""  # the level above, caps, not bold ("ĐẢNG BỘ TỈNH LẠNG SƠN")
    issuer_lines: list[str] = field(default_factory=list)  # caps bold ("ĐẢNG ỦY XÃ …")
    issuer_code: str = "UBND"  # after the type code in the number: NQ-HĐND, NQ/ĐU
    issuer_name: str = ""  # in running text: "Hội đồng nhân dân xã Đồng Đăng"
    place: str = ""  # for the date line: "Đồng Đăng"


@dataclass(kw_only=True)
class Signature:
    on_behalf: str = ""  # "TM. HỘI ĐỒNG NHÂN DÂN", "T/M ĐẢNG ỦY", "KT. CHỦ TỊCH"
    position: str = ""  # "CHỦ TỊCH", "BÍ THƯ"
    name: str = ""  # the signer's full name, bold
    signed_note: str = ""  # set on signing: "Đã ký số" line under the position


class UnitLike(Protocol):
    name: str
    kind: str

    @property
    def parent(self) -> UnitLike | None: ...


def short_name(unit: UnitLike) -> str:
    """`Xã Đồng Đăng` → `Đồng Đăng`: the place on the date line."""
    name = unit.name.strip()
    for prefix in (*UNIT_PREFIXES.values(), *_PROVINCE_PREFIXES):
        if name.lower().startswith(prefix.lower() + " "):
            return name[len(prefix) + 1 :].strip()
    return name


def unit_text(unit: UnitLike) -> str:
    """ "xã Đồng Đăng": the unit in running text, its kind in full ("của xã Đồng Đăng")."""
    return f"{UNIT_PREFIXES.get(unit.kind, '').lower()} {short_name(unit)}".strip()


def unit_caps(unit: UnitLike) -> str:
    """`XÃ ĐỒNG ĐĂNG`: the unit with its kind, in capitals."""
    prefix = UNIT_PREFIXES.get(unit.kind, "")
    return f"{prefix} {short_name(unit)}".strip().upper()


def _province_caps(unit: UnitLike) -> str:
    parent = unit.parent
    if parent is None:
        return ""
    name = parent.name.strip()
    if not name.lower().startswith(tuple(p.lower() for p in _PROVINCE_PREFIXES)):
        name = f"Tỉnh {name}"
    return name.upper()


def _sentence(caps: str, unit: UnitLike) -> str:
    """`HỘI ĐỒNG NHÂN DÂN XÃ ĐỒNG ĐĂNG` → `Hội đồng nhân dân xã Đồng Đăng`."""
    place = short_name(unit)
    text = caps.lower().replace(place.lower(), place)
    return text[:1].upper() + text[1:]


def style_of(body_kind: str | None) -> str:
    return "party" if body_kind in PARTY_KINDS else "state"


def letterhead_for(unit: UnitLike, body_kind: str | None) -> Letterhead:
    """The header of a document issued by a body of this kind in this unit."""
    here, province = unit_caps(unit), _province_caps(unit)
    if body_kind in PARTY_KINDS:
        committee = f"ĐẢNG ỦY {here}"
        parent = f"ĐẢNG BỘ {province}" if province else ""
        if body_kind == "party_inspection":
            parent, lines, code = committee, ["ỦY BAN KIỂM TRA"], "UBKTĐU"
            name = f"Ủy ban Kiểm tra {_sentence(committee, unit)}"
        elif body_kind == "congress":
            lines, code = [f"ĐẢNG BỘ {here}", "ĐẠI HỘI ĐẠI BIỂU"], "ĐH"
            name = f"Đoàn Chủ tịch Đại hội {_sentence(lines[0], unit)}"
        else:
            lines, code, name = [committee], "ĐU", _sentence(committee, unit)
        return Letterhead(
            style="party",
            parent_line=parent,
            issuer_lines=lines,
            issuer_code=code,
            issuer_name=name,
            place=short_name(unit),
        )
    issuer, code = _STATE_ISSUERS.get(body_kind or "", _STATE_ISSUERS["people_committee"])
    return Letterhead(
        style="state",
        issuer_lines=[issuer, here],
        issuer_code=code,
        issuer_name=_sentence(f"{issuer} {here}", unit),
        place=short_name(unit),
    )


_STATE_ISSUERS = {
    "people_council": ("HỘI ĐỒNG NHÂN DÂN", "HĐND"),
    "people_council_standing": ("THƯỜNG TRỰC HĐND", "TTHĐND"),
    "people_committee": ("ỦY BAN NHÂN DÂN", "UBND"),
    "front_committee": ("ỦY BAN MTTQ VIỆT NAM", "MTTQ"),
}

_SIGNATURES = {
    "party_executive": ("T/M ĐẢNG ỦY", "BÍ THƯ"),
    "party_standing": ("T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
    "party_inspection": ("T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM"),
    "congress": ("T/M ĐOÀN CHỦ TỊCH", ""),
    "people_council": ("TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"),
    "people_council_standing": ("TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH"),
    "people_committee": ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    "front_committee": ("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"),
}


def signature_for(body_kind: str | None, name: str = "") -> Signature:
    """The default block; offices change it (a deputy signs "KT." / "PHÓ BÍ THƯ")."""
    on_behalf, position = _SIGNATURES.get(body_kind or "", _SIGNATURES["people_committee"])
    return Signature(on_behalf=on_behalf, position=position, name=name)
