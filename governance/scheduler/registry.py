"""Jobs are declared by each domain in `governance/<domain>/jobs.py` as `JOBS`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[Flask], str]  # works inside the app's context; returns a line for the log
    cron: dict  # APScheduler cron fields, in the app's time zone


def all_jobs() -> list[Job]:
    from governance.core.discovery import domain_modules

    return [job for module in domain_modules("jobs") for job in module.JOBS]
