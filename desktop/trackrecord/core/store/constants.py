"""The store's fixed vocabularies: entry kinds, interview stages, categories, FTS columns.

Plain data, importable without SQLAlchemy, so the window can list entries (and the CLI can
export them) before the ORM is loaded. ``models`` re-exports them.
"""

from __future__ import annotations

KINDS: tuple[str, ...] = ("shipped", "incident", "mentoring", "other")

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

FTS_TABLES: tuple[str, ...] = ("entry_fts", "entry_prefix")

STAGES: tuple[str, ...] = (
    "application", "recruiter", "phone-screen", "take-home", "coding", "system-design",
    "behavioral", "hiring-manager", "onsite", "team-match", "offer", "other",
)
CATEGORIES: tuple[str, ...] = ("fit", "signal-gap", "external-noise", "unknown")
# Every debrief question is phrased so that "yes" is the good outcome ("did you ask
# clarifying questions?"); "no" and "partly" become practice items.
DEBRIEF_TOPICS: tuple[str, ...] = (
    "nerves", "communication", "independence", "clarifying-questions", "narration", "trade-offs",
)
DEBRIEF_ANSWERS: tuple[str, ...] = ("yes", "partly", "no")
