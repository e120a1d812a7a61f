"""congress: plan, cells and seats, delegates; election base exclusions

Revision ID: 0301_congress
Revises: 0003_voting
Create Date: 2026-12-03 07:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0301_congress"
down_revision = "0003_voting"
branch_labels = None
depends_on = None


def _id():
    return sa.Column("id", sa.Integer(), primary_key=True)


def upgrade():
    op.create_table(
        "congresses",
        _id(),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=False),
        sa.Column("body_id", sa.Integer(), sa.ForeignKey("bodies.id"), nullable=True),
        sa.Column("term", sa.String(20), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("form", sa.String(20), nullable=False),
        sa.Column("ex_officio", sa.Integer(), nullable=False),
        sa.Column("designated", sa.Integer(), nullable=False),
        sa.Column("elected", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("notice_days", sa.Integer(), nullable=False),
        sa.Column("provincial_deadline", sa.Date(), nullable=True),
        sa.Column("holidays", sa.JSON(), nullable=False),
        sa.Column("max_delegates", sa.Integer(), nullable=False),
        sa.Column("max_executive", sa.Integer(), nullable=False),
        sa.Column("executive_seats", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        sa.Column("minimum", sa.Integer(), nullable=False),
        sa.Column("tied", sa.JSON(), nullable=False),
        sa.Column("to_decide", sa.Integer(), nullable=False),
        sa.Column("decided", sa.JSON(), nullable=False),
        sa.Column("decision_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.UniqueConstraint("body_id", name="uq_congresses_body_id"),
    )
    op.create_index("ix_congresses_unit_id", "congresses", ["unit_id"])
    op.create_table(
        "congress_cells",
        _id(),
        sa.Column("congress_id", sa.Integer(), sa.ForeignKey("congresses.id"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=True),
        sa.UniqueConstraint("congress_id", "name", name="uq_congress_cells_congress_id"),
    )
    op.create_index("ix_congress_cells_congress_id", "congress_cells", ["congress_id"])
    op.create_table(
        "congress_milestones",
        _id(),
        sa.Column("congress_id", sa.Integer(), sa.ForeignKey("congresses.id"), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("working_days_before", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
    )
    op.create_index("ix_congress_milestones_congress_id", "congress_milestones", ["congress_id"])
    op.create_table(
        "congress_delegates",
        _id(),
        sa.Column("congress_id", sa.Integer(), sa.ForeignKey("congresses.id"), nullable=False),
        sa.Column("cell_id", sa.Integer(), sa.ForeignKey("congress_cells.id"), nullable=True),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(120), nullable=False),
        sa.Column("gender", sa.String(10), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("ethnicity", sa.String(50), nullable=False),
        sa.Column("education", sa.String(120), nullable=False),
        sa.Column("theory_level", sa.String(120), nullable=False),
        sa.Column("party_joined_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=False),
        sa.Column(
            "replaces_id", sa.Integer(), sa.ForeignKey("congress_delegates.id"), nullable=True
        ),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("members.id"), nullable=True),
    )
    op.create_index("ix_congress_delegates_congress_id", "congress_delegates", ["congress_id"])
    op.create_index("ix_congress_delegates_cell_id", "congress_delegates", ["cell_id"])
    op.create_table(
        "election_exclusions",
        _id(),
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meetings.id"), nullable=False),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("members.id"), nullable=False),
        sa.Column("category", sa.String(30), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.UniqueConstraint("meeting_id", "member_id", name="uq_election_exclusions_meeting_id"),
    )
    op.create_index("ix_election_exclusions_meeting_id", "election_exclusions", ["meeting_id"])
    op.create_index("ix_election_exclusions_member_id", "election_exclusions", ["member_id"])


def downgrade():
    for table in (
        "election_exclusions",
        "congress_delegates",
        "congress_milestones",
        "congress_cells",
        "congresses",
    ):
        op.drop_table(table)
