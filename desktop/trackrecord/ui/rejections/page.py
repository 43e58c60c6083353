"""The Rejections page: the list (with the Practice list) and one rejection at a time, in a
stack. Self-contained like the Export page: give it the store, put it anywhere, and connect
its signals (status messages, save state, "open this entry")."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.rejections.thoughts import ThoughtService
from trackrecord.core.store.db import Store
from trackrecord.ui.rejections.controller import RejectionController
from trackrecord.ui.rejections.list_controller import RejectionListController
from trackrecord.ui.rejections.overview import RejectionOverview
from trackrecord.ui.rejections.practice_panel import PracticeController
from trackrecord.ui.rejections.reframe_dialog import ReframeDialog
from trackrecord.ui.rejections.thought_controller import ThoughtController
from trackrecord.ui.rejections.view import RejectionView


class RejectionsPage(QWidget):
    message = Signal(str)
    state_changed = Signal(str, str)  # the autosave's "saved" / "pending" / "error"
    open_entry = Signal(str)  # show this track-record entry

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rejectionsPage")
        self.setAccessibleName(self.tr("Rejections"))
        self.service = RejectionService(store)
        self.overview = RejectionOverview(self)
        self.view = RejectionView(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.overview)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.reframe_dialog: ReframeDialog | None = None

        self.rejection = RejectionController(store, self.service, self.view, self)
        self.list = RejectionListController(self.service, self.overview, self)
        self.practice = PracticeController(self.service, self.overview.practice, self)
        self.thought = ThoughtController(ThoughtService(store), self.view.thought,
                                         lambda: self.rejection.rejection, self)

        self.overview.log_button.clicked.connect(self.log_rejection)
        self.overview.reframes_button.clicked.connect(self.show_reframes)
        self.view.back.clicked.connect(self.show_list)
        self.list.open_requested.connect(self.open_rejection)
        self.rejection.listed_changed.connect(self._listed_changed)
        self.rejection.practice_changed.connect(self.practice.refresh)
        self.rejection.open_entry.connect(self.open_entry.emit)
        self.rejection.autosave.state_changed.connect(self.state_changed.emit)
        self.rejection.autosave.saved.connect(lambda data, _f: self.thought.rejection_saved(data))
        self.rejection.shown.connect(lambda: self.thought.set_analysis(self.rejection.analysis))
        self.thought.autosave.state_changed.connect(self.state_changed.emit)
        for source in (self.rejection, self.list, self.practice, self.thought):
            source.message.connect(self.message.emit)
        self.list.refresh()
        self.practice.refresh()

    # -- commands ------------------------------------------------------------------------

    def log_rejection(self) -> None:
        self.stack.setCurrentWidget(self.view)
        if self.rejection.is_unsaved_draft():  # the draft stays, and so does its record
            self.rejection.new_rejection()
            return
        self.thought.flush()
        self.rejection.new_rejection()
        self._show_thought()

    def open_rejection(self, rejection_id: str) -> None:
        current = self.rejection.rejection
        if current is not None and current.id == rejection_id:
            self.stack.setCurrentWidget(self.view)
            return
        self.thought.flush()
        if self.rejection.open_rejection(rejection_id):
            self.stack.setCurrentWidget(self.view)
            self._show_thought()

    def _show_thought(self) -> None:
        """The thought record of the rejection now open, with what the page shows for it."""
        self.thought.load(self.rejection.rejection)
        self.thought.set_analysis(self.rejection.analysis)

    def show_list(self) -> None:
        self.thought.flush()
        self.rejection.flush()
        current = self.rejection.rejection
        self.list.refresh(select_id=current.id if current is not None else None)
        self.practice.refresh()
        self.stack.setCurrentWidget(self.overview)
        self.overview.table.setFocus()

    def reload(self) -> None:
        """Another program changed the store: list again, without leaving what is open
        (the list keeps its own selection; the rejection open in the view, if one is)."""
        current = self.rejection.rejection if self.stack.currentWidget() is self.view else None
        self.list.refresh(select_id=current.id if current is not None else None)
        self.practice.refresh()

    def show_reframes(self) -> ReframeDialog:
        """Opened window-modal without a nested event loop (tests drive it directly)."""
        if self.reframe_dialog is None:
            self.reframe_dialog = ReframeDialog(self.service, self)
            self.reframe_dialog.changed.connect(self._reframes_changed)
        self.reframe_dialog.refresh()
        self.reframe_dialog.start_new()
        self.reframe_dialog.open()
        return self.reframe_dialog

    def _listed_changed(self, rejection_id: str) -> None:
        # The list is out of sight while a rejection is open; show_list() refreshes it then.
        if self.stack.currentWidget() is self.overview:
            self.list.refresh(select_id=rejection_id)

    def _reframes_changed(self) -> None:
        # A rejection being written now shows the new words at once; a saved one keeps what
        # it was saved with until it is refreshed.
        if self.stack.currentWidget() is self.view and self.rejection.is_live():
            self.rejection.analyse()

    # -- saving and closing --------------------------------------------------------------

    def flush(self) -> bool:
        rejection = self.rejection.flush()
        return self.thought.flush() and rejection

    def shutdown(self) -> None:
        self.rejection.shutdown()
        self.thought.flush()
