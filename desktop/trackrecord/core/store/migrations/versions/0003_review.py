"""The pre-interview review: upcoming interviews with their expected stages, and a practice log.

Revision ID: 0003_review
Revises: 0002_rejections
Create Date: 2026-11-26

Expected stages get a child table (one row per stage, with its position) like the debrief
answers in 0002: the store itself refuses an unknown stage. The energy-checklist ticks are a
JSON list of item ids: they are read back whole with their interview and never queried.

Habits the person adds are practice items with no rejection (``practice_items`` from 0002), so
there is one list of things to practise; a practice session points at one of them and goes
with it when it is deleted.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_review"
down_revision = "0002_rejections"
branch_labels = None
depends_on = None

# Frozen copy of the allowed stages at this revision (models may change later; this may not).
STAGES = (
    "application", "recruiter", "phone-screen", "take-home", "coding", "system-design",
    "behavioral", "hiring-manager", "onsite", "team-match", "offer", "other",
)


def _in_list(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=False, server_default="")


def upgrade() -> None:
    op.create_table(
        "upcoming_interviews",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        _text("company"),
        _text("role"),
        sa.Column("date", sa.Date(), nullable=True),
        _text("notes"),
        sa.Column("energy_ticks", sa.JSON(), nullable=False, server_default="[]"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_upcoming_interviews"),
        sa.UniqueConstraint("id", name="uq_upcoming_interviews_id"),
    )
    op.create_index("ix_upcoming_interviews_date", "upcoming_interviews", ["date"])
    op.create_table(
        "interview_stages",
        sa.Column("interview_pk", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.ForeignKeyConstraint(
            ["interview_pk"], ["upcoming_interviews.pk"], ondelete="CASCADE",
            name="fk_interview_stages_interview_pk_upcoming_interviews",
        ),
        sa.PrimaryKeyConstraint("interview_pk", "stage", name="pk_interview_stages"),
        sa.CheckConstraint(_in_list("stage", STAGES), name=op.f("ck_interview_stages_stage")),
    )
    op.create_table(
        "practice_sessions",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("practice_item_pk", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        _text("note"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_practice_sessions"),
        sa.UniqueConstraint("id", name="uq_practice_sessions_id"),
        sa.ForeignKeyConstraint(
            ["practice_item_pk"], ["practice_items.pk"], ondelete="CASCADE",
            name="fk_practice_sessions_practice_item_pk_practice_items",
        ),
    )
    op.create_index(
        "ix_practice_sessions_item_date", "practice_sessions", ["practice_item_pk", "date"]
    )
    op.create_index("ix_practice_sessions_date", "practice_sessions", ["date"])


def downgrade() -> None:
    op.drop_index("ix_practice_sessions_date", table_name="practice_sessions")
    op.drop_index("ix_practice_sessions_item_date", table_name="practice_sessions")
    op.drop_table("practice_sessions")
    op.drop_table("interview_stages")
    op.drop_index("ix_upcoming_interviews_date", table_name="upcoming_interviews")
    op.drop_table("upcoming_interviews")
