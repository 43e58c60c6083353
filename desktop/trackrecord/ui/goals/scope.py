"""A choice of period by review cycle: all time, since my last review, or one cycle. The
Insights page and the review deck use it; it reads the cycles each time it is reloaded."""

from __future__ import annotations

import contextlib
import datetime as dt

from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from trackrecord.core.errors import TrackRecordError
from trackrecord.core.goals.service import CycleService
from trackrecord.core.store.db import Store

Scope = tuple[dt.date, dt.date] | None


class CycleScope(QComboBox):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cycleScope")
        self.setAccessibleName(self.tr("Period"))
        self._store = store
        self._form: QFormLayout | None = None

    def add_to_form(self, form: QFormLayout, label: str) -> None:
        """A row of ``form``, shown (label and all) only when there is a cycle to choose."""
        form.addRow(label, self)
        self._form = form

    def reload(self, today: dt.date) -> None:
        """The cycles as they are now; the choice is kept when it is still there."""
        kept = self.currentText()
        self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("All time"), None)
        service = CycleService(self._store)
        try:
            cycles = service.list()
        except TrackRecordError:
            cycles = []
        with contextlib.suppress(TrackRecordError):  # (no cycle has ended yet)
            self.addItem(self.tr("Since my last review"), service.since_last_review(today))
        for cycle in cycles:
            self.addItem(cycle.name, (cycle.start_date, cycle.end_date))
        self.setCurrentIndex(max(0, self.findText(kept)))
        if self._form is not None:
            self._form.setRowVisible(self, self.count() > 1)
        else:
            self.setVisible(self.count() > 1)
        self.blockSignals(False)

    def scope(self) -> Scope:
        data = self.currentData()
        return (data[0], data[1]) if data else None
