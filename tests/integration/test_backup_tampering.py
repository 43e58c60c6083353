"""A backup that is not what was backed up is never restored, and the listing says so.

Each tampering the issue found restored as "sound": a trigger that wipes the store on the next
add, edited text, two deleted rows. Now the copy is compared with the record kept beside it
(row counts and a fingerprint of each table's content) and with the schema the app's own
migrations build; whatever differs is said in words, and nothing is written.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from trackrecord.cli import main
from trackrecord.core.backup.copies import BackupError, list_backups, make_backup
from trackrecord.core.backup.info import info_path
from trackrecord.core.backup.restore import restore_backup
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths

TITLES = ["Ledger", "Outage", "Mentoring Sam", "Talk", "Design doc"]


def _titles(paths: DataPaths) -> list[str]:
    with open_store(paths) as store:
        return sorted(e.title for e in EntryService(store).list())


def _backed_up(paths: DataPaths) -> Path:
    """A verified backup of five entries; then the store moves on to six."""
    with open_store(paths) as store:
        for title in TITLES:
            EntryService(store).create("shipped", title)
    backup = make_backup(paths, "manual").path
    with open_store(paths) as store:
        EntryService(store).create("other", "Written after the backup")
    return backup


def _tamper(backup: Path, *statements: str) -> None:
    conn = sqlite3.connect(backup, isolation_level=None)
    try:
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()


TAMPERINGS: dict[str, tuple[tuple[str, ...], str]] = {
    "an added trigger": (
        ("CREATE TRIGGER wipe AFTER INSERT ON entries BEGIN "
         "DELETE FROM entries WHERE pk != new.pk; END",),
        "a trigger 'wipe' on entries that Track Record never makes"),
    "edited text": (
        ("UPDATE entries SET title = 'Forged' WHERE title = 'Ledger'",),
        "the content of entries differs from what was copied"),
    "two deleted rows": (
        ("DELETE FROM entries WHERE title IN ('Talk', 'Design doc')",),
        "covers 5 of 3 entries"),
    "an added view": (("CREATE VIEW everything AS SELECT * FROM entries",),
                      "a view 'everything' that Track Record never makes"),
    "an added table": (("CREATE TABLE notes_of_mine (x)",),
                       "a table 'notes_of_mine' that Track Record never makes"),
    "an added index": (("CREATE INDEX ix_mine ON entries (title)",),
                       "an index 'ix_mine' on entries that Track Record never makes"),
    "a dropped index": (("DROP INDEX ix_entries_kind_dates",),
                        "the index ix_entries_kind_dates is missing"),
    "a changed setting": (("INSERT INTO settings (key, value) VALUES ('export', '{}')",),
                          "settings has 1 rows where 0 were copied"),
}


@pytest.mark.parametrize("tampering", TAMPERINGS)
def test_a_tampered_backup_is_refused_and_nothing_is_written(
    data_paths: DataPaths, tampering: str
) -> None:
    backup = _backed_up(data_paths)
    statements, says = TAMPERINGS[tampering]
    _tamper(backup, *statements)
    before = data_paths.database.read_bytes()
    backups_before = sorted(p.name for p in data_paths.backups.iterdir())
    with pytest.raises(BackupError, match="cannot be restored") as refused:
        restore_backup(data_paths, backup)
    assert says in str(refused.value)
    assert str(refused.value).endswith("nothing was changed")
    assert data_paths.database.read_bytes() == before
    assert sorted(p.name for p in data_paths.backups.iterdir()) == backups_before
    assert sorted(p.name for p in data_paths.root.iterdir()) == ["backups",
                                                                 "trackrecord.sqlite3"]
    assert "Written after the backup" in _titles(data_paths)
    [listed] = list_backups(data_paths)  # the listing says the same, and never offers it
    assert not listed.offered and says in listed.problem


def test_two_deleted_rows_are_named_by_table(data_paths: DataPaths) -> None:
    backup = _backed_up(data_paths)
    # A careful tamperer keeps the search index in step too: the counts still tell.
    _tamper(backup, "DELETE FROM entries WHERE title IN ('Talk', 'Design doc')",
            "INSERT INTO entry_fts(entry_fts) VALUES ('rebuild')",
            "INSERT INTO entry_prefix(entry_prefix) VALUES ('rebuild')")
    with pytest.raises(BackupError, match="entries has 3 rows where 5 were copied"):
        restore_backup(data_paths, backup)


def test_the_command_line_says_what_differs(data_paths: DataPaths,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    backup = _backed_up(data_paths)
    _tamper(backup, *TAMPERINGS["an added trigger"][0])
    root = str(data_paths.root)
    assert main(["--data-dir", root, "restore", str(backup)]) == 2
    err = capsys.readouterr().err
    assert "a trigger 'wipe' on entries that Track Record never makes" in err
    assert "Traceback" not in err
    assert main(["--data-dir", root, "backups"]) == 0
    assert "NOT USABLE: a trigger 'wipe'" in capsys.readouterr().out
    assert "Written after the backup" in _titles(data_paths)


def test_an_untouched_backup_moved_elsewhere_is_checked_again_and_restored(
    data_paths: DataPaths
) -> None:
    backup = _backed_up(data_paths)
    moved = backup.with_name(backup.name + ".moving")
    shutil.copy2(backup, moved)  # a new inode and change time: the record no longer vouches
    os.replace(moved, backup)
    [listed] = list_backups(data_paths)
    assert listed.offered, listed.problem
    restored, safety = restore_backup(data_paths, backup)
    assert _titles(data_paths) == sorted(TITLES)
    assert safety is not None and safety.offered


def _as_version_1(backup: Path) -> None:
    """The record as backups before content fingerprints wrote it."""
    doc = json.loads(info_path(backup).read_text())
    for key in ("content", "content_since", "file", "note"):
        doc.pop(key, None)
    doc["version"] = 1
    info_path(backup).write_text(json.dumps(doc))


def test_an_old_record_still_catches_deleted_rows(data_paths: DataPaths) -> None:
    backup = _backed_up(data_paths)
    _as_version_1(backup)
    _tamper(backup, "DELETE FROM entries WHERE title IN ('Talk', 'Design doc')",
            "INSERT INTO entry_fts(entry_fts) VALUES ('rebuild')",
            "INSERT INTO entry_prefix(entry_prefix) VALUES ('rebuild')")
    with pytest.raises(BackupError, match="entries has 3 rows where 5 were copied"):
        restore_backup(data_paths, backup)


def test_an_old_record_says_what_it_cannot_see_then_keeps_the_content(
    data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = _backed_up(data_paths)
    _as_version_1(backup)
    assert main(["--data-dir", str(data_paths.root), "backups"]) == 0
    out = capsys.readouterr().out
    assert "ok" in out and "on record only since" in out  # said, not hidden
    record = json.loads(info_path(backup).read_text())
    assert record["version"] == 2 and record["content"]["entries"]
    # From now on an edit that keeps the counts is seen too.
    _tamper(backup, "UPDATE entries SET title = 'Forged' WHERE title = 'Ledger'")
    with pytest.raises(BackupError, match="the content of entries differs"):
        restore_backup(data_paths, backup)


def test_a_copy_with_no_record_is_checked_by_its_schema(data_paths: DataPaths) -> None:
    backup = _backed_up(data_paths)
    info_path(backup).unlink()  # as for a copy taken before a schema upgrade
    _tamper(backup, *TAMPERINGS["an added trigger"][0])
    [listed] = list_backups(data_paths)
    assert not listed.offered and "trigger 'wipe'" in listed.problem
    with pytest.raises(BackupError, match="trigger 'wipe'"):
        restore_backup(data_paths, backup)


def test_restoring_the_live_database_or_a_folder_is_refused(data_paths: DataPaths,
                                                            tmp_path: Path) -> None:
    _backed_up(data_paths)
    before = data_paths.database.read_bytes()
    with pytest.raises(BackupError, match="your live database"):
        restore_backup(data_paths, data_paths.database)
    with pytest.raises(BackupError, match="not a backup file"):
        restore_backup(data_paths, tmp_path)
    fifo = tmp_path / "pipe.sqlite3"
    os.mkfifo(fifo)
    with pytest.raises(BackupError, match="not a backup file"):  # (reading it would hang)
        restore_backup(data_paths, fifo)
    assert data_paths.database.read_bytes() == before
