"""drafts: drafts of a body, their versions, comments and change recommendations

Revision ID: 0101_drafts
Revises: 0003_voting
Create Date: 2026-12-03 07:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0101_drafts"
down_revision = "0003_voting"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("type_code", sa.String(length=10), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("paper", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("review_until", sa.DateTime(), nullable=True),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("submitted_version", sa.Integer(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["body_id"], ["bodies.id"], name=op.f("fk_drafts_body_id_bodies")),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_items.id"],
            name=op.f("fk_drafts_agenda_item_id_agenda_items"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
        sa.UniqueConstraint("agenda_item_id", name=op.f("uq_drafts_agenda_item_id")),
    )
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_drafts_body_id"), ["body_id"], unique=False)

    op.create_table(
        "draft_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"], ["drafts.id"], name=op.f("fk_draft_versions_draft_id_drafts")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_draft_versions_author_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_versions")),
        sa.UniqueConstraint("draft_id", "number", name=op.f("uq_draft_versions_draft_id")),
    )
    with op.batch_alter_table("draft_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_draft_versions_draft_id"), ["draft_id"], unique=False)

    op.create_table(
        "draft_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("article", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("proposed", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("handled_by", sa.String(length=120), nullable=False),
        sa.Column("handled_at", sa.DateTime(), nullable=True),
        sa.Column("applied_in", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["draft_id"], ["drafts.id"], name=op.f("fk_draft_comments_draft_id_drafts")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_draft_comments_author_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_comments")),
    )
    with op.batch_alter_table("draft_comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_draft_comments_draft_id"), ["draft_id"], unique=False)


def downgrade():
    op.drop_table("draft_comments")
    op.drop_table("draft_versions")
    op.drop_table("drafts")
