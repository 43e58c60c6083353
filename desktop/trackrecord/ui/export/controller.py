"""What the Export page does: rebuild the preview after a pause in changing the options,
remember the options, and save the document where the person says.

Documents are built in a worker thread (``ui.support.background``: reading every entry can
take a while on a big store), the preview is debounced, and saving writes atomically. The
choices are remembered in the store's settings table (``core.bragdoc.prefs``), so each data
folder keeps its own. The view is passed in; this class owns no widgets of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from trackrecord.core.bragdoc.prefs import ExportPrefs, load_prefs
from trackrecord.core.errors import TrackRecordError
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.export_formats import EXPORT_FORMATS
from trackrecord.paths import DataPaths
from trackrecord.ui.export.document import Job, Result
from trackrecord.ui.export.view import ExportView
from trackrecord.ui.support.background import Background

DEBOUNCE_MS = 250


class ExportController(QObject):
    preview_updated = Signal()
    saved = Signal(str)

    def __init__(self, store: Store, paths: DataPaths, view: ExportView,
                 parent: QObject | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self._store, self._paths, self._today = store, paths, today
        self._view = view
        self._generation = 0
        # Until the person changes an option, nothing is written: opening the page on a new
        # store must not count as a change to back up.
        self._saved_prefs: ExportPrefs = load_prefs(store) or self._first_prefs()
        self._background = Background(self)  # in order: a newer preview always lands last
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        view.set_prefs(self._saved_prefs, today())
        view.changed.connect(self._timer.start)
        view.save_button.clicked.connect(self.save_as)
        view.copy_button.clicked.connect(self.copy)
        # Entries may have changed on another page since the last preview. The first preview
        # is built when the page is first shown: building it for a large store at start-up
        # would compete with the window's first paint.
        view.shown.connect(self._timer.start)
        view.shown.connect(self.show_cycles)
        self.show_cycles()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def show_cycles(self) -> None:
        """Offer the review cycles (read again each time the page is shown)."""
        from trackrecord.core.goals.service import CycleService

        service = CycleService(self._store)
        try:
            cycles = service.list()
        except TrackRecordError:
            cycles = []
        since_last: tuple[dt.date, dt.date] | None
        try:
            since_last = service.since_last_review(self._today())
        except TrackRecordError:  # (no cycle has ended yet)
            since_last = None
        self._view.set_cycles([(c.name, c.start_date, c.end_date) for c in cycles], since_last)

    def _first_prefs(self) -> ExportPrefs:
        letter = QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
        return ExportPrefs(page_size="Letter" if letter else "A4")

    # -- work ----------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._background.busy or self._timer.isActive()

    def refresh(self) -> None:
        """Rebuild the preview now (also remembers the options if they changed)."""
        self._timer.stop()
        prefs = self._view.prefs()
        remember = prefs != self._saved_prefs
        self._saved_prefs = prefs
        self._start(prefs, None, remember)

    def save_as(self) -> None:
        view = self._view
        prefs = view.prefs()
        if not prefs.kinds:
            view.show_status(self.tr("Choose at least one kind to export."), error=True)
            return
        path = view.choose_path(prefs.format, self._suggested_path(prefs.format))
        if path is None:
            return
        view.save_button.setEnabled(False)
        view.show_status(self.tr("Saving…"))
        self._start(prefs, path, remember=False)

    def copy(self) -> None:
        """Copy as rich text: the whole document (with the page's filters) on the clipboard,
        as HTML with a Markdown plain-text version, built off the UI thread."""
        prefs = self._view.prefs()
        if not prefs.kinds:
            self._view.show_status(self.tr("Choose at least one kind to export."), error=True)
            return
        self._view.copy_button.setEnabled(False)
        job = Job(self._store, prefs, self._today(), self._generation, None, False, copy=True)
        self._background.run(job, lambda result, error: self._copied(
            result if error is None else job.failed(error)))

    def _copied(self, result: Result) -> None:
        view = self._view
        view.copy_button.setEnabled(True)
        if result.error:
            view.show_status(result.error, error=True)
            return
        data = QMimeData()
        data.setHtml(result.copied_html)
        data.setText(result.copied_text)
        QGuiApplication.clipboard().setMimeData(data)
        view.show_status(self.tr("Copied {0} entries: paste them into a document, a mail or a "
                                 "review tool").format(result.entries))

    def _suggested_path(self, fmt: str) -> Path:
        folder = Path.home()
        if not folder.is_dir():
            folder = self._paths.root
        return folder / EXPORT_FORMATS[fmt].default_filename(self._today())

    def _start(self, prefs: ExportPrefs, save_to: Path | None, remember: bool) -> None:
        self._generation += 1
        job = Job(self._store, prefs, self._today(), self._generation, save_to, remember)
        self._background.run(job, lambda result, error: self._finished(
            result if error is None else job.failed(error)))

    def _finished(self, result: Result) -> None:
        view = self._view
        if result.saving:
            view.save_button.setEnabled(True)
            if result.error:
                view.show_status(result.error, error=True)
            else:
                view.show_status(self.tr("Saved {0}").format(result.saved_to))
                self.saved.emit(result.saved_to)
            return
        if result.generation != self._generation:
            return  # a newer preview is on its way
        if result.error:
            view.show_status(result.error, error=True)
            return
        view.show_preview(result)
        self.preview_updated.emit()

    def shutdown(self) -> None:
        """Finish work in flight (call before closing the store)."""
        self._timer.stop()
        self._background.wait()
