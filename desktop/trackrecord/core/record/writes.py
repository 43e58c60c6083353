"""Writing entries through the ORM: one unit of work per change, tags and search kept in step.

``EntryService`` calls these after validating; the importers use ``write_fields`` and
``drop_unused_tags`` too, so there is one field writer. Importing this loads SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from trackrecord.core.errors import NotFoundError, ValidationError
from trackrecord.core.record.data import TEXT_FIELDS, EntryData, _now
from trackrecord.core.record.validation import check_dates
from trackrecord.core.store import fts
from trackrecord.core.store.db import Store
from trackrecord.core.store.models import Entry, Tag, entry_tags

_TAG_CACHE = "trackrecord.tags"  # Session.info key: tags already looked up in this unit


def to_data(entry: Entry) -> EntryData:
    values: dict[str, Any] = {name: getattr(entry, name) for name in TEXT_FIELDS}
    return EntryData(
        id=entry.id,
        kind=entry.kind,
        start_date=entry.start_date,
        end_date=entry.end_date,
        tags=tuple(t.name for t in entry.tags),
        links=tuple(entry.links or ()),
        created_at=entry.created_at.replace(tzinfo=dt.UTC),
        updated_at=entry.updated_at.replace(tzinfo=dt.UTC),
        **values,
    )


def _utc_naive(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def write_fields(s: Session, entry: Entry, clean: Mapping[str, Any]) -> None:
    """Write validated values onto an entry, keeping tags and their search text in step.

    The one field writer: the entry service and the importers both use it.
    """
    for name, value in clean.items():
        if name == "tags":
            entry.tags = [_tag(s, t) for t in value]
            entry.tag_text = " ".join(value)
        elif name == "links":
            entry.links = list(value)
        else:
            setattr(entry, name, value)


def _tag(s: Session, name: str) -> Tag:
    # Cached per unit of work, so an import of thousands of entries asks once per tag.
    cache: dict[str, Tag] = s.info.setdefault(_TAG_CACHE, {})
    key = name.casefold()
    tag = cache.get(key)
    if tag is None:
        # The name column is NOCASE, so this finds "Kubernetes" when asked for "kubernetes".
        tag = s.scalar(select(Tag).where(Tag.name == name))
        if tag is None:
            tag = Tag(name=name)
            s.add(tag)
            s.flush()
        cache[key] = tag
    return tag


def drop_unused_tags(s: Session) -> None:
    """Remove tags no entry carries any more (after edits, deletes and imports)."""
    s.info.pop(_TAG_CACHE, None)
    used = select(entry_tags.c.tag_pk)
    s.execute(delete(Tag).where(Tag.pk.not_in(used)))


def _load(s: Session, entry_id: str) -> Entry:
    entry = s.scalar(select(Entry).where(Entry.id == entry_id))
    if entry is None:
        raise NotFoundError(f"no entry with id {entry_id!r}")
    return entry


def create(store: Store, clean: Mapping[str, Any]) -> EntryData:
    now = _utc_naive(_now())
    with store.write() as s:
        entry = Entry(id=str(uuid.uuid4()), created_at=now, updated_at=now, links=[])
        write_fields(s, entry, clean)
        s.add(entry)
        s.flush()
        fts.index(s, [entry.pk])
        return to_data(entry)


def create_many(store: Store, cleans: Sequence[Mapping[str, Any]],
                settings: Mapping[str, Any] | None = None) -> list[EntryData]:
    """Several new entries (validated values) and, with them, some settings (JSON values):
    one unit of work, so either all of it is written or none (wins kept from git history)."""
    import json

    from trackrecord.core.store.models import Setting

    now = _utc_naive(_now())
    with store.write() as s:
        entries = []
        with s.no_autoflush:
            for clean in cleans:
                entry = Entry(id=str(uuid.uuid4()), created_at=now, updated_at=now, links=[])
                write_fields(s, entry, clean)
                s.add(entry)
                entries.append(entry)
        for key, value in (settings or {}).items():
            raw = json.dumps(value, sort_keys=True, ensure_ascii=False)
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=raw))
            else:
                row.value = raw
        s.flush()
        fts.index(s, [e.pk for e in entries])
        return [to_data(e) for e in entries]


def update(store: Store, entry_id: str, clean: Mapping[str, Any]) -> EntryData:
    """Change some fields; the timestamp moves only if a value really changed."""
    with store.write() as s:
        entry = _load(s, entry_id)
        current = to_data(entry)
        changed = {k: v for k, v in clean.items() if getattr(current, k) != v}
        if not changed:
            return current
        check_dates(
            changed.get("start_date", entry.start_date),
            changed.get("end_date", entry.end_date),
        )
        fts.unindex(s, [entry.pk])
        write_fields(s, entry, changed)
        entry.updated_at = _utc_naive(_now())
        s.flush()
        fts.index(s, [entry.pk])
        if "tags" in changed:
            drop_unused_tags(s)
        return to_data(entry)


def delete_entry(store: Store, entry_id: str) -> EntryData:
    """Delete and return the whole entry, so the caller can offer Undo."""
    with store.write() as s:
        entry = _load(s, entry_id)
        snapshot = to_data(entry)
        fts.unindex(s, [entry.pk])
        s.delete(entry)
        s.flush()
        drop_unused_tags(s)
        return snapshot


def restore(store: Store, data: EntryData, clean: Mapping[str, Any]) -> EntryData:
    """Put back an entry exactly as it was (Undo of delete, imports)."""
    with store.write() as s:
        if s.scalar(select(Entry.pk).where(Entry.id == data.id)) is not None:
            raise ValidationError(f"an entry with id {data.id} already exists")
        entry = Entry(
            id=data.id,
            created_at=_utc_naive(data.created_at),
            updated_at=_utc_naive(data.updated_at),
            links=[],
        )
        write_fields(s, entry, clean)
        s.add(entry)
        s.flush()
        fts.index(s, [entry.pk])
        return to_data(entry)

