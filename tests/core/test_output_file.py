"""Where an exported file may go: never over the data, a device, a pipe, a folder or a link.

One check (``core.transfer.output_file``) serves every file the app writes; these tests hold
it to each place the issue named, and the ones next to them. The writers that use it are
tested in tests/integration/test_export_destinations.py and tests/ui/.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from trackrecord.core.backup.copies import make_backup
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.output_file import ExportWriteError, check_target, write_atomic
from trackrecord.paths import DataPaths


@pytest.fixture
def data(store: Store, entries: EntryService) -> DataPaths:
    entries.create("shipped", "Ledger")  # (the store stays open: its -wal and -shm exist)
    return store.paths


def _refused(path: Path, data: DataPaths, says: str) -> None:
    before = _state(path)
    with pytest.raises(ExportWriteError, match=says):
        write_atomic(path, b"# Brag document\n", protect=data)
    assert _state(path) == before  # nothing was written, nothing replaced


def _state(path: Path) -> tuple[object, ...]:
    try:
        st = path.lstat()
    except FileNotFoundError:
        return ("missing",)
    content = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
    return st.st_mode, st.st_ino, content


def test_refuses_the_database_itself(data: DataPaths) -> None:
    _refused(data.database, data, "Track Record's own database")


@pytest.mark.parametrize("suffix", ["-wal", "-shm"])
def test_refuses_the_databases_side_files(data: DataPaths, suffix: str) -> None:
    side = data.database.with_name(data.database.name + suffix)
    assert side.exists()
    _refused(side, data, f"the {suffix} file of Track Record's database")


def test_refuses_a_side_file_that_does_not_exist_yet(data: DataPaths) -> None:
    # Written, a stray -journal would be taken by SQLite for a hot journal and replayed.
    _refused(data.database.with_name(data.database.name + "-journal"), data, "journal")


def test_refuses_anything_in_the_backups_folder(data: DataPaths) -> None:
    backup = make_backup(data, "manual").path
    _refused(backup, data, "backups folder")
    _refused(data.backups / "brag.md", data, "backups folder")  # even a new name


def test_refuses_the_data_folders_own_files(data: DataPaths) -> None:
    _refused(data.root / "ui-state.ini", data, "Track Record's own files")
    _refused(data.root / ".trackrecord.lock", data, "Track Record's own files")


def test_refuses_a_symbolic_link_to_the_store(data: DataPaths, tmp_path: Path) -> None:
    link = tmp_path / "brag.md"
    link.symlink_to(data.database)
    _refused(link, data, "Track Record's own database")
    assert link.is_symlink()


def test_refuses_a_symbolic_link_elsewhere(data: DataPaths, tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("mine")
    link = tmp_path / "brag.md"
    link.symlink_to(real)
    _refused(link, data, "symbolic link")
    assert real.read_text() == "mine"


def test_refuses_a_folder(data: DataPaths, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    _refused(folder, data, "is a folder")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_refuses_a_device(data: DataPaths) -> None:
    # Run as root, an atomic rename would replace /dev/full with a regular file.
    _refused(Path("/dev/full"), data, "not a regular file")
    assert not Path("/dev/full").is_file()


def test_refuses_a_pipe(data: DataPaths, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    _refused(fifo, data, "not a regular file")


def test_refuses_another_track_record_database(data: DataPaths, tmp_path: Path) -> None:
    other = tmp_path / "old-laptop.sqlite3"
    shutil.copyfile(data.database, other)
    _refused(other, data, "is a Track Record database")


def test_refuses_the_store_under_another_spelling(data: DataPaths) -> None:
    sideways = data.root / ".." / data.root.name / "." / data.database.name
    _refused(sideways, data, "Track Record's own database")


def test_a_new_file_and_an_ordinary_existing_file_are_written(data: DataPaths,
                                                              tmp_path: Path) -> None:
    new = tmp_path / "brag.md"
    write_atomic(new, b"one", protect=data)
    assert new.read_bytes() == b"one"
    write_atomic(new, b"two", protect=data)  # replacing your own earlier export is fine
    assert new.read_bytes() == b"two"
    check_target(data.root / "brag.md", data)  # a new name in the data folder itself is fine
