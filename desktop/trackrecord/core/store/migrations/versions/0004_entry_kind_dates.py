"""An index over entries' kind and dates, for the entry list's counts and year filter.

Revision ID: 0004_entry_kind_dates
Revises: 0003_review
Create Date: 2026-11-26

The list shows a count per kind and the years entries cover; both read every entry. With
this index they read it instead of the table, whose rows carry the notes: at 100,000 entries
the counts go from 46 ms to 6 ms and the years from 43 ms to 19 ms.
"""

from __future__ import annotations

from alembic import op

revision = "0004_entry_kind_dates"
down_revision = "0003_review"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_entries_kind_dates", "entries", ["kind", "start_date", "end_date"])


def downgrade() -> None:
    op.drop_index("ix_entries_kind_dates", table_name="entries")
