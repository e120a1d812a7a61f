"""bodies.term_label: the council's or committee's ordinal as documents print it ("khóa I")

Revision ID: 0201_documents_people
Revises: 0001_registry
"""

import sqlalchemy as sa
from alembic import op

revision = "0201_documents_people"
down_revision = "0001_registry"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("term_label", sa.String(length=40), nullable=False, server_default="")
        )


def downgrade():
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.drop_column("term_label")
