"""The Export page: brag-document options on the left, a live preview on the right, Save as.

Documents are built in a worker thread (reading every entry can take a while on a big
store), the preview is debounced, and saving writes atomically. The choices are remembered
in the store's settings table (``core.bragdoc.prefs``), so each data folder keeps its own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.bragdoc.document import (
    PRESET_LABELS,
    BragDocument,
    build_document,
    render_html,
    render_markdown,
    render_print_html,
)
from trackrecord.core.bragdoc.prefs import ExportPrefs, load_prefs, save_prefs
from trackrecord.core.bragdoc.sections import default_scheme
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.constants import KINDS
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.output_file import ExportWriteError, default_filename, write_atomic
from trackrecord.paths import DataPaths
from trackrecord.pdf.bragdoc import write_pdf
from trackrecord.ui.support.background import Background

DEBOUNCE_MS = 250
PREVIEW_LIMIT = 100  # entries shown in the preview; the saved file always has all of them
# Marked for lupdate (the page translates them with self.tr when it shows them).
FORMAT_LABELS = {"pdf": QT_TRANSLATE_NOOP("ExportPage", "PDF"),
                 "html": QT_TRANSLATE_NOOP("ExportPage", "HTML (one file)"),
                 "md": QT_TRANSLATE_NOOP("ExportPage", "Markdown")}
GROUP_LABELS = {"sections": QT_TRANSLATE_NOOP("ExportPage", "Brag-doc sections"),
                "year": QT_TRANSLATE_NOOP("ExportPage", "Year"),
                "kind": QT_TRANSLATE_NOOP("ExportPage", "Kind")}
FILE_FILTERS = {
    "pdf": QT_TRANSLATE_NOOP("ExportPage", "PDF documents (*.pdf)"),
    "html": QT_TRANSLATE_NOOP("ExportPage", "HTML files (*.html *.htm)"),
    "md": QT_TRANSLATE_NOOP("ExportPage", "Markdown (*.md)"),
}


@dataclass(frozen=True)
class _Result:
    generation: int
    text: str = ""  # preview HTML, or Markdown source
    markdown: bool = False
    entries: int = 0
    shown: int = 0
    groups: int = 0
    saving: bool = False
    saved_to: str = ""
    error: str = ""


class _Job:
    """Build (and for a save, write) one document: run off the UI thread."""

    def __init__(self, store: Store, prefs: ExportPrefs, today: dt.date, generation: int,
                 save_to: Path | None, remember: bool) -> None:
        self._store, self._prefs, self._today = store, prefs, today
        self._generation, self._save_to, self._remember = generation, save_to, remember

    def failed(self, error: Exception) -> _Result:
        return _Result(self._generation, saving=self._save_to is not None,
                       error=str(error) or type(error).__name__)

    def __call__(self) -> _Result:
        if self._remember:
            # Remembering is a courtesy: a locked or read-only store must not stop the preview.
            with contextlib.suppress(Exception):
                save_prefs(self._store, self._prefs)
        prefs = self._prefs
        # No kind ticked means nothing to export (to BragOptions, no kinds means every kind).
        entries = EntryService(self._store).all() if prefs.kinds else []
        doc = build_document(entries, prefs.options(self._today))
        if self._save_to is not None:
            return self._save(doc)
        shown = doc.first_items(PREVIEW_LIMIT)
        markdown = prefs.format == "md"
        text = render_markdown(shown) if markdown else render_print_html(shown)
        return _Result(self._generation, text, markdown, doc.entry_count, shown.entry_count,
                       len(doc.sections))

    def _save(self, doc: BragDocument) -> _Result:
        assert self._save_to is not None
        fmt = self._prefs.format
        try:
            if fmt == "pdf":
                write_pdf(doc, self._save_to, self._prefs.page_size,
                          protect=self._store.paths)
            else:
                text = render_markdown(doc) if fmt == "md" else render_html(doc)
                write_atomic(self._save_to, text.encode("utf-8"), protect=self._store.paths)
        except ExportWriteError as exc:
            return _Result(self._generation, saving=True, error=str(exc))
        return _Result(self._generation, entries=doc.entry_count, saving=True,
                       saved_to=str(self._save_to))


class ExportPage(QWidget):
    """Self-contained: give it the store and the data paths, put it anywhere."""

    preview_updated = Signal()
    saved = Signal(str)

    def __init__(self, store: Store, paths: DataPaths, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.setObjectName("exportPage")
        self.setAccessibleName(self.tr("Brag document export"))
        self._store, self._paths, self._today = store, paths, today
        self._generation = 0
        # Until the person changes an option, nothing is written: opening the page on a new
        # store must not count as a change to back up.
        self._saved_prefs: ExportPrefs = load_prefs(store) or self._first_prefs()
        self._background = Background(self)  # in order: a newer preview always lands last
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self._build()
        self._set_prefs(self._saved_prefs)
        self._connect()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        # The first preview is built when the page is first shown (showEvent): building it
        # for a large store at start-up would compete with the window's first paint.

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.format = self._combo(FORMAT_LABELS)
        self.group = self._combo(GROUP_LABELS)
        self.preset = self._combo(PRESET_LABELS)
        self.since, self.until = QDateEdit(self), QDateEdit(self)
        for edit, name in ((self.since, self.tr("From")), (self.until, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        self.dates = QWidget(self)
        dates = QHBoxLayout(self.dates)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.since)
        dates.addWidget(QLabel("–", self))
        dates.addWidget(self.until)
        self.kinds = {k: QCheckBox(default_scheme().kind_headings[k], self) for k in KINDS}
        kinds = QVBoxLayout()
        kinds.setSpacing(2)
        for box in self.kinds.values():
            kinds.addWidget(box)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText(self.tr("any tag; e.g. kafka, hiring"))
        self.tags.setAccessibleName(self.tr("Only entries with these tags"))
        self.only_impact = QCheckBox(self.tr("Only entries with impact or metrics"), self)
        self.details = QCheckBox(self.tr("Details: role, team, facts, links, notes"), self)
        self.star = QCheckBox(self.tr("STAR stories"), self)
        self.initials = QCheckBox(self.tr("Mentees as initials"), self)
        self.initials.setToolTip(self.tr("Priya S. is shown as P. S., in every field of the entry"))
        self.title = QLineEdit(self)
        self.name = QLineEdit(self)
        self.role = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("shown in the header"))
        self.page_size = self._combo({"A4": "A4", "Letter": "Letter"})

        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, field in (
            (self.tr("Format"), self.format), (self.tr("Page size"), self.page_size),
            (self.tr("Group by"), self.group), (self.tr("Period"), self.preset), ("", self.dates),
            (self.tr("Kinds"), kinds), (self.tr("Tags"), self.tags), ("", self.only_impact),
            ("", self.details), ("", self.star), ("", self.initials),
            (self.tr("Title"), self.title), (self.tr("Name"), self.name),
            (self.tr("Role"), self.role),
        ):
            form.addRow(label, field)
            if label and isinstance(field, QWidget):
                field.setAccessibleName(label)
        for box in (*self.kinds.values(), self.only_impact, self.details, self.star,
                    self.initials):
            box.setAccessibleName(box.text())
        options = QWidget(self)
        options.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(options)

        self.save_button = QPushButton(self.tr("Save as…"), self)
        self.save_button.setDefault(True)
        self.save_button.setAccessibleName(self.tr("Save the brag document as a file"))
        self.status = QLabel(self)
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 12, 8, 12)
        heading = QLabel(self.tr("Brag document"), self)
        heading.setObjectName("pageTitle")
        left_layout.addWidget(heading)
        left_layout.addWidget(scroll, 1)
        left_layout.addWidget(self.status)
        left_layout.addWidget(self.save_button)

        self.preview = QTextBrowser(self)
        self.preview.setObjectName("exportPreview")
        self.preview.setAccessibleName(self.tr("Preview"))
        self.preview.setOpenLinks(False)  # a preview never navigates or opens anything
        self.preview.setOpenExternalLinks(False)
        self.preview.document().setDocumentMargin(18)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([360, 720])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _combo(self, labels: dict[str, str]) -> QComboBox:
        combo = QComboBox(self)
        for key, label in labels.items():
            combo.addItem(self.tr(label), key)
        return combo

    def _connect(self) -> None:
        for combo in (self.format, self.group, self.preset, self.page_size):
            combo.currentIndexChanged.connect(self._changed)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self._changed)
        for box in (*self.kinds.values(), self.only_impact, self.details, self.star,
                    self.initials):
            box.toggled.connect(self._changed)
        for line in (self.tags, self.title, self.name, self.role):
            line.textChanged.connect(self._changed)
        self.save_button.clicked.connect(self.save_as)

    # -- options <-> widgets -------------------------------------------------------------

    def _first_prefs(self) -> ExportPrefs:
        letter = QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
        return ExportPrefs(page_size="Letter" if letter else "A4")

    def _set_prefs(self, prefs: ExportPrefs) -> None:
        for combo, value in ((self.format, prefs.format), (self.group, prefs.group),
                             (self.preset, prefs.preset), (self.page_size, prefs.page_size)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        today = self._today()
        since, until = prefs.period(today) if prefs.preset != "all" else (None, None)
        self.since.setDate(QDate(since or today.replace(month=1, day=1)))
        self.until.setDate(QDate(until or today))
        for kind, box in self.kinds.items():
            box.setChecked(kind in prefs.kinds)
        self.tags.setText(", ".join(prefs.tags))
        self.only_impact.setChecked(prefs.only_with_impact)
        self.details.setChecked(prefs.details)
        self.star.setChecked(prefs.star)
        self.initials.setChecked(prefs.mentee_initials)
        self.title.setText(prefs.title)
        self.name.setText(prefs.name)
        self.role.setText(prefs.role)
        self._sync_enabled()

    def prefs(self) -> ExportPrefs:
        custom = self.preset.currentData() == "custom"
        return ExportPrefs(
            format=self.format.currentData(),
            group=self.group.currentData(),
            preset=self.preset.currentData(),
            since=self.since.date().toPython() if custom else None,
            until=self.until.date().toPython() if custom else None,
            kinds=tuple(k for k, box in self.kinds.items() if box.isChecked()),
            tags=tuple(t.strip() for t in self.tags.text().split(",") if t.strip()),
            only_with_impact=self.only_impact.isChecked(),
            details=self.details.isChecked(),
            star=self.star.isChecked(),
            mentee_initials=self.initials.isChecked(),
            name=self.name.text().strip(),
            role=self.role.text().strip(),
            title=self.title.text().strip(),
            page_size=self.page_size.currentData(),
        )

    def _sync_enabled(self) -> None:
        custom = self.preset.currentData() == "custom"
        self.form.setRowVisible(self.dates, custom)
        self.page_size.setEnabled(self.format.currentData() == "pdf")

    def _changed(self, *_args: object) -> None:
        self._sync_enabled()
        self._timer.start()

    # -- work ----------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._background.busy or self._timer.isActive()

    def refresh(self) -> None:
        """Rebuild the preview now (also remembers the options if they changed)."""
        self._timer.stop()
        prefs = self.prefs()
        remember = prefs != self._saved_prefs
        self._saved_prefs = prefs
        self._start(prefs, None, remember)

    def save_as(self) -> None:
        prefs = self.prefs()
        if not prefs.kinds:
            self._show_status(self.tr("Choose at least one kind to export."), error=True)
            return
        path = self.choose_path(prefs.format, self._suggested_path(prefs.format))
        if path is None:
            return
        self.save_button.setEnabled(False)
        self._show_status(self.tr("Saving…"))
        self._start(prefs, path, remember=False)

    def choose_path(self, fmt: str, suggested: Path) -> Path | None:
        """Ask where to save (tests replace this)."""
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save brag document"), str(suggested), self.tr(FILE_FILTERS[fmt])
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix("." + fmt)

    def _suggested_path(self, fmt: str) -> Path:
        folder = Path.home()
        if not folder.is_dir():
            folder = self._paths.root
        return folder / default_filename(fmt, self._today())

    def _start(self, prefs: ExportPrefs, save_to: Path | None, remember: bool) -> None:
        self._generation += 1
        job = _Job(self._store, prefs, self._today(), self._generation, save_to, remember)
        self._background.run(job, lambda result, error: self._finished(
            result if error is None else job.failed(error)))

    def _finished(self, result: _Result) -> None:
        if result.saving:
            self.save_button.setEnabled(True)
            if result.error:
                self._show_status(result.error, error=True)
            else:
                self._show_status(self.tr("Saved {0}").format(result.saved_to))
                self.saved.emit(result.saved_to)
            return
        if result.generation != self._generation:
            return  # a newer preview is on its way
        if result.error:
            self._show_status(result.error, error=True)
            return
        self._show_preview(result)

    def _show_preview(self, result: _Result) -> None:
        bar = self.preview.verticalScrollBar()
        ratio = bar.value() / bar.maximum() if bar.maximum() else 0.0
        if result.markdown:
            self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            self.preview.setPlainText(result.text)
        else:
            self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
            self.preview.setHtml(result.text)
        bar.setValue(round(ratio * bar.maximum()))
        if not result.entries:
            status = self.tr("No entries match these choices.")
        else:
            status = self.tr("{0} entries in {1} groups").format(result.entries, result.groups)
            if result.shown < result.entries:
                status += self.tr(" (the preview shows the first {0})").format(result.shown)
        self._show_status(status)
        self.preview_updated.emit()

    def _show_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setProperty("state", "error" if error else "")
        self.status.setStyleSheet("color: #c0392b;" if error else "")

    def showEvent(self, event: QShowEvent) -> None:
        """Entries may have changed on another page since the last preview."""
        super().showEvent(event)
        if not event.spontaneous():
            self._timer.start()

    def shutdown(self) -> None:
        """Finish work in flight (call before closing the store)."""
        self._timer.stop()
        self._background.wait()
