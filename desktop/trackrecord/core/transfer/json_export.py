"""The full JSON backup: every record in the store as one versioned, documented document.

The format is described in docs/backup-format.md. Writing is deterministic — keys sorted,
records sorted by id, timestamps in one spelling — so exporting, importing into an empty
store and exporting again gives the same bytes. Reading and checking a document is
trackrecord.core.transfer.json_check; restoring it, trackrecord.core.transfer.json_restore.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trackrecord import __version__
from trackrecord.core.errors import TrackRecordError
from trackrecord.core.record.entries import TEXT_FIELDS
from trackrecord.core.rejections.debrief import DEBRIEF_TOPICS
from trackrecord.core.store.db import Store
from trackrecord.core.store.models import (
    CustomReframe,
    Entry,
    Goal,
    PracticeItem,
    PracticeSession,
    Rejection,
    ReviewCycle,
    Setting,
    UpcomingInterview,
    entry_goals,
)
from trackrecord.core.transfer.json_fields import stamp
from trackrecord.core.transfer.json_reflection import (
    MORE_COLLECTIONS,
    read_more,
    told_by_interview,
)
from trackrecord.core.transfer.output_file import check_target, write_atomic

__all__ = ["BackupDocument", "backup_document", "dump_backup", "stamp", "write_backup"]

BACKUP_FORMAT = "trackrecord-backup"
# 2 added goals (with the entries that served them), review cycles, thought records,
# rehearsals and the stories told in each interview (json_reflection); a version 1 file
# has none of them and still imports.
BACKUP_VERSION = 2
# The lists of records, in the order they are restored (a record only points at earlier ones).
COLLECTIONS: tuple[str, ...] = (
    "entries", "rejections", "practice_items", "practice_sessions", "custom_reframes",
    "upcoming_interviews", "goals", "review_cycles",
)
# The collections each version has (a later version's are required in its files).
SINCE_VERSION: dict[str, int] = {name: 1 for name in COLLECTIONS} | {
    "goals": 2, "review_cycles": 2}


@dataclass(frozen=True)
class BackupDocument:
    """A checked backup: each record as the store takes it, in the file's order."""

    entries: tuple[dict[str, Any], ...]
    rejections: tuple[dict[str, Any], ...]
    practice_items: tuple[dict[str, Any], ...]
    practice_sessions: tuple[dict[str, Any], ...]
    custom_reframes: tuple[dict[str, Any], ...]
    upcoming_interviews: tuple[dict[str, Any], ...]
    settings: tuple[tuple[str, str], ...]
    thought_records: tuple[dict[str, Any], ...] = ()  # (version 2 on)
    rehearsals: tuple[dict[str, Any], ...] = ()
    # Where control characters were taken out while checking (json_check says so).
    cleaned: tuple[str, ...] = ()
    goals: tuple[dict[str, Any], ...] = ()
    review_cycles: tuple[dict[str, Any], ...] = ()

    @property
    def total(self) -> int:
        return sum(len(getattr(self, name))
                   for name in (*COLLECTIONS, *MORE_COLLECTIONS, "settings"))
ENTRY_KEYS: tuple[str, ...] = (
    "id", "kind", "title", "start_date", "end_date", *(f for f in TEXT_FIELDS if f != "title"),
    "tags", "links", "created_at", "updated_at",
)
REJECTION_KEYS: tuple[str, ...] = (
    "id", "company", "role", "level", "stage", "date", "feedback", "own_read", "category",
    "suggested_category", "category_trigger", "category_confirmed", "sting_before",
    "sting_after", "debrief", "snapshot", "created_at", "updated_at",
)
PRACTICE_KEYS: tuple[str, ...] = ("id", "text", "rejection_id", "done", "done_at", "created_at")
SESSION_KEYS: tuple[str, ...] = ("id", "practice_item_id", "date", "note", "created_at")
REFRAME_KEYS: tuple[str, ...] = (
    "id", "category", "stage", "headline", "body", "created_at", "updated_at",
)
INTERVIEW_KEYS: tuple[str, ...] = (
    "id", "company", "role", "date", "stages", "notes", "energy_ticks", "told", "created_at",
    "updated_at",
)
GOAL_KEYS: tuple[str, ...] = (
    "id", "title", "start_date", "end_date", "notes", "entries", "created_at", "updated_at",
)
CYCLE_KEYS: tuple[str, ...] = ("id", "name", "start_date", "end_date", "created_at",
                               "updated_at")


def entry_record(row: Entry) -> dict[str, Any]:
    out: dict[str, Any] = {name: getattr(row, name) for name in TEXT_FIELDS}
    out.update(
        id=row.id, kind=row.kind, start_date=row.start_date.isoformat(),
        end_date=row.end_date.isoformat() if row.end_date else None,
        tags=[t.name for t in row.tags], links=list(row.links or ()),
        created_at=stamp(row.created_at), updated_at=stamp(row.updated_at),
    )
    return out


def rejection_record(row: Rejection) -> dict[str, Any]:
    debrief = sorted(row.debrief, key=lambda d: DEBRIEF_TOPICS.index(d.topic))
    return {
        "id": row.id, "company": row.company, "role": row.role, "level": row.level,
        "stage": row.stage, "date": row.date.isoformat(), "feedback": row.feedback,
        "own_read": row.own_read, "category": row.category,
        "suggested_category": row.suggested_category, "category_trigger": row.category_trigger,
        "category_confirmed": bool(row.category_confirmed), "sting_before": row.sting_before,
        "sting_after": row.sting_after,
        "debrief": [{"topic": d.topic, "answer": d.answer, "note": d.note} for d in debrief],
        "snapshot": row.snapshot_json, "created_at": stamp(row.created_at),
        "updated_at": stamp(row.updated_at),
    }


def practice_record(row: PracticeItem, rejection_id: str | None) -> dict[str, Any]:
    return {
        "id": row.id, "text": row.text, "rejection_id": rejection_id, "done": bool(row.done),
        "done_at": stamp(row.done_at) if row.done_at else None,
        "created_at": stamp(row.created_at),
    }


def session_record(row: PracticeSession, item_id: str) -> dict[str, Any]:
    return {
        "id": row.id, "practice_item_id": item_id, "date": row.date.isoformat(),
        "note": row.note, "created_at": stamp(row.created_at),
    }


def reframe_record(row: CustomReframe) -> dict[str, Any]:
    return {
        "id": row.id, "category": row.category, "stage": row.stage, "headline": row.headline,
        "body": row.body, "created_at": stamp(row.created_at),
        "updated_at": stamp(row.updated_at),
    }


def interview_record(row: UpcomingInterview, told: Sequence[str] = ()) -> dict[str, Any]:
    return {
        "id": row.id, "company": row.company, "role": row.role,
        "date": row.date.isoformat() if row.date else None,
        "stages": [s.stage for s in sorted(row.stages, key=lambda s: s.position)],
        "notes": row.notes, "energy_ticks": list(row.energy_ticks or ()),
        "told": sorted(told),
        "created_at": stamp(row.created_at), "updated_at": stamp(row.updated_at),
    }


def goal_record(row: Goal, entry_ids: list[str]) -> dict[str, Any]:
    return {
        "id": row.id, "title": row.title, "start_date": row.start_date.isoformat(),
        "end_date": row.end_date.isoformat(), "notes": row.notes, "entries": sorted(entry_ids),
        "created_at": stamp(row.created_at), "updated_at": stamp(row.updated_at),
    }


def cycle_record(row: ReviewCycle) -> dict[str, Any]:
    return {
        "id": row.id, "name": row.name, "start_date": row.start_date.isoformat(),
        "end_date": row.end_date.isoformat(), "created_at": stamp(row.created_at),
        "updated_at": stamp(row.updated_at),
    }


def goal_links(s: Session) -> dict[int, list[str]]:
    """goal pk -> the ids of the entries linked to it."""
    out: dict[int, list[str]] = {}
    for goal_pk, entry_id in s.execute(select(entry_goals.c.goal_pk, Entry.id).join(
            Entry, Entry.pk == entry_goals.c.entry_pk)):
        out.setdefault(goal_pk, []).append(entry_id)
    return out


def read_records(s: Session) -> dict[str, Any]:
    """Every record, as the document holds it, read in one unit of work (so consistent)."""
    rejection_ids = {k: v for k, v in s.execute(select(Rejection.pk, Rejection.id))}
    item_ids = {k: v for k, v in s.execute(select(PracticeItem.pk, PracticeItem.id))}
    links = goal_links(s)
    told = told_by_interview(s)
    return {
        "entries": [entry_record(e) for e in s.scalars(select(Entry).order_by(Entry.id))],
        "rejections": [
            rejection_record(r) for r in s.scalars(select(Rejection).order_by(Rejection.id))
        ],
        "practice_items": [
            practice_record(p, rejection_ids.get(p.rejection_pk) if p.rejection_pk else None)
            for p in s.scalars(select(PracticeItem).order_by(PracticeItem.id))
        ],
        "practice_sessions": [
            session_record(p, item_ids[p.practice_item_pk])
            for p in s.scalars(select(PracticeSession).order_by(PracticeSession.id))
        ],
        "custom_reframes": [
            reframe_record(r) for r in s.scalars(select(CustomReframe).order_by(CustomReframe.id))
        ],
        "upcoming_interviews": [
            interview_record(r, told.get(r.pk, ()))
            for r in s.scalars(select(UpcomingInterview).order_by(UpcomingInterview.id))
        ],
        "goals": [goal_record(g, links.get(g.pk, []))
                  for g in s.scalars(select(Goal).order_by(Goal.id))],
        "review_cycles": [cycle_record(c)
                          for c in s.scalars(select(ReviewCycle).order_by(ReviewCycle.id))],
        **read_more(s),
        "settings": {row.key: row.value for row in s.scalars(select(Setting))},
    }


def backup_document(store: Store) -> dict[str, Any]:
    with store.read() as s:
        records = read_records(s)
    return {"format": BACKUP_FORMAT, "version": BACKUP_VERSION, "app_version": __version__,
            **records}


def dumps(document: Mapping[str, Any]) -> bytes:
    try:
        text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False,
                          allow_nan=False)
    except ValueError as exc:  # a snapshot holding NaN: refuse rather than write bad JSON
        raise TrackRecordError(f"the data cannot be written as JSON: {exc}") from exc
    return (text + "\n").encode("utf-8")


def dump_backup(store: Store) -> bytes:
    """The whole store as the backup document's bytes (UTF-8, deterministic)."""
    return dumps(backup_document(store))


def write_backup(store: Store, path: Path) -> int:
    """Write the backup to ``path`` atomically, private to its owner; returns its size."""
    check_target(path, store.paths)  # before the work, not only after it
    data = dump_backup(store)
    write_atomic(path, data, protect=store.paths)
    return len(data)
