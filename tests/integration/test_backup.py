"""Backups are verified before they count, rotate on a schedule, and restore safely."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from trackrecord.cli import main
from trackrecord.core.backup.copies import (
    BackupError,
    backups_to_keep,
    changed_since_last_backup,
    list_backups,
    make_backup,
    rotate,
    verify,
)
from trackrecord.core.backup.restore import restore_backup
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.core.store.integrity import check_database
from trackrecord.paths import DataPaths

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)


def _store_with(paths: DataPaths, *titles: str) -> None:
    with open_store(paths) as store:
        for title in titles:
            EntryService(store).create("shipped", title)


def _titles(paths: DataPaths) -> list[str]:
    with open_store(paths) as store:
        return sorted(e.title for e in EntryService(store).list())


def _garble(path: Path, at: int = 4096 * 3, length: int = 4096) -> None:
    with path.open("r+b") as fh:
        fh.seek(at)
        fh.write(b"\xde\xad\xbe\xef" * (length // 4))


def test_a_backup_is_verified_private_and_counts_rows(data_paths: DataPaths) -> None:
    _store_with(data_paths, "Ledger", "Outage")
    info = make_backup(data_paths, "manual")
    assert info.ok and info.offered
    assert info.counts["entries"] == 2
    assert info.path.stat().st_mode & 0o777 == 0o600
    assert list_backups(data_paths)[0].path == info.path


def test_a_backup_of_an_empty_store_is_never_offered(data_paths: DataPaths) -> None:
    _store_with(data_paths)
    info = make_backup(data_paths, "manual")
    assert not info.offered
    assert "no data" in info.problem


def test_a_damaged_backup_is_flagged_and_cannot_be_restored(data_paths: DataPaths) -> None:
    _store_with(data_paths, *(f"Entry {i}" for i in range(200)))
    info = make_backup(data_paths, "manual")
    _garble(info.path)
    checked = verify(info.path)
    assert not checked.ok and checked.problem
    before = data_paths.database.read_bytes()
    with pytest.raises(BackupError, match="cannot be restored"):
        restore_backup(data_paths, info.path)
    assert data_paths.database.read_bytes() == before


def test_changes_since_the_last_backup_are_noticed(data_paths: DataPaths) -> None:
    _store_with(data_paths, "Ledger")
    assert changed_since_last_backup(data_paths)
    make_backup(data_paths, "auto")
    assert not changed_since_last_backup(data_paths)
    with open_store(data_paths) as store:
        service = EntryService(store)
        [entry] = service.list()
        service.update(entry.id, impact="Faster")
    assert changed_since_last_backup(data_paths)


def test_restore_keeps_a_safety_copy_and_brings_the_data_back(data_paths: DataPaths) -> None:
    _store_with(data_paths, "Ledger")
    good = make_backup(data_paths, "manual", now=NOW - dt.timedelta(days=400))
    _store_with(data_paths, "Written after the backup")
    restored, safety = restore_backup(data_paths, good.path)
    assert restored.path == good.path
    assert _titles(data_paths) == ["Ledger"]
    assert safety is not None and safety.ok
    # What was there before the restore is kept and can itself be restored.
    restore_backup(data_paths, safety.path)
    assert _titles(data_paths) == ["Ledger", "Written after the backup"]
    # A restore never rotates older backups away, however old.
    assert good.path.exists()


def test_rotation_keeps_the_schedule(data_paths: DataPaths) -> None:
    # A backup every 30 minutes of use, 8 hours a day, for 500 days.
    moments = [
        NOW - dt.timedelta(days=d, minutes=30 * k) for d in range(500) for k in range(16)
    ]
    kept = backups_to_keep(moments, NOW)
    newest = sorted(moments, reverse=True)
    assert set(newest[:12]) <= kept
    for days in range(14):
        day = (NOW - dt.timedelta(days=days)).date()
        assert any(m.date() == day for m in kept), day
    for weeks in range(8):
        week = (NOW - dt.timedelta(weeks=weeks)).isocalendar()[:2]
        assert any(m.isocalendar()[:2] == week for m in kept), week
    for months in range(12):
        month = (NOW - dt.timedelta(days=30 * months))
        assert any((m.year, m.month) == (month.year, month.month) for m in kept), month
    assert all(NOW - m <= dt.timedelta(days=366) for m in kept)
    assert len(kept) <= 12 + 14 + 8 + 12


def test_rotate_removes_only_automatic_backups(data_paths: DataPaths) -> None:
    _store_with(data_paths, "Ledger")
    old_manual = make_backup(data_paths, "manual", now=NOW - dt.timedelta(days=900))
    autos = [
        make_backup(data_paths, "auto", now=NOW - dt.timedelta(days=900 + i)) for i in range(14)
    ]
    removed = rotate(data_paths, now=NOW)
    assert old_manual.path.exists()
    survivors = [a for a in autos if a.path.exists()]
    assert len(survivors) == 12  # the 12 newest are always kept
    assert set(removed) == {a.path for a in autos} - {a.path for a in survivors}
    assert not any(Path(str(p) + ".json").exists() for p in removed)


def test_check_reports_a_damaged_database(
    data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    _store_with(data_paths, *(f"Entry {i}" for i in range(300)))
    assert check_database(data_paths.database).ok
    assert main(["--data-dir", str(data_paths.root), "check"]) == 0
    _garble(data_paths.database, at=4096 * 5, length=4096 * 3)
    report = check_database(data_paths.database)
    assert not report.ok
    capsys.readouterr()
    assert main(["--data-dir", str(data_paths.root), "check"]) == 1
    assert "problems" in capsys.readouterr().out


def test_cli_backup_backups_restore(
    data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(data_paths.root)
    _store_with(data_paths, "Ledger")
    assert main(["--data-dir", root, "backup"]) == 0
    line = capsys.readouterr().out
    assert "verified" in line
    backup_path = line.split()[0]
    _store_with(data_paths, "Later")
    assert main(["--data-dir", root, "backups"]) == 0
    assert "manual" in capsys.readouterr().out
    assert main(["--data-dir", root, "restore", backup_path]) == 0
    assert _titles(data_paths) == ["Ledger"]
    assert main(["--data-dir", root, "restore", "/nope/missing.sqlite3"]) == 2


def test_cli_backup_to_a_chosen_file(data_paths: DataPaths, tmp_path: Path) -> None:
    _store_with(data_paths, "Ledger")
    target = tmp_path / "elsewhere.sqlite3"
    assert main(["--data-dir", str(data_paths.root), "backup", "--to", str(target)]) == 0
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT title FROM entries").fetchall() == [("Ledger",)]
    conn.close()
    assert main(["--data-dir", str(data_paths.root), "backup", "--to", str(target)]) == 2
