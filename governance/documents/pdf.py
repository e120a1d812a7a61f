"""PDF conversion outside the request: a job table, processed in batches by LibreOffice.

`flask convert-pdfs` and the scheduler's `convert-pdfs` job call `process_jobs`; one
`soffice` run converts a whole batch (starting LibreOffice costs seconds, converting a page
milliseconds). A signed document's PDF is then signed too (PAdES).
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from governance.documents import stamps
from governance.documents.models import Document, JobStatus, PdfJob
from governance.extensions import db

log = logging.getLogger("governance.documents")
BATCH = 8
TIMEOUT_SECONDS = 300
ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


def soffice() -> str | None:
    """The LibreOffice binary, or None when it is not installed."""
    return shutil.which(current_app.config.get("SOFFICE_BINARY") or "soffice")


def enqueue(document: Document, force: bool = False) -> PdfJob | None:
    """Queue a conversion (in the caller's transaction); None when LibreOffice is missing."""
    if soffice() is None:
        return None
    for job in document.jobs:
        if job.status in ACTIVE:
            return job
    if document.pdf is not None and not force and not document.signed:
        return None
    job = PdfJob(document=document)
    db.session.add(job)
    return job


def latest_job(document: Document) -> PdfJob | None:
    return document.jobs[-1] if document.jobs else None


def process_jobs(batch: int = BATCH) -> str:
    """Convert up to `batch` queued documents; returns a line for the log."""
    binary = soffice()
    jobs = _claim(batch)
    if not jobs:
        return "no PDF to make"
    if binary is None:
        _finish_all(jobs, JobStatus.FAILED, "LibreOffice (soffice) is not installed.")
        return f"{len(jobs)} PDF jobs failed: LibreOffice is not installed"
    with tempfile.TemporaryDirectory(prefix="hoinghi-pdf-") as folder:
        out = Path(folder)
        sources = [_write_source(out, job) for job in jobs]
        _progress(jobs, 30)
        error = _convert(binary, sources, out)
        _progress(jobs, 70)
        done = sum(_store(job, out / f"{job.id}.pdf", error) for job in jobs)
    db.session.commit()
    return f"{done} of {len(jobs)} PDFs made"


def _claim(batch: int) -> list[PdfJob]:
    query = select(PdfJob).where(PdfJob.status == JobStatus.QUEUED).order_by(PdfJob.id).limit(batch)
    if db.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    jobs = list(db.session.scalars(query))
    for job in jobs:
        job.status, job.progress, job.message = JobStatus.RUNNING, 10, ""
    db.session.commit()
    return jobs


def _write_source(folder: Path, job: PdfJob) -> Path:
    path = folder / f"{job.id}.docx"
    path.write_bytes(job.document.docx)
    return path


def _progress(jobs: list[PdfJob], percent: int) -> None:
    for job in jobs:
        job.progress = percent
    db.session.commit()


def _convert(binary: str, sources: list[Path], out: Path) -> str:
    """One soffice run for the batch; LibreOffice allows one instance per profile: lock it."""
    profile = Path(tempfile.gettempdir()) / f"hoinghi-soffice-{os.getuid()}"
    profile.mkdir(exist_ok=True)
    command = [
        binary,
        "--headless",
        "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation=file://{profile}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *map(str, sources),
    ]
    with open(profile / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            result = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS)
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"LibreOffice did not finish: {error}"
    if result.returncode != 0:
        return f"LibreOffice failed: {result.stderr.decode(errors='replace')[-500:]}"
    return ""


def _store(job: PdfJob, pdf_path: Path, error: str) -> bool:
    if not pdf_path.exists():
        job.status, job.message = JobStatus.FAILED, error or "LibreOffice made no PDF."
        return False
    document = job.document
    document.pdf = pdf_path.read_bytes()
    if document.signed and document.pdf_source != "external":
        try:
            location = document.context.get("letterhead", {}).get("place", "")
            document.pdf_signed = stamps.sign_document_pdf(
                document.pdf, stamps_of(document), document.unit, document.number, location
            )
            document.pdf_source = "app"
        except Exception as exc:  # a broken key must not lose the PDF itself
            log.exception("signing the PDF of document %s failed", document.id)
            job.status, job.message = JobStatus.FAILED, f"PDF made, signing failed: {exc}"
            return False
    job.status, job.progress = JobStatus.DONE, 100
    return True


def stamps_of(document: Document) -> list[stamps.Stamp]:
    """The visible signatures of a signed document: each person's, in the order signed."""
    from datetime import datetime

    from governance.core.schemas import local_zone

    organisation = document.context.get("letterhead", {}).get("issuer_name", "")
    return [
        stamps.Stamp(
            field=f"Signature-{entry['slot']}",
            name=entry["name"],
            office=entry["position"],
            organisation=organisation or document.unit.name,
            at=datetime.fromisoformat(entry["at"]).astimezone(local_zone()),
        )
        for entry in document.signatures or []
    ]


def _finish_all(jobs: list[PdfJob], status: str, message: str) -> None:
    for job in jobs:
        job.status, job.message = status, message
    db.session.commit()
