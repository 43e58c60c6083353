"""The main window's actions and menus, made with its frame (the setupUi way: the actions
become attributes of the window, which tests and the window's own code use by name).

Actions that act on data stay disabled until the store is open (``MainWindow.attach``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from trackrecord import APP_NAME

if TYPE_CHECKING:
    from trackrecord.ui.main_window import MainWindow

# The window's strings, under its context: spelled out at each call so lupdate collects
# them (docs/translations.md).
translate = QCoreApplication.translate


def _action(w: MainWindow, text: str, shortcut: QKeySequence.StandardKey | str | None,
            slot: object) -> QAction:
    action = QAction(text, w)
    # setShortcuts with one key: setShortcut's overloads (one takes a Qt.Key) would build
    # Qt's namespace of enums before the first paint (see theme). A standard key gets the
    # platform's first binding only: the others can surprise (X11 adds Ctrl+D to Delete).
    if isinstance(shortcut, str):
        action.setShortcuts([QKeySequence(shortcut)])
    elif shortcut is not None:
        action.setShortcuts(QKeySequence.keyBindings(shortcut)[:1])
    action.triggered.connect(slot)
    return action


def build_menus(w: MainWindow) -> None:
    keys = QKeySequence.StandardKey
    w.new_action = _action(
        w, translate("MainWindow", "&New entry"), keys.New, w.new_entry)
    w.log_rejection_action = _action(
        w, translate("MainWindow", "Log &rejection"), "Ctrl+Shift+R", w.log_rejection)
    w.quit_action = _action(w, translate("MainWindow", "&Quit"), "Ctrl+Q", w.close)
    w.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    w.undo_action = _action(
        w, translate("MainWindow", "&Undo delete"), keys.Undo, w.undo_delete)
    w.undo_action.setEnabled(False)
    w.find_action = _action(
        w, translate("MainWindow", "&Find"), keys.Find, lambda: w.controller.focus_search())
    w.delete_action = _action(
        w, translate("MainWindow", "&Delete entry"), keys.Delete, w.delete_entry)
    # (attach gives Delete its shortcut context: it acts only from the entry list)
    w.shortcuts_action = _action(
        w, translate("MainWindow", "&Keyboard shortcuts"), "F1", w.show_shortcuts)
    w.about_action = _action(
        w, translate("MainWindow", "&About {0}").format(APP_NAME), None, w.show_about)
    w.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    w.backups_action = _action(w, translate("MainWindow", "&Backups…"), None, w.open_backups)
    w.import_action = _action(w, translate("MainWindow", "&Import…"), "Ctrl+I", w.open_import)
    # Stands in for the real action (and its module) until the File menu first opens.
    w.export_everything_slot = QAction(translate("MainWindow", "Export everything…"), w)
    w.export_everything_slot.triggered.connect(
        lambda: w.export_everything_action.trigger())
    w.fullscreen_action = _action(
        w, translate("MainWindow", "&Full screen"), keys.FullScreen, w.toggle_full_screen)
    w.go_actions = [
        _action(w, label, shortcut, lambda _=False, row=row: w.rail.setCurrentRow(row))
        for row, (label, shortcut) in enumerate((
            (translate("MainWindow", "&Track record"), "Ctrl+1"),
            (translate("MainWindow", "&Rejections"), "Ctrl+2"),
            (translate("MainWindow", "Re&view before an interview"), "Ctrl+R"),
            (translate("MainWindow", "&Insights"), "Ctrl+4"),
            (translate("MainWindow", "&Export"), "Ctrl+5"),
        ))
    ]
    # Nothing to act on until the store is open (attach enables them).
    w.needs_data = (w.new_action, w.log_rejection_action, w.find_action, w.delete_action,
                    w.import_action, w.export_everything_slot, w.backups_action)
    for action in w.needs_data:
        action.setEnabled(False)

    menus = w.menuBar()
    w.file_menu = file_menu = menus.addMenu(translate("MainWindow", "&File"))
    file_menu.addAction(w.new_action)
    file_menu.addAction(w.log_rejection_action)
    file_menu.addSeparator()
    file_menu.addAction(w.import_action)
    file_menu.addAction(w.export_everything_slot)
    file_menu.aboutToShow.connect(w.ready_file_menu)
    file_menu.addAction(w.backups_action)
    file_menu.addSeparator()
    file_menu.addAction(w.quit_action)
    edit_menu = menus.addMenu(translate("MainWindow", "&Edit"))
    edit_menu.addAction(w.undo_action)
    edit_menu.addSeparator()
    edit_menu.addAction(w.find_action)
    edit_menu.addAction(w.delete_action)
    view_menu = menus.addMenu(translate("MainWindow", "&View"))
    view_menu.addAction(w.fullscreen_action)
    go_menu = menus.addMenu(translate("MainWindow", "&Go"))
    for action in w.go_actions:
        go_menu.addAction(action)
    help_menu = menus.addMenu(translate("MainWindow", "&Help"))
    help_menu.addAction(w.shortcuts_action)
    help_menu.addAction(w.about_action)
