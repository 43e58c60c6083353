"""The Export page: its view and its controller, put together.

Self-contained: give it the store and the data paths, put it anywhere. The widgets are in
``view`` (``ExportView``), what they do in ``controller`` (``ExportController``); what names
a format is in ``ui.export.document``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from trackrecord.core.store.db import Store
from trackrecord.paths import DataPaths
from trackrecord.ui.export.controller import ExportController
from trackrecord.ui.export.view import ExportView


class ExportPage(QWidget):
    def __init__(self, store: Store, paths: DataPaths, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.setObjectName("exportPage")
        self.setAccessibleName(self.tr("Brag document export"))
        self.view = ExportView(self)
        self.controller = ExportController(store, paths, self.view, self, today=today)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def shutdown(self) -> None:
        """Finish work in flight (call before closing the store)."""
        self.controller.shutdown()
