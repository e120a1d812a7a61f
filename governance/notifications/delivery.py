"""From reminders to notifications: each (account, reminder key) once, whatever races.

A tick collects every provider's due reminders, finds the accounts each one is for, and
inserts the notices with `ON CONFLICT DO NOTHING` on the unique (user_id, key): a second
tick, a restarted scheduler or a second scheduler on another host inserts nothing again.
The e-mails of the notices inserted by THIS statement go to the outbox in the same
transaction, so a notice and its e-mail exist together or not at all.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from governance.core.database import utcnow
from governance.core.models import User
from governance.core.reminders import Reminder, collect_due
from governance.extensions import db
from governance.notifications.models import EmailAddress, EmailOutbox, Notification

CHUNK = 500  # rows per INSERT and ids per IN (…): statements stay small at national scale


@dataclass(frozen=True)
class Recipient:
    id: int
    unit_id: int
    role: str
    email: str


def deliver(now: datetime | None = None) -> tuple[int, int]:
    """Notify everything due at `now`; answers (notices created, e-mails queued)."""
    now = now or utcnow()
    reminders = collect_due(now)
    if not reminders:
        return 0, 0
    recipients = _recipients({r.unit_id for r in reminders})
    rows = {
        (person.id, reminder.key): {
            "user_id": person.id,
            "key": reminder.key,
            "unit_id": reminder.unit_id,
            "subject": reminder.subject[:500],
            "link": reminder.link[:300],
            "due_at": reminder.due_at,
            "created_at": now,
        }
        for reminder in reminders
        for person in recipients.get(reminder.unit_id, ())
        if person.role in reminder.roles
    }
    for pair in _already_given({key for _user, key in rows}):
        rows.pop(pair, None)  # read, don't rewrite: most ticks find everything given already
    created = _insert_new(list(rows.values()))
    queued = _queue_emails(created, recipients, now) if smtp_configured() else 0
    db.session.commit()
    return len(created), queued


def _recipients(unit_ids: set[int]) -> dict[int, list[Recipient]]:
    found: dict[int, list[Recipient]] = defaultdict(list)
    ids = sorted(unit_ids)
    for start in range(0, len(ids), CHUNK):
        query = (
            select(User.id, User.unit_id, User.role, EmailAddress.email)
            .outerjoin(EmailAddress, EmailAddress.user_id == User.id)
            .where(User.active.is_(True), User.unit_id.in_(ids[start : start + CHUNK]))
        )
        for row in db.session.execute(query):
            found[row.unit_id].append(Recipient(row.id, row.unit_id, row.role, row.email or ""))
    return found


def _already_given(keys: set[str]) -> set[tuple[int, str]]:
    given: set[tuple[int, str]] = set()
    ordered = sorted(keys)
    for start in range(0, len(ordered), CHUNK):
        query = select(Notification.user_id, Notification.key).where(
            Notification.key.in_(ordered[start : start + CHUNK])
        )
        given.update((user_id, key) for user_id, key in db.session.execute(query))
    return given


def dialect_insert(table):
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def _insert_new(rows: list[dict]) -> list[tuple[int, int, str, str, str]]:
    """Insert the notices not yet given; answers (id, user_id, key, subject, link) of the new."""
    created = []
    for start in range(0, len(rows), CHUNK):
        statement = (
            dialect_insert(Notification)
            .values(rows[start : start + CHUNK])
            .on_conflict_do_nothing(index_elements=["user_id", "key"])
            .returning(
                Notification.id,
                Notification.user_id,
                Notification.key,
                Notification.subject,
                Notification.link,
            )
        )
        created += [tuple(row) for row in db.session.execute(statement)]
    return created


def _queue_emails(created: Iterable[tuple], recipients: dict, now: datetime) -> int:
    emails = {p.id: p.email for people in recipients.values() for p in people if p.email}
    base = (
        current_app.config.get("PUBLIC_BASE_URL") or os.environ.get("PUBLIC_BASE_URL", "")
    ).rstrip("/")
    rows = [
        {
            "notification_id": notice_id,
            "to_addr": emails[user_id],
            "subject": subject,
            "body": email_body(subject, f"{base}{link}"),
            "created_at": now,
            "attempts": 0,
            "last_error": "",
        }
        for notice_id, user_id, _key, subject, link in created
        if user_id in emails
    ]
    for start in range(0, len(rows), CHUNK):
        db.session.execute(
            dialect_insert(EmailOutbox)
            .values(rows[start : start + CHUNK])
            .on_conflict_do_nothing(index_elements=["notification_id"])
        )
    return len(rows)


def email_body(subject: str, url: str) -> str:
    return (
        f"{subject}\n\nMở trang để thực hiện: {url}\n\n"
        "Thư này do hệ thống Hội nghị gửi tự động; xem mọi nhắc việc tại mục Thông báo.\n"
    )


def smtp_configured() -> bool:
    from governance.notifications.mail import settings

    return bool(settings()["host"])


__all__ = ["Reminder", "deliver", "email_body", "smtp_configured"]
