"""File ▸ Backups…: the list, Back up now, and choosing a backup to restore."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QProxyStyle, QStyle
from pytestqt.qtbot import QtBot

from trackrecord.core.backup.copies import make_backup
from trackrecord.core.record.entries import EntryService
from trackrecord.paths import DataPaths
from trackrecord.ui.backups.dialog import BackupsDialog


def test_lists_backups_and_only_verified_ones_can_be_restored(
    qtbot: QtBot, entries: EntryService, data_paths: DataPaths, monkeypatch
) -> None:
    empty = make_backup(data_paths, "manual")  # of an empty store: never offered
    entries.create("shipped", "Ledger")
    dialog = BackupsDialog(data_paths)
    qtbot.addWidget(dialog)
    dialog.backup_now.click()
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 3).text() == "1 entries, 0 rejections"
    assert dialog.table.item(0, 4).text() == "verified"
    dialog.table.selectRow(1)  # the empty one
    assert not dialog.restore.isEnabled()
    assert "no data" in dialog.table.item(1, 4).text()
    dialog.table.selectRow(0)
    assert dialog.restore.isEnabled()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.restore.click()
    assert dialog.chosen is not None and dialog.chosen != empty.path


def test_the_window_asks_the_app_to_restore(qtbot: QtBot, make_window, entries, data_paths,
                                            monkeypatch) -> None:
    entries.create("shipped", "Ledger")
    chosen = make_backup(data_paths, "manual").path

    def pick(self: BackupsDialog) -> int:
        self.chosen = chosen
        return 1

    monkeypatch.setattr(BackupsDialog, "exec", pick)
    window = make_window()
    with qtbot.waitSignal(window.restore_requested) as asked:
        window.menu_actions.backups.trigger()
    assert asked.args == [Path(chosen)]


def test_a_tampered_backup_says_in_full_what_differs(
    qtbot: QtBot, entries: EntryService, data_paths: DataPaths
) -> None:
    import sqlite3

    entries.create("shipped", "Ledger")
    made = make_backup(data_paths, "manual")
    conn = sqlite3.connect(made.path)
    conn.execute("CREATE TRIGGER wipe AFTER INSERT ON entries BEGIN DELETE FROM entries; END")
    conn.commit()
    conn.close()
    dialog = BackupsDialog(data_paths)
    qtbot.addWidget(dialog)
    state = dialog.table.item(0, 4)
    assert state.text().startswith("a trigger 'wipe' on entries")
    assert state.toolTip() == "a trigger 'wipe' on entries that Track Record never makes"
    dialog.table.selectRow(0)
    assert not dialog.restore.isEnabled()


def test_with_no_backups_it_says_when_the_first_comes(
    qtbot: QtBot, data_paths: DataPaths, entries: EntryService,
) -> None:
    """Issue 17: Backups opened on an empty table with no words."""
    dialog = BackupsDialog(data_paths)
    qtbot.addWidget(dialog)
    assert dialog.list_stack.currentWidget() is dialog.empty
    assert "No backups yet" in dialog.empty.text() and "Back up now" in dialog.empty.text()
    entries.create("shipped", "Ledger")
    dialog.backup_now.click()
    assert dialog.list_stack.currentWidget() is dialog.table and dialog.table.rowCount() == 1


class _IconsOnButtons(QProxyStyle):
    """A style (like the desktop fallback's) that puts icons on dialog buttons."""

    def styleHint(self, hint, option=None, widget=None, data=None):  # type: ignore[override]
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, data)


def test_close_and_cancel_carry_words_alone(qtbot: QtBot, qapp) -> None:
    """Issue 17: Close and Cancel carried a red cross from another icon set: on a desktop
    whose style puts icons on dialog buttons, the app's stylesheet says words alone."""
    from trackrecord.ui.shell.app import load_stylesheet

    sheet = qapp.styleSheet()
    style = _IconsOnButtons()
    hint = QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons
    try:
        for with_sheet in (False, True):
            qapp.setStyleSheet(load_stylesheet() if with_sheet else "")
            box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            qtbot.addWidget(box)
            box.setStyle(style)
            assert box.style().styleHint(hint, None, box) == (0 if with_sheet else 1)
    finally:
        qapp.setStyleSheet(sheet)
