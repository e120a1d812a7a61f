"""Demo registry: Lạng Sơn province, communes named in the seed articles, fictional people.

Deterministic (a fixed random seed) so that screenshots and tests see the same names.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from governance.core import audit
from governance.core.auth import create_user
from governance.core.models import Role
from governance.extensions import db
from governance.org.models import Body, BodyKind, Member, Unit

ORDER = 10  # the registry comes first; meetings and congress build on it

PROVINCE = ("LSN", "Tỉnh Lạng Sơn")
COMMUNES = (
    ("DONG-DANG", "Xã Đồng Đăng", "commune"),
    ("CAO-LOC", "Xã Cao Lộc", "commune"),
    ("CONG-SON", "Xã Công Sơn", "commune"),
    ("BA-SON", "Xã Ba Sơn", "commune"),
    ("HUU-LUNG", "Xã Hữu Lũng", "commune"),
    ("KHANH-KHE", "Xã Khánh Khê", "commune"),
    ("KY-LUA", "Phường Kỳ Lừa", "ward"),
)
TERM_PARTY, TERM_STATE = "2025–2030", "2021–2026"

FAMILY = (
    "Nguyễn",
    "Hoàng",
    "Lương",
    "Nông",
    "Vi",
    "Lộc",
    "Hà",
    "Trần",
    "Lê",
    "Chu",
    "Lăng",
    "Đinh",
)
MALE = (
    "Văn Hùng",
    "Đức Thắng",
    "Văn Cường",
    "Minh Tuấn",
    "Văn Dũng",
    "Quang Sơn",
    "Hữu Bình",
    "Văn Hải",
    "Ngọc Long",
    "Đình Khánh",
    "Văn Toàn",
    "Xuân Trường",
)
FEMALE = (
    "Thị Lan",
    "Thị Hương",
    "Thị Mai",
    "Thu Hạnh",
    "Thị Hoa",
    "Thanh Thủy",
    "Thị Nga",
    "Thùy Linh",
    "Thị Yến",
    "Minh Phương",
)
ETHNICITY = ("Tày", "Nùng", "Kinh", "Tày", "Nùng", "Dao", "Kinh", "Sán Chay")
EDUCATION = ("Đại học", "Đại học", "Thạc sĩ", "Cao đẳng")
THEORY = ("Cao cấp", "Trung cấp", "Trung cấp", "Sơ cấp")


@dataclass(frozen=True)
class BodyPlan:
    kind: BodyKind
    name: str  # completed with the unit's name
    seats: int
    positions: tuple[str, ...]  # the first members' positions; the rest take the last one


BODY_PLANS = (
    BodyPlan(
        BodyKind.PARTY_EXECUTIVE,
        "Ban Chấp hành Đảng bộ {unit}",
        31,
        ("Bí thư", "Phó Bí thư", "Phó Bí thư", "Ủy viên Ban Thường vụ", "Ủy viên"),
    ),
    BodyPlan(
        BodyKind.PARTY_STANDING,
        "Ban Thường vụ Đảng ủy {unit}",
        11,
        ("Bí thư", "Phó Bí thư", "Phó Bí thư", "Ủy viên Ban Thường vụ"),
    ),
    BodyPlan(
        BodyKind.PARTY_INSPECTION,
        "Ủy ban Kiểm tra Đảng ủy {unit}",
        7,
        ("Chủ nhiệm", "Phó Chủ nhiệm", "Ủy viên"),
    ),
    BodyPlan(
        BodyKind.PEOPLE_COUNCIL,
        "Hội đồng nhân dân {unit}",
        30,
        (
            "Chủ tịch HĐND",
            "Phó Chủ tịch HĐND",
            "Trưởng Ban Pháp chế",
            "Trưởng Ban Kinh tế – Xã hội",
            "Đại biểu",
        ),
    ),
    BodyPlan(
        BodyKind.PEOPLE_COUNCIL_STANDING,
        "Thường trực Hội đồng nhân dân {unit}",
        4,
        (
            "Chủ tịch HĐND",
            "Phó Chủ tịch HĐND",
            "Trưởng Ban Pháp chế",
            "Trưởng Ban Kinh tế – Xã hội",
        ),
    ),
    BodyPlan(
        BodyKind.PEOPLE_COMMITTEE,
        "Ủy ban nhân dân {unit}",
        5,
        ("Chủ tịch UBND", "Phó Chủ tịch UBND", "Phó Chủ tịch UBND", "Ủy viên"),
    ),
    BodyPlan(
        BodyKind.FRONT_COMMITTEE,
        "Ủy ban MTTQ Việt Nam {unit}",
        9,
        ("Chủ tịch", "Phó Chủ tịch", "Ủy viên"),
    ),
)

DEMO_USERS = (  # username, role, unit code, full name
    ("admin", Role.ADMIN, None, "Quản trị hệ thống"),
    ("thanhtra.langson", Role.INSPECTOR, "LSN", "Đoàn kiểm tra tỉnh"),
    ("vanthu.dongdang", Role.CLERK, "DONG-DANG", "Văn phòng Đảng ủy xã Đồng Đăng"),
    ("chutoa.dongdang", Role.CHAIR, "DONG-DANG", "Chủ tọa xã Đồng Đăng"),
    ("thuky.dongdang", Role.SECRETARY, "DONG-DANG", "Thư ký xã Đồng Đăng"),
    ("daibieu.dongdang", Role.MEMBER, "DONG-DANG", "Đại biểu xã Đồng Đăng"),
    ("vanthu.caoloc", Role.CLERK, "CAO-LOC", "Văn phòng Đảng ủy xã Cao Lộc"),
)


CONGRESS = BodyPlan(
    BodyKind.CONGRESS, "Đại hội đại biểu Đảng bộ {unit} lần thứ I", 150, ("Đại biểu chính thức",)
)


def seed(context: dict) -> None:
    """Create the demo province, units, bodies, members and accounts (once)."""
    if db.session.scalar(select(Unit.id).where(Unit.code == PROVINCE[0])) is not None:
        return
    province = Unit(code=PROVINCE[0], name=PROVINCE[1], kind="province")
    db.session.add(province)
    for index, (code, name, kind) in enumerate(COMMUNES):
        unit = Unit(code=code, name=name, kind=kind, parent=province)
        db.session.add(unit)
        _seed_bodies(unit, random.Random(f"{code}-{index}"), with_congress=index == 0)
    db.session.flush()
    context["accounts"] = _seed_users()
    audit.record(
        "seed_demo",
        "unit",
        province.id,
        unit_id=province.id,
        after={"units": [code for code, _n, _k in COMMUNES]},
    )
    db.session.commit()


def _seed_bodies(unit: Unit, rng: random.Random, with_congress: bool = False) -> None:
    """The seven bodies; the first commune also prepares its 2025–2030 congress."""
    people = [_person(rng) for _ in range(60)]
    short = unit.name.split(" ", 1)[1] if " " in unit.name else unit.name
    label = f"{unit.name.split(' ', 1)[0].lower()} {short}"
    offset = 0
    plans = (*BODY_PLANS, CONGRESS) if with_congress else BODY_PLANS
    for plan in plans:
        body = Body(
            unit=unit,
            kind=plan.kind,
            name=plan.name.format(unit=label),
            term=TERM_STATE if plan.kind.startswith("people") else TERM_PARTY,
            seats=plan.seats,
        )
        db.session.add(body)
        pool = _pool(plan, people, offset, rng)
        offset += plan.seats
        for i in range(plan.seats):
            person = pool[i % len(pool)]
            position = plan.positions[min(i, len(plan.positions) - 1)]
            body.members.append(Member(position=position, **person))


def _pool(plan: BodyPlan, people: list[dict], offset: int, rng: random.Random) -> list[dict]:
    """The Standing Committee is drawn from the Executive; the congress delegates are the
    Executive and more Party members; the other bodies come from the rest."""
    if plan is CONGRESS:
        return people[:31] + [_person(rng) for _ in range(plan.seats - 31)]
    if plan.kind in (BodyKind.PARTY_EXECUTIVE, BodyKind.PARTY_STANDING):
        return people
    return people[31 + offset % 20 :] + people[:31]


def _person(rng: random.Random) -> dict:
    gender = "female" if rng.random() < 0.35 else "male"
    given = rng.choice(FEMALE if gender == "female" else MALE)
    born = rng.randint(1966, 1992)
    return {
        "full_name": f"{rng.choice(FAMILY)} {given}",
        "gender": gender,
        "birth_year": born,
        "ethnicity": rng.choice(ETHNICITY),
        "education": rng.choice(EDUCATION),
        "theory_level": rng.choice(THEORY),
        "party_joined_on": date(born + rng.randint(20, 30), rng.randint(1, 12), rng.randint(1, 28)),
    }


def _seed_users() -> list[tuple[str, str, str]]:
    units = dict(db.session.execute(select(Unit.code, Unit.id)).all())
    accounts = []
    for username, role, unit_code, full_name in DEMO_USERS:
        password = secrets.token_urlsafe(9)
        create_user(username, password, role, units.get(unit_code), full_name)
        accounts.append((username, role.value, password))
    return accounts
