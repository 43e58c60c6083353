"""The import preview's column mapping for a CSV: each column, an example value, and a choice
of the field it fills. Several columns may each be a stage (a sheet kept one column per
stage); the person's change is emitted, and the dialog reads the file again with it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from trackrecord.core.transfer.import_base import (
    CSV_FIELD_LABELS,
    CSV_FIELDS,
    CSV_MULTI_FIELDS,
    CsvMapping,
)

Overrides = dict[str, int | None | list[int | str]]


class ColumnMapping(QTableWidget):
    """``changed`` carries the whole mapping, as ``csv_columns`` for the next parse."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.mapping: CsvMapping | None = None
        self.setHorizontalHeaderLabels([self.tr("Column"), self.tr("Example"),
                                        self.tr("Imports as")])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setAccessibleName(self.tr("Column mapping"))
        self.setMaximumHeight(170)  # the preview below gets the room

    def show_mapping(self, mapping: CsvMapping | None) -> None:
        self.mapping = mapping
        self.setRowCount(0)
        if mapping is None:
            return
        self.setRowCount(len(mapping.headers))
        for col, (header, field, sample) in enumerate(
                zip(mapping.headers, mapping.fields, mapping.samples, strict=True)):
            for pos, text in ((0, header or self.tr("(no header)")), (1, sample)):
                self.setItem(col, pos, QTableWidgetItem(text))
            combo = QComboBox(self)
            combo.addItem(self.tr("(ignore)"), None)
            for name in CSV_FIELDS:
                combo.addItem(self.tr(CSV_FIELD_LABELS[name]), name)
            combo.setCurrentIndex(max(0, combo.findData(field)) if field else 0)
            combo.setAccessibleName(self.tr("Column {0} imports as").format(header))
            combo.currentIndexChanged.connect(
                lambda _i, c=col, box=combo: self.set_column(c, box.currentData()))
            self.setCellWidget(col, 2, combo)
        self.resizeColumnToContents(0)
        self.resizeColumnToContents(2)

    def set_column(self, column: int, field: str | None) -> None:
        """Make ``column`` fill ``field`` (None: ignore it)."""
        if self.mapping is None:
            return
        overrides: Overrides = self.mapping.overrides()
        current = self.mapping.fields[column]
        if current is not None:
            held = overrides[current]
            overrides[current] = [c for c in held if c != column] if isinstance(
                held, list) else None
        if field in CSV_MULTI_FIELDS:
            held = overrides.get(field)
            overrides[field] = [*(held if isinstance(held, list) else []), column]
        elif field is not None:
            overrides[field] = column
        self.changed.emit(overrides)
