"""A People's Council first session in commune A, straight in the database: 30 delegates, the
chair of the council and the secretary named, a vote item with its papers, an election with
its board, a discussion item; plus a test double of the drafts domain's adopted text."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from tests.voting.helpers import make_session

ITEMS = {
    "programme": ("vote", "more_than_half"),
    "elect": ("election", None),
    "organs": ("vote", "more_than_half"),
}
BOARD = [
    {"name": "Vi Thị Giang", "role": "head"},
    {"name": "Lương Văn Hải", "role": "member"},
    {"name": "Nông Thị Hoa", "role": "member"},
]


@dataclass(frozen=True)
class Block:
    kind: str
    label: str
    title: str
    text: str


@dataclass(frozen=True)
class Adopted:
    draft_id: int
    type_code: str
    title: str
    version: int
    blocks: list = field(default_factory=list)


ADOPTED = Adopted(
    draft_id=1,
    type_code="NQ",
    title="Nghị quyết thành lập các cơ quan chuyên môn thuộc Ủy ban nhân dân xã",
    version=2,
    blocks=[
        Block("article", "Điều 1.", "Thành lập các cơ quan chuyên môn", ""),
        Block("clause", "1.", "", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã."),
        Block("clause", "2.", "", "Phòng Kinh tế."),
        Block("article", "Điều 2.", "Hiệu lực thi hành", "Có hiệu lực từ ngày thông qua."),
    ],
)


def adopt(monkeypatch, text: Adopted | None = ADOPTED) -> None:
    """The drafts domain's `adopted_for_item`, replaced by a double (INTERFACES A)."""
    from governance.documents import operative

    monkeypatch.setattr(operative, "adopted_for_item", lambda item_id: text)


def council_session(client, world, app, *, board: bool = True, monkeypatch=None):
    """The session, voted and counted through the API, then closed."""
    s = make_session(app, world, 30, kind="people_council", present=28, excused=2, items=ITEMS)
    with app.app_context():
        from governance.extensions import db
        from governance.meetings.models import Attachment, Meeting
        from governance.org.models import Body, Member

        body = db.session.get(Body, s.body)
        body.term_label, body.name = "khóa I", "Hội đồng nhân dân xã An"
        chair = db.session.get(Member, s.members[0])
        chair.full_name, chair.position = "Nguyễn Văn Bình", "Chủ tịch HĐND xã"
        meeting = db.session.get(Meeting, s.meeting)
        meeting.chair_name, meeting.secretary_name = "Nguyễn Văn Bình", "Trần Thị Thu"
        meeting.location = "Hội trường UBND xã An"
        organs = s.items["organs"]
        for kind, number, issuer in (
            ("submission", "12/TTr-UBND", "Ủy ban nhân dân xã An"),
            ("review_report", "03/BC-KTXH", "Ban Kinh tế - Xã hội Hội đồng nhân dân xã"),
        ):
            db.session.add(
                Attachment(
                    agenda_item_id=organs,
                    filename=f"{kind}.pdf",
                    content_type="application/pdf",
                    size=4,
                    sha256="0" * 64,
                    storage_key=f"k-{kind}-{organs}",
                    paper_kind=kind,
                    doc_number=number,
                    issued_on=datetime.date(2026, 7, 2),
                    issuer=issuer,
                )
            )
        db.session.commit()
    chair = world.auth("chair_a")
    for key in ("programme", "organs"):
        answer = client.post(
            f"/api/v1/agenda/{s.items[key]}/votes",
            headers=chair,
            json={"method": "show_of_hands", "yes": 27, "no": 1, "abstain": 0},
        )
        assert answer.status_code in (200, 201), answer.get_json()
    election = client.post(
        f"/api/v1/agenda/{s.items['elect']}/election",
        headers=chair,
        json={
            "seats": 1,
            "alternates": 0,
            "candidates": ["Nguyễn Văn Bình", "Vi Văn Toàn"],
            "surplus_required": True,
            "counting_board": BOARD if board else [],
        },
    ).get_json()
    counted = client.post(
        f"/api/v1/elections/{election['id']}/rounds",
        headers=chair,
        json={
            "ballots_issued": 28,
            "ballots_returned": 28,
            "invalid": 1,
            "votes": {"Nguyễn Văn Bình": 25, "Vi Văn Toàn": 2},
        },
    )
    assert counted.status_code in (200, 201), counted.get_json()
    assert client.post(f"/api/v1/meetings/{s.meeting}/close", headers=chair).status_code == 200
    return s
