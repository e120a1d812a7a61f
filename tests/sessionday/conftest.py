"""A session in commune A whose members have their own accounts (org.people)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.conftest import _HASH
from tests.voting.helpers import Session, make_session


@dataclass
class Day:
    session: Session
    tokens: dict[str, str]  # "m1".. -> bearer token of the account linked to member i
    users: dict[str, int]

    def auth(self, who: str) -> dict:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


def link_accounts(app, world, s: Session, count: int, unit: str = "A") -> Day:
    from governance.core.auth import issue_token
    from governance.core.models import User
    from governance.extensions import db

    tokens, users = {}, {}
    with app.app_context():
        for i in range(count):
            user = User(
                username=f"m{i + 1}",
                full_name=f"Đại biểu {i + 1:03d}",
                role="member",
                unit_id=world.units[unit],
                password_hash=_HASH,
                member_id=s.members[i],
            )
            db.session.add(user)
            db.session.flush()
            tokens[user.username], users[user.username] = issue_token(user), user.id
        db.session.commit()
    return Day(s, tokens, users)


@pytest.fixture
def day(app, world) -> Day:
    """5 members, 4 present (the 5th absent), an open meeting with two vote items; the
    first four members have accounts m1..m4, the 5th (absent) has m5."""
    s = make_session(app, world, 5, present=4, items={"a": ("vote", None), "b": ("vote", None)})
    return link_accounts(app, world, s, 5)
