"""A flat table model over ``RejectionService.list()``: company, role, stage, category, date,
and how much it stung before → after the reframe."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from trackrecord.core.rejections.categories import CATEGORY_LABELS
from trackrecord.core.rejections.service import RejectionSummary
from trackrecord.core.rejections.stages import STAGE_LABELS

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("company", "role", "stage", "category", "date", "sting")

_Index = QModelIndex | QPersistentModelIndex


def stage_label(stage: str) -> str:
    return QCoreApplication.translate("Stages", STAGE_LABELS.get(stage, stage))


def category_label(category: str) -> str:
    return QCoreApplication.translate("Categories", CATEGORY_LABELS.get(category, category))


def format_day(day: dt.date) -> str:
    """"12 Mar 2026": the month in words, so no reader wonders which number is the day."""
    month = QLocale().monthName(day.month, QLocale.FormatType.ShortFormat)
    return f"{day.day} {month} {day.year}"


def format_sting(before: int | None, after: int | None) -> str:
    """"70 → 35"; just "70" until the after is known; empty when neither was given."""
    if before is None and after is None:
        return ""
    if after is None:
        return str(before)
    return f"{'–' if before is None else before} → {after}"


class RejectionListModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RejectionSummary] = []
        self._headers = (
            self.tr("Company"), self.tr("Role"), self.tr("Stage"), self.tr("Category"),
            self.tr("Date"), self.tr("Sting"),
        )

    # -- Qt model interface --------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(COLUMNS):
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and column == "sting":
            return self.tr("How much it stung before → after reading the reframe (0–100)")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self._headers[index.column()]}: {self._text(row, column)}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "sting":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flag = Qt.ItemFlag
        return flag.ItemIsEnabled | flag.ItemIsSelectable | flag.ItemNeverHasChildren

    # -- what the controller calls -------------------------------------------------------

    def set_rows(self, rows: Sequence[RejectionSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rejection_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, rejection_id: str) -> int:
        for i, row in enumerate(self._rows):
            if row.id == rejection_id:
                return i
        return -1

    def summary(self, row: int) -> RejectionSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _text(self, row: RejectionSummary, column: str) -> str:
        if column == "company":
            return row.company
        if column == "role":
            return row.role
        if column == "stage":
            return stage_label(row.stage)
        if column == "category":
            return category_label(row.category)
        if column == "date":
            return format_day(row.date)
        return format_sting(row.sting_before, row.sting_after)
