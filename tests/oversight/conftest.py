"""Helpers for oversight tests: meetings at given times, a local SMTP server, a fake domain
that provides reminders and progress columns (found by discovery like a real one)."""

from __future__ import annotations

import socket
import sys
import textwrap
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

import governance

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=VN)


def add_meeting(app, body_id: int, starts_at: datetime, **extra) -> int:
    from governance.extensions import db
    from governance.meetings.models import Meeting

    with app.app_context():
        meeting = Meeting(
            body_id=body_id,
            title=extra.pop("title", "Hội nghị lần thứ nhất"),
            kind=extra.pop("kind", "regular"),
            starts_at=starts_at,
            location="Hội trường xã",
            **extra,
        )
        db.session.add(meeting)
        db.session.commit()
        return meeting.id


def add_body(app, unit_id: int, kind: str, name: str = "") -> int:
    from governance.extensions import db
    from governance.org.models import Body

    with app.app_context():
        body = Body(unit_id=unit_id, kind=kind, name=name or kind, term="2025–2030", seats=9)
        db.session.add(body)
        db.session.commit()
        return body.id


class Mailbox:
    def __init__(self):
        self.messages: list = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes
        from email.policy import default

        with self.lock:
            self.messages.append(message_from_bytes(envelope.content, policy=default))
        return "250 OK"


@pytest.fixture
def smtp_server(app, monkeypatch):
    """A real SMTP server on 127.0.0.1 (aiosmtpd); the app is configured to use it."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = Mailbox()
    mailbox.port = port
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", port)
    monkeypatch.setitem(app.config, "SMTP_FROM", "nhac-viec@hoi-nghi.test")
    yield mailbox
    controller.stop()


FAKE_REMINDERS = """
from datetime import datetime, UTC
from governance.core.reminders import Reminder
UNIT_ID = None
def due_reminders(now):
    if UNIT_ID is None:
        return []
    return [Reminder(key="fake:1", unit_id=UNIT_ID, roles=("clerk",),
                     due_at=datetime(2026, 1, 1, tzinfo=UTC), subject="Việc giả lập đến hạn",
                     link="/fake/1")]
"""
FAKE_PROGRESS = """
COLUMNS = [("congress_late", "Mốc đại hội trễ"), ("fake_done", "Việc giả lập xong")]
CALLS = []
def unit_progress(unit_ids):
    CALLS.append(len(unit_ids))
    return {uid: {"congress_late": 1 if uid % 2 else 0, "fake_done": True} for uid in unit_ids}
"""


@pytest.fixture
def fake_domain(tmp_path, monkeypatch):
    """A domain package `governance.fakedomain` with reminders.py and progress.py, found by
    the same discovery as the real domains (as drafts and congress will be after the merge)."""
    root = tmp_path / "fakepkgs"
    package = root / "fakedomain"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "reminders.py").write_text(textwrap.dedent(FAKE_REMINDERS))
    (package / "progress.py").write_text(textwrap.dedent(FAKE_PROGRESS))
    monkeypatch.setattr(governance, "__path__", [*governance.__path__, str(root)])
    yield
    for name in [n for n in sys.modules if n.startswith("governance.fakedomain")]:
        del sys.modules[name]
