"""Scheduled job: make the queued PDFs (every 10 seconds, in the scheduler process)."""

from __future__ import annotations

from flask import Flask

from governance.core.schedule import Job
from governance.documents.pdf import process_jobs


def convert_pdfs(app: Flask) -> str:
    with app.app_context():
        return process_jobs()


JOBS = (Job("convert-pdfs", convert_pdfs, {"second": "*/10"}),)
