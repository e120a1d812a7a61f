"""`flask convert-pdfs`: make the queued PDFs now, in batches, until none is left."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from governance.documents.pdf import BATCH, process_jobs, soffice


@click.command("convert-pdfs")
@click.option("--batch", default=BATCH, show_default=True, help="Documents per soffice run.")
@click.option("--once", is_flag=True, help="One batch only.")
@with_appcontext
def convert_pdfs(batch: int, once: bool) -> None:
    """Convert queued documents to PDF with LibreOffice (and sign the signed ones)."""
    if soffice() is None:
        click.echo("LibreOffice (soffice) is not installed: PDFs cannot be made.", err=True)
    while True:
        line = process_jobs(batch)
        click.echo(line)
        if once or line == "no PDF to make":
            break


commands = [convert_pdfs]
