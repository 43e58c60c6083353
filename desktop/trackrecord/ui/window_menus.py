"""The main window's actions and menus, made with its frame (the setupUi way: the actions
become attributes of the window, which tests and the window's own code use by name).

Actions that act on data stay disabled until the store is open (``MainWindow.attach``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from trackrecord import APP_NAME

if TYPE_CHECKING:
    from trackrecord.ui.main_window import MainWindow


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
    w.new_action = _action(w, w.tr("&New entry"), QKeySequence.StandardKey.New, w.new_entry)
    w.log_rejection_action = _action(w, w.tr("Log &rejection"), "Ctrl+Shift+R", w.log_rejection)
    w.quit_action = _action(w, w.tr("&Quit"), "Ctrl+Q", w.close)
    w.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    w.undo_action = _action(w, w.tr("&Undo delete"), QKeySequence.StandardKey.Undo, w.undo_delete)
    w.undo_action.setEnabled(False)
    w.find_action = _action(
        w, w.tr("&Find"), QKeySequence.StandardKey.Find, lambda: w.controller.focus_search())
    w.delete_action = _action(
        w, w.tr("&Delete entry"), QKeySequence.StandardKey.Delete, w.delete_entry)
    # (attach gives Delete its shortcut context: it acts only from the entry list)
    w.shortcuts_action = _action(w, w.tr("&Keyboard shortcuts"), "F1", w.show_shortcuts)
    w.about_action = _action(w, w.tr("&About {0}").format(APP_NAME), None, w.show_about)
    w.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    w.backups_action = _action(w, w.tr("&Backups…"), None, w.open_backups)
    w.import_action = _action(w, w.tr("&Import…"), "Ctrl+I", w.open_import)
    # Stands in for the real action (and its module) until the File menu first opens.
    w.export_everything_slot = QAction(w.tr("Export everything…"), w)
    w.export_everything_slot.triggered.connect(
        lambda: w.export_everything_action.trigger())
    w.fullscreen_action = _action(
        w, w.tr("&Full screen"), QKeySequence.StandardKey.FullScreen, w.toggle_full_screen)
    w.go_actions = [
        _action(w, label, shortcut, lambda _=False, row=row: w.rail.setCurrentRow(row))
        for row, (label, shortcut) in enumerate((
            (w.tr("&Track record"), "Ctrl+1"),
            (w.tr("&Rejections"), "Ctrl+2"),
            (w.tr("Re&view before an interview"), "Ctrl+R"),
            (w.tr("&Insights"), "Ctrl+4"),
            (w.tr("&Export"), "Ctrl+5"),
        ))
    ]
    # Nothing to act on until the store is open (attach enables them).
    w.needs_data = (w.new_action, w.log_rejection_action, w.find_action, w.delete_action,
                    w.import_action, w.export_everything_slot, w.backups_action)
    for action in w.needs_data:
        action.setEnabled(False)

    menus = w.menuBar()
    w.file_menu = file_menu = menus.addMenu(w.tr("&File"))
    file_menu.addAction(w.new_action)
    file_menu.addAction(w.log_rejection_action)
    file_menu.addSeparator()
    file_menu.addAction(w.import_action)
    file_menu.addAction(w.export_everything_slot)
    file_menu.aboutToShow.connect(w.ready_file_menu)
    file_menu.addAction(w.backups_action)
    file_menu.addSeparator()
    file_menu.addAction(w.quit_action)
    edit_menu = menus.addMenu(w.tr("&Edit"))
    edit_menu.addAction(w.undo_action)
    edit_menu.addSeparator()
    edit_menu.addAction(w.find_action)
    edit_menu.addAction(w.delete_action)
    view_menu = menus.addMenu(w.tr("&View"))
    view_menu.addAction(w.fullscreen_action)
    go_menu = menus.addMenu(w.tr("&Go"))
    for action in w.go_actions:
        go_menu.addAction(action)
    help_menu = menus.addMenu(w.tr("&Help"))
    help_menu.addAction(w.shortcuts_action)
    help_menu.addAction(w.about_action)
