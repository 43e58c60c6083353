"""SIGTERM, SIGHUP and SIGINT end the app the way quitting does: what was typed is saved and
the quit backup is taken.

A logout, ``systemctl stop``, ``kill`` or Ctrl+C in the terminal send these. Python runs its
signal handlers only when it next runs Python code, and Qt's event loop can sleep in C++ for
as long as nobody moves the mouse, so the signal also writes a byte into a socket pair
(``signal.set_wakeup_fd``) that a QSocketNotifier watches: the loop wakes, the handler runs,
and it asks the application to quit through the event loop like File ▸ Quit.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable
from types import FrameType
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT")
                if hasattr(signal, name))


class QuitOnSignals(QObject):
    """While it lives (until ``restore``), the signals call ``quit`` from the event loop."""

    def __init__(self, quit: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quit = quit
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._old_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._old: dict[int, Any] = {}
        for sig in SIGNALS:
            self._old[sig] = signal.signal(sig, self._on_signal)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _on_signal(self, _signum: int, _frame: FrameType | None) -> None:
        QTimer.singleShot(0, self._quit)  # from the loop, not from inside whatever ran

    def _drain(self) -> None:
        with contextlib.suppress(OSError):
            while self._reader.recv(64):
                pass

    def restore(self) -> None:
        """Put back the handlers that were there before."""
        self._notifier.setEnabled(False)
        for sig, old in self._old.items():
            signal.signal(sig, old)
        signal.set_wakeup_fd(self._old_fd)
        self._reader.close()
        self._writer.close()
