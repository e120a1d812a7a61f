"""The e-mail outbox: claimed row by row, so that two senders never send one e-mail twice.

A sender first claims rows with one UPDATE (`… WHERE sent_at IS NULL AND claimed_by IS NULL`,
and on PostgreSQL `FOR UPDATE SKIP LOCKED` so that racing senders take different rows), commits,
then sends and marks each row sent. A sender that crashed between claim and send leaves a
claim older than SMTP_CLAIM_SECONDS: it is released for another try (the stable Message-ID
lets a mail client fold the rare duplicate of a crash in the middle of SMTP).
"""

from __future__ import annotations

import os
import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate

from flask import current_app
from sqlalchemy import and_, or_, select, update

from governance.core.database import utcnow
from governance.extensions import db
from governance.notifications.models import EmailOutbox

BATCH = 50
MAX_ATTEMPTS = 5


def _setting(name: str, default: str = "") -> str:
    """From the app's config, else the environment (SMTP_HOST=mail.example.vn ...)."""
    value = current_app.config.get(name)
    return str(value) if value not in (None, "") else os.environ.get(name, default)


def settings() -> dict:
    return {
        "host": _setting("SMTP_HOST"),
        "port": int(_setting("SMTP_PORT", "25")),
        "sender": _setting("SMTP_FROM", "hoi-nghi@localhost"),
        "user": _setting("SMTP_USER"),
        "password": _setting("SMTP_PASSWORD"),
        "starttls": _setting("SMTP_STARTTLS", "0").lower() in ("1", "true", "yes"),
        "claim_seconds": int(_setting("SMTP_CLAIM_SECONDS", "900")),
    }


def claim(holder: str, now: datetime | None = None, limit: int = BATCH) -> list[EmailOutbox]:
    """Take up to `limit` unsent e-mails for `holder`, atomically; answers them."""
    now = now or utcnow()
    stale = now - timedelta(seconds=settings()["claim_seconds"])
    free = and_(
        EmailOutbox.sent_at.is_(None),
        EmailOutbox.attempts < MAX_ATTEMPTS,
        or_(EmailOutbox.claimed_by.is_(None), EmailOutbox.claimed_at < stale),
    )
    candidates = select(EmailOutbox.id).where(free).order_by(EmailOutbox.id).limit(limit)
    if db.engine.dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    else:  # SQLite: one writer at a time, and the UPDATE re-checks `free` below
        candidates = candidates.scalar_subquery()
    db.session.execute(
        update(EmailOutbox)
        .where(EmailOutbox.id.in_(candidates), free)
        .values(claimed_by=holder, claimed_at=now, attempts=EmailOutbox.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return list(
        db.session.scalars(
            select(EmailOutbox)
            .where(EmailOutbox.claimed_by == holder, EmailOutbox.sent_at.is_(None))
            .order_by(EmailOutbox.id)
        )
    )


def send_outbox(holder: str, now: datetime | None = None) -> tuple[int, int]:
    """Send what this sender can claim; answers (sent, failed)."""
    if not settings()["host"]:
        return 0, 0
    sent = failed = 0
    while batch := claim(holder, now):
        try:
            smtp = _connect()
        except OSError as error:  # server down: free the batch for the next tick
            _release(batch, error)
            return sent, failed + len(batch)
        with smtp:
            for email in batch:
                try:
                    smtp.send_message(message(email))
                except OSError as error:  # smtplib errors included
                    _release([email], error)
                    failed += 1
                else:
                    email.sent_at = utcnow()
                    db.session.commit()  # marked as soon as the server took it
                    sent += 1
        if len(batch) < BATCH:
            break
    return sent, failed


def _release(emails: list[EmailOutbox], error: Exception) -> None:
    for email in emails:
        email.last_error = f"{type(error).__name__}: {error}"[:500]
        email.claimed_by = None  # attempts counts the tries; MAX_ATTEMPTS stops them
    db.session.commit()


def _connect() -> smtplib.SMTP:
    config = settings()
    smtp = smtplib.SMTP(config["host"], config["port"], timeout=30)
    if config["starttls"]:
        smtp.starttls()
    if config["user"]:
        smtp.login(config["user"], config["password"])
    return smtp


def message(email: EmailOutbox) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = settings()["sender"]
    msg["To"] = email.to_addr
    msg["Subject"] = email.subject
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = f"<outbox-{email.id}-{email.notification_id}@hoi-nghi>"
    msg.set_content(email.body)
    return msg
