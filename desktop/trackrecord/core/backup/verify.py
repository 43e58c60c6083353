"""Checking a copy of the store before it counts, is listed as usable, or is restored.

A copy passes when SQLite finds every page sound, it is a Track Record database whose schema
is exactly what the app's migrations build for its version (no trigger, view, table or index
anyone else added), its search index covers its entries, it holds data, and — when a record
of it was kept (the sidecar, see ``info``) — it holds the same rows with the same content as
when it was made. Whatever differs is said, in words.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

from trackrecord.core.backup.info import BackupInfo, Sidecar, parse_name
from trackrecord.core.store.fulltext import FTS_TABLES
from trackrecord.core.store.integrity import search_index_problems
from trackrecord.core.store.read_only import connect_read_only
from trackrecord.core.store.revisions import APPLICATION_ID, KNOWN_REVISIONS
from trackrecord.core.store.schema_shape import check_shape


def user_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name != 'alembic_version' ORDER BY name"
    ).fetchall()
    # The search indexes (and their shadow tables) are derived data, not the user's rows.
    return [str(r[0]) for r in rows if not str(r[0]).startswith(FTS_TABLES)]


def row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = user_tables(conn)
    return {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}


def fingerprint(conn: sqlite3.Connection) -> str:
    """Cheap, and changes whenever rows are added, removed or edited by the app (its edits
    move updated_at): what "changed since the last backup" compares."""
    parts: dict[str, list[object]] = {}
    for table in user_tables(conn):
        cols = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        latest = "max(updated_at)" if "updated_at" in cols else "NULL"
        count, newest = conn.execute(f'SELECT count(*), {latest} FROM "{table}"').fetchone()
        parts[table] = [count, newest]
    return json.dumps(parts, sort_keys=True)


def content_digests(conn: sqlite3.Connection) -> dict[str, str]:
    """A SHA-256 of every table's rows, whatever their order on disk: any edited, added or
    removed value changes its table's digest."""
    out: dict[str, str] = {}
    for table in user_tables(conn):
        rows = sorted(hashlib.sha256(repr(row).encode("utf-8")).digest()
                      for row in conn.execute(f'SELECT * FROM "{table}"'))
        whole = hashlib.sha256()
        for digest in rows:
            whole.update(digest)
        out[table] = whole.hexdigest()
    return out


def _schema(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


def _open(path: Path) -> sqlite3.Connection:
    conn = connect_read_only(path)
    conn.execute("PRAGMA trusted_schema = OFF")  # nothing in the file runs while we look
    return conn


def verify(
    path: Path,
    expected: Sidecar | None = None,
    *,
    expected_counts: dict[str, int] | None = None,
    named: Path | None = None,
) -> BackupInfo:
    """Check the copy at ``path`` (reported under ``named``, when it is a staged copy of
    that backup); the result's ``ok`` and ``problem`` say whether and why not."""
    return verify_with_content(path, expected, expected_counts=expected_counts,
                               named=named)[0]


def verify_with_content(
    path: Path,
    expected: Sidecar | None = None,
    *,
    expected_counts: dict[str, int] | None = None,
    named: Path | None = None,
) -> tuple[BackupInfo, dict[str, str]]:
    """``verify``, also returning the content digests it read (for a new record)."""
    shown = named or path
    created, reason = parse_name(shown)
    size = path.stat().st_size if path.exists() else 0
    base = BackupInfo(path=shown, created_at=created, reason=reason, size=size)
    if size == 0:
        return _flag(base, "the file is empty"), {}
    digests: dict[str, str] = {}
    try:
        conn = _open(path)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return _flag(base, "not a Track Record database"), {}
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                return _flag(base, f"integrity check failed: {result}"), {}
            schema = _schema(conn)
            counts = row_counts(conn)
            info = replace(base, counts=counts, schema=schema, ok=True)
            if schema not in KNOWN_REVISIONS:
                if schema is None:
                    return _flag(info, "it has no record of its schema version"), {}
                return _flag(info, f"written by a newer version of Track Record "
                                   f"(schema {schema})"), {}
            problems = check_shape(conn, schema) + search_index_problems(conn)
            if not problems:
                digests = content_digests(conn)
                if expected is not None:
                    problems = _against_record(conn, counts, digests, schema, expected)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return _flag(base, f"cannot be read: {exc}"), {}
    if problems:
        return _flag(info, "; ".join(problems)), digests
    if expected_counts is not None and counts != expected_counts:
        return _flag(info, "row counts differ from the database it was copied from"), digests
    if sum(counts.values()) == 0:
        return _flag(info, "it holds no data"), digests
    if expected is None:
        return info, digests
    return replace(info, note=_note(expected)), digests


def _against_record(conn: sqlite3.Connection, counts: dict[str, int],
                    digests: dict[str, str], schema: str | None,
                    expected: Sidecar) -> list[str]:
    """How the copy differs from the record made with it (empty when it does not)."""
    recorded = expected.info
    problems = []
    if recorded.schema is not None and schema != recorded.schema:
        problems.append(f"its schema is {schema}, where {recorded.schema} was recorded")
    for table in sorted(set(counts) | set(recorded.counts)):
        now, then = counts.get(table), recorded.counts.get(table)
        if now != then:
            problems.append(f"{table} has {now or 0} rows where {then or 0} were copied")
    if problems:
        return problems
    if expected.content is not None:
        changed = [t for t in sorted(set(digests) | set(expected.content))
                   if digests.get(t) != expected.content.get(t)]
        return [f"the content of {t} differs from what was copied" for t in changed]
    if expected.fingerprint is not None and fingerprint(conn) != expected.fingerprint:
        return ["its rows were edited after it was made"]
    return []


def _note(expected: Sidecar) -> str:
    if expected.content is None:
        return ("made before backups kept a fingerprint of their content: its row counts "
                "were checked, but a change that kept them could not be seen")
    return expected.info.note


def _flag(info: BackupInfo, problem: str) -> BackupInfo:
    return replace(info, ok=False, problem=problem, note="")
