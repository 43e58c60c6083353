"""The track-record service: create, change, find and delete entries.

Every change goes through here, so the GUI and the CLI share one implementation. Each call
is one unit of work; callers get frozen dataclasses, never live ORM objects.
"""

from __future__ import annotations

import builtins
import datetime as dt
import json
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from trackrecord.core import fts
from trackrecord.core.db import Store
from trackrecord.core.errors import NotFoundError, ValidationError
from trackrecord.core.models import KINDS, Entry, Tag, entry_prefix, entry_tags
from trackrecord.core.search import prefix_query

KIND_LABELS: dict[str, str] = {
    "shipped": "Shipped system",
    "incident": "Incident solved",
    "mentoring": "Person mentored",
    "other": "Other win",
}

TEXT_FIELDS: tuple[str, ...] = (
    "title", "organisation", "team", "role", "summary", "impact", "metrics", "notes",
    "situation", "task", "action", "result", "scale", "stack", "severity",
    "time_to_mitigate", "root_cause", "mentee", "duration", "outcome",
)
MAX_TAG_LENGTH = 80

# Any select over entries; filters add WHERE clauses and keep the selected columns' types.
_Query = TypeVar("_Query", bound="Select[*tuple[Any, ...]]")


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


_SUMMARY_COLUMNS = (
    Entry.id, Entry.kind, Entry.title, Entry.start_date, Entry.end_date, Entry.organisation,
    Entry.summary,
)
# Newest first; ix_entries_start_date (which ends in the rowid, pk) gives this order without a
# sort.
_LIST_ORDER = (Entry.start_date.desc(), Entry.pk.desc())


def _raw_rows(s: Session, query: Select[*tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """Rows of a query that needs no type conversion (integers), read by the DB-API cursor
    without SQLAlchemy's per-row result machinery."""
    compiled = query.compile(s.get_bind(), compile_kwargs={"render_postcompile": True})
    params = compiled.params
    positional = [params[name] for name in compiled.positiontup or ()]
    cursor = s.connection().exec_driver_sql(compiled.string, tuple(positional)).cursor
    while rows := cursor.fetchmany(2048):
        yield from rows


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def parse_date(value: object, what: str = "date") -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError(f"{what} must be a date written YYYY-MM-DD, not {value!r}")


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trim and de-duplicate tags case-insensitively, keeping the first spelling."""
    seen: dict[str, str] = {}
    for raw in tags:
        if not isinstance(raw, str):
            raise ValidationError(f"a tag must be text, not {raw!r}")
        tag = " ".join(raw.split()).lstrip("#")
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError(f"the tag {tag[:20]!r}... is longer than {MAX_TAG_LENGTH}")
        seen.setdefault(tag.casefold(), tag)
    return tuple(seen.values())


def check_dates(start: dt.date | None, end: dt.date | None) -> None:
    """An entry cannot end before it starts."""
    if start is not None and end is not None and end < start:
        raise ValidationError("the end date is before the start date")


def validate_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise field values; raises ValidationError naming the first problem."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(f"unknown field: {sorted(unknown)[0]}")
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "kind":
            if value not in KINDS:
                raise ValidationError(
                    f"unknown kind {value!r}: choose one of {', '.join(KINDS)}"
                )
            clean[name] = value
        elif name == "start_date":
            clean[name] = parse_date(value, "the start date")
        elif name == "end_date":
            is_blank = value is None or (isinstance(value, str) and not value.strip())
            clean[name] = None if is_blank else parse_date(value, "the end date")
        elif name == "tags":
            clean[name] = clean_tags(value)
        elif name == "links":
            clean[name] = tuple(str(v).strip() for v in value if str(v).strip())
        else:
            if not isinstance(value, str):
                raise ValidationError(f"{name} must be text")
            clean[name] = value.strip() if name == "title" else value
    if "title" in clean and not clean["title"]:
        raise ValidationError("the title cannot be empty")
    return clean


def _to_data(entry: Entry) -> EntryData:
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


_TAG_CACHE = "trackrecord.tags"  # Session.info key: tags already looked up in this unit


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


class EntryService:
    def __init__(self, store: Store) -> None:
        self._store = store

    # -- reading -------------------------------------------------------------------------

    def get(self, entry_id: str) -> EntryData:
        with self._store.read() as s:
            return _to_data(self._load(s, entry_id))

    def resolve_id(self, prefix: str) -> str:
        """Accept a full id or a unique prefix of at least 4 characters (for the CLI)."""
        prefix = prefix.strip().lower()
        if len(prefix) < 4:
            raise NotFoundError(f"no entry with id {prefix!r} (give at least 4 characters)")
        with self._store.read() as s:
            ids = s.scalars(
                select(Entry.id).where(Entry.id.startswith(prefix, autoescape=True)).limit(2)
            ).all()
        if not ids:
            raise NotFoundError(f"no entry with id {prefix!r}")
        if len(ids) > 1:
            raise NotFoundError(f"more than one entry starts with {prefix!r}; give more of the id")
        return ids[0]

    def list(self, flt: EntryFilter = EntryFilter()) -> list[EntrySummary]:
        """Entries matching the filter, newest first (search results by relevance)."""
        query = self._filtered(select(*_SUMMARY_COLUMNS), flt).order_by(*_LIST_ORDER)
        with self._store.read() as s:
            return [EntrySummary(*row) for row in s.execute(query)]

    def list_keys(self, flt: EntryFilter = EntryFilter()) -> builtins.list[int]:
        """The keys of the entries ``list`` would return, in the same order, and nothing else.

        The entry list shows 100,000 entries by holding only these and fetching the rows in
        view with ``summaries``: one integer per entry, read straight off the date index.
        """
        query = self._filtered(select(Entry.pk), flt).order_by(*_LIST_ORDER)
        with self._store.read() as s:
            return [pk for (pk,) in _raw_rows(s, query)]

    def summaries(self, keys: Sequence[int]) -> builtins.list[EntrySummary]:
        """List rows for these keys, in the order given (keys no longer there are skipped)."""
        if not keys:
            return []
        query = select(Entry.pk, *_SUMMARY_COLUMNS).where(Entry.pk.in_(builtins.list(keys)))
        date = dt.date.fromisoformat
        with self._store.read() as s:
            # Read raw and converted here: this runs on the UI thread as rows scroll into view.
            found = {
                pk: EntrySummary(id_, kind, title, date(start), date(end) if end else None,
                                 organisation, summary)
                for pk, id_, kind, title, start, end, organisation, summary in _raw_rows(s, query)
            }
        return [found[k] for k in keys if k in found]

    def has_entries(self) -> bool:
        """Whether the store has any entry at all (one row read, not a count)."""
        with self._store.read() as s:
            return s.scalar(select(Entry.pk).limit(1)) is not None

    def key_of(self, entry_id: str) -> int | None:
        with self._store.read() as s:
            pk: int | None = s.scalar(select(Entry.pk).where(Entry.id == entry_id))
            return pk

    def all(self) -> builtins.list[EntryData]:
        """Every entry, oldest first (exports and backups).

        Read as plain rows and one query for all tags rather than as ORM objects: at 10,000
        entries that is several times faster, and nothing here needs the identity map.
        """
        names = ("pk", "id", "kind", "start_date", "end_date", "links", "created_at",
                 "updated_at", *TEXT_FIELDS)
        query = select(*(getattr(Entry, n) for n in names)).order_by(Entry.start_date, Entry.pk)
        tag_query = (
            select(entry_tags.c.entry_pk, Tag.name)
            .join(Tag, Tag.pk == entry_tags.c.tag_pk)
            .order_by(entry_tags.c.entry_pk, Tag.name)
        )
        tags: dict[int, builtins.list[str]] = {}
        with self._store.read() as s:
            for pk, name in _raw_rows(s, tag_query):
                tags.setdefault(pk, []).append(name)
            rows = builtins.list(_raw_rows(s, query))
        # The columns' own conversions, done here in C (fromisoformat, json) rather than per
        # value through SQLAlchemy's result processors: the same values, a fraction of the time.
        date, stamp = dt.date.fromisoformat, dt.datetime.fromisoformat
        out = []
        for row in rows:
            values = dict(zip(names, row, strict=True))
            pk = values.pop("pk")
            end = values["end_date"]
            values["start_date"] = date(values["start_date"])
            values["end_date"] = date(end) if end else None
            values["tags"] = tuple(tags.get(pk, ()))
            links = json.loads(values["links"]) if values["links"] else None
            values["links"] = tuple(links or ())
            values["created_at"] = stamp(values["created_at"]).replace(tzinfo=dt.UTC)
            values["updated_at"] = stamp(values["updated_at"]).replace(tzinfo=dt.UTC)
            out.append(EntryData(**values))
        return out

    def count_by_kind(self, flt: EntryFilter = EntryFilter()) -> dict[str, int]:
        """Counts per kind for the filter, ignoring its kind choice (so every kind shows)."""
        without_kind = EntryFilter(
            tag=flt.tag, year=flt.year, since=flt.since, until=flt.until, search=flt.search
        )
        query = self._filtered(select(Entry.kind, func.count()), without_kind)
        with self._store.read() as s:
            found = {kind: n for kind, n in s.execute(query.group_by(Entry.kind))}
        return {kind: int(found.get(kind, 0)) for kind in KINDS}

    def tags(self) -> builtins.list[tuple[str, int]]:
        """Every tag in use with how many entries carry it, most used first."""
        # Count the links on their own first: that reads only the tag_pk index, where
        # counting through the join visits every link row (17x slower at 100,000 entries).
        used = (
            select(entry_tags.c.tag_pk, func.count().label("n"))
            .group_by(entry_tags.c.tag_pk)
            .subquery()
        )
        query = (
            select(Tag.name, used.c.n)
            .join(used, used.c.tag_pk == Tag.pk)
            .order_by(used.c.n.desc(), Tag.name)
        )
        with self._store.read() as s:
            return [(name, int(n)) for name, n in s.execute(query)]

    def years(self) -> builtins.list[int]:
        """Every year some entry covers (an entry from 2023 to 2025 counts for 2024), newest
        first."""
        first = func.substr(Entry.start_date, 1, 4)
        last = func.substr(func.coalesce(Entry.end_date, Entry.start_date), 1, 4)
        with self._store.read() as s:
            spans = s.execute(select(first, last).distinct()).all()
        covered = {y for a, b in spans for y in range(int(a), int(b) + 1)}
        return sorted(covered, reverse=True)

    # -- writing -------------------------------------------------------------------------

    def create(self, kind: str, title: str, **values: Any) -> EntryData:
        values = {"kind": kind, "title": title, **values}
        values.setdefault("start_date", dt.date.today())
        clean = validate_changes(values)
        check_dates(clean.get("start_date"), clean.get("end_date"))
        now = _utc_naive(_now())
        with self._store.write() as s:
            entry = Entry(id=str(uuid.uuid4()), created_at=now, updated_at=now, links=[])
            write_fields(s, entry, clean)
            s.add(entry)
            s.flush()
            fts.index(s, [entry.pk])
            return _to_data(entry)

    def update(self, entry_id: str, **changes: Any) -> EntryData:
        """Change some fields; the timestamp moves only if a value really changed."""
        clean = validate_changes(changes)
        with self._store.write() as s:
            entry = self._load(s, entry_id)
            current = _to_data(entry)
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
            return _to_data(entry)

    def delete(self, entry_id: str) -> EntryData:
        """Delete and return the whole entry, so the caller can offer Undo."""
        with self._store.write() as s:
            entry = self._load(s, entry_id)
            snapshot = _to_data(entry)
            fts.unindex(s, [entry.pk])
            s.delete(entry)
            s.flush()
            drop_unused_tags(s)
            return snapshot

    def restore(self, data: EntryData) -> EntryData:
        """Put back an entry exactly as it was (Undo of delete, imports)."""
        values = {name: getattr(data, name) for name in EDITABLE_FIELDS}
        clean = validate_changes(values)
        check_dates(clean["start_date"], clean.get("end_date"))
        with self._store.write() as s:
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
            return _to_data(entry)

    # -- helpers -------------------------------------------------------------------------

    @staticmethod
    def _load(s: Session, entry_id: str) -> Entry:
        entry = s.scalar(select(Entry).where(Entry.id == entry_id))
        if entry is None:
            raise NotFoundError(f"no entry with id {entry_id!r}")
        return entry

    @staticmethod
    def _filtered(query: _Query, flt: EntryFilter) -> _Query:
        query = query.select_from(Entry)
        if flt.kinds:
            query = query.where(Entry.kind.in_(sorted(flt.kinds)))
        if flt.tag:
            tagged = (
                select(entry_tags.c.entry_pk)
                .join(Tag, Tag.pk == entry_tags.c.tag_pk)
                .where(Tag.name == flt.tag)
            )
            query = query.where(Entry.pk.in_(tagged))
        if flt.year is not None:
            # Everything that was under way in that year, not only what started in it.
            query = query.where(
                Entry.start_date <= dt.date(flt.year, 12, 31),
                func.coalesce(Entry.end_date, Entry.start_date) >= dt.date(flt.year, 1, 1),
            )
        if flt.since is not None:
            query = query.where(func.coalesce(Entry.end_date, Entry.start_date) >= flt.since)
        if flt.until is not None:
            query = query.where(Entry.start_date <= flt.until)
        match = prefix_query(flt.search)
        if match is not None:
            hits = select(entry_prefix.c.rowid).where(
                entry_prefix.c.entry_prefix.op("MATCH")(match)
            )
            query = query.where(Entry.pk.in_(hits))
        return query
