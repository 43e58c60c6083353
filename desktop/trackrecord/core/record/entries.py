"""The track-record service: create, change, find and delete entries.

Every change goes through here, so the GUI and the CLI share one implementation. Each call
is one unit of work; callers get frozen dataclasses, never live ORM objects.

Reads are plain SQL (``entry_reads``) and writes go through the ORM (``entry_writes``),
which is imported on the first write: listing and exporting never load SQLAlchemy.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from trackrecord.core.errors import NotFoundError
from trackrecord.core.record import reads as entry_reads
from trackrecord.core.record.data import (
    EDITABLE_FIELDS,
    MAX_TAG_LENGTH,
    TEXT_FIELDS,
    EntryData,
    EntryFilter,
    EntrySummary,
)
from trackrecord.core.record.validation import check_dates, validate_changes

if TYPE_CHECKING:
    from trackrecord.core.store.db import Store

__all__ = [
    "EDITABLE_FIELDS", "MAX_TAG_LENGTH", "TEXT_FIELDS", "EntryData",
    "EntryFilter", "EntryService", "EntrySummary",
]


EVERYTHING = EntryFilter()  # no filter: every entry


class EntryService:
    def __init__(self, store: Store) -> None:
        self._store = store

    # -- reading -------------------------------------------------------------------------

    def get(self, entry_id: str) -> EntryData:
        found = entry_reads.entries(self._store, where=" WHERE id = ?", params=(entry_id,))
        if not found:
            raise NotFoundError(f"no entry with id {entry_id!r}")
        return found[0]

    def resolve_id(self, prefix: str) -> str:
        """Accept a full id or a unique prefix of at least 4 characters (for the CLI)."""
        prefix = prefix.strip().lower()
        if len(prefix) < 4:
            raise NotFoundError(f"no entry with id {prefix!r} (give at least 4 characters)")
        ids = entry_reads.ids_starting_with(self._store, prefix)
        if not ids:
            raise NotFoundError(f"no entry with id {prefix!r}")
        if len(ids) > 1:
            raise NotFoundError(f"more than one entry starts with {prefix!r}; give more of the id")
        return ids[0]

    def list(self, flt: EntryFilter = EVERYTHING) -> builtins.list[EntrySummary]:
        """Entries matching the filter, newest first."""
        return entry_reads.list_summaries(self._store, flt)

    def list_keys(self, flt: EntryFilter = EVERYTHING) -> builtins.list[int]:
        """The keys of the entries ``list`` would return, in the same order, and nothing else.

        The entry list shows 100,000 entries by holding only these and fetching the rows in
        view with ``summaries``: one integer per entry, read straight off the date index.
        """
        return entry_reads.list_keys(self._store, flt)

    def summaries(self, keys: Sequence[int]) -> builtins.list[EntrySummary]:
        """List rows for these keys, in the order given (keys no longer there are skipped)."""
        return entry_reads.summaries(self._store, keys) if keys else []

    def has_entries(self) -> bool:
        """Whether the store has any entry at all (one row read, not a count)."""
        return entry_reads.one_value(self._store, "SELECT pk FROM entries LIMIT 1") is not None

    def key_of(self, entry_id: str) -> int | None:
        pk = entry_reads.one_value(self._store, "SELECT pk FROM entries WHERE id = ?",
                                   (entry_id,))
        return int(pk) if pk is not None else None

    def all(self) -> builtins.list[EntryData]:
        """Every entry, oldest first (exports and backups)."""
        return entry_reads.entries(self._store)

    def count_by_kind(self, flt: EntryFilter = EVERYTHING) -> dict[str, int]:
        """Counts per kind for the filter, ignoring its kind choice (so every kind shows)."""
        without_kind = EntryFilter(
            tag=flt.tag, year=flt.year, since=flt.since, until=flt.until, search=flt.search
        )
        return entry_reads.count_by_kind(self._store, without_kind)

    def tags(self) -> builtins.list[tuple[str, int]]:
        """Every tag in use with how many entries carry it, most used first."""
        return entry_reads.tag_counts(self._store)

    def years(self) -> builtins.list[int]:
        """Every year some entry covers (an entry from 2023 to 2025 counts for 2024), newest
        first."""
        return entry_reads.years(self._store)

    # -- writing (the ORM is loaded on the first of these) -------------------------------

    def create(self, kind: str, title: str, **values: Any) -> EntryData:
        from trackrecord.core.record import writes as entry_writes
        values = {"kind": kind, "title": title, **values}
        values.setdefault("start_date", dt.date.today())
        clean = validate_changes(values)
        check_dates(clean.get("start_date"), clean.get("end_date"))
        return entry_writes.create(self._store, clean)

    def update(self, entry_id: str, **changes: Any) -> EntryData:
        """Change some fields; the timestamp moves only if a value really changed."""
        from trackrecord.core.record import writes as entry_writes
        return entry_writes.update(self._store, entry_id, validate_changes(changes))

    def delete(self, entry_id: str) -> EntryData:
        """Delete and return the whole entry, so the caller can offer Undo."""
        from trackrecord.core.record import writes as entry_writes
        return entry_writes.delete_entry(self._store, entry_id)

    def restore(self, data: EntryData) -> EntryData:
        """Put back an entry exactly as it was (Undo of delete, imports)."""
        from trackrecord.core.record import writes as entry_writes
        values = {name: getattr(data, name) for name in EDITABLE_FIELDS}
        clean = validate_changes(values)
        check_dates(clean["start_date"], clean.get("end_date"))
        return entry_writes.restore(self._store, data, clean)
