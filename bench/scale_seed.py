"""The national shape for bench/scale.py, inserted in bulk (the same rows the services write).

34 provinces, 3,321 communes, ~14,000 bodies, ~260,000 members, a first meeting of the Party
executive and of the People's Council in each commune (planned, open or closed, with their
agendas), documents of the closed ones, papers on disk, and ~50,000 audit entries chained
exactly as core.audit chains them.
"""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from sqlalchemy import func, insert, select, text

from governance.core.audit import GENESIS, entry_hash
from governance.extensions import db

BODY_SHAPE = (  # kind, name, seats, members
    ("party_executive", "Ban Chấp hành Đảng bộ", 33, 31),
    ("party_standing", "Ban Thường vụ Đảng ủy", 9, 9),
    ("party_inspection", "Ủy ban Kiểm tra Đảng ủy", 7, 7),
    ("people_council", "Hội đồng nhân dân", 30, 28),
    ("people_committee", "Ủy ban nhân dân", 9, 9),
)
FRONT = ("front_committee", "Ủy ban MTTQ", 15, 14)  # in one commune of five
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ")
GIVEN = ("Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Minh Đức", "Thu Hà", "Quốc Huy")
CHUNK = 5000


def _put(table, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(table), rows[start : start + CHUNK])


def seed(provinces: int = 34, communes: int = 3321, audit_entries: int = 50_000) -> dict:
    """Insert the national shape; answers the codes and ids the bench signs in with."""
    from governance.core.models import AuditEntry, User
    from governance.meetings.models import AgendaItem, Attachment, Meeting
    from governance.meetings.papers import storage_dir
    from governance.org.models import Body, Member, Unit

    rng = random.Random(14)
    units = [
        {
            "id": p + 1,
            "code": f"P{p + 1:02d}",
            "name": f"Tỉnh số {p + 1}",
            "kind": "province",
            "parent_id": None,
        }
        for p in range(provinces)
    ]
    for c in range(communes):
        kind = ("commune", "commune", "ward", "commune")[c % 4] if c % 97 else "special_zone"
        units.append(
            {
                "id": provinces + c + 1,
                "code": f"X{c + 1:05d}",
                "name": f"{'Xã' if kind == 'commune' else 'Phường'} {rng.choice(GIVEN)} {c + 1}",
                "kind": kind,
                "parent_id": c % provinces + 1,
            }
        )
    _put(Unit.__table__, units)
    bodies, members = [], []
    for unit in units[provinces:]:
        shape = BODY_SHAPE + ((FRONT,) if unit["id"] % 5 == 0 else ())
        for kind, name, seats, count in shape:
            body_id = len(bodies) + 1
            bodies.append(
                {
                    "id": body_id,
                    "unit_id": unit["id"],
                    "kind": kind,
                    "name": f"{name} {unit['name']}",
                    "term": "2025–2030",
                    "seats": seats,
                }
            )
            for i in range(count - rng.randint(0, 2)):
                members.append(
                    {
                        "body_id": body_id,
                        "full_name": f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
                        "position": "Ủy viên" if i else "Bí thư",
                        "gender": "female" if i % 3 == 0 else "male",
                        "birth_year": 1960 + i,
                    }
                )
    _put(Body.__table__, bodies)
    _put(Member.__table__, members)
    del members
    meetings, items = _meetings(bodies, rng)
    _put(Meeting.__table__, meetings)
    _put(AgendaItem.__table__, items)
    attachments = _papers(items[:: max(1, len(items) // 300)], storage_dir())
    _put(Attachment.__table__, attachments)
    _put_documents(meetings, bodies)
    _put_audit(AuditEntry.__table__, audit_entries, rng)
    clerk_unit = units[provinces]
    users = [
        ("admin", "admin", None),
        ("inspector", "inspector", 1),
        ("clerk", "clerk", clerk_unit["id"]),
        ("chair", "chair", clerk_unit["id"]),
        ("member", "member", clerk_unit["id"]),
    ]
    clerk_body = next(b["id"] for b in bodies if b["unit_id"] == clerk_unit["id"])
    # the member's account is linked to their member record (their meetings, polls, papers)
    member_id = db.session.scalar(select(func.min(Member.id)).where(Member.body_id == clerk_body))
    _put(
        User.__table__,
        [
            {
                "username": u,
                "role": r,
                "unit_id": unit_id,
                "password_hash": "x",
                "full_name": u,
                "member_id": member_id if r == "member" else None,
            }
            for u, r, unit_id in users
        ],
    )
    db.session.commit()
    return {
        "units": len(units),
        "bodies": len(bodies),
        "meetings": len(meetings),
        "items": len(items),
        "papers": len(attachments),
        "audit": audit_entries,
        "clerk_unit": clerk_unit["code"],
        "province": "P01",
        "clerk_body": clerk_body,
    }


def _meetings(bodies: list[dict], rng: random.Random) -> tuple[list[dict], list[dict]]:
    now = datetime.now(UTC).replace(microsecond=0)
    meetings, items = [], []
    for body in bodies:
        if body["kind"] not in ("party_executive", "people_council"):
            continue
        meeting_id = len(meetings) + 1
        offset = rng.randint(-120, 90)
        status = "closed" if offset < -1 else ("open" if offset in (-1, 0) else "planned")
        starts = now + timedelta(days=offset, hours=rng.randint(-3, 3))
        meetings.append(
            {
                "id": meeting_id,
                "body_id": body["id"],
                "title": f"Hội nghị lần thứ nhất – {body['name']}",
                "kind": "first",
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=4),
                "location": "Hội trường",
                "status": status,
                "opened_at": starts if status != "planned" else None,
                "closed_at": starts + timedelta(hours=4) if status == "closed" else None,
            }
        )
        for position in range(6):
            items.append(
                {
                    "id": len(items) + 1,
                    "meeting_id": meeting_id,
                    "position": position,
                    "title": f"Nội dung {position + 1}",
                    "kind": ("procedural", "report", "discussion", "vote", "vote", "election")[
                        position
                    ],
                    "duration_minutes": 20,
                    "majority": "simple_of_members" if position in (3, 4) else None,
                }
            )
    return meetings, items


def _papers(items: list[dict], folder) -> list[dict]:
    rows = []
    for item in items:
        data = b"%PDF-1.4\n" + hashlib.sha256(str(item["id"]).encode()).digest() * 1500
        key = hashlib.sha256(b"paper" + str(item["id"]).encode()).hexdigest()[:32]
        (folder / key).write_bytes(data)
        rows.append(
            {
                "agenda_item_id": item["id"],
                "filename": f"to-trinh-{item['id']}.pdf",
                "content_type": "application/pdf",
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "storage_key": key,
            }
        )
    return rows


def _put_documents(meetings: list[dict], bodies: list[dict]) -> None:
    from governance.documents.models import Document

    unit_of = {b["id"]: b["unit_id"] for b in bodies}
    docx = b"PK\x03\x04" + bytes(range(256)) * 40  # 10 KB: a small Word file's size
    rows = [
        {
            "unit_id": unit_of[m["body_id"]],
            "body_id": m["body_id"],
            "kind": "minutes",
            "style": "party",
            "type_code": "BB",
            "number": f"{m['id']}-BB/ĐU",
            "title": f"Biên bản {m['title']}",
            "status": "signed" if m["id"] % 2 else "draft",
            "context": {"meeting": m["title"], "items": [f"Nội dung {i}" for i in range(6)]},
            "docx": docx,
            "sha256": hashlib.sha256(docx).hexdigest(),
            "meeting_id": m["id"],
        }
        for m in meetings
        if m["status"] == "closed"
    ]
    _put(Document.__table__, rows)


def _put_audit(table, count: int, rng: random.Random) -> None:
    """Entries chained exactly as core.audit.record chains them."""
    previous, at = GENESIS, datetime(2026, 7, 1, tzinfo=UTC)
    rows = []
    for n in range(count):
        entry = SimpleNamespace(
            at=at + timedelta(seconds=n * 30),
            user_id=3,
            username="clerk",
            action=rng.choice(("create", "update", "sign_in")),
            entity="member",
            entity_id=str(n),
            unit_id=35 + n % 3000,
            before=None if n % 2 else {"full_name": "Nguyễn Văn A", "position": "Ủy viên"},
            after={"full_name": "Nguyễn Văn B", "position": "Ủy viên", "birth_year": 1970},
            reason="",
            prev_hash=previous,
        )
        entry.hash = entry_hash(entry)
        previous = entry.hash
        rows.append(vars(entry))
        if len(rows) == CHUNK:
            _put(table, rows)
            rows = []
    _put(table, rows)


def seed_providers() -> None:
    """Drafts and congresses of every commune, through each oversight provider's
    `bench_seed` (after the sequences moved on: those rows take generated ids)."""
    from governance.org.models import Unit
    from governance.oversight.dashboard import providers

    unit_ids = db.session.scalars(select(Unit.id)).all()
    for module in providers():
        if module.__name__.split(".")[1] in ("drafts", "congress") and hasattr(
            module, "bench_seed"
        ):
            module.bench_seed(unit_ids)


def analyze() -> None:
    """Fresh statistics, as `flask init-db` and the nightly job leave them."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ANALYZE"))
    else:
        db.session.execute(text("ANALYZE"))
        db.session.execute(text("PRAGMA optimize"))
    db.session.commit()


def reset_sequences() -> None:
    if db.engine.dialect.name != "postgresql":
        return
    from governance.core.backup import _reset_sequences, _tables

    with db.engine.begin() as connection:
        _reset_sequences(connection, _tables(db.metadata))
