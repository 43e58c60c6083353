"""A flat Qt item model over ``EntryService.list()`` results.

It holds plain ``EntrySummary`` values and builds nothing per row, so 10,000 entries cost one
list in memory; painting is left to the delegate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from trackrecord.core.entries import KIND_LABELS, EntryData, EntrySummary

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
META_ROLE = Qt.ItemDataRole.UserRole + 3  # "Shipped system · Acme · Mar 2023 – Jun 2024"
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 4

_Index = QModelIndex | QPersistentModelIndex


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("Kinds", KIND_LABELS.get(kind, kind))


def format_period(start: dt.date, end: dt.date | None, *, ongoing_text: str) -> str:
    """Month and year are what a brag document needs; days are noise in a list."""
    locale = QLocale()

    def month(day: dt.date) -> str:
        return f"{locale.monthName(day.month, QLocale.FormatType.ShortFormat)} {day.year}"

    if end is None:
        return f"{month(start)} – {ongoing_text}"
    if (end.year, end.month) == (start.year, start.month):
        return month(start)
    return f"{month(start)} – {month(end)}"


def summary_of(data: EntryData) -> EntrySummary:
    return EntrySummary(
        id=data.id, kind=data.kind, title=data.title, start_date=data.start_date,
        end_date=data.end_date, organisation=data.organisation, summary=data.summary,
    )


class EntryListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EntrySummary] = []
        self._ongoing = self.tr("ongoing")

    # -- Qt model interface --------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == ID_ROLE:
            return row.id
        if role == KIND_ROLE:
            return row.kind
        if role == META_ROLE:
            return self._meta(row)
        if role == SUMMARY_ROLE:
            return row.summary
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.summary or row.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.title}, {self._meta(row)}"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flag = Qt.ItemFlag
        return flag.ItemIsEnabled | flag.ItemIsSelectable | flag.ItemNeverHasChildren

    # -- what the controller calls -------------------------------------------------------

    def set_entries(self, rows: Sequence[EntrySummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def entry_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: str) -> int:
        for i, row in enumerate(self._rows):
            if row.id == entry_id:
                return i
        return -1

    def update_entry(self, summary: EntrySummary) -> None:
        """Refresh one row in place after a save; the row stays where it is until the next
        filter change, so the entry being edited never jumps away under the cursor."""
        row = self.row_of(summary.id)
        if row < 0:
            return
        self._rows[row] = summary
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def remove_entry(self, entry_id: str) -> None:
        row = self.row_of(entry_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def _meta(self, row: EntrySummary) -> str:
        parts = [kind_label(row.kind)]
        if row.organisation:
            parts.append(row.organisation)
        parts.append(format_period(row.start_date, row.end_date, ongoing_text=self._ongoing))
        return " · ".join(parts)
