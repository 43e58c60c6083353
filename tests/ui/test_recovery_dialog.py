"""At start, a damaged database is explained and the newest backup offered."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from trackrecord.core.backup.copies import make_backup
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths
from trackrecord.ui.backups.recovery_dialog import offer_recovery


def _damage(paths: DataPaths) -> None:
    with paths.database.open("r+b") as fh:
        fh.seek(4096 * 8)
        fh.write(b"\x00\xff" * 2048)


def _fill(paths: DataPaths) -> None:
    with open_store(paths) as store:
        service = EntryService(store)
        for i in range(300):
            service.create("shipped", f"Entry {i}", notes="detail " * 20)


def test_declining_changes_nothing(qtbot: QtBot, data_paths: DataPaths, monkeypatch) -> None:
    _fill(data_paths)
    make_backup(data_paths, "manual")
    _damage(data_paths)
    before = data_paths.database.read_bytes()
    seen: list[str] = []

    def close(box: QMessageBox) -> QMessageBox.StandardButton:
        seen.append(box.informativeText())
        return QMessageBox.StandardButton.Close

    assert not offer_recovery(data_paths, "page 9 is damaged", answer=close)
    assert "300 entries" in seen[0] and "nothing is deleted" in seen[0]
    assert data_paths.database.read_bytes() == before


def test_restoring_brings_the_data_back(qtbot: QtBot, data_paths: DataPaths, monkeypatch):
    _fill(data_paths)
    make_backup(data_paths, "manual")
    _damage(data_paths)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    assert offer_recovery(
        data_paths, "damaged", answer=lambda box: QMessageBox.StandardButton.RestoreDefaults
    )
    with open_store(data_paths) as store:
        assert len(EntryService(store).list()) == 300
    assert list(data_paths.root.glob("trackrecord.sqlite3.damaged-*"))


def test_without_a_backup_it_says_so(qtbot: QtBot, data_paths: DataPaths) -> None:
    _fill(data_paths)
    _damage(data_paths)
    texts: list[str] = []

    def close(box: QMessageBox) -> QMessageBox.StandardButton:
        texts.append(box.informativeText())
        return QMessageBox.StandardButton.Close

    assert not offer_recovery(data_paths, "damaged", answer=close)
    assert "no verified backup" in texts[0]


def test_damage_found_after_the_window_opened_offers_a_backup(
        qtbot: QtBot, data_paths: DataPaths, monkeypatch) -> None:
    """The page check runs while the entries are already listed; when it finds damage, the
    window closes its store and the backup is offered, the file untouched."""
    from trackrecord.ui.backups import recovery_dialog
    from trackrecord.ui.shell import app as app_module
    _fill(data_paths)
    make_backup(data_paths, "manual")
    _damage(data_paths)
    before = data_paths.database.read_bytes()
    offered: list[str] = []
    monkeypatch.setattr(recovery_dialog, "offer_recovery",
                        lambda paths, problem, parent=None: offered.append(problem) or False)
    assert app_module.run_gui(data_paths) == 2
    assert offered and "integrity check" in offered[0]
    assert data_paths.database.read_bytes() == before
