"""The main window's actions and menus, made with its frame.

``build_menus`` takes the window and what each action calls (``MenuSlots``) and returns the
actions (``WindowActions``), which the window's own code and the tests use by name. Actions
that act on data stay disabled until the store is open (``MainWindow.attach``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from trackrecord import APP_NAME

Slot = Callable[[], object]


@dataclass(frozen=True)
class MenuSlots:
    """What the window does for each action."""

    new_entry: Slot
    log_rejection: Slot
    quit: Slot
    undo_delete: Slot
    find: Slot
    delete_entry: Slot
    show_shortcuts: Slot
    show_about: Slot
    open_backups: Slot
    open_import: Slot
    export_everything: Slot
    toggle_full_screen: Slot
    go_to_row: Callable[[int], object]
    ready_file_menu: Slot


@dataclass(frozen=True)
class WindowActions:
    new_entry: QAction
    log_rejection: QAction
    quit: QAction
    undo: QAction
    find: QAction
    delete: QAction
    shortcuts: QAction
    about: QAction
    backups: QAction
    import_: QAction
    # Stands in for the real action (and its module) until the File menu first opens.
    export_everything_slot: QAction
    fullscreen: QAction
    go: tuple[QAction, ...]
    file_menu: QMenu

    @property
    def needs_data(self) -> tuple[QAction, ...]:
        """Nothing to act on until the store is open (attach enables them)."""
        return (self.new_entry, self.log_rejection, self.find, self.delete, self.import_,
                self.export_everything_slot, self.backups)

# The window's strings, under its context: spelled out at each call so lupdate collects
# them (docs/translations.md).
translate = QCoreApplication.translate


def _action(w: QMainWindow, text: str,
            shortcut: QKeySequence.StandardKey | str | tuple[str, ...] | None,
            slot: object) -> QAction:
    action = QAction(text, w)
    # setShortcuts with one key: setShortcut's overloads (one takes a Qt.Key) would build
    # Qt's namespace of enums before the first paint (see theme). A standard key gets the
    # platform's first binding only: the others can surprise (X11 adds Ctrl+D to Delete).
    if isinstance(shortcut, str):
        action.setShortcuts([QKeySequence(shortcut)])
    elif isinstance(shortcut, tuple):  # the first is the one menus show
        action.setShortcuts([QKeySequence(key) for key in shortcut])
    elif shortcut is not None:
        action.setShortcuts(QKeySequence.keyBindings(shortcut)[:1])
    action.triggered.connect(slot)
    return action


def build_menus(w: QMainWindow, slots: MenuSlots) -> WindowActions:
    keys = QKeySequence.StandardKey
    quit_action = _action(w, translate("MainWindow", "&Quit"), "Ctrl+Q", slots.quit)
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    undo = _action(w, translate("MainWindow", "&Undo delete"), keys.Undo, slots.undo_delete)
    undo.setEnabled(False)
    about = _action(
        w, translate("MainWindow", "&About {0}").format(APP_NAME), None, slots.show_about)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    export_everything_slot = QAction(translate("MainWindow", "Export everything…"), w)
    export_everything_slot.triggered.connect(slots.export_everything)
    # The pages in rail order are Ctrl+1 to Ctrl+5, with no gap.
    go = tuple(
        _action(w, label, shortcut, lambda _=False, row=row: slots.go_to_row(row))
        for row, (label, shortcut) in enumerate((
            (translate("MainWindow", "&Track record"), "Ctrl+1"),
            (translate("MainWindow", "&Rejections"), "Ctrl+2"),
            # Ctrl+R too: the README and earlier versions said so, and nothing else uses it.
            (translate("MainWindow", "Re&view before an interview"), ("Ctrl+3", "Ctrl+R")),
            (translate("MainWindow", "&Insights"), "Ctrl+4"),
            (translate("MainWindow", "&Export"), "Ctrl+5"),
        ))
    )
    menus = w.menuBar()
    file_menu = menus.addMenu(translate("MainWindow", "&File"))
    actions = WindowActions(
        new_entry=_action(w, translate("MainWindow", "&New entry"), keys.New, slots.new_entry),
        log_rejection=_action(w, translate("MainWindow", "Log &rejection"), "Ctrl+Shift+R",
                              slots.log_rejection),
        quit=quit_action,
        undo=undo,
        find=_action(w, translate("MainWindow", "&Find"), keys.Find, slots.find),
        # (attach gives Delete its shortcut context: it acts only from the entry list)
        delete=_action(w, translate("MainWindow", "&Delete entry"), keys.Delete,
                       slots.delete_entry),
        shortcuts=_action(w, translate("MainWindow", "&Keyboard shortcuts"), "F1",
                          slots.show_shortcuts),
        about=about,
        backups=_action(w, translate("MainWindow", "&Backups…"), None, slots.open_backups),
        import_=_action(w, translate("MainWindow", "&Import…"), "Ctrl+I", slots.open_import),
        export_everything_slot=export_everything_slot,
        fullscreen=_action(w, translate("MainWindow", "&Full screen"), keys.FullScreen,
                           slots.toggle_full_screen),
        go=go,
        file_menu=file_menu,
    )
    for action in actions.needs_data:
        action.setEnabled(False)

    file_menu.addAction(actions.new_entry)
    file_menu.addAction(actions.log_rejection)
    file_menu.addSeparator()
    file_menu.addAction(actions.import_)
    file_menu.addAction(actions.export_everything_slot)
    file_menu.aboutToShow.connect(slots.ready_file_menu)
    file_menu.addAction(actions.backups)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit_menu = menus.addMenu(translate("MainWindow", "&Edit"))
    edit_menu.addAction(actions.undo)
    edit_menu.addSeparator()
    edit_menu.addAction(actions.find)
    edit_menu.addAction(actions.delete)
    view_menu = menus.addMenu(translate("MainWindow", "&View"))
    view_menu.addAction(actions.fullscreen)
    go_menu = menus.addMenu(translate("MainWindow", "&Go"))
    for action in actions.go:
        go_menu.addAction(action)
    help_menu = menus.addMenu(translate("MainWindow", "&Help"))
    help_menu.addAction(actions.shortcuts)
    help_menu.addAction(actions.about)
    return actions
