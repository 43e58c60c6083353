"""SIGTERM, SIGHUP and SIGINT end the app the way quitting does: what was typed is saved and
the quit backup is taken.

A logout, ``systemctl stop``, ``kill`` or Ctrl+C in the terminal send these. Python runs its
signal handlers only when it next runs Python code, and Qt's event loop can sleep in C++ for
as long as nobody moves the mouse, so the signal also writes a byte into a pipe
(``signal.set_wakeup_fd``) that a QSocketNotifier watches: the loop wakes, the handler runs,
and it asks the application to quit through the event loop like File ▸ Quit. (A pipe, not a
socket pair: importing ``socket`` cost the first paint 3 ms. Windows needs the socket.)
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
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
        self._reader, self._writer = _wakeup_pair()
        self._old_fd = signal.set_wakeup_fd(self._writer, warn_on_full_buffer=False)
        self._old: dict[int, Any] = {}
        for sig in SIGNALS:
            self._old[sig] = signal.signal(sig, self._on_signal)
        self._notifier = QSocketNotifier(self._reader, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _on_signal(self, _signum: int, _frame: FrameType | None) -> None:
        QTimer.singleShot(0, self._quit)  # from the loop, not from inside whatever ran

    def _drain(self) -> None:
        with contextlib.suppress(OSError):
            while _read(self._reader):
                pass

    def restore(self) -> None:
        """Put back the handlers that were there before."""
        self._notifier.setEnabled(False)
        for sig, old in self._old.items():
            signal.signal(sig, old)
        signal.set_wakeup_fd(self._old_fd)
        _close(self._reader)
        _close(self._writer)


# The wake-up file descriptors: a non-blocking pipe, or a socket pair where only a socket
# will do (Windows). Both ends are plain descriptors; the sockets are kept alive here.
_SOCKETS: dict[int, Any] = {}


def _wakeup_pair() -> tuple[int, int]:
    if sys.platform != "win32":
        reader, writer = os.pipe()
        os.set_blocking(reader, False)
        os.set_blocking(writer, False)
        return reader, writer
    import socket

    ends = socket.socketpair()
    for end in ends:
        end.setblocking(False)
        _SOCKETS[end.fileno()] = end
    return ends[0].fileno(), ends[1].fileno()


def _read(fd: int) -> bytes:
    end = _SOCKETS.get(fd)
    return bytes(end.recv(64)) if end is not None else os.read(fd, 64)


def _close(fd: int) -> None:
    end = _SOCKETS.pop(fd, None)
    if end is not None:
        end.close()
    else:
        os.close(fd)
