"""Putting a backup back in place of the live database, safely.

The store must be closed (the app closes its own before calling this). A safety backup of
what is there now is taken first; the chosen backup is verified, copied beside the database
and swapped in with one atomic rename. Older backups are never rotated away by a restore.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from trackrecord.core.backup.copies import (
    BackupError,
    BackupInfo,
    make_backup,
    new_backup_path,
    verify,
)
from trackrecord.paths import PRIVATE_FILE_MODE, DataPaths


def restore_backup(paths: DataPaths, backup: Path) -> tuple[BackupInfo, BackupInfo | None]:
    """Replace the database with ``backup``; returns (the restored, the safety backup)."""
    chosen = verify(backup)
    if not chosen.offered:
        raise BackupError(f"{backup.name} cannot be restored: {chosen.problem}")
    safety = None
    if paths.database.exists() and paths.database.stat().st_size > 0:
        safety = _safety_copy(paths)
    staging = paths.database.with_name(paths.database.name + ".restoring")
    staging.unlink(missing_ok=True)
    fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "wb") as out, backup.open("rb") as src:
        shutil.copyfileobj(src, out)
        out.flush()
        os.fsync(out.fileno())
    # The old WAL belongs to the old file: left in place it would be replayed onto the new one.
    for suffix in ("-wal", "-shm"):
        paths.database.with_name(paths.database.name + suffix).unlink(missing_ok=True)
    os.replace(staging, paths.database)
    dir_fd = os.open(paths.root, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return chosen, safety


def _safety_copy(paths: DataPaths) -> BackupInfo:
    try:
        return make_backup(paths, "pre-restore")
    except BackupError:
        # A database too damaged for SQLite to copy is still kept, byte for byte.
        target = new_backup_path(paths, "pre-restore")
        shutil.copy2(paths.database, target)
        target.chmod(PRIVATE_FILE_MODE)
        return verify(target)
