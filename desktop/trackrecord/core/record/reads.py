"""Reading entries with plain SQL over ``Store.query``: no SQLAlchemy, no ORM objects.

Everything the entry list, its filters and the exports read comes from here, so the window
can list 100,000 entries before SQLAlchemy has even been imported, and a CLI export never
imports it. ``EntryService`` exposes these; writes stay in ``entry_writes`` (the ORM).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from trackrecord.core.record.data import EntryData, EntryFilter, EntrySummary
from trackrecord.core.record.kinds import KINDS
from trackrecord.core.store.fulltext import prefix_query

if TYPE_CHECKING:
    from trackrecord.core.store.db import Store

# Newest first; ix_entries_start_date (which ends in the rowid, pk) gives this order without a
# sort.
LIST_ORDER = " ORDER BY start_date DESC, pk DESC"
_SUMMARY_COLUMNS = "id, kind, title, start_date, end_date, organisation, summary"
# Keys per IN (...) list: well under SQLite's limit on bound parameters.
_CHUNK = 500


def where_clause(flt: EntryFilter) -> tuple[str, list[Any]]:
    """`` WHERE ...`` (or '') selecting the entries ``flt`` lets through, and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if flt.kinds:
        kinds = sorted(flt.kinds)
        clauses.append(f"kind IN ({', '.join('?' * len(kinds))})")
        params += kinds
    if flt.tag:
        # tags.name is NOCASE, so "kubernetes" finds "Kubernetes".
        clauses.append("pk IN (SELECT et.entry_pk FROM entry_tags AS et "
                       "JOIN tags AS t ON t.pk = et.tag_pk WHERE t.name = ?)")
        params.append(flt.tag)
    if flt.year is not None:
        # Everything under way in that year, not only what started in it.
        clauses.append("start_date <= ? AND coalesce(end_date, start_date) >= ?")
        params += [f"{flt.year:04d}-12-31", f"{flt.year:04d}-01-01"]
    if flt.since is not None:
        clauses.append("coalesce(end_date, start_date) >= ?")
        params.append(flt.since.isoformat())
    if flt.until is not None:
        clauses.append("start_date <= ?")
        params.append(flt.until.isoformat())
    match = prefix_query(flt.search)
    if match is not None:
        clauses.append("pk IN (SELECT rowid FROM entry_prefix WHERE entry_prefix MATCH ?)")
        params.append(match)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]:
    cursor = conn.execute(sql, params)
    while rows := cursor.fetchmany(2048):
        yield from rows


def _summary(row: Sequence[Any]) -> EntrySummary:
    id_, kind, title, start, end, organisation, summary = row
    return EntrySummary(id_, kind, title, dt.date.fromisoformat(start),
                        dt.date.fromisoformat(end) if end else None, organisation, summary)


def list_summaries(store: Store, flt: EntryFilter) -> list[EntrySummary]:
    where, params = where_clause(flt)
    with store.query() as conn:
        rows = list(_rows(conn, f"SELECT {_SUMMARY_COLUMNS} FROM entries{where}{LIST_ORDER}",
                          params))
    return [_summary(row) for row in rows]


def list_keys(store: Store, flt: EntryFilter) -> list[int]:
    where, params = where_clause(flt)
    with store.query() as conn:
        return [pk for (pk,) in _rows(conn, f"SELECT pk FROM entries{where}{LIST_ORDER}", params)]


def summaries(store: Store, keys: Sequence[int]) -> list[EntrySummary]:
    """Rows for these keys, in the order given (keys no longer there are skipped)."""
    found: dict[int, EntrySummary] = {}
    with store.query() as conn:
        for first in range(0, len(keys), _CHUNK):
            chunk = list(keys[first:first + _CHUNK])
            sql = (f"SELECT pk, {_SUMMARY_COLUMNS} FROM entries "
                   f"WHERE pk IN ({', '.join('?' * len(chunk))})")
            for row in _rows(conn, sql, chunk):
                found[row[0]] = _summary(row[1:])
    return [found[k] for k in keys if k in found]


def count_by_kind(store: Store, flt: EntryFilter) -> dict[str, int]:
    where, params = where_clause(flt)
    with store.query() as conn:
        found = dict(conn.execute(f"SELECT kind, count(*) FROM entries{where} GROUP BY kind",
                                  params).fetchall())
    return {kind: int(found.get(kind, 0)) for kind in KINDS}


def one_value(store: Store, sql: str, params: Sequence[Any] = ()) -> Any:
    """The first column of the first row, or None."""
    with store.query() as conn:
        row = conn.execute(sql, params).fetchone()
    return row[0] if row else None


def ids_starting_with(store: Store, prefix: str) -> list[str]:
    """At most two ids that start with ``prefix`` (ids are lower-case UUIDs)."""
    with store.query() as conn:
        rows = conn.execute("SELECT id FROM entries WHERE lower(substr(id, 1, ?)) = ? LIMIT 2",
                            (len(prefix), prefix)).fetchall()
    return [row[0] for row in rows]


def tag_counts(store: Store) -> list[tuple[str, int]]:
    """Every tag in use with how many entries carry it, most used first."""
    # Count the links on their own first: that reads only the tag_pk index, where counting
    # through the join visits every link row (17x slower at 100,000 entries).
    sql = ("SELECT t.name, used.n FROM tags AS t JOIN "
           "(SELECT tag_pk, count(*) AS n FROM entry_tags GROUP BY tag_pk) AS used "
           "ON used.tag_pk = t.pk ORDER BY used.n DESC, t.name")
    with store.query() as conn:
        return [(name, int(n)) for name, n in conn.execute(sql)]


def years(store: Store) -> list[int]:
    """Every year some entry covers (2023 to 2025 counts for 2024), newest first."""
    sql = ("SELECT DISTINCT substr(start_date, 1, 4), "
           "substr(coalesce(end_date, start_date), 1, 4) FROM entries")
    with store.query() as conn:
        spans = conn.execute(sql).fetchall()
    covered = {y for a, b in spans for y in range(int(a), int(b) + 1)}
    return sorted(covered, reverse=True)


def entries(store: Store, *, where: str = "", params: Sequence[Any] = ()) -> list[EntryData]:
    """Whole entries (``where`` narrows them), oldest first, tags sorted by name.

    Plain rows and one query for the tags: at 10,000 entries several times faster than ORM
    objects, and nothing here needs an identity map. Columns come in ``EntryData``'s field
    order, so each entry is built from its row positionally.
    """
    names = [f.name for f in fields(EntryData) if f.name != "tags"]
    at = {name: i for i, name in enumerate(names)}
    start, end, links, created, updated = (at["start_date"], at["end_date"], at["links"],
                                           at["created_at"], at["updated_at"])
    tags_at = [f.name for f in fields(EntryData)].index("tags")
    sql = f"SELECT pk, {', '.join(names)} FROM entries{where} ORDER BY start_date, pk"
    tag_sql = ("SELECT et.entry_pk, t.name FROM entry_tags AS et JOIN tags AS t "
               "ON t.pk = et.tag_pk ORDER BY et.entry_pk, t.name")
    if where:  # one entry (or a few): ask only for their tags
        tag_sql = tag_sql.replace(" ORDER BY", f" WHERE et.entry_pk IN (SELECT pk FROM "
                                  f"entries{where}) ORDER BY")
    tags: dict[int, list[str]] = {}
    with store.query() as conn:
        conn.execute("BEGIN")  # the entries and their tags from one snapshot
        try:
            for pk, name in _rows(conn, tag_sql, params if where else ()):
                tags.setdefault(pk, []).append(name)
            rows = list(_rows(conn, sql, params))
        finally:
            conn.execute("COMMIT")
    # The columns' own conversions, done in C (fromisoformat, json) rather than per value.
    date, stamp, utc, no_tags = dt.date.fromisoformat, dt.datetime.fromisoformat, dt.UTC, ()
    out = []
    for pk, *values in rows:
        values[start] = date(values[start])
        values[end] = date(values[end]) if values[end] else None
        values[links] = tuple(json.loads(values[links]) or ()) if values[links] else ()
        values[created] = stamp(values[created]).replace(tzinfo=utc)
        values[updated] = stamp(values[updated]).replace(tzinfo=utc)
        values.insert(tags_at, tuple(tags.get(pk, no_tags)))
        out.append(EntryData(*values))
    return out
