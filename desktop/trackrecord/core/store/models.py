"""SQLAlchemy 2 typed ORM classes: the shape of the store.

The schema itself is created and changed only by Alembic revisions in ``migrations/``;
``tests/core/test_schema.py`` checks that these classes match what the revisions build.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
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

from trackrecord.core.record.kinds import KINDS
from trackrecord.core.rejections.categories import CATEGORIES
from trackrecord.core.rejections.debrief import DEBRIEF_ANSWERS, DEBRIEF_TOPICS
from trackrecord.core.rejections.stages import STAGES
from trackrecord.core.review.outcomes import REHEARSAL_OUTCOMES

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


def utc_naive() -> dt.datetime:
    """Now, as the store keeps moments: UTC without a zone (SQLite has no zone type)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _in_list(column: str, values: tuple[str, ...], *, nullable: bool = False) -> str:
    listed = ", ".join(f"'{v}'" for v in values)
    return f"{column} IS NULL OR {column} IN ({listed})" if nullable else f"{column} IN ({listed})"


def _percent(column: str) -> str:
    return f"{column} IS NULL OR ({column} >= 0 AND {column} <= 100)"


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
        CheckConstraint(_in_list("kind", KINDS), name="kind"),
        CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_ordered"),
        Index("ix_entries_start_date", "start_date"),
        # Counts per kind and the years covered read this instead of the table (0004).
        Index("ix_entries_kind_dates", "kind", "start_date", "end_date"),
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
    # Praise (revision 0005_capture): who, where, the words, a link.
    praise_from: Mapped[str] = mapped_column(Text, default="")
    praise_where: Mapped[str] = mapped_column(Text, default="")
    praise_words: Mapped[str] = mapped_column(Text, default="")
    praise_link: Mapped[str] = mapped_column(Text, default="")
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


# The FTS5 index (created by the migrations, not by these classes): a lightweight handle
# for queries. The hidden column named like the table is what MATCH and bm25() take.
entry_fts = table("entry_fts", column("rowid"), column("entry_fts"), column("rank"))
# The same columns without stemming, with prefix indexes: what search-as-you-type queries.
entry_prefix = table("entry_prefix", column("rowid"), column("entry_prefix"))
# Both indexes (FTS_TABLES) are kept in step by trackrecord.core.store.fts.


# -- the rejection log (revision 0002_rejections) ---------------------------------------------

class Rejection(Base):
    """One rejection, with what the app showed when it was logged (``snapshot_json``)."""

    __tablename__ = "rejections"
    __table_args__ = (
        CheckConstraint(_in_list("stage", STAGES), name="stage"),
        CheckConstraint(_in_list("category", CATEGORIES), name="category"),
        CheckConstraint(
            _in_list("suggested_category", CATEGORIES, nullable=True), name="suggested_category"
        ),
        CheckConstraint("length(trim(company)) > 0", name="company_not_blank"),
        CheckConstraint("category_confirmed IN (0, 1)", name="category_confirmed_bool"),
        CheckConstraint(_percent("sting_before"), name="sting_before_range"),
        CheckConstraint(_percent("sting_after"), name="sting_after_range"),
        Index("ix_rejections_date", "date"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    company: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text, default="")
    level: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[str] = mapped_column(String(20))
    date: Mapped[dt.date] = mapped_column(Date)
    feedback: Mapped[str] = mapped_column(Text, default="")
    own_read: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(20), default="unknown")
    suggested_category: Mapped[str | None] = mapped_column(String(20), nullable=True)
    category_trigger: Mapped[str | None] = mapped_column(Text, nullable=True)
    category_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    sting_before: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sting_after: Mapped[int | None] = mapped_column(Integer, nullable=True)
    snapshot_json: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    debrief: Mapped[list[DebriefAnswerRow]] = relationship(
        order_by="DebriefAnswerRow.topic",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )


class DebriefAnswerRow(Base):
    """One debrief answer; a row per topic so the store itself rejects unknown topics."""

    __tablename__ = "rejection_debrief"
    __table_args__ = (
        CheckConstraint(_in_list("topic", DEBRIEF_TOPICS), name="topic"),
        CheckConstraint(_in_list("answer", DEBRIEF_ANSWERS, nullable=True), name="answer"),
    )

    rejection_pk: Mapped[int] = mapped_column(
        ForeignKey("rejections.pk", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[str] = mapped_column(String(32), primary_key=True)
    answer: Mapped[str | None] = mapped_column(String(8), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class PracticeItem(Base):
    """Something to practise next; outlives the rejection it came from (SET NULL)."""

    __tablename__ = "practice_items"
    __table_args__ = (
        CheckConstraint("length(trim(text)) > 0", name="text_not_blank"),
        CheckConstraint("done IN (0, 1)", name="done_bool"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    text: Mapped[str] = mapped_column(Text)
    rejection_pk: Mapped[int | None] = mapped_column(
        ForeignKey("rejections.pk", ondelete="SET NULL"), nullable=True, index=True
    )
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CustomReframe(Base):
    """A reframe the person wrote; category and stage NULL mean "any"."""

    __tablename__ = "custom_reframes"
    __table_args__ = (
        CheckConstraint(_in_list("category", CATEGORIES, nullable=True), name="category"),
        CheckConstraint(_in_list("stage", STAGES, nullable=True), name="stage"),
        CheckConstraint(
            "length(trim(headline)) > 0 OR length(trim(body)) > 0", name="not_blank"
        ),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    category: Mapped[str | None] = mapped_column(String(20), nullable=True)
    stage: Mapped[str | None] = mapped_column(String(20), nullable=True)
    headline: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


# -- the pre-interview review and the practice log (revision 0003_review) ---------------------


class UpcomingInterview(Base):
    """An interview to prepare for; its deck is rebuilt from the track record when opened."""

    __tablename__ = "upcoming_interviews"
    __table_args__ = (Index("ix_upcoming_interviews_date", "date"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    company: Mapped[str] = mapped_column(Text, default="")  # may be blank: "a new company"
    role: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Ids of the energy-checklist items ticked for this interview (resources/review/energy.toml).
    energy_ticks: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    stages: Mapped[list[InterviewStage]] = relationship(
        order_by="InterviewStage.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )


class InterviewStage(Base):
    """One expected stage of an upcoming interview; a row each, so the store refuses unknown
    stages the way it does for rejections."""

    __tablename__ = "interview_stages"
    __table_args__ = (CheckConstraint(_in_list("stage", STAGES), name="stage"),)

    interview_pk: Mapped[int] = mapped_column(
        ForeignKey("upcoming_interviews.pk", ondelete="CASCADE"), primary_key=True
    )
    stage: Mapped[str] = mapped_column(String(20), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class PracticeSession(Base):
    """One time you practised a practice item (a debrief's lesson or a habit you added)."""

    __tablename__ = "practice_sessions"
    __table_args__ = (
        Index("ix_practice_sessions_item_date", "practice_item_pk", "date"),
        Index("ix_practice_sessions_date", "date"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    practice_item_pk: Mapped[int] = mapped_column(
        ForeignKey("practice_items.pk", ondelete="CASCADE")
    )
    date: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


# -- goals and review cycles (revision 0005_capture) -------------------------------------------

entry_goals = Table(
    "entry_goals",
    Base.metadata,
    Column("entry_pk", ForeignKey("entries.pk", ondelete="CASCADE"), primary_key=True),
    Column("goal_pk", ForeignKey("goals.pk", ondelete="CASCADE"), primary_key=True, index=True),
)


class Goal(Base):
    """Something to achieve in a period ("this year", "H1", a custom range); entries that
    served it are linked to it (``entry_goals``)."""

    __tablename__ = "goals"
    __table_args__ = (
        CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        CheckConstraint("end_date >= start_date", name="dates_ordered"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    title: Mapped[str] = mapped_column(Text)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ReviewCycle(Base):
    """A performance-review period ("2026 mid-year"): the brag document, the insights and
    the review deck can be scoped to one."""

    __tablename__ = "review_cycles"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint("end_date >= start_date", name="dates_ordered"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    # NOCASE: "2026 Mid-year" and "2026 mid-year" are one cycle (export --cycle NAME).
    name: Mapped[str] = mapped_column(String(120, collation="NOCASE"), unique=True)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


# -- thought records and story rehearsals (revision 0006_thoughts_rehearsals) ----------------


class ThoughtRecord(Base):
    """A thought record after a rejection (one per rejection): the automatic thought, the
    thinking traps ticked (ids from resources/thoughts/traps.toml), evidence for and against,
    and the balanced thought the person wrote. Its emotions are rows of their own."""

    __tablename__ = "thought_records"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    rejection_pk: Mapped[int] = mapped_column(
        ForeignKey("rejections.pk", ondelete="CASCADE"), unique=True
    )
    thought: Mapped[str] = mapped_column(Text, default="")
    traps: Mapped[list[str]] = mapped_column(JSON, default=list)
    evidence_for: Mapped[str] = mapped_column(Text, default="")
    evidence_against: Mapped[str] = mapped_column(Text, default="")
    balanced: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    emotions: Mapped[list[ThoughtEmotion]] = relationship(
        order_by="ThoughtEmotion.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )


class ThoughtEmotion(Base):
    """One emotion named in a thought record, rated 0-100 before and after."""

    __tablename__ = "thought_emotions"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint(_percent("before"), name="before_range"),
        CheckConstraint(_percent("after"), name="after_range"),
    )

    thought_pk: Mapped[int] = mapped_column(
        ForeignKey("thought_records.pk", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    before: Mapped[int | None] = mapped_column(Integer, nullable=True)
    after: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Rehearsal(Base):
    """One time a STAR story (an entry) was rehearsed aloud, and how it went."""

    __tablename__ = "rehearsals"
    __table_args__ = (
        CheckConstraint(_in_list("went", REHEARSAL_OUTCOMES), name="went"),
        CheckConstraint("seconds IS NULL OR seconds >= 0", name="seconds_not_negative"),
        Index("ix_rehearsals_entry_date", "entry_pk", "date"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    entry_pk: Mapped[int] = mapped_column(ForeignKey("entries.pk", ondelete="CASCADE"))
    # The interview whose deck it was rehearsed from, if any; kept when that is deleted.
    interview_pk: Mapped[int | None] = mapped_column(
        ForeignKey("upcoming_interviews.pk", ondelete="SET NULL"), nullable=True, index=True
    )
    date: Mapped[dt.date] = mapped_column(Date)
    seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    went: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class StoryTold(Base):
    """A story or entry the person told (or means to tell) in an interview: so the same
    story is not told to the same company twice."""

    __tablename__ = "stories_told"

    interview_pk: Mapped[int] = mapped_column(
        ForeignKey("upcoming_interviews.pk", ondelete="CASCADE"), primary_key=True
    )
    entry_pk: Mapped[int] = mapped_column(
        ForeignKey("entries.pk", ondelete="CASCADE"), primary_key=True, index=True
    )
