"""Scheduled job: deliver due reminders, then send the queued e-mails (every 5 minutes)."""

from __future__ import annotations

from flask import Flask

from governance.core.schedule import Job
from governance.notifications import delivery, mail
from governance.scheduler.lease import process_identity

SENDER = process_identity()  # claims in the outbox name this process


def deliver_reminders(app: Flask) -> str:
    with app.app_context():
        created, queued = delivery.deliver()
        sent, failed = mail.send_outbox(SENDER)
    return f"{created} notices, {queued} e-mails queued, {sent} sent, {failed} failed"


JOBS = (Job("deliver-reminders", deliver_reminders, {"minute": "*/5"}),)
