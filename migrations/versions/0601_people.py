"""The session day: accounts linked to members, the live state of a session, speakers.

Revision ID: 0601_people
Revises: 0003_voting
"""

import sqlalchemy as sa
from alembic import op

revision = "0601_people"
down_revision = "0003_voting"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("member_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_users_member_id_members"), "members", ["member_id"], ["id"]
        )
        batch.create_index(op.f("ix_users_member_id"), ["member_id"])
    op.create_table(
        "account_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_account_members_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_account_members_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_members")),
        sa.UniqueConstraint("member_id", name=op.f("uq_account_members_member_id")),
    )
    op.create_index(op.f("ix_account_members_user_id"), "account_members", ["user_id"])
    op.create_table(
        "session_live",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("current_item_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_session_live_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_session_live")),
    )
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("seconds", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.Column("waiting_member_id", sa.Integer(), nullable=True),
        sa.Column("speaking_meeting_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_items.id"],
            name=op.f("fk_speakers_agenda_item_id_agenda_items"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_speakers_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_speakers_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speakers")),
        sa.UniqueConstraint(
            "agenda_item_id", "waiting_member_id", name="uq_speakers_agenda_item_id"
        ),
        sa.UniqueConstraint("speaking_meeting_id", name=op.f("uq_speakers_speaking_meeting_id")),
    )
    op.create_index(op.f("ix_speakers_agenda_item_id"), "speakers", ["agenda_item_id"])
    op.create_index(op.f("ix_speakers_meeting_id"), "speakers", ["meeting_id"])


def downgrade():
    op.drop_table("speakers")
    op.drop_table("session_live")
    op.drop_index(op.f("ix_account_members_user_id"), table_name="account_members")
    op.drop_table("account_members")
    with op.batch_alter_table("users") as batch:
        batch.drop_index(op.f("ix_users_member_id"))
        batch.drop_constraint(op.f("fk_users_member_id_members"), type_="foreignkey")
        batch.drop_column("member_id")
