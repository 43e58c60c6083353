"""Thought records after a rejection, and rehearsals of STAR stories before an interview.

Revision ID: 0006_thoughts_rehearsals
Revises: 0005_capture
Create Date: 2026-12-01

A thought record belongs to one rejection (UNIQUE) and goes with it. Its thinking traps are a
JSON list of ids from resources/thoughts/traps.toml, read back whole like the energy ticks of
0003 (they are data the app ships, not a vocabulary the store checks); its emotions get a row
each, so the store itself refuses a rating outside 0-100.

A rehearsal points at the entry whose story was told (and goes with it) and, when it was
rehearsed from an interview's deck, at that interview (kept, unlinked, if the interview is
deleted). ``stories_told`` says which entries were told in which interview.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_thoughts_rehearsals"
down_revision = "0005_capture"
branch_labels = None
depends_on = None

# Frozen copy of the rehearsal outcomes at this revision (models may change later; this may not).
OUTCOMES = ("rough", "okay", "smooth")


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=False, server_default="")


def _percent(column: str) -> str:
    return f"{column} IS NULL OR ({column} >= 0 AND {column} <= 100)"


def upgrade() -> None:
    op.create_table(
        "thought_records",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("rejection_pk", sa.Integer(), nullable=False),
        _text("thought"),
        sa.Column("traps", sa.JSON(), nullable=False, server_default="[]"),
        _text("evidence_for"),
        _text("evidence_against"),
        _text("balanced"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_thought_records"),
        sa.UniqueConstraint("id", name="uq_thought_records_id"),
        sa.UniqueConstraint("rejection_pk", name="uq_thought_records_rejection_pk"),
        sa.ForeignKeyConstraint(
            ["rejection_pk"], ["rejections.pk"], ondelete="CASCADE",
            name="fk_thought_records_rejection_pk_rejections",
        ),
    )
    op.create_table(
        "thought_emotions",
        sa.Column("thought_pk", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("before", sa.Integer(), nullable=True),
        sa.Column("after", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("thought_pk", "position", name="pk_thought_emotions"),
        sa.ForeignKeyConstraint(
            ["thought_pk"], ["thought_records.pk"], ondelete="CASCADE",
            name="fk_thought_emotions_thought_pk_thought_records",
        ),
        sa.CheckConstraint("length(trim(name)) > 0",
                           name=op.f("ck_thought_emotions_name_not_blank")),
        sa.CheckConstraint(_percent("before"), name=op.f("ck_thought_emotions_before_range")),
        sa.CheckConstraint(_percent("after"), name=op.f("ck_thought_emotions_after_range")),
    )
    op.create_table(
        "rehearsals",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("entry_pk", sa.Integer(), nullable=False),
        sa.Column("interview_pk", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("seconds", sa.Integer(), nullable=True),
        sa.Column("went", sa.String(10), nullable=False),
        _text("note"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_rehearsals"),
        sa.UniqueConstraint("id", name="uq_rehearsals_id"),
        sa.ForeignKeyConstraint(
            ["entry_pk"], ["entries.pk"], ondelete="CASCADE",
            name="fk_rehearsals_entry_pk_entries",
        ),
        sa.ForeignKeyConstraint(
            ["interview_pk"], ["upcoming_interviews.pk"], ondelete="SET NULL",
            name="fk_rehearsals_interview_pk_upcoming_interviews",
        ),
        sa.CheckConstraint(f"went IN ({', '.join(repr(o) for o in OUTCOMES)})",
                           name=op.f("ck_rehearsals_went")),
        sa.CheckConstraint("seconds IS NULL OR seconds >= 0",
                           name=op.f("ck_rehearsals_seconds_not_negative")),
    )
    op.create_index("ix_rehearsals_entry_date", "rehearsals", ["entry_pk", "date"])
    op.create_index("ix_rehearsals_interview_pk", "rehearsals", ["interview_pk"])
    op.create_table(
        "stories_told",
        sa.Column("interview_pk", sa.Integer(), nullable=False),
        sa.Column("entry_pk", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("interview_pk", "entry_pk", name="pk_stories_told"),
        sa.ForeignKeyConstraint(
            ["interview_pk"], ["upcoming_interviews.pk"], ondelete="CASCADE",
            name="fk_stories_told_interview_pk_upcoming_interviews",
        ),
        sa.ForeignKeyConstraint(
            ["entry_pk"], ["entries.pk"], ondelete="CASCADE",
            name="fk_stories_told_entry_pk_entries",
        ),
    )
    op.create_index("ix_stories_told_entry_pk", "stories_told", ["entry_pk"])


def downgrade() -> None:
    op.drop_index("ix_stories_told_entry_pk", table_name="stories_told")
    op.drop_table("stories_told")
    op.drop_index("ix_rehearsals_interview_pk", table_name="rehearsals")
    op.drop_index("ix_rehearsals_entry_date", table_name="rehearsals")
    op.drop_table("rehearsals")
    op.drop_table("thought_emotions")
    op.drop_table("thought_records")
