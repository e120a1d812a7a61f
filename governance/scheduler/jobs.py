"""The jobs. Each takes the app, works inside its context, and returns a line for the log.

Later domains (meeting reminders, deadline checks) add their jobs to JOBS.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask

from governance.core import audit

log = logging.getLogger("governance.scheduler")


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[Flask], str]
    cron: dict  # APScheduler cron fields, in the app's time zone


def verify_audit_chain(app: Flask) -> str:
    with app.app_context():
        report = audit.verify_chain()
    if report.ok:
        return f"audit chain intact: {report.count} entries, head {report.head[:16]}"
    problems = "; ".join(f"entry {i}: {p}" for i, p in report.problems[:10])
    log.error("audit chain broken: %s", problems)
    return f"AUDIT CHAIN BROKEN: {problems}"


JOBS: tuple[Job, ...] = (Job("verify-audit-chain", verify_audit_chain, {"hour": 2, "minute": 15}),)
