"""File > Import…: choose a file, see exactly what would happen, then Import or Cancel.

Reading, previewing and committing run in a worker thread (a 50 MB backup takes a moment),
so the window never freezes. The preview lists every record — added, updated, skipped with
the reason — with the skipped ones counted by reason ("67 skipped (66 pending, 1 offer)"),
what the reader guessed, notes about the whole file (the year given to undated items and
goals) and the warnings. A brag document's goals are rows of their own, counted apart ("6
added (4 goals, 2 entries)"). A row the person may take or leave has a tick: a tracker's row
with no answer (as "no response"), a journal's hard day, the template's guidance; a group of
them can be ticked at once. For a CSV it also shows which column fills which field, with a
choice per column to fix the guess. Nothing is written until Import is pressed; Cancel (or
closing the dialog) writes nothing. The full JSON backup that Import reads back is written
by File > Export everything… (``ui.transfer.export_everything``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.errors import TrackRecordError
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.import_base import (
    ImportReport,
    ParsedImport,
    PreviewRow,
)
from trackrecord.core.transfer.import_formats import IMPORT_FORMATS
from trackrecord.core.transfer.imports import commit_import, load_import, preview_import
from trackrecord.core.transfer.sealed import PassphraseNeeded, SealError
from trackrecord.paths import DataPaths
from trackrecord.ui.support.background import Background
from trackrecord.ui.transfer.column_mapping import ColumnMapping
from trackrecord.ui.transfer.preview_model import CHECK, DETAILS, TITLE, PreviewModel

FILE_FILTER = QT_TRANSLATE_NOOP(
    "ImportDialog",
    "Importable files (*.md *.markdown *.txt *.html *.htm *.csv *.tsv *.json *.sealed);;"
    "All files (*)")


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
        self._overrides: dict[str, int | None | list[int | str]] | None = None
        self._choices: dict[str, bool] = {}  # rows ticked or unticked by the person
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
            self.tr("a brag document (.md, .html), a CSV, a jrnl journal or a backup"))
        self.path_edit.setAccessibleName(self.tr("File to import"))
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.choose_button.clicked.connect(self.choose_file)
        self.folder_button = QPushButton(self.tr("Folder…"), self)
        self.folder_button.setToolTip(self.tr("A folder of jrnl entries, one per file "
                                              "(jrnl --format json --file DIR/)"))
        self.folder_button.clicked.connect(self.choose_folder)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.folder_button)
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
        self.mapping_table = ColumnMapping(self)
        self.mapping_table.changed.connect(self._set_columns)
        self.summary = QLabel(self.tr(
            "Choose a file: a brag document in Markdown or HTML, a job tracker's CSV, a jrnl "
            "journal, or a Track Record backup (a sealed one too). Every row it would add is "
            "listed here before anything is written."), self)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("importSummary")
        self.notices = QLabel(self)
        self.notices.setWordWrap(True)
        self.notices.setObjectName("importNotices")
        self.notices.setTextFormat(Qt.TextFormat.PlainText)
        self.choices_row = QHBoxLayout()
        self.choice_boxes: dict[str, QCheckBox] = {}
        self.model = PreviewModel(self)
        self.model.toggled.connect(self.set_choice)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("What would be imported"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(
            CHECK, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(False)
        self.warnings = QListWidget(self)
        self.warnings.setAccessibleName(self.tr("Warnings"))
        self.warnings.setMaximumHeight(80)
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
        layout.addWidget(self.notices)
        layout.addLayout(self.choices_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.buttons)
        # A fixed minimum: otherwise every part shown or hidden re-sends size hints (and the
        # offscreen platform warns that it cannot take them).
        self.setMinimumSize(760, 560)
        self.resize(1000, 720)
        self._show_parts(fmt=None)

    def _show_parts(self, fmt: str | None) -> None:
        chosen = IMPORT_FORMATS.get(fmt) if fmt else None
        for widget in (self.mapping_label, self.mapping_table):
            widget.setVisible(chosen is not None and chosen.columns)
        for widget in (self.mode_label, self.mode_combo):
            widget.setVisible(chosen is not None and chosen.replaces)
        self.warnings.setVisible(self.warnings.count() > 0)
        self.notices.setVisible(bool(self.notices.text()))

    # -- choosing ------------------------------------------------------------------------

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Import a file"),
                                                str(Path.home()), self.tr(FILE_FILTER))
        if chosen:
            self.set_file(Path(chosen))

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Import a folder of jrnl "
                                                                "entries"), str(Path.home()))
        if chosen:
            self.set_file(Path(chosen))

    def set_file(self, path: Path) -> None:
        self._file = path
        self._passphrase = None  # a new file: a sealed one asks again
        self.path_edit.setText(str(path))
        self._overrides = None
        self._choices = {}
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
        choices = dict(self._choices)
        self._generation += 1
        generation = self._generation

        def work() -> _Result:
            parsed = load_import(path, fmt, csv_columns=columns, today=today,
                                 passphrase=passphrase)
            parsed = _chosen(parsed, choices)
            used = mode if IMPORT_FORMATS[parsed.format].replaces else "merge"
            return _Result(generation, parsed, preview_import(store, parsed, used))

        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Reading {0}…").format(path.name))
        self._start(generation, work)

    def set_choice(self, where: str, chosen: bool) -> None:
        """Tick (or untick) the row at ``where`` and preview again (the file is not re-read)."""
        self._choices[where] = chosen
        self._replan()

    def choose_group(self, tally: str, chosen: bool) -> None:
        """Tick (or untick) every row counted under ``tally`` ("no answer", "not a win")."""
        if self._parsed is None:
            return
        for item in self._parsed.items:
            if not isinstance(item, PreviewRow) and item.tally == tally:
                self._choices[item.where] = chosen
        self._replan()

    def _replan(self) -> None:
        if self._parsed is None or self.report is None or self._committing:
            return
        parsed, store, mode = _chosen(self._parsed, self._choices), self._store, self.report.mode
        self._generation += 1
        generation = self._generation

        def work() -> _Result:
            return _Result(generation, parsed, preview_import(store, parsed, mode))

        self.import_button.setEnabled(False)
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
            self.notices.setText("")
            self._fill_choices(None)
            self.mapping_table.show_mapping(None)
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
        for column, widest in ((TITLE, 340), (DETAILS, 280)):  # leave room for the reason
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        self.warnings.clear()
        self.warnings.addItems([str(w) for w in report.warnings])
        self.notices.setText("\n".join(report.notices))
        self._fill_choices(report)
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

    def _fill_choices(self, report: ImportReport | None) -> None:
        """One box per group of rows left out or guessed about: "Include the 18 rows with no
        answer", partly ticked when some of them are."""
        groups = report.choices() if report is not None else []
        wanted = {tally for tally, _, _ in groups}
        for tally in list(self.choice_boxes):
            if tally not in wanted:
                box = self.choice_boxes.pop(tally)
                self.choices_row.removeWidget(box)
                box.deleteLater()
        for tally, ticked, total in groups:
            box = self.choice_boxes.get(tally)
            if box is None:
                box = QCheckBox(self)
                box.setObjectName("importChoice")
                box.clicked.connect(lambda checked, t=tally: self.choose_group(t, checked))
                self.choice_boxes[tally] = box
                self.choices_row.addWidget(box)
                box.show()  # (a layout shows a new child only once the event loop runs)
            box.setText(self.tr("Tick all {0} \u201c{1}\u201d ({2} ticked now)").format(
                total, tally, ticked))
            box.blockSignals(True)
            box.setTristate(0 < ticked < total)
            box.setCheckState(Qt.CheckState.Checked if ticked == total else
                              Qt.CheckState.Unchecked if not ticked else
                              Qt.CheckState.PartiallyChecked)
            box.blockSignals(False)

    def _fill_mapping(self, report: ImportReport) -> None:
        self.mapping_table.show_mapping(report.mapping)

    def set_column(self, column: int, field: str | None) -> None:
        """Make ``column`` fill ``field`` (None: ignore it) and preview again."""
        self.mapping_table.set_column(column, field)

    def _set_columns(self, overrides: dict[str, int | None | list[int | str]]) -> None:
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
                       self.folder_button, self.format_combo, self.mode_combo,
                       self.mapping_table, *self.choice_boxes.values()):
            widget.setEnabled(False)
        self.model.enabled = False
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
        for widget in (self.cancel_button, self.choose_button, self.folder_button,
                       self.format_combo, self.mode_combo, self.mapping_table,
                       *self.choice_boxes.values()):
            widget.setEnabled(True)
        self.model.enabled = True
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


def _chosen(parsed: ParsedImport, choices: Mapping[str, bool]) -> ParsedImport:
    """The file with the person's ticks (only those for rows it still has)."""
    return parsed.with_choices(choices) if choices else parsed
