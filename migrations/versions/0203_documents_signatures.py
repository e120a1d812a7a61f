"""documents: one per source record (database constraint), signatures per person, publication

Revision ID: 0203_documents_signatures
Revises: 0002_documents
"""

import sqlalchemy as sa
from alembic import op

revision = "0203_documents_signatures"
down_revision = "0002_documents"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_key", sa.String(length=80), nullable=True))
        batch_op.add_column(
            sa.Column("signatures", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(sa.Column("published_at", sa.DateTime(), nullable=True))
        batch_op.create_unique_constraint("uq_documents_source_key", ["source_key"])
        batch_op.create_index("ix_documents_published_at", ["published_at"], unique=False)
    # Drafts made before the constraint: keep the newest live one per source record.
    op.execute(
        "UPDATE documents SET source_key = kind || ':' || "
        "CASE WHEN kind = 'minutes' THEN 'meeting:' || CAST(meeting_id AS VARCHAR(20)) "
        "ELSE 'item:' || CAST(agenda_item_id AS VARCHAR(20)) END "
        "WHERE status != 'void' AND kind IN ('minutes', 'resolution') "
        "AND id IN (SELECT MAX(id) FROM documents WHERE status != 'void' "
        "AND kind IN ('minutes', 'resolution') "
        "GROUP BY kind, meeting_id, agenda_item_id)"
    )


def downgrade():
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_published_at")
        batch_op.drop_constraint("uq_documents_source_key", type_="unique")
        for name in ("published_at", "signatures", "source_key"):
            batch_op.drop_column(name)
