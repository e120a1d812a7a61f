"""notifications, e-mail outbox, scheduler leases, oversight findings

Revision ID: 0701_notifications
Revises: 0003_voting
"""

import sqlalchemy as sa
from alembic import op

revision = "0701_notifications"
down_revision = "0003_voting"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "scheduler_leases",
        sa.Column("name", sa.String(60), nullable=False, autoincrement=False),
        sa.Column("holder", sa.String(120), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("renewed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_scheduler_leases")),
    )
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("link", sa.String(300), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_notifications_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        sa.UniqueConstraint("user_id", "key", name=op.f("uq_notifications_user_id")),
    )
    with op.batch_alter_table("notifications") as batch:
        batch.create_index(batch.f("ix_notifications_user_id"), ["user_id"])
        batch.create_index(batch.f("ix_notifications_unit_id"), ["unit_id"])
        batch.create_index(batch.f("ix_notifications_key"), ["key"])
    op.create_table(
        "email_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.Column("to_addr", sa.String(254), nullable=False),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_by", sa.String(120), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(500), nullable=False),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["notifications.id"],
            name=op.f("fk_email_outbox_notification_id_notifications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_outbox")),
        sa.UniqueConstraint("notification_id", name=op.f("uq_email_outbox_notification_id")),
    )
    with op.batch_alter_table("email_outbox") as batch:
        batch.create_index(batch.f("ix_email_outbox_claimed_by"), ["claimed_by"])
        batch.create_index(batch.f("ix_email_outbox_sent_at"), ["sent_at"])
    op.create_table(
        "notification_addresses",
        sa.Column("user_id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_notification_addresses_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_notification_addresses")),
    )
    op.create_table(
        "oversight_findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("answered_by", sa.String(120), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_oversight_findings_unit_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_oversight_findings_author_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oversight_findings")),
    )
    with op.batch_alter_table("oversight_findings") as batch:
        batch.create_index(batch.f("ix_oversight_findings_unit_id"), ["unit_id"])


def downgrade():
    op.drop_table("oversight_findings")
    op.drop_table("notification_addresses")
    op.drop_table("email_outbox")
    op.drop_table("notifications")
    op.drop_table("scheduler_leases")
