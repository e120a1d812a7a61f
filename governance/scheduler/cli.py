"""`flask scheduler`: run the jobs on their schedule, in this process only."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from governance.scheduler.lease import process_identity
from governance.scheduler.registry import all_jobs
from governance.scheduler.runner import release_all, run_job


@click.command("scheduler")
@click.option("--once", is_flag=True, help="Run every job now, once, and exit.")
@with_appcontext
def scheduler(once: bool) -> None:
    """Run reminders and checks. Safe to start on several hosts: each job runs under a lease
    held in the database, and reminders are delivered once whatever happens."""
    app = current_app._get_current_object()
    jobs = all_jobs()
    holder = process_identity()
    if once:
        for job in jobs:
            click.echo(f"{job.name}: {run_job(job, app, holder)}")
        release_all(jobs, app, holder)
        return
    from apscheduler.schedulers.blocking import BlockingScheduler

    blocking = BlockingScheduler(timezone=app.config["TIMEZONE"])
    for job in jobs:
        blocking.add_job(
            _logged(job, app, holder), "cron", id=job.name, max_instances=1, **job.cron
        )
    click.echo(
        f"Scheduler {holder} running {len(jobs)} jobs in {app.config['TIMEZONE']}; Ctrl+C stops."
    )
    try:
        blocking.start()
    finally:
        release_all(jobs, app, holder)


def _logged(job, app, holder):
    def run() -> None:
        click.echo(f"{job.name}: {run_job(job, app, holder)}")

    return run


commands = [scheduler]
