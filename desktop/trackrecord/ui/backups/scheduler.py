"""Automatic backups while the app runs: at start, every 30 minutes of use, and at quit.

Each takes a verified copy only when the data changed since the last one, then rotates old
automatic copies. Backups at start and during use run on a worker thread so the window
never waits; the one at quit runs before the process ends.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from trackrecord.core.backup.copies import (
    BackupError,
    changed_since_last_backup,
    make_backup,
    rotate,
)
from trackrecord.paths import DataPaths
from trackrecord.ui.support.background import Background

INTERVAL_MS = 30 * 60 * 1000
# Spelled out at each call so lupdate collects the string (docs/translations.md).
translate = QCoreApplication.translate


def back_up_if_changed(paths: DataPaths, reason: str) -> str:
    """One automatic backup step; returns what happened, for the status bar."""
    try:
        if not changed_since_last_backup(paths):
            return ""
        info = make_backup(paths, reason)
        rotate(paths)
    except (BackupError, OSError) as exc:
        return _failed(exc)
    if not info.ok:
        return translate("BackupScheduler", "Automatic backup failed its check ({0}); your "
                                            "data is unchanged").format(info.problem)
    return translate("BackupScheduler", "Backed up")


def _failed(error: Exception) -> str:
    return translate("BackupScheduler", "Automatic backup failed: {0}").format(
        str(error) or type(error).__name__)


class BackupScheduler(QObject):
    finished = Signal(str)  # "" when nothing needed doing

    def __init__(self, paths: DataPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._background = Background(self)  # one backup at a time
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(lambda: self._start("auto"))

    def start(self) -> None:
        self._start("start")
        self._timer.start()

    def _start(self, reason: str) -> None:
        paths = self._paths
        self._background.run(
            lambda: back_up_if_changed(paths, reason),
            lambda said, error: self.finished.emit(said if error is None else _failed(error)))

    def stop(self) -> None:
        """At quit: wait for a running backup, then take the last one if anything changed."""
        self._timer.stop()
        self._background.wait()
        back_up_if_changed(self._paths, "quit")
