"""attachments: paper kind, number, date and issuer (the resolution's "Xét" line)

Revision ID: 0202_documents_papers
Revises: 0002_meetings
"""

import sqlalchemy as sa
from alembic import op

revision = "0202_documents_papers"
down_revision = "0002_meetings"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("paper_kind", sa.String(length=20), nullable=False, server_default="other")
        )
        batch_op.add_column(
            sa.Column("doc_number", sa.String(length=60), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("issued_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("issuer", sa.String(length=200), nullable=False, server_default="")
        )


def downgrade():
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        for name in ("issuer", "issued_on", "doc_number", "paper_kind"):
            batch_op.drop_column(name)
