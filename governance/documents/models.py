"""Official documents, their number register, PDF jobs and units' replacement templates."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, UniqueConstraint, or_
from sqlalchemy.orm import Mapped, column_property, deferred, mapped_column, relationship

from governance.core.database import UTCDateTime, utcnow
from governance.extensions import db
from governance.org.models import Body, Unit


class DocumentStatus(enum.StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    VOID = "void"  # withdrawn: its number is voided in the register


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class NumberEntry(db.Model):
    """One issued number. Rows are never deleted: a voided number stays, with its reason.

    The unique constraint is what finally forbids a duplicate, whatever the locking does.
    """

    __tablename__ = "document_numbers"
    __table_args__ = (
        UniqueConstraint(
            "unit_id",
            "issuer_code",
            "type_code",
            "period",
            "seq",
            name="uq_document_numbers_sequence",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    issuer_code: Mapped[str] = mapped_column(String(20))
    type_code: Mapped[str] = mapped_column(String(10))  # "*" when a sequence spans types
    period: Mapped[str] = mapped_column(String(40))  # "2026"; a term "2025–2030"
    seq: Mapped[int]
    text: Mapped[str] = mapped_column(String(60))  # as printed: "Số: 05/NQ-HĐND"
    document_id: Mapped[int | None] = mapped_column(index=True)  # set once the doc exists
    voided: Mapped[bool] = mapped_column(default=False)
    void_reason: Mapped[str] = mapped_column(Text, default="")
    voided_by: Mapped[int | None]
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Document(db.Model):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    style: Mapped[str] = mapped_column(String(10))
    type_code: Mapped[str] = mapped_column(String(10))
    number: Mapped[str] = mapped_column(String(60), default="")
    number_id: Mapped[int | None] = mapped_column(ForeignKey("document_numbers.id"))
    title: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(10), default=DocumentStatus.DRAFT)
    context: Mapped[dict] = mapped_column(JSON)
    docx: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    sha256: Mapped[str] = mapped_column(String(64), default="")
    signed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    p7s: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    signing_cert: Mapped[str] = mapped_column(Text, default="")  # PEM, for verification
    dev_certificate: Mapped[bool] = mapped_column(default=False)
    pdf: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    pdf_signed: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    pdf_source: Mapped[str] = mapped_column(String(20), default="")  # "app" | "external"
    # Whether a PDF exists, asked of the database: lists never load the PDF bytes for it.
    has_pdf: Mapped[bool] = column_property(
        or_(pdf.columns[0].isnot(None), pdf_signed.columns[0].isnot(None))
    )
    # Plain integers for now: the meetings domain adds the foreign keys.
    meeting_id: Mapped[int | None] = mapped_column(index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(index=True)
    # "resolution:item:12", "minutes:meeting:5": UNIQUE, so the database itself refuses a
    # second live document of one record; NULL once voided (and for free-standing documents).
    source_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    # Each person's signature: [{slot, user_id, name, position, at}] (minutes: secretary and
    # chair; the document is final when every slot of its kind is signed).
    signatures: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    created_by: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    unit: Mapped[Unit] = relationship()
    body: Mapped[Body | None] = relationship()
    jobs: Mapped[list[PdfJob]] = relationship(
        back_populates="document", order_by="PdfJob.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def signed(self) -> bool:
        return self.status == DocumentStatus.SIGNED


class PdfJob(db.Model):
    """A PDF to make from a document's .docx, outside the request (pdf.process_jobs)."""

    __tablename__ = "document_pdf_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default=JobStatus.QUEUED, index=True)
    progress: Mapped[int] = mapped_column(default=0)  # percent
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    document: Mapped[Document] = relationship(back_populates="jobs")


class UnitTemplate(db.Model):
    """A unit's own replacement for one of document_templates/*.docx, checked on upload."""

    __tablename__ = "document_unit_templates"
    __table_args__ = (UniqueConstraint("unit_id", "name", name="uq_document_unit_templates_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(200), default="")
    uploaded_by: Mapped[int | None]
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
