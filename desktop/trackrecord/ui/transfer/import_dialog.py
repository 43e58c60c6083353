"""File > Import…: choose a file, see exactly what would happen, then Import or Cancel.

Reading, previewing and committing run in a worker thread (a 50 MB backup takes a moment),
so the window never freezes. The preview lists every record — added, updated, skipped with
the reason — and the warnings; for a CSV it also shows which column fills which field, with a
choice per column to fix the guess. Nothing is written until Import is pressed; Cancel (or
closing the dialog) writes nothing. The full JSON backup that Import reads back is written
by File > Export everything… (``ui.transfer.export_everything``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.errors import TrackRecordError
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.import_base import (
    CSV_FIELD_LABELS,
    CSV_FIELDS,
    ImportReport,
    ParsedImport,
    PreviewRow,
)
from trackrecord.core.transfer.import_formats import IMPORT_FORMATS
from trackrecord.core.transfer.imports import commit_import, load_import, preview_import
from trackrecord.core.transfer.sealed import PassphraseNeeded, SealError
from trackrecord.paths import DataPaths
from trackrecord.ui.support.background import Background

# Marked for lupdate (translated with self.tr where they are shown).
ACTION_LABELS = {"add": QT_TRANSLATE_NOOP("PreviewModel", "Add"),
                 "update": QT_TRANSLATE_NOOP("PreviewModel", "Update"),
                 "unchanged": QT_TRANSLATE_NOOP("PreviewModel", "Unchanged"),
                 "skip": QT_TRANSLATE_NOOP("PreviewModel", "Skip")}
FILE_FILTER = QT_TRANSLATE_NOOP(
    "ImportDialog",
    "Importable files (*.md *.markdown *.txt *.csv *.tsv *.json *.sealed);;All files (*)")
_Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    """The preview's rows: what happens, to what, where in the file, and why."""

    HEADERS = (QT_TRANSLATE_NOOP("PreviewModel", "Action"),
               QT_TRANSLATE_NOOP("PreviewModel", "Record"),
               QT_TRANSLATE_NOOP("PreviewModel", "Where"),
               QT_TRANSLATE_NOOP("PreviewModel", "Title"),
               QT_TRANSLATE_NOOP("PreviewModel", "Details"),
               QT_TRANSLATE_NOOP("PreviewModel", "Reason"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[PreviewRow, ...] = ()

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
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        values = (self.tr(ACTION_LABELS[row.action]), row.record, row.where, row.title,
                  row.detail, row.reason)
        return values[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.tr(self.HEADERS[section])
        return None


@dataclass(frozen=True)
class _Result:
    generation: int
    parsed: ParsedImport | None = None
    report: ImportReport | None = None
    committed: bool = False
    error: str = ""


def _failure(generation: int, error: Exception) -> _Result:
    """What a read, preview or commit that raised says in the dialog."""
    if isinstance(error, TrackRecordError):
        return _Result(generation, error=str(error))
    return _Result(generation, error=f"the import failed: {error!r}")


class ImportDialog(QDialog):
    """Self-contained: give it the store and the data paths; ``imported`` fires after a
    commit (refresh what shows the data)."""

    imported = Signal(object)  # the committed ImportReport
    preview_ready = Signal()

    def __init__(self, store: Store, paths: DataPaths, parent: QWidget | None = None, *,
                 file: Path | None = None, today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import"))
        self.setObjectName("importDialog")
        self._store, self._paths, self._today = store, paths, today
        self._file: Path | None = None
        self._passphrase: str | None = None
        self._overrides: dict[str, int | None] | None = None
        self._parsed: ParsedImport | None = None
        self.report: ImportReport | None = None
        self._generation = 0
        self._committing = False
        self._background = Background(self)  # in order: the newest preview always lands last
        self._build()
        if file is not None:
            self.set_file(file)

    # -- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.path_edit = QLineEdit(self)
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(
            self.tr("a brag document (.md), a CSV, a jrnl or a backup"))
        self.path_edit.setAccessibleName(self.tr("File to import"))
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)
        self.format_combo = QComboBox(self)
        self.format_combo.addItem(self.tr("Recognise from the file"), None)
        for fmt in IMPORT_FORMATS:
            self.format_combo.addItem(self.tr(fmt.label), fmt.key)
        self.mode_combo = QComboBox(self)
        self.mode_combo.addItem(self.tr("Merge: add what is new, keep the newer copy"), "merge")
        self.mode_combo.addItem(self.tr("Replace everything here (a backup is taken first)"),
                                "replace")
        self.mode_label = QLabel(self.tr("Mode"), self)
        form = QFormLayout()
        form.addRow(self.tr("File"), file_row)
        form.addRow(self.tr("Format"), self.format_combo)
        form.addRow(self.mode_label, self.mode_combo)
        self.format_combo.setAccessibleName(self.tr("Format"))
        self.mode_combo.setAccessibleName(self.tr("Mode"))
        for combo in (self.format_combo, self.mode_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.mapping_label = QLabel(self.tr("Columns: choose what each one holds"), self)
        self.mapping_table = QTableWidget(0, 3, self)
        self.mapping_table.setHorizontalHeaderLabels([self.tr("Column"), self.tr("Example"),
                                                      self.tr("Imports as")])
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mapping_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        self.mapping_table.setAccessibleName(self.tr("Column mapping"))
        self.summary = QLabel(self.tr(
            "Choose a file: a brag document in Markdown, a job tracker's CSV of rejections, a "
            "jrnl JSON export or a Track Record backup. Every row it would add is listed here "
            "before anything is written."), self)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("importSummary")
        self.model = PreviewModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("What would be imported"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.warnings = QListWidget(self)
        self.warnings.setAccessibleName(self.tr("Warnings"))
        self.warnings.setMaximumHeight(110)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.commit)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.mapping_label)
        layout.addWidget(self.mapping_table)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.buttons)
        # A fixed minimum: otherwise every part shown or hidden re-sends size hints (and the
        # offscreen platform warns that it cannot take them).
        self.setMinimumSize(760, 520)
        self.resize(860, 600)
        self._show_parts(fmt=None)

    def _show_parts(self, fmt: str | None) -> None:
        chosen = IMPORT_FORMATS.get(fmt) if fmt else None
        for widget in (self.mapping_label, self.mapping_table):
            widget.setVisible(chosen is not None and chosen.columns)
        for widget in (self.mode_label, self.mode_combo):
            widget.setVisible(chosen is not None and chosen.replaces)
        self.warnings.setVisible(self.warnings.count() > 0)

    # -- choosing ------------------------------------------------------------------------

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Import a file"),
                                                str(Path.home()), self.tr(FILE_FILTER))
        if chosen:
            self.set_file(Path(chosen))

    def set_file(self, path: Path) -> None:
        self._file = path
        self._passphrase = None  # a new file: a sealed one asks again
        self.path_edit.setText(str(path))
        self._overrides = None
        self.refresh()

    @property
    def fmt(self) -> str | None:
        value = self.format_combo.currentData()
        return str(value) if value else None

    @property
    def mode(self) -> str:
        return str(self.mode_combo.currentData())

    @property
    def busy(self) -> bool:
        return self._background.busy

    def refresh(self) -> None:
        """Read the file again and preview it (after any choice changes)."""
        if self._file is None or self._committing:
            return
        path, fmt, mode = self._file, self.fmt, self.mode
        columns, today, store = self._overrides, self._today(), self._store
        passphrase = self._passphrase
        self._generation += 1
        generation = self._generation

        def work() -> _Result:
            parsed = load_import(path, fmt, csv_columns=columns, today=today,
                                 passphrase=passphrase)
            used = mode if IMPORT_FORMATS[parsed.format].replaces else "merge"
            return _Result(generation, parsed, preview_import(store, parsed, used))

        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Reading {0}…").format(path.name))
        self._start(generation, work)

    def _start(self, generation: int, work: Callable[[], _Result]) -> None:
        self._background.run(work, lambda result, error: self._finished(
            result if error is None else self._unsealing(generation, error)))

    def _unsealing(self, generation: int, error: Exception) -> _Result:
        """A sealed backup without its passphrase: ask for it and read the file again."""
        if isinstance(error, PassphraseNeeded) and generation == self._generation:
            given = self.ask_passphrase()
            if given:
                self._passphrase = given
                QTimer.singleShot(0, self.refresh)
                return _Result(generation, error=self.tr("Opening the sealed backup…"))
        if isinstance(error, SealError):
            self._passphrase = None  # a wrong one is not kept: choosing again asks again
        return _failure(generation, error)

    def ask_passphrase(self) -> str | None:
        """The sealed backup's passphrase, asked without showing it (tests replace this)."""
        text, ok = QInputDialog.getText(
            self, self.tr("Sealed backup"), self.tr("This backup is sealed. Its passphrase:"),
            QLineEdit.EchoMode.Password)
        return text if ok and text else None

    # -- results -------------------------------------------------------------------------

    def _finished(self, result: _Result) -> None:
        if self._committing:
            self._committed(result)
            return
        if result.generation != self._generation:
            return  # a newer preview is on its way
        if result.error or result.report is None:
            self._parsed, self.report = None, None
            self.model.set_rows(())
            self.warnings.clear()
            self.mapping_table.setRowCount(0)
            self._show_parts(None)
            self.summary.setText(result.error)
            self.preview_ready.emit()
            return
        self._parsed = result.parsed
        self._show(result.report)
        self.preview_ready.emit()

    def _show(self, report: ImportReport) -> None:
        self.model.set_rows(report.rows)
        self.table.resizeColumnsToContents()
        self.warnings.clear()
        self.warnings.addItems([str(w) for w in report.warnings])
        self._fill_mapping(report)
        self._show_parts(report.format)
        if report.problem:
            text = report.problem
        elif not report.writes:
            text = self.tr("Nothing to import: {0}.").format(report.summary())
        else:
            text = self.tr("{0}: {1}.").format(self.tr(IMPORT_FORMATS[report.format].label),
                                               report.summary())
        self.summary.setText(text)
        self.import_button.setEnabled(not report.problem and report.writes > 0)
        self.report = report

    def _fill_mapping(self, report: ImportReport) -> None:
        mapping = report.mapping
        self.mapping_table.setRowCount(0)
        if mapping is None:
            return
        self.mapping_table.setRowCount(len(mapping.headers))
        for col, (header, field, sample) in enumerate(
                zip(mapping.headers, mapping.fields, mapping.samples, strict=True)):
            for pos, text in ((0, header or self.tr("(no header)")), (1, sample)):
                self.mapping_table.setItem(col, pos, QTableWidgetItem(text))
            combo = QComboBox(self.mapping_table)
            combo.addItem(self.tr("(ignore)"), None)
            for name in CSV_FIELDS:
                combo.addItem(self.tr(CSV_FIELD_LABELS[name]), name)
            combo.setCurrentIndex(max(0, combo.findData(field)) if field else 0)
            combo.setAccessibleName(self.tr("Column {0} imports as").format(header))
            combo.currentIndexChanged.connect(
                lambda _i, c=col, box=combo: self.set_column(c, box.currentData()))
            self.mapping_table.setCellWidget(col, 2, combo)
        self.mapping_table.resizeColumnToContents(0)

    def set_column(self, column: int, field: str | None) -> None:
        """Make ``column`` fill ``field`` (None: ignore it) and preview again."""
        if self.report is None or self.report.mapping is None:
            return
        overrides = self.report.mapping.overrides()
        current = self.report.mapping.fields[column]
        if current is not None:
            overrides[current] = None
        if field is not None:
            overrides[field] = column
        self._overrides = overrides
        self.refresh()

    # -- committing ----------------------------------------------------------------------

    def commit(self) -> None:
        if self._parsed is None or self.report is None or self.busy:
            return
        parsed, store = self._parsed, self._store
        mode = self.report.mode
        if mode == "replace" and not self.confirm_replace(self.report):
            return

        generation = self._generation

        def work() -> _Result:
            return _Result(generation, parsed, commit_import(store, parsed, mode),
                           committed=True)

        self._committing = True
        for widget in (self.import_button, self.cancel_button, self.choose_button,
                       self.format_combo, self.mode_combo, self.mapping_table):
            widget.setEnabled(False)
        self.summary.setText(self.tr("Importing…"))
        self._start(generation, work)

    def confirm_replace(self, report: ImportReport) -> bool:
        """Ask before replacing (tests replace this)."""
        answer = QMessageBox.question(
            self, self.tr("Replace everything?"),
            self.tr("The {0} records here will be replaced by the {1} in the backup. A backup "
                    "of what is here now is taken first.").format(report.replaced,
                                                                  len(report.rows)))
        return answer == QMessageBox.StandardButton.Yes

    def _committed(self, result: _Result) -> None:
        self._committing = False
        for widget in (self.cancel_button, self.choose_button, self.format_combo,
                       self.mode_combo, self.mapping_table):
            widget.setEnabled(True)
        if result.error or result.report is None:
            self.summary.setText(self.tr("Nothing was imported: {0}").format(result.error))
            self.import_button.setEnabled(True)
            return
        self.report = result.report
        self.imported.emit(result.report)
        self.accept()

    def done(self, code: int) -> None:
        if self._committing:
            return  # the transaction finishes first; it is short and cannot be half-done
        super().done(code)

    def shutdown(self) -> None:
        self._background.wait()
