"""Every command that writes a file refuses a place that would harm the data.

``export -o DATA/trackrecord.sqlite3`` once printed "wrote ..." and left 235 bytes of Markdown
where the store had been. Each writer of the command line is tried against each kind of
place; the store must still be whole afterwards, and the command must say why in one line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from trackrecord.cli import main
from trackrecord.core.backup.copies import make_backup
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.core.store.integrity import check_database
from trackrecord.paths import DataPaths

Place = Callable[[DataPaths, Path], Path]


def _store(data: DataPaths) -> None:
    with open_store(data) as store:
        EntryService(store).create("shipped", "Ledger")
        EntryService(store).create("incident", "Outage")


def _wal(data: DataPaths, _tmp: Path) -> Path:
    # Written by hand, a file named like the WAL would be replayed into the store.
    return data.database.with_name(data.database.name + "-wal")


def _fifo(_data: DataPaths, tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe.md")
    return tmp / "pipe.md"


def _link_to_store(data: DataPaths, tmp: Path) -> Path:
    (tmp / "brag.md").symlink_to(data.database)
    return tmp / "brag.md"


def _folder(_data: DataPaths, tmp: Path) -> Path:
    (tmp / "out").mkdir()
    return tmp / "out"


def _in_backups(data: DataPaths, _tmp: Path) -> Path:
    return make_backup(data, "manual").path


PLACES: dict[str, tuple[Place, str]] = {
    "the store": (lambda data, _tmp: data.database, "Track Record's own database"),
    "its -wal": (_wal, "-wal file of Track Record's database"),
    "its -shm": (lambda data, _tmp: data.database.with_name(data.database.name + "-shm"),
                 "-shm file of Track Record's database"),
    "a backup": (_in_backups, "backups folder"),
    "/dev/full": (lambda _data, _tmp: Path("/dev/full"), "not a regular file"),
    "a FIFO": (_fifo, "not a regular file"),
    "a folder": (_folder, "is a folder"),
    "a link to the store": (_link_to_store, "Track Record's own database"),
}

WRITERS: dict[str, list[str]] = {
    "export md": ["export", "--format", "md", "-o"],
    "export html": ["export", "--format", "html", "-o"],
    "export json": ["export", "--format", "json", "-o"],
    "review md": ["review", "--stage", "coding", "-o"],
    "backup --to": ["backup", "--to"],
}


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("writer", WRITERS)
def test_a_writer_refuses_a_harmful_place(
    place: str, writer: str, data_paths: DataPaths, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if place == "/dev/full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    _store(data_paths)
    make_place, says = PLACES[place]
    target = make_place(data_paths, tmp_path)
    before = target.read_bytes() if target.is_file() else None
    code = main(["--data-dir", str(data_paths.root), *WRITERS[writer], str(target)])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert says in err and err.count("\n") == 1  # one line saying why
    assert "wrote" not in out
    if before is not None and place != "its -shm":  # (SQLite itself keeps the -shm moving)
        assert target.read_bytes() == before
    assert check_database(data_paths.database).ok
    with open_store(data_paths) as store:
        assert sorted(e.title for e in EntryService(store).list()) == ["Ledger", "Outage"]


def test_a_pdf_export_refuses_the_store(data_paths: DataPaths,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    _store(data_paths)
    code = main(["--data-dir", str(data_paths.root), "export", "--format", "pdf", "-o",
                 str(data_paths.database)])
    assert code == 2 and "Track Record's own database" in capsys.readouterr().err
    assert check_database(data_paths.database).ok


def test_another_data_folders_store_is_refused_too(data_paths: DataPaths, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _store(data_paths)
    other = DataPaths(tmp_path / "other")
    _store(other)
    code = main(["--data-dir", str(data_paths.root), "export", "--format", "md", "-o",
                 str(other.database)])
    assert code == 2 and "is a Track Record database" in capsys.readouterr().err
    assert check_database(other.database).ok
