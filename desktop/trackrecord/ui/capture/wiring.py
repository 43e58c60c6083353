"""Putting capture into the window: the weekly banner over the pages, the goals button in
the entry editor, and the File menu's Goals and review cycles, Wins from git history and
Preferences. Kept apart so the main window only calls ``attach_capture``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from trackrecord.core.capture.weekly import Clock, local_now
from trackrecord.core.goals.service import GoalService
from trackrecord.core.record.data import EntryData
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store
from trackrecord.ui.capture.banner import CaptureBanner
from trackrecord.ui.capture.nudge import NudgeController
from trackrecord.ui.goals.entry_goals import EntryGoalsButton


class Capture(QObject):
    def __init__(self, window: Any, store: Store, clock: Clock | None = None) -> None:
        """``window``: the main window (its banner slot, page, controller and menus; typed
        loosely, as the main window imports this module)."""
        super().__init__(window)
        self._window, self._store = window, store
        self.banner = CaptureBanner(window)
        window.banner_slot.insertWidget(0, self.banner)
        # (``local_now`` is looked up here, not bound at import: tests put a fixed time in)
        self.nudge = NudgeController(store, self.banner, window, clock=clock or local_now)
        self.nudge.message.connect(window.show_note)
        self.nudge.saved.connect(lambda ids: window.controller.refresh(
            select_id=ids[0] if ids else None))
        self.goals_button = EntryGoalsButton(GoalService(store), window.page.editor)
        window.page.editor.goals_row.addWidget(self.goals_button)
        window.page.editor.goals_row.addStretch(1)
        window.page.editor.loaded.connect(self.goals_button.show_entry)
        self.goals_button.show_entry(self._current_entry())  # (one shown before this)
        self.goals_button.message.connect(window.show_note)
        self.goals_button.manage_requested.connect(self.open_goals)
        menu = window.menu_actions.file_menu
        before = window.menu_actions.import_
        self.goals_action = self._action(self.tr("&Goals and review cycles…"), "Ctrl+Shift+G",
                                         self.open_goals)
        self.git_action = self._action(self.tr("Wins from &git history…"), "Ctrl+Shift+H",
                                       self.open_git)
        self.preferences_action = self._action(self.tr("&Preferences…"),
                                               QKeySequence.StandardKey.Preferences,
                                               self.open_preferences)
        for action in (self.goals_action, self.git_action):
            menu.insertAction(before, action)
        menu.insertSeparator(before)
        menu.insertAction(window.menu_actions.quit, self.preferences_action)
        menu.insertSeparator(window.menu_actions.quit)

    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey,
                slot: object) -> QAction:
        action = QAction(text, self._window)
        keys = (QKeySequence.keyBindings(shortcut)[:1] if isinstance(
            shortcut, QKeySequence.StandardKey) else [QKeySequence(shortcut)])
        action.setShortcuts(keys)
        action.triggered.connect(slot)
        self._window.addAction(action)
        return action

    def start(self) -> None:
        self.nudge.start()

    def open_goals(self) -> None:
        from trackrecord.ui.goals.dialog import GoalsDialog

        self._window.flush_edits()
        dialog = GoalsDialog(self._store, self._window)
        dialog.changed.connect(lambda: self.goals_button.show_entry(
            self._current_entry()))
        dialog.exec()

    def _current_entry(self) -> EntryData | None:
        entry_id = self._window.controller.selected_id()
        return EntryService(self._store).get(entry_id) if entry_id else None

    def open_git(self) -> None:
        from trackrecord.ui.capture.git_dialog import GitScanDialog

        self._window.flush_edits()
        dialog = GitScanDialog(self._store, self._window)
        dialog.kept.connect(self._kept)
        dialog.exec()
        dialog.shutdown()
        dialog.deleteLater()

    def _kept(self, ids: list[str]) -> None:
        self._window.controller.refresh(select_id=ids[0] if ids else None)
        self._window.show_note(
            self.tr("1 draft kept as an entry") if len(ids) == 1
            else self.tr("{0} drafts kept as entries").format(len(ids)))

    def open_preferences(self) -> None:
        from trackrecord.ui.capture.preferences import PreferencesDialog

        PreferencesDialog(self.nudge.nudge, self._window).exec()
