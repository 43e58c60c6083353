"""Restore on a full disk: a sentence, the store as it was, and nothing left behind.

The disk filling up is simulated where each write happens (the staged copy of the backup,
the safety copy of what is there now, its record, SQLite's own copy), with the errno or the
SQLite message a full disk gives. Before, this ended in an OSError traceback and a 0-byte
pre-restore copy readable by everyone (0644).
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from trackrecord.core.backup import copies, info, restore
from trackrecord.core.backup.copies import BackupError, make_backup
from trackrecord.core.backup.restore import restore_backup
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths


def _full(*_args: Any, **_kwargs: Any) -> Any:
    raise OSError(errno.ENOSPC, "No space left on device")


def _setup(paths: DataPaths) -> Path:
    with open_store(paths) as store:
        EntryService(store).create("shipped", "Ledger")
    backup = make_backup(paths, "manual").path
    with open_store(paths) as store:
        EntryService(store).create("other", "After the backup")
    return backup


def _files(paths: DataPaths) -> dict[str, int]:
    """Every file in the data folder and its mode, but the store's -wal and -shm: SQLite
    makes those (private, the WAL empty) whenever anything reads the store."""
    side = {paths.database.name + "-wal", paths.database.name + "-shm"}
    wal = paths.database.with_name(paths.database.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    return {str(p.relative_to(paths.root)): stat.S_IMODE(p.stat().st_mode)
            for p in paths.root.rglob("*") if p.is_file() and p.name not in side}


def _half_written_then_full(_source: Path, target: Path) -> Any:
    target.write_bytes(b"SQLite format 3\x00")  # a partial copy, as a full disk leaves one
    target.chmod(0o644)
    raise OSError(errno.ENOSPC, "No space left on device")


class _FullConnection:
    """sqlite3.connect for the backup's target: SQLite's own "disk is full"."""

    def __init__(self, real: Callable[..., sqlite3.Connection]) -> None:
        self.real = real

    def __call__(self, target: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if str(target).endswith("-pre-restore.sqlite3"):
            raise sqlite3.OperationalError("database or disk is full")
        return self.real(target, *args, **kwargs)


WHERE: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "the staged copy": lambda mp: mp.setattr(restore.shutil, "copyfileobj", _full),
    "the safety copy": lambda mp: mp.setattr(copies, "copy_database", _half_written_then_full),
    "SQLite's copy": lambda mp: mp.setattr(copies.sqlite3, "connect",
                                           _FullConnection(sqlite3.connect)),
    "the safety copy's record": lambda mp: mp.setattr(info.Path, "write_text", _full),
}


@pytest.mark.parametrize("where", WHERE)
def test_a_full_disk_leaves_the_store_and_the_folder_as_they_were(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    backup = _setup(data_paths)
    before_db = data_paths.database.read_bytes()
    before_files = _files(data_paths)
    WHERE[where](monkeypatch)
    with pytest.raises(BackupError, match="the disk is full") as refused:
        restore_backup(data_paths, backup)
    assert refused.value.out_of_space
    assert "nothing was changed" in str(refused.value)
    monkeypatch.undo()
    assert data_paths.database.read_bytes() == before_db
    assert _files(data_paths) == before_files  # no staged copy, no 0-byte 0644 leftover
    with open_store(data_paths) as store:
        assert sorted(e.title for e in EntryService(store).list()) == ["After the backup",
                                                                        "Ledger"]


def test_a_damaged_store_is_kept_byte_for_byte_unless_the_disk_is_full(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = _setup(data_paths)
    with data_paths.database.open("r+b") as fh:  # SQLite can no longer copy it
        fh.write(b"\0" * 100)
    before = _files(data_paths)
    real_copy = shutil.copyfileobj
    calls: list[str] = []

    def full_on_the_second(src: Any, dst: Any, *args: Any) -> None:
        calls.append("copy")
        if len(calls) == 2:  # the first is the staged backup, the second the damaged file
            raise OSError(errno.ENOSPC, "No space left on device")
        real_copy(src, dst, *args)

    monkeypatch.setattr(restore.shutil, "copyfileobj", full_on_the_second)
    with pytest.raises(BackupError, match="the disk is full"):
        restore_backup(data_paths, backup)
    assert _files(data_paths) == before
