"""A damaged database is never written to; it is kept aside and a backup brought back."""

from __future__ import annotations

from pathlib import Path

import pytest

from trackrecord.cli import main
from trackrecord.core.backup import make_backup
from trackrecord.core.db import DamagedDatabaseError, open_store
from trackrecord.core.entries import EntryService
from trackrecord.core.recovery import newest_offered_backup, recover_from_backup
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
