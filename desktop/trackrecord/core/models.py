"""SQLAlchemy 2 typed ORM classes: the shape of the store.

The schema itself is created and changed only by Alembic revisions in ``migrations/``;
``tests/unit/test_migrations.py`` checks that these classes match what the revisions build.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    column,
    table,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

KINDS: tuple[str, ...] = ("shipped", "incident", "mentoring", "other")

# Stable constraint names so migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


entry_tags = Table(
    "entry_tags",
    Base.metadata,
    Column("entry_pk", ForeignKey("entries.pk", ondelete="CASCADE"), primary_key=True),
    Column("tag_pk", ForeignKey("tags.pk", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(Base):
    __tablename__ = "tags"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    # NOCASE makes "Kubernetes" and "kubernetes" the same tag, enforced by the store.
    name: Mapped[str] = mapped_column(String(80, collation="NOCASE"), unique=True)


class Entry(Base):
    """One piece of evidence: a shipped system, a solved incident, a mentee, another win."""

    __tablename__ = "entries"
    __table_args__ = (
        CheckConstraint("kind IN ('shipped', 'incident', 'mentoring', 'other')", name="kind"),
        CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_ordered"),
        Index("ix_entries_start_date", "start_date"),
    )

    # An integer rowid keeps FTS5's external-content table and the tag links compact;
    # the UUID is the identity people and exports see.
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    organisation: Mapped[str] = mapped_column(Text, default="")
    team: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    impact: Mapped[str] = mapped_column(Text, default="")
    metrics: Mapped[str] = mapped_column(Text, default="")
    links: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    situation: Mapped[str] = mapped_column(Text, default="")
    task: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    scale: Mapped[str] = mapped_column(Text, default="")
    stack: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[str] = mapped_column(Text, default="")
    time_to_mitigate: Mapped[str] = mapped_column(Text, default="")
    root_cause: Mapped[str] = mapped_column(Text, default="")
    mentee: Mapped[str] = mapped_column(Text, default="")
    duration: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    # Tag names joined by spaces, kept by the service so the FTS5 triggers can index tags.
    tag_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    tags: Mapped[list[Tag]] = relationship(secondary=entry_tags, order_by=Tag.name, lazy="selectin")


class Setting(Base):
    """Small key/value preferences that belong with the data (not with the window)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# Columns of entries indexed by FTS5, in order; matching weights them by position.
FTS_COLUMNS: tuple[str, ...] = (
    "title",
    "summary",
    "tag_text",
    "impact",
    "metrics",
    "organisation",
    "team",
    "role",
    "notes",
    "situation",
    "task",
    "action",
    "result",
    "scale",
    "stack",
    "root_cause",
    "mentee",
    "outcome",
)

# The FTS5 index (created by the migrations, not by these classes): a lightweight handle
# for queries. The hidden column named like the table is what MATCH and bm25() take.
entry_fts = table("entry_fts", column("rowid"), column("entry_fts"), column("rank"))
