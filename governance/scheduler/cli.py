"""`flask scheduler`: run the jobs on their schedule, in this process only."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from governance.scheduler.registry import all_jobs


@click.command("scheduler")
@click.option("--once", is_flag=True, help="Run every job now, once, and exit.")
@with_appcontext
def scheduler(once: bool) -> None:
    """Run reminders and checks (start exactly one of these per installation)."""
    app = current_app._get_current_object()
    jobs = all_jobs()
    if once:
        for job in jobs:
            click.echo(f"{job.name}: {job.run(app)}")
        return
    from apscheduler.schedulers.blocking import BlockingScheduler

    blocking = BlockingScheduler(timezone=app.config["TIMEZONE"])
    for job in jobs:
        blocking.add_job(_logged(job, app), "cron", id=job.name, **job.cron)
    click.echo(f"Scheduler running {len(jobs)} jobs in {app.config['TIMEZONE']}; Ctrl+C stops.")
    blocking.start()


def _logged(job, app):
    def run() -> None:
        click.echo(f"{job.name}: {job.run(app)}")

    return run


commands = [scheduler]
