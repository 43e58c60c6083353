"""The first schema: entries, tags, settings, and full-text search over entries.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copy of the indexed columns at this revision (models may change later; this may not).
FTS_COLUMNS = (
    "title", "summary", "tag_text", "impact", "metrics", "organisation", "team", "role",
    "notes", "situation", "task", "action", "result", "scale", "stack", "root_cause",
    "mentee", "outcome",
)


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=False, server_default="")


def upgrade() -> None:
    op.create_table(
        "tags",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(80, collation="NOCASE"), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_tags"),
        sa.UniqueConstraint("name", name="uq_tags_name"),
    )
    op.create_table(
        "entries",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        _text("organisation"), _text("team"), _text("role"), _text("summary"),
        _text("impact"), _text("metrics"),
        sa.Column("links", sa.JSON(), nullable=False, server_default="[]"),
        _text("notes"), _text("situation"), _text("task"), _text("action"), _text("result"),
        _text("scale"), _text("stack"), _text("severity"), _text("time_to_mitigate"),
        _text("root_cause"), _text("mentee"), _text("duration"), _text("outcome"),
        _text("tag_text"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_entries"),
        sa.UniqueConstraint("id", name="uq_entries_id"),
        sa.CheckConstraint(
            "kind IN ('shipped', 'incident', 'mentoring', 'other')", name=op.f("ck_entries_kind")
        ),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_entries_title_not_blank")),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date", name=op.f("ck_entries_dates_ordered")
        ),
    )
    op.create_index("ix_entries_start_date", "entries", ["start_date"])
    op.create_table(
        "entry_tags",
        sa.Column("entry_pk", sa.Integer(), nullable=False),
        sa.Column("tag_pk", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_pk"], ["entries.pk"], ondelete="CASCADE",
            name="fk_entry_tags_entry_pk_entries",
        ),
        sa.ForeignKeyConstraint(
            ["tag_pk"], ["tags.pk"], ondelete="CASCADE", name="fk_entry_tags_tag_pk_tags"
        ),
        sa.PrimaryKeyConstraint("entry_pk", "tag_pk", name="pk_entry_tags"),
    )
    op.create_index("ix_entry_tags_tag_pk", "entry_tags", ["tag_pk"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(120), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_settings"),
    )

    # Two external-content FTS5 indexes over the same columns; the text itself lives once, in
    # entries. trusted_schema=OFF forbids triggers from writing to a virtual table, so
    # trackrecord.core.store.fts keeps both in step.
    # - entry_fts stems words (porter: "scaling" finds "scale"), for evidence matching.
    # - entry_prefix does not stem, for search-as-you-type: porter would stem a half-typed
    #   word too ("pay" -> "pai") and then find nothing; prefix indexes keep it fast.
    columns = ", ".join(FTS_COLUMNS)
    op.execute(
        f"CREATE VIRTUAL TABLE entry_fts USING fts5({columns}, "
        "content='entries', content_rowid='pk', "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    op.execute(
        f"CREATE VIRTUAL TABLE entry_prefix USING fts5({columns}, "
        "content='entries', content_rowid='pk', "
        "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')"
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS entry_prefix")
    op.execute("DROP TABLE IF EXISTS entry_fts")
    op.drop_table("settings")
    op.drop_index("ix_entry_tags_tag_pk", table_name="entry_tags")
    op.drop_table("entry_tags")
    op.drop_index("ix_entries_start_date", table_name="entries")
    op.drop_table("entries")
    op.drop_table("tags")
