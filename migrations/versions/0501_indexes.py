"""Indexes for the filters and joins of the national lists; audit anchors and checks.

Revision ID: 0501_indexes
Revises: 0003_voting
"""

import sqlalchemy as sa
from alembic import op

revision = "0501_indexes"
down_revision = "0003_voting"
branch_labels = None
depends_on = "0002_documents"

INDEXES = (
    # meetings list, calendar and sessions: by start time, by body and time, by status and time
    ("ix_meetings_starts_at", "meetings", ["starts_at"]),
    ("ix_meetings_body_id_starts_at", "meetings", ["body_id", "starts_at"]),
    ("ix_meetings_status_starts_at", "meetings", ["status", "starts_at"]),
    # a unit's documents, newest first
    ("ix_documents_unit_id_id", "documents", ["unit_id", "id"]),
    # units: provinces first then by name; a province's units by name
    ("ix_units_kind_name", "units", ["kind", "name"]),
    ("ix_units_parent_id_name", "units", ["parent_id", "name"]),
)


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    op.create_table(
        "audit_anchors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("signature", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_anchors")),
    )
    op.create_index("ix_audit_anchors_entry_id", "audit_anchors", ["entry_id"])
    op.create_table(
        "audit_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("requested_by", sa.String(length=64), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("ok", sa.Boolean(), nullable=True),
        sa.Column("checked", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("head", sa.String(length=64), nullable=False),
        sa.Column("problems", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_checks")),
    )
    op.create_index("ix_audit_checks_status", "audit_checks", ["status"])


def downgrade():
    op.drop_table("audit_checks")
    op.drop_table("audit_anchors")
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
