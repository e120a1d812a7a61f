"""Jobs are declared by each domain in `governance/<domain>/jobs.py` as `JOBS`."""

from __future__ import annotations

from governance.core.discovery import domain_modules
from governance.core.schedule import Job


def all_jobs() -> list[Job]:
    return [job for module in domain_modules("jobs") for job in module.JOBS]
