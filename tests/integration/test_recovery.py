"""A damaged database is never written to; it is kept aside and a backup brought back."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from trackrecord.cli import main
from trackrecord.core.backup.copies import make_backup
from trackrecord.core.backup.recovery import newest_offered_backup, recover_from_backup
from trackrecord.core.errors import StorageError
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.core.store.file_state import DamagedDatabaseError
from trackrecord.paths import DataPaths


def _damaged_store_with_backup(paths: DataPaths) -> None:
    with open_store(paths) as store:
        service = EntryService(store)
        for i in range(300):
            service.create("shipped", f"Entry {i}", notes="detail " * 20)
    make_backup(paths, "manual")
    with paths.database.open("r+b") as fh:  # a page in the middle gets scribbled on
        fh.seek(4096 * 8)
        fh.write(b"\x00\xff" * 2048)


def test_a_damaged_database_is_refused_unchanged(
    data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    _damaged_store_with_backup(data_paths)
    before = data_paths.database.read_bytes()
    with pytest.raises(DamagedDatabaseError, match="integrity check"):
        open_store(data_paths)
    assert main(["--data-dir", str(data_paths.root), "list"]) == 2
    assert "trackrecord restore" in capsys.readouterr().err
    assert data_paths.database.read_bytes() == before


def test_recovery_keeps_the_damaged_file_and_restores_the_newest_backup(
    data_paths: DataPaths,
) -> None:
    _damaged_store_with_backup(data_paths)
    damaged = data_paths.database.read_bytes()
    backup = newest_offered_backup(data_paths)
    assert backup is not None and backup.counts["entries"] == 300
    kept = recover_from_backup(data_paths, backup)
    assert Path(kept).read_bytes() == damaged
    with open_store(data_paths) as store:
        assert len(EntryService(store).list()) == 300


def test_a_check_left_for_later_holds_writes_and_refuses_them_on_damage(
    data_paths: DataPaths,
) -> None:
    """The window reads while the pages are checked; nothing is written until they pass."""
    _damaged_store_with_backup(data_paths)
    before = data_paths.database.read_bytes()
    store = open_store(data_paths, check_later=True)
    try:
        with pytest.raises(DamagedDatabaseError):
            store.check()
        with pytest.raises(StorageError, match="damaged"):
            EntryService(store).create("shipped", "Written to a damaged file")
    finally:
        store.close()
    assert data_paths.database.read_bytes() == before


def test_a_write_waits_for_the_check_then_goes_through(data_paths: DataPaths) -> None:
    open_store(data_paths).close()
    store = open_store(data_paths, check_later=True)
    service = EntryService(store)
    writer = threading.Thread(target=service.create, args=("shipped", "Waited"))
    writer.start()
    writer.join(0.3)
    assert writer.is_alive()  # held: the pages have not been checked yet
    store.check()
    writer.join(10)
    assert [e.title for e in service.list()] == ["Waited"]
    store.close()
