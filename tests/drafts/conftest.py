"""Helpers for draft tests: a draft of commune A's Executive Committee, a session to vote on."""

from __future__ import annotations

from datetime import timedelta

TEXT = """Chương I
NHỮNG QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
Quy chế này quy định chế độ làm việc của Ban Chấp hành.

Điều 2. Nguyên tắc làm việc
1. Tập trung dân chủ.
2. Tập thể lãnh đạo, cá nhân phụ trách.
a) Bí thư chịu trách nhiệm chung.
"""


def user(world, name: str):
    from governance.core.models import User
    from governance.extensions import db

    return db.session.get(User, world.users[name])


def new_draft(world, text: str = TEXT, **extra):
    """A draft (version 1) made by commune A's clerk; call inside an app context."""
    from governance.drafts import service
    from governance.extensions import db
    from governance.org.models import Body

    body = db.session.get(Body, world.bodies["A"])
    data = {"type_code": "QC", "title": "Quy chế làm việc của Ban Chấp hành", "text": text}
    return service.create_draft(body, data | extra, user(world, "clerk_a"))


def in_review(world, draft, days: int = 7):
    from governance.core.database import utcnow
    from governance.drafts import review

    return review.open_review(draft, utcnow() + timedelta(days=days), user(world, "clerk_a"))


def vote_on(client, world, item_id: int, yes: int, no: int = 0, abstain: int = 0):
    body = {"method": "show_of_hands", "yes": yes, "no": no, "abstain": abstain}
    return client.post(f"/api/v1/agenda/{item_id}/votes", json=body, headers=world.auth("chair_a"))
