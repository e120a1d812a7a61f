"""The counting board of an election (CONTRACT `counting_board`), named in its report.

Revision ID: 0801_counting_board
Revises: 0003_voting
"""

import sqlalchemy as sa
from alembic import op

revision = "0801_counting_board"
down_revision = "0003_voting"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("elections") as batch:
        batch.add_column(sa.Column("counting_board", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("elections") as batch:
        batch.drop_column("counting_board")
