"""When the database fails its check at start: keep it aside, bring back the newest backup.

Nothing here deletes anything. The damaged file (with its WAL) is renamed, not removed, so
it can still be examined or rescued by hand later.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from trackrecord.core.backup.copies import BackupInfo, list_backups
from trackrecord.core.backup.restore import restore_backup
from trackrecord.paths import DataPaths


def newest_offered_backup(paths: DataPaths) -> BackupInfo | None:
    """The newest backup that passed verification and holds data."""
    return next((b for b in list_backups(paths) if b.offered), None)


def move_aside(paths: DataPaths, now: dt.datetime | None = None) -> Path:
    """Rename the damaged database (and its -wal/-shm) out of the way; returns its new name."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    kept = paths.database.with_name(f"{paths.database.name}.damaged-{stamp}")
    for suffix in ("-wal", "-shm", ""):
        source = paths.database.with_name(paths.database.name + suffix)
        if source.exists():
            os.replace(source, kept.with_name(kept.name + suffix))
    return kept


def recover_from_backup(paths: DataPaths, backup: BackupInfo) -> Path:
    """Move the damaged file aside, then put ``backup`` in its place; returns the kept file."""
    kept = move_aside(paths)
    restore_backup(paths, backup.path)
    return kept
