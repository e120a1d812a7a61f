"""Demo congress: Đồng Đăng prepares its congress with 50 cells and 150 delegates.

Deterministic (a fixed random seed). The delegates convened are the demo congress body's
members (org/demo.py); 31 ex officio, 2 designated, 117 elected over the 50 cells with a
base of one per cell; some cells elected an alternate.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select

from governance.congress import service
from governance.congress.delegates import PERSON_FIELDS
from governance.congress.models import Congress, Delegate
from governance.core.models import User
from governance.core.schemas import local_zone
from governance.extensions import db
from governance.org.demo import _person as person
from governance.org.models import Body, BodyKind, Unit

ORDER = 50  # after the registry (10), meetings (20) and documents (40)

HAMLETS = (
    "Bản Đuốc", "Bản Trần", "Nà Lầu", "Khòn Lèn", "Pò Nhùng", "Thâm Mò", "Nà Chùa", "Pác Luống",
    "Bản Lành", "Còn Khoang", "Tồng Già", "Nà Pàn", "Khuổi Khú", "Lũng Vài", "Pò Mã", "Bản Vược",
    "Nà Thâm", "Phai Làng", "Co Khuông", "Nà Cạn",
)  # fmt: skip
AGENCIES = (
    "Cơ quan Đảng ủy", "Cơ quan UBND xã", "Cơ quan MTTQ và các đoàn thể", "Công an xã",
    "Ban Chỉ huy Quân sự xã", "Trường THCS Đồng Đăng", "Trường Tiểu học Đồng Đăng",
    "Trường Mầm non Hoa Sen", "Trạm Y tế xã", "Đồn Biên phòng cửa khẩu",
)  # fmt: skip


def cells(rng: random.Random) -> list[dict]:
    rows = [{"name": f"Chi bộ thôn {n}", "members": rng.randint(8, 34)} for n in HAMLETS]
    rows += [{"name": f"Chi bộ {n}", "members": rng.randint(6, 40)} for n in AGENCIES]
    rows += [{"name": f"Chi bộ khu phố {i}", "members": rng.randint(12, 38)} for i in range(1, 21)]
    return rows


def seed(context: dict) -> None:
    unit = db.session.scalar(select(Unit).where(Unit.code == "DONG-DANG"))
    clerk = db.session.scalar(select(User).where(User.username == "vanthu.dongdang"))
    if unit is None or clerk is None or db.session.scalar(select(Congress.id).limit(1)):
        return
    body = db.session.scalar(
        select(Body).where(Body.unit_id == unit.id, Body.kind == BodyKind.CONGRESS)
    )
    rng = random.Random("congress-dong-dang")
    today = datetime.now(local_zone()).date()
    soon = today + timedelta(days=45)
    opening = soon + timedelta(days=(7 - soon.weekday()) % 7)  # a Monday
    congress = service.create_congress(
        {
            "unit_code": unit.code,
            "term": "2025–2030",
            "title": "Đại hội đại biểu Đảng bộ xã Đồng Đăng lần thứ I, nhiệm kỳ 2025–2030",
            "opens_on": opening,
            "ex_officio": 31,
            "designated": 2,
            "executive_seats": 27,
            "notice_days": 30,
            "provincial_deadline": today + timedelta(days=60),
            "holidays": [],
        },
        clerk,
    )
    allocation = service.allocate(
        congress, {"seats": 117, "method": "hamilton", "minimum": 1, "cells": cells(rng)}, clerk
    )
    if allocation.to_decide:
        winners = sorted(allocation.tied, key=lambda n: -allocation.members[n])
        allocation = service.decide_tie(
            congress,
            winners[: allocation.to_decide],
            "Ban Thường vụ quyết định: ưu tiên chi bộ đông đảng viên hơn (Biên bản họp ngày "
            f"{today:%d/%m/%Y}).",
            clerk,
        )
    for milestone in congress.milestones[:2]:
        milestone.done_on = milestone.due_on
    _delegates(congress, body, allocation.won, rng)
    db.session.commit()


def _delegates(congress: Congress, body: Body | None, won: dict[str, int], rng) -> None:
    """Ex officio and designated first, then each cell's officials and an alternate."""
    members = list(body.members) if body is not None else []
    if body is not None:
        congress.body = body
    cells = {c.name: c for c in congress.cells}
    slots = [("ex_officio", None)] * 31 + [("designated", None)] * 2
    for name, seats in won.items():
        slots += [("official", cells[name])] * seats
    for member, (category, cell) in zip(members, slots, strict=False):
        congress.delegates.append(
            Delegate(
                category=category,
                cell=cell,
                member_id=member.id,
                **{k: getattr(member, k) for k in PERSON_FIELDS},
            )
        )
    for cell in list(cells.values())[::5]:
        congress.delegates.append(Delegate(category="alternate", cell=cell, rank=1, **person(rng)))
    if body is not None:
        body.seats = len(members)
