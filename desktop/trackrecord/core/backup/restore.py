"""Putting a backup back in place of the live database, safely.

The store must be closed, and no window may have it open (the app closes its own before
calling this; the command line refuses while a window holds the data folder). The chosen
backup is first copied beside the database, and that copy — exactly the bytes that will be
swapped in — is verified against the record made with the backup (row counts, content,
schema). Only then is a safety backup of what is there now taken, and the copy swapped in
with one atomic rename. Whatever fails on the way (a full disk, a tampered copy) leaves the
database as it was and nothing half-written behind. Older backups are never rotated away by
a restore.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from trackrecord.core.backup.copies import make_backup, new_backup_path
from trackrecord.core.backup.info import (
    BackupError,
    BackupInfo,
    read_sidecar,
    write_failure,
)
from trackrecord.core.backup.verify import verify
from trackrecord.paths import PRIVATE_FILE_MODE, DataPaths

_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def restore_backup(paths: DataPaths, backup: Path) -> tuple[BackupInfo, BackupInfo | None]:
    """Replace the database with ``backup``; returns (the restored, the safety backup).

    Raises BackupError, having changed nothing, when the backup is not one to restore.
    """
    _check_places(paths, backup)
    record = read_sidecar(backup)
    staging = paths.database.with_name(paths.database.name + ".restoring")
    _remove(staging)
    try:
        copy_private(backup, staging, f"the copy of {backup.name}")
        chosen = verify(staging, record, named=backup)
        _remove_side_files(staging)  # (reading it may have left SQLite's own files)
        if not chosen.offered:
            raise BackupError(f"{backup.name} cannot be restored: {chosen.problem}; "
                              "nothing was changed")
        safety = None
        if paths.database.exists() and paths.database.stat().st_size > 0:
            safety = _safety_copy(paths)
        # The old WAL belongs to the old file: left in place it would be replayed onto the
        # new one.
        _remove_side_files(paths.database)
        os.replace(staging, paths.database)
    except BaseException:
        _remove(staging)
        raise
    _sync_folder(paths.root)
    return chosen, safety


def _check_places(paths: DataPaths, backup: Path) -> None:
    if not backup.is_file():
        raise BackupError(f"{backup} is not a backup file; nothing was changed")
    db = paths.database
    if db.exists() and not db.is_file():
        raise BackupError(f"{db} is not a database file (a folder?), so nothing can be "
                          "restored in its place; move it aside first. Nothing was changed")
    for suffix in ("", *_SQLITE_SIDE_FILES):
        live = db.with_name(db.name + suffix)
        with contextlib.suppress(OSError):
            if live.exists() and os.path.samefile(live, backup):
                raise BackupError(f"{backup} is your live database, not a backup; "
                                  "nothing was changed")


def copy_private(source: Path, target: Path, what: str) -> None:
    """Copy ``source`` into the new file ``target``, owner-only from its first byte and on
    disk when this returns. On failure nothing of ``target`` is left."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        _remove(target)
        raise write_failure(what, exc) from exc


def _safety_copy(paths: DataPaths) -> BackupInfo:
    try:
        return make_backup(paths, "pre-restore")
    except BackupError as exc:
        if exc.out_of_space:
            raise  # another way of copying would not fit either
    # A database too damaged for SQLite to copy is still kept, byte for byte.
    target = new_backup_path(paths, "pre-restore")
    copy_private(paths.database, target, "the copy of what is there now")
    return verify(target)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
    _remove_side_files(path)


def _remove_side_files(path: Path) -> None:
    for suffix in _SQLITE_SIDE_FILES:
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
