"""Capture: praise as a fifth kind of entry, goals with the entries that served them, and
review cycles.

Revision ID: 0005_capture
Revises: 0004_entry_kind_dates
Create Date: 2026-11-27

Praise brings four text columns to ``entries`` (who, where, the words, a link) and a new
value for its kind CHECK. SQLite cannot alter a CHECK, and copying ``entries`` into a new
table would, with foreign keys on, cascade-delete every tag link as the old table is
dropped. So the constraint's text is rewritten in place, the procedure SQLite documents for
changing a CHECK that every stored row already satisfies (a wider list only lets more in).

The full-text indexes gain the praise's giver and words: both are dropped, made again with
the new columns and rebuilt from ``entries``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_capture"
down_revision = "0004_entry_kind_dates"
branch_labels = None
depends_on = None

# Frozen copies at this revision (the models may change later; this may not).
OLD_KINDS = ("shipped", "incident", "mentoring", "other")
NEW_KINDS = (*OLD_KINDS, "praise")
PRAISE_COLUMNS = ("praise_from", "praise_where", "praise_words", "praise_link")
OLD_FTS_COLUMNS = (
    "title", "summary", "tag_text", "impact", "metrics", "organisation", "team", "role",
    "notes", "situation", "task", "action", "result", "scale", "stack", "root_cause",
    "mentee", "outcome",
)
NEW_FTS_COLUMNS = (*OLD_FTS_COLUMNS, "praise_from", "praise_words")


def _kinds_check(kinds: tuple[str, ...]) -> str:
    return f"kind IN ({', '.join(repr(k) for k in kinds)})"


def _rewrite_kind_check(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    """Swap the text of ``entries``' kind CHECK (https://sqlite.org/lang_altertable.html,
    "making other kinds of table schema changes"); the schema version is bumped so every
    connection reads the new text."""
    conn = op.get_bind()
    version = int(conn.exec_driver_sql("PRAGMA schema_version").scalar() or 0)
    sql = str(conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'entries'").scalar())
    before, after = _kinds_check(old), _kinds_check(new)
    if before not in sql:
        raise RuntimeError("the entries table's kind CHECK is not the one this revision knows")
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        conn.exec_driver_sql(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'entries'",
            (sql.replace(before, after),))
        conn.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    finally:
        conn.exec_driver_sql("PRAGMA writable_schema = OFF")


def _full_text(columns: tuple[str, ...]) -> None:
    op.execute("DROP TABLE IF EXISTS entry_prefix")
    op.execute("DROP TABLE IF EXISTS entry_fts")
    listed = ", ".join(columns)
    op.execute(
        f"CREATE VIRTUAL TABLE entry_fts USING fts5({listed}, "
        "content='entries', content_rowid='pk', "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    op.execute(
        f"CREATE VIRTUAL TABLE entry_prefix USING fts5({listed}, "
        "content='entries', content_rowid='pk', "
        "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')"
    )
    for table in ("entry_fts", "entry_prefix"):
        op.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")


def _stamps() -> list[sa.Column[object]]:
    return [sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False)]


def upgrade() -> None:
    for name in PRAISE_COLUMNS:
        op.execute(f"ALTER TABLE entries ADD COLUMN {name} TEXT DEFAULT '' NOT NULL")
    _rewrite_kind_check(OLD_KINDS, NEW_KINDS)
    _full_text(NEW_FTS_COLUMNS)
    op.create_table(
        "goals",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False, server_default=""),
        *_stamps(),
        sa.PrimaryKeyConstraint("pk", name="pk_goals"),
        sa.UniqueConstraint("id", name="uq_goals_id"),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_goals_title_not_blank")),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_goals_dates_ordered")),
    )
    op.create_table(
        "entry_goals",
        sa.Column("entry_pk", sa.Integer(), nullable=False),
        sa.Column("goal_pk", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["entry_pk"], ["entries.pk"], ondelete="CASCADE",
                                name="fk_entry_goals_entry_pk_entries"),
        sa.ForeignKeyConstraint(["goal_pk"], ["goals.pk"], ondelete="CASCADE",
                                name="fk_entry_goals_goal_pk_goals"),
        sa.PrimaryKeyConstraint("entry_pk", "goal_pk", name="pk_entry_goals"),
    )
    op.create_index("ix_entry_goals_goal_pk", "entry_goals", ["goal_pk"])
    op.create_table(
        "review_cycles",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("name", sa.String(120, collation="NOCASE"), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        *_stamps(),
        sa.PrimaryKeyConstraint("pk", name="pk_review_cycles"),
        sa.UniqueConstraint("id", name="uq_review_cycles_id"),
        sa.UniqueConstraint("name", name="uq_review_cycles_name"),
        sa.CheckConstraint("length(trim(name)) > 0",
                           name=op.f("ck_review_cycles_name_not_blank")),
        sa.CheckConstraint("end_date >= start_date",
                           name=op.f("ck_review_cycles_dates_ordered")),
    )


def downgrade() -> None:
    op.drop_table("review_cycles")
    op.drop_index("ix_entry_goals_goal_pk", table_name="entry_goals")
    op.drop_table("entry_goals")
    op.drop_table("goals")
    op.execute("DELETE FROM entries WHERE kind = 'praise'")  # (the old CHECK refuses them)
    _rewrite_kind_check(NEW_KINDS, OLD_KINDS)
    _full_text(OLD_FTS_COLUMNS)
    for name in reversed(PRAISE_COLUMNS):
        op.execute(f"ALTER TABLE entries DROP COLUMN {name}")
