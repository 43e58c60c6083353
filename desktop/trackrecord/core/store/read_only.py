"""Opening a database file so that nothing can write to it (checks, backups, inspection)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def connect_read_only(path: Path, **options: Any) -> sqlite3.Connection:
    """``mode=ro``: SQLite itself refuses every write. The path is made absolute first, as a
    file URI must be (a relative ``--data-dir`` or a script's own path would fail).

    In a folder nobody can write (a read-only mount), SQLite cannot create the shared-memory
    file a WAL database needs, and ``mode=ro`` alone fails. Then, when no WAL is left over
    (a store closed cleanly leaves none), the file is opened as immutable: nothing can change
    it while the folder stays read-only.
    """
    uri = f"{path.absolute().as_uri()}?mode=ro"
    conn: sqlite3.Connection = sqlite3.connect(uri, uri=True, **options)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc) or _has_wal(path) or not path.is_file():
            return conn  # the caller meets the same error, where it knows what to say
        conn.close()
        conn = sqlite3.connect(uri + "&immutable=1", uri=True, **options)
    except sqlite3.DatabaseError:
        pass  # not a database at all: the caller says so
    return conn


def _has_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False
