"""File > Export everything…: the full JSON backup that Import reads back, written off the
UI thread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from trackrecord.core.errors import TrackRecordError
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.export_formats import EXPORT_FORMATS
from trackrecord.core.transfer.json_export import write_backup
from trackrecord.core.transfer.output_file import ExportWriteError
from trackrecord.ui.support.background import Background


class ExportEverythingAction(QAction):
    """Asks where to save, writes the backup off the UI thread, says how it went."""

    finished = Signal(str, bool)  # a message for the status bar, and whether it worked

    def __init__(self, store: Store, parent: QWidget, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.setText(self.tr("Export everything…"))
        self._store, self._window, self._today = store, parent, today
        self._path: Path | None = None
        self._background = Background(self)
        self.triggered.connect(self.export)

    def choose_path(self) -> Path | None:
        """Ask where to save (tests replace this)."""
        backup = EXPORT_FORMATS["json"]
        suggested = Path.home() / backup.default_filename(self._today())
        chosen, _ = QFileDialog.getSaveFileName(
            self._window, self.tr("Export everything"), str(suggested),
            self.tr("Track Record backup (*.json)"))
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(backup.suffixes[0])

    def export(self) -> None:
        path = self.choose_path()
        if path is None:
            return
        store = self._store
        self._path = path
        self.setEnabled(False)
        self._background.run(lambda: write_backup(store, path),
                             lambda _written, error: self._exported(error))

    def _exported(self, error: Exception | None) -> None:
        self.setEnabled(True)
        if error is None:
            self.finished.emit(
                self.tr("Everything was exported to {0}").format(self._path), True)
        elif isinstance(error, ExportWriteError | TrackRecordError):  # it says what and why
            self.finished.emit(str(error), False)
        else:
            self.finished.emit(self.tr("The export failed: {0!r}").format(error), False)

    def wait(self) -> None:
        self._background.wait()
