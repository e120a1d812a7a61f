"""Delegates linked to the person in the registry (their member record), once per congress.

Revision ID: 0901_delegate_person
Revises: 0301_congress
"""

import sqlalchemy as sa
from alembic import op

revision = "0901_delegate_person"
down_revision = "0301_congress"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("congress_delegates") as batch:
        batch.add_column(sa.Column("person_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_congress_delegates_person_id_members", "members", ["person_id"], ["id"]
        )
        batch.create_unique_constraint(
            "uq_congress_delegates_congress_id", ["congress_id", "person_id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("congress_delegates") as batch:
        batch.drop_constraint("uq_congress_delegates_congress_id", type_="unique")
        batch.drop_constraint("fk_congress_delegates_person_id_members", type_="foreignkey")
        batch.drop_column("person_id")
