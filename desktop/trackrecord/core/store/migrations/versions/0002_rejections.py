"""The rejection log: rejections, their debrief answers, practice items, custom reframes.

Revision ID: 0002_rejections
Revises: 0001_initial
Create Date: 2026-11-26

Debrief answers get a child table (one row per topic) rather than a JSON column: the store
itself then refuses an unknown topic or answer, and "how often did nerves get in the way
this year?" is one indexed GROUP BY for the pre-interview review instead of JSON parsing.
The evidence and reframe shown at logging time stay a JSON snapshot: they are a record of
what was on screen, read back whole and never queried field by field.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_rejections"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

# Frozen copies of the allowed values at this revision (models may change later; this may not).
STAGES = (
    "application", "recruiter", "phone-screen", "take-home", "coding", "system-design",
    "behavioral", "hiring-manager", "onsite", "team-match", "offer", "other",
)
CATEGORIES = ("fit", "signal-gap", "external-noise", "unknown")
DEBRIEF_TOPICS = (
    "nerves", "communication", "independence", "clarifying-questions", "narration", "trade-offs",
)
DEBRIEF_ANSWERS = ("yes", "partly", "no")


def _in_list(column: str, values: tuple[str, ...], *, nullable: bool = False) -> str:
    listed = ", ".join(f"'{v}'" for v in values)
    return f"{column} IS NULL OR {column} IN ({listed})" if nullable else f"{column} IN ({listed})"


def _percent(column: str) -> str:
    return f"{column} IS NULL OR ({column} >= 0 AND {column} <= 100)"


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=False, server_default="")


def upgrade() -> None:
    # op.f(): the names are final. Without it the metadata's naming convention prefixes them
    # again (0001 has "ck_entries_ck_entries_kind"; that revision is frozen and stays as is).
    op.create_table(
        "rejections",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("company", sa.Text(), nullable=False),
        _text("role"),
        _text("level"),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        _text("feedback"),
        _text("own_read"),
        sa.Column("category", sa.String(20), nullable=False, server_default="unknown"),
        sa.Column("suggested_category", sa.String(20), nullable=True),
        sa.Column("category_trigger", sa.Text(), nullable=True),
        sa.Column("category_confirmed", sa.Boolean(), nullable=False, server_default="0"),
        sa.Column("sting_before", sa.Integer(), nullable=True),
        sa.Column("sting_after", sa.Integer(), nullable=True),
        sa.Column("snapshot_json", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_rejections"),
        sa.UniqueConstraint("id", name="uq_rejections_id"),
        sa.CheckConstraint(_in_list("stage", STAGES), name=op.f("ck_rejections_stage")),
        sa.CheckConstraint(_in_list("category", CATEGORIES), name=op.f("ck_rejections_category")),
        sa.CheckConstraint(
            _in_list("suggested_category", CATEGORIES, nullable=True),
            name=op.f("ck_rejections_suggested_category"),
        ),
        sa.CheckConstraint(
            "length(trim(company)) > 0", name=op.f("ck_rejections_company_not_blank")
        ),
        sa.CheckConstraint(
            "category_confirmed IN (0, 1)", name=op.f("ck_rejections_category_confirmed_bool")
        ),
        sa.CheckConstraint(_percent("sting_before"), name=op.f("ck_rejections_sting_before_range")),
        sa.CheckConstraint(_percent("sting_after"), name=op.f("ck_rejections_sting_after_range")),
    )
    op.create_index("ix_rejections_date", "rejections", ["date"])
    op.create_table(
        "rejection_debrief",
        sa.Column("rejection_pk", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(32), nullable=False),
        sa.Column("answer", sa.String(8), nullable=True),
        _text("note"),
        sa.ForeignKeyConstraint(
            ["rejection_pk"], ["rejections.pk"], ondelete="CASCADE",
            name="fk_rejection_debrief_rejection_pk_rejections",
        ),
        sa.PrimaryKeyConstraint("rejection_pk", "topic", name="pk_rejection_debrief"),
        sa.CheckConstraint(
            _in_list("topic", DEBRIEF_TOPICS), name=op.f("ck_rejection_debrief_topic")
        ),
        sa.CheckConstraint(
            _in_list("answer", DEBRIEF_ANSWERS, nullable=True),
            name=op.f("ck_rejection_debrief_answer"),
        ),
    )
    op.create_table(
        "practice_items",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("rejection_pk", sa.Integer(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False, server_default="0"),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_practice_items"),
        sa.UniqueConstraint("id", name="uq_practice_items_id"),
        sa.ForeignKeyConstraint(
            ["rejection_pk"], ["rejections.pk"], ondelete="SET NULL",
            name="fk_practice_items_rejection_pk_rejections",
        ),
        sa.CheckConstraint("length(trim(text)) > 0", name=op.f("ck_practice_items_text_not_blank")),
        sa.CheckConstraint("done IN (0, 1)", name=op.f("ck_practice_items_done_bool")),
    )
    op.create_index("ix_practice_items_rejection_pk", "practice_items", ["rejection_pk"])
    op.create_table(
        "custom_reframes",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("category", sa.String(20), nullable=True),
        sa.Column("stage", sa.String(20), nullable=True),
        _text("headline"),
        _text("body"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_custom_reframes"),
        sa.UniqueConstraint("id", name="uq_custom_reframes_id"),
        sa.CheckConstraint(
            _in_list("category", CATEGORIES, nullable=True),
            name=op.f("ck_custom_reframes_category"),
        ),
        sa.CheckConstraint(
            _in_list("stage", STAGES, nullable=True), name=op.f("ck_custom_reframes_stage")
        ),
        sa.CheckConstraint(
            "length(trim(headline)) > 0 OR length(trim(body)) > 0",
            name=op.f("ck_custom_reframes_not_blank"),
        ),
    )


def downgrade() -> None:
    op.drop_table("custom_reframes")
    op.drop_index("ix_practice_items_rejection_pk", table_name="practice_items")
    op.drop_table("practice_items")
    op.drop_table("rejection_debrief")
    op.drop_index("ix_rejections_date", table_name="rejections")
    op.drop_table("rejections")
