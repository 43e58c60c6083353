"""What a database file on disk is, read without writing to it: a Track Record store (and at
which schema revision), a new one, or something to refuse (another program's file, a newer
version's, a damaged one). Opening the store (db.py) and the backup commands both ask here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from trackrecord.core.store.read_only import connect_read_only
from trackrecord.core.store.revisions import APPLICATION_ID, KNOWN_REVISIONS

SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """The store cannot be opened; the message is meant for the person using the app."""


class NotATrackRecordDatabase(StoreError):
    pass


class NewerDatabaseError(StoreError):
    pass


class DamagedDatabaseError(StoreError):
    """The file failed SQLite's quick_check: it is never written to (see core.backup.recovery)."""


class UnknownSchemaError(DamagedDatabaseError):
    """The file holds tables but no record of its schema version (its ``alembic_version``
    table is gone or empty): upgrading it would try to create tables that are already there,
    so it is refused unchanged, like a damaged file (the app offers a backup)."""


@dataclass(frozen=True)
class FileState:
    """What the file on disk is, read without writing to it."""

    exists: bool
    revision: str | None  # None for a new or empty store


def inspect_file(path: Path, *, check_pages: bool = True) -> FileState:
    """Classify the file at ``path`` without modifying it (header bytes, then read-only SQL).

    ``check_pages=False`` leaves out SQLite's page check (the one part that reads the whole
    file) for the caller to run later with ``check_file``.
    """
    if path.is_symlink() and not path.exists():
        raise NotATrackRecordDatabase(
            f"{path} is a symbolic link to a file that is not there (or to itself); point it "
            "at the database or move it out of the way (it was left untouched)")
    if path.exists() and not path.is_file():
        what = "a folder" if path.is_dir() else "not a regular file"
        raise NotATrackRecordDatabase(
            f"{path} is {what}, not a database file; move it out of the way and try again "
            "(it was left untouched)")
    if not path.exists() or path.stat().st_size == 0:
        return FileState(exists=False, revision=None)
    with path.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise NotATrackRecordDatabase(
            f"{path} is not a Track Record database (it is not an SQLite file); "
            "it was left untouched"
        )
    app_id = int.from_bytes(header[68:72], "big")
    if app_id != APPLICATION_ID and _read_pragma(path, "application_id") != APPLICATION_ID:
        # (The header can lag behind a WAL that is not yet checkpointed, hence the second look.)
        if _read_pragma(path, "schema_version") == 0:
            # Not one table, ever: a first start stopped before its schema was committed (a
            # crash, a kill). Nobody's data is in it, so it is made into a store, not refused.
            return FileState(exists=False, revision=None)
        raise NotATrackRecordDatabase(
            f"{path} is an SQLite database from another program; it was left untouched"
        )
    if check_pages:
        check_file(path)
    revision = _read_revision(path)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise NewerDatabaseError(
            f"{path} was written by a newer version of Track Record (schema {revision}); "
            "please update Track Record. The file was left untouched"
        )
    return FileState(exists=True, revision=revision)


def check_file(path: Path, *, started: Callable[[sqlite3.Connection], None] | None = None,
               ) -> None:
    """SQLite's quick_check of every page; DamagedDatabaseError names the first problem.

    ``started`` is handed the connection, so another thread can ``interrupt()`` a long check
    (which then raises sqlite3.OperationalError).
    """
    conn = connect_read_only(path, check_same_thread=False)
    try:
        if started is not None:
            started(conn)
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check")]
        damage = "" if rows == ["ok"] else rows[0]
    except sqlite3.DatabaseError as exc:
        if "interrupt" in str(exc):
            raise
        damage = str(exc)
    finally:
        conn.close()
    if damage:
        raise DamagedDatabaseError(
            f"{path} failed its integrity check ({damage}); it was not changed. "
            "Run 'trackrecord backups' and 'trackrecord restore' to bring back a backup"
        )


def _read_pragma(path: Path, name: str) -> object:
    conn = connect_read_only(path)
    try:
        row = conn.execute(f"PRAGMA {name}").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()


def _read_revision(path: Path) -> str | None:
    """The schema revision, or None for a file with no tables yet (a new store). A file
    with tables but no revision is refused: nothing can tell what to upgrade it from."""
    # mode=ro never writes the main file; the WAL, if any, is still read.
    conn = connect_read_only(path)
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone() if (
            has_table) else None
        if row is not None:
            return str(row[0])
        has_tables = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise NotATrackRecordDatabase(f"{path} cannot be read as a database: {exc}") from exc
    finally:
        conn.close()
    if has_tables:
        how = "empty" if has_table else "missing"
        raise UnknownSchemaError(
            f"{path} holds Track Record's tables, but its record of which schema version they "
            f"are (the alembic_version table) is {how}, so it cannot be opened or upgraded "
            "safely; it was left untouched. 'trackrecord check' shows what is wrong; "
            "'trackrecord backups' and 'trackrecord restore' bring back a backup")
    return None
