"""Command-line administration: schema, audit check, backup and restore (accounts of
people: org.cli)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy.exc import DBAPIError

from governance.core import audit, backup
from governance.core.database import migrate_to_latest
from governance.core.seeding import demo_accounts_text, seed_all


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or migrate the schema of the configured database to the latest revision."""
    migrate_to_latest()
    click.echo("The database schema is up to date.")


@click.command("audit-verify")
@click.option("--full", is_flag=True, help="Walk the whole chain, not only the new entries.")
@with_appcontext
def audit_verify(full: bool) -> None:
    """Check the audit chain against its signed anchors; exits 1 when it was altered.

    By default only the entries after the latest anchor are read (the nightly run);
    `--full` walks every entry."""
    total = audit.entry_count()
    with click.progressbar(length=total, label="Audit entries", file=sys.stderr) as bar:
        report = audit.verify_chain(full=full, progress=bar.update)
    for entry_id, problem in report.problems:
        click.echo(f"entry {entry_id}: {problem}", err=True)
    if not report.ok:
        raise SystemExit(1)
    click.echo(
        f"The audit chain is intact: {report.count} entries ({report.checked} checked), "
        f"head {report.head}."
    )


def _progress(label: str):
    """Printed counts, table by table, on standard error (the output stays for results)."""
    seen: dict[str, int] = {}

    def report(what: str, more: int) -> None:
        before = seen.get(what, 0)
        seen[what] = before + more
        if before // 50_000 != seen[what] // 50_000 or before == 0:
            click.echo(f"{label} {what}: {seen[what]:,}", err=True)

    return report


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Write a consistent snapshot of all data and stored files to PATH (a zip, mode 0600)."""
    try:
        counts = backup.write_backup(path, _progress("backed up"))
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Wrote {path}: {sum(counts.values())} rows in {len(counts)} tables.")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(path: Path, yes: bool) -> None:
    """Replace all data (and stored files) by the snapshot in PATH."""
    try:
        manifest = backup.read_manifest(path)
        if not yes and sys.stdin.isatty():
            click.confirm("This replaces ALL data in the database. Continue?", abort=True)
        restored = backup.restore_backup(path, _progress("restored"))
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from None
    except DBAPIError as error:  # a damaged or read-only database: say so, no traceback
        raise click.ClickException(
            f"The database cannot be written ({error.orig}). Nothing was restored: check "
            "DATABASE_URL, the database file and its folder."
        ) from None
    counts = restored.counts
    click.echo(
        f"Restored {sum(counts.values())} rows in {len(counts)} tables and "
        f"{len(manifest.get('files', []))} stored files (SHA-256 checked)."
    )
    if restored.missing:
        click.echo(
            f"Warning: {len(restored.missing)} papers have no file in this backup: "
            + ", ".join(restored.missing[:20]),
            err=True,
        )


@click.command("seed-demo")
@with_appcontext
def seed_demo() -> None:
    """Fill the database with demo data (a province, communes, bodies, members, users)."""
    accounts = seed_all()
    if not accounts:
        click.echo("Demo data is already there.")
    click.echo(demo_accounts_text())


commands = [seed_demo, init_db, audit_verify, backup_command, restore_command]
