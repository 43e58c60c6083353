"""Opening a database file so that nothing can write to it (checks, backups, inspection)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def connect_read_only(path: Path, **options: Any) -> sqlite3.Connection:
    """``mode=ro``: SQLite itself refuses every write. The path is made absolute first, as a
    file URI must be (a relative ``--data-dir`` or a script's own path would fail)."""
    conn: sqlite3.Connection = sqlite3.connect(
        f"{path.absolute().as_uri()}?mode=ro", uri=True, **options)
    return conn
