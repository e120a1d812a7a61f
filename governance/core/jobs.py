"""Scheduled jobs of the core: the nightly audit-chain check."""

from __future__ import annotations

import logging

from flask import Flask

from governance.core import audit
from governance.scheduler.registry import Job

log = logging.getLogger("governance.scheduler")


def verify_audit_chain(app: Flask) -> str:
    with app.app_context():
        report = audit.verify_chain()
    if report.ok:
        return f"audit chain intact: {report.count} entries, head {report.head[:16]}"
    problems = "; ".join(f"entry {i}: {p}" for i, p in report.problems[:10])
    log.error("audit chain broken: %s", problems)
    return f"AUDIT CHAIN BROKEN: {problems}"


JOBS = (Job("verify-audit-chain", verify_audit_chain, {"hour": 2, "minute": 15}),)
