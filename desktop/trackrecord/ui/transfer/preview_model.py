"""The import preview's rows as a Qt table model: a tick (for the rows the person may take or
leave), what happens, to what, where in the file, and why — or what the reader guessed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from trackrecord.core.transfer.import_base import PreviewRow

# Marked for lupdate (translated with self.tr where they are shown).
ACTION_LABELS = {"add": QT_TRANSLATE_NOOP("PreviewModel", "Add"),
                 "update": QT_TRANSLATE_NOOP("PreviewModel", "Update"),
                 "unchanged": QT_TRANSLATE_NOOP("PreviewModel", "Unchanged"),
                 "skip": QT_TRANSLATE_NOOP("PreviewModel", "Skip")}
_Index = QModelIndex | QPersistentModelIndex
CHECK, ACTION, RECORD, WHERE, TITLE, DETAILS, REASON = range(7)


class PreviewModel(QAbstractTableModel):
    """The preview's rows. A row the person may take or leave has a tick in the first
    column; changing it emits ``toggled`` (the row's place in the file, and the new choice):
    the dialog previews again with it."""

    HEADERS = ("",
               QT_TRANSLATE_NOOP("PreviewModel", "Action"),
               QT_TRANSLATE_NOOP("PreviewModel", "Record"),
               QT_TRANSLATE_NOOP("PreviewModel", "Where"),
               QT_TRANSLATE_NOOP("PreviewModel", "Title"),
               QT_TRANSLATE_NOOP("PreviewModel", "Details"),
               QT_TRANSLATE_NOOP("PreviewModel", "Reason"))
    toggled = Signal(str, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[PreviewRow, ...] = ()
        self.enabled = True  # False while an import is being written

    def set_rows(self, rows: Sequence[PreviewRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row_at(self, row: int) -> PreviewRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if index.column() == CHECK:
            if role == Qt.ItemDataRole.CheckStateRole and row.chosen is not None:
                return Qt.CheckState.Checked if row.chosen else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.AccessibleTextRole and row.chosen is not None:
                return self.tr("Import this row") if row.chosen else self.tr("Left out")
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        values = ("", self.tr(ACTION_LABELS[row.action]), row.record, row.where, row.title,
                  row.detail, row.reason)
        return values[index.column()]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if (index.isValid() and index.column() == CHECK and self.enabled
                and 0 <= index.row() < len(self._rows)
                and self._rows[index.row()].chosen is not None):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: _Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.CheckStateRole or not index.isValid()
                or index.column() != CHECK or not 0 <= index.row() < len(self._rows)):
            return False
        row = self._rows[index.row()]
        if row.chosen is None or not self.enabled:
            return False
        chosen = Qt.CheckState(value) == Qt.CheckState.Checked
        if chosen != row.chosen:
            rows = list(self._rows)
            rows[index.row()] = replace(row, chosen=chosen)
            self._rows = tuple(rows)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
            self.toggled.emit(row.where, chosen)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.tr(self.HEADERS[section]) if self.HEADERS[section] else ""
        return None
