"""The shapes of entries as services hand them out: frozen values, never ORM objects.

Importable without SQLAlchemy (the entry list and the exports use them before the ORM loads).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

TEXT_FIELDS: tuple[str, ...] = (
    "title", "organisation", "team", "role", "summary", "impact", "metrics", "notes",
    "situation", "task", "action", "result", "scale", "stack", "severity",
    "time_to_mitigate", "root_cause", "mentee", "duration", "outcome", "praise_from",
    "praise_where", "praise_words", "praise_link",
)
MAX_TAG_LENGTH = 80

@dataclass(frozen=True)
class EntryData:
    """A whole entry, detached from the database."""

    id: str
    kind: str
    title: str
    start_date: dt.date
    end_date: dt.date | None = None
    organisation: str = ""
    team: str = ""
    role: str = ""
    summary: str = ""
    impact: str = ""
    metrics: str = ""
    tags: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    notes: str = ""
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    scale: str = ""
    stack: str = ""
    severity: str = ""
    time_to_mitigate: str = ""
    root_cause: str = ""
    mentee: str = ""
    duration: str = ""
    outcome: str = ""
    praise_from: str = ""
    praise_where: str = ""
    praise_words: str = ""
    praise_link: str = ""
    created_at: dt.datetime = field(default_factory=lambda: _now())
    updated_at: dt.datetime = field(default_factory=lambda: _now())

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, (dt.datetime, dt.date)):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out


EDITABLE_FIELDS: frozenset[str] = frozenset(
    f.name for f in fields(EntryData) if f.name not in {"id", "created_at", "updated_at"}
)


@dataclass(frozen=True)
class EntrySummary:
    """What a list row needs: cheap to load for thousands of entries."""

    id: str
    kind: str
    title: str
    start_date: dt.date
    end_date: dt.date | None
    organisation: str
    summary: str


@dataclass(frozen=True)
class EntryFilter:
    kinds: frozenset[str] = frozenset()
    tag: str | None = None
    year: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    search: str = ""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
