"""Noticing changes another program made to the store (``trackrecord add`` in a terminal,
say) while the window is open, so the window shows them without a restart.

SQLite counts commits by other connections (``Store.changed_elsewhere``); asking costs a few
microseconds, so the window asks every couple of seconds while it is active, and at once
when it becomes active again (back from the terminal).
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from trackrecord.core.errors import TrackRecordError

if TYPE_CHECKING:
    from trackrecord.core.store.db import Store

CHECK_EVERY_MS = 2000


class ChangesElsewhere(QObject):
    """Says ``changed`` when another program has committed to ``store``."""

    changed = Signal()

    def __init__(self, store: Store, window: QWidget) -> None:
        super().__init__(window)
        self._store, self._window = store, window
        with suppress(TrackRecordError):  # (then the first check takes note instead)
            store.changed_elsewhere()  # from now on
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        window.installEventFilter(self)

    def check(self) -> None:
        if not self._window.isActiveWindow():
            return  # asked again on activation: a window in the background waits
        try:
            changed = self._store.changed_elsewhere()
        except TrackRecordError:
            return  # the store is closing, or unreadable: what uses it says so
        if changed:
            self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.WindowActivate:
            self.check()
        return False
