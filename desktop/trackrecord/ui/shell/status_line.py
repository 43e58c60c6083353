"""The main window's status bar: passing messages, the Undo offer after a delete, whether
edits are saved, and (for the demo) that the data is thrown away on quit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton, QWidget

UNDO_OFFER_MS = 15_000
NOTE_MS = 6000


class StatusLine(QObject):
    """Builds its widgets into ``bar``; ``undo`` runs when Undo is clicked."""

    def __init__(self, bar: QStatusBar, parent: QWidget, *, demo: bool,
                 undo: Callable[[], None]) -> None:
        super().__init__(parent)
        self._bar = bar
        if demo:
            # The title bar is not always in view: say it where the save state is, too.
            notice = QLabel(self.tr("Demo data: thrown away when you quit"), parent)
            notice.setObjectName("demoNotice")
            bar.addPermanentWidget(notice)
        self.undo_button = QToolButton(parent)
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setAccessibleName(self.tr("Undo delete"))
        self.undo_button.setVisible(False)
        self.undo_button.clicked.connect(undo)
        self.save_state = QLabel(parent)
        self.save_state.setObjectName("saveState")
        self.save_state.setAccessibleName(self.tr("Save state"))
        bar.addWidget(self.undo_button)
        bar.addPermanentWidget(self.save_state)
        self._hide_undo = QTimer(parent)
        self._hide_undo.setSingleShot(True)
        self._hide_undo.setInterval(UNDO_OFFER_MS)
        self._hide_undo.timeout.connect(lambda: self.undo_button.setVisible(False))

    def show_message(self, text: str, offers_undo: bool) -> None:
        self._bar.showMessage(text, UNDO_OFFER_MS if offers_undo else NOTE_MS)
        self.undo_button.setVisible(offers_undo)
        if offers_undo:
            self._hide_undo.start()

    def show_save_state(self, state: str, text: str) -> None:
        self.save_state.setText(text)
        self.save_state.setProperty("state", state)
        self.save_state.setToolTip(text)
        # Re-polish so the stylesheet picks up the new "state" (error is shown in red).
        self.save_state.style().unpolish(self.save_state)
        self.save_state.style().polish(self.save_state)
