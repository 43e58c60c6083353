"""File > Export everything…: the full JSON backup that Import reads back, written off the
UI thread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from trackrecord.core.errors import TrackRecordError
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.export_formats import EXPORT_FORMATS, ExportJob
from trackrecord.core.transfer.output_file import ExportWriteError, write_atomic
from trackrecord.core.transfer.sealed import MIN_PASSPHRASE
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
        """Ask where to save (tests replace this). A name ending .sealed makes a sealed
        backup, encrypted with a passphrase, for carrying between machines."""
        plain, sealed = EXPORT_FORMATS["json"], EXPORT_FORMATS["sealed"]
        suggested = Path.home() / plain.default_filename(self._today())
        plain_filter = self.tr("Track Record backup (*.json)")
        sealed_filter = self.tr("Sealed backup, encrypted with a passphrase (*.sealed)")
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            self._window, self.tr("Export everything"), str(suggested),
            f"{plain_filter};;{sealed_filter}")
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix:
            return path
        wanted = sealed if chosen_filter == sealed_filter else plain
        return path.with_suffix(wanted.suffixes[0])

    def ask_new_passphrase(self) -> str | None:
        """Asked twice, without showing it, so a typo cannot lock the file (tests replace
        this). None when the person cancels or the two differ."""
        first, ok = QInputDialog.getText(
            self._window, self.tr("Seal the backup"),
            self.tr("A passphrase for this backup (at least {0} characters). Without it the "
                    "file cannot be opened, so keep it somewhere safe:").format(MIN_PASSPHRASE),
            QLineEdit.EchoMode.Password)
        if not ok:
            return None
        again, ok = QInputDialog.getText(
            self._window, self.tr("Seal the backup"), self.tr("The same passphrase again:"),
            QLineEdit.EchoMode.Password)
        if not ok:
            return None
        if again != first:
            self.finished.emit(self.tr("The two passphrases differ; nothing was exported"),
                               False)
            return None
        return first

    def export(self) -> None:
        path = self.choose_path()
        if path is None:
            return
        store = self._store
        fmt = EXPORT_FORMATS["sealed" if path.suffix == ".sealed" else "json"]
        passphrase = None
        if fmt.sealed:
            passphrase = self.ask_new_passphrase()
            if passphrase is None:
                return
        self._path = path
        self.setEnabled(False)

        def work() -> None:
            write_atomic(path, fmt.produce(ExportJob(store=store, passphrase=passphrase)),
                         protect=store.paths)

        self._background.run(work, lambda _written, error: self._exported(error))

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
