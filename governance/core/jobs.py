"""Scheduled jobs of the core: the audit chain's checks.

Every few minutes the scheduler checks the entries written since the last anchor and
anchors the new head (cheap: only new entries are read); checks queued from the audit page
run within seconds; every night a full walk of the chain runs.
"""

from __future__ import annotations

import logging

from flask import Flask

from governance.core import audit
from governance.core.models import AuditCheck
from governance.core.schedule import Job
from governance.extensions import db

log = logging.getLogger("governance.scheduler")


def _summary(report: audit.ChainReport) -> str:
    if report.ok:
        return (
            f"audit chain intact: {report.count} entries ({report.checked} checked), "
            f"head {report.head[:16]}"
        )
    problems = "; ".join(f"entry {i}: {p}" for i, p in report.problems[:10])
    log.error("audit chain broken: %s", problems)
    return f"AUDIT CHAIN BROKEN: {problems}"


def _recorded(app: Flask, full: bool) -> str:
    with app.app_context():
        check = AuditCheck(status="queued", full=full, requested_by="scheduler")
        db.session.add(check)
        db.session.commit()
        return _summary(audit.run_check(check))


def anchor_audit_chain(app: Flask) -> str:
    """Check the new entries and anchor the head (the log line keeps the head too)."""
    with app.app_context():
        return _summary(audit.verify_chain())


def verify_audit_chain(app: Flask) -> str:
    """The nightly full walk, recorded for the audit page."""
    return _recorded(app, full=True)


def run_queued_checks(app: Flask) -> str:
    with app.app_context():
        lines = []
        while (check := audit.next_queued_check()) is not None:
            lines.append(_summary(audit.run_check(check)))
        return "; ".join(lines) or "no audit check queued"


def optimize_database(app: Flask) -> str:
    """Fresh planner statistics for SQLite (PostgreSQL's autovacuum keeps its own)."""
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return "statistics kept by PostgreSQL's autovacuum"
        with db.engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA optimize")
        return "PRAGMA optimize done"


JOBS = (
    Job("anchor-audit-chain", anchor_audit_chain, {"minute": "*/5"}),
    Job("run-queued-audit-checks", run_queued_checks, {"second": "*/15"}),
    Job("verify-audit-chain", verify_audit_chain, {"hour": 2, "minute": 15}),
    Job("optimize-database", optimize_database, {"hour": 3, "minute": 5}),
)
