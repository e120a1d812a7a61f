"""One tick of one job: under its lease, in the app's context, logged."""

from __future__ import annotations

import logging
import os

from flask import Flask

from governance.core.schedule import Job
from governance.scheduler import lease

log = logging.getLogger("governance.scheduler")


def lease_seconds(app: Flask) -> int:
    configured = app.config.get("SCHEDULER_LEASE_SECONDS") or os.environ.get(
        "SCHEDULER_LEASE_SECONDS"
    )
    return int(configured or lease.DEFAULT_LEASE_SECONDS)


def run_job(job: Job, app: Flask, holder: str) -> str:
    """Run `job` if this process holds (or can take) its lease; say what happened."""
    with app.app_context():
        if not lease.acquire(job.name, holder, lease_seconds(app)):
            return f"skipped: another scheduler holds the lease ({lease.holder_of(job.name)})"
    try:
        return job.run(app)
    except Exception:  # one failing job must not stop the others
        log.exception("job %s failed", job.name)
        return "failed (see the log)"


def release_all(jobs: list[Job], app: Flask, holder: str) -> None:
    with app.app_context():
        for job in jobs:
            lease.release(job.name, holder)
