"""What the list of rejections does: filtering by kind of no, stage and text, and asking for a
rejection to be opened when one is clicked or activated."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QTimer, Signal

from trackrecord.core.errors import StorageError
from trackrecord.core.rejections.service import RejectionService
from trackrecord.ui.rejections.list_model import RejectionListModel
from trackrecord.ui.rejections.overview import RejectionOverview
from trackrecord.ui.support.autosave import sentence

SEARCH_DELAY_MS = 150


class RejectionListController(QObject):
    open_requested = Signal(str)
    message = Signal(str)

    def __init__(
        self,
        service: RejectionService,
        overview: RejectionOverview,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._overview = overview
        self.model: RejectionListModel = overview.model
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        overview.search.textChanged.connect(lambda _t: self._search_timer.start())
        overview.category.currentIndexChanged.connect(lambda _i: self.refresh())
        overview.stage.currentIndexChanged.connect(lambda _i: self.refresh())
        overview.table.clicked.connect(self._open)
        overview.table.activated.connect(self._open)

    def refresh(self, select_id: str | None = None) -> None:
        self._search_timer.stop()
        view = self._overview
        table = view.table
        current = table.currentIndex()
        keep = select_id or (self.model.rejection_id(current.row()) if current.isValid() else None)
        try:
            rows = self._service.list(
                category=view.category.currentData() or None,
                stage=view.stage.currentData() or None,
                search=view.search.text(),
            )
            anything = bool(rows) or bool(self._service.list())
        except StorageError as exc:
            self.message.emit(sentence(str(exc)))
            return
        self.model.set_rows(rows)
        if rows:
            view.show_empty("")
        elif anything:
            view.show_empty(self.tr("No rejections match these filters."))
        else:
            view.show_empty(self.tr(
                "No rejections logged. When one comes, press “Log rejection” (Ctrl+Shift+R): "
                "it opens next to your own evidence, with a way to read it that is about "
                "process, not verdict."
            ))
        row = self.model.row_of(keep) if keep else -1
        if row >= 0:
            table.selectRow(row)

    def _open(self, index: QModelIndex) -> None:
        rejection_id = self.model.rejection_id(index.row()) if index.isValid() else None
        if rejection_id is not None:
            self.open_requested.emit(rejection_id)
