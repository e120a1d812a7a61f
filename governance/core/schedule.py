"""What a domain declares to run on a schedule (`governance/<domain>/jobs.py`: `JOBS`); the
scheduler process (governance.scheduler) finds and runs them under its database lease."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[Flask], str]  # works inside the app's context; returns a line for the log
    cron: dict  # APScheduler cron fields, in the app's time zone
