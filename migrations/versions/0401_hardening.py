"""hardening: login throttle and revoked credentials in the database, session generation,
unit versions (If-Match on every PATCH)

Revision ID: 0401_hardening
Revises: 0003_voting
"""

import sqlalchemy as sa
from alembic import op

revision = "0401_hardening"
down_revision = "0003_voting"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_started_at", sa.DateTime(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttle")),
    )
    op.create_table(
        "revoked_credentials",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_revoked_credentials")),
    )
    op.create_index(
        op.f("ix_revoked_credentials_expires_at"), "revoked_credentials", ["expires_at"]
    )
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("session_generation", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("units") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade():
    with op.batch_alter_table("units") as batch:
        batch.drop_column("version")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_generation")
    op.drop_index(op.f("ix_revoked_credentials_expires_at"), table_name="revoked_credentials")
    op.drop_table("revoked_credentials")
    op.drop_table("login_throttle")
