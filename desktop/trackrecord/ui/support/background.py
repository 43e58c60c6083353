"""Work off the UI thread, with its answer back on the UI thread.

``Background(owner).run(work, then)`` calls ``work()`` on a worker thread, then
``then(result, error)`` on the UI thread: ``error`` is None when ``work`` returned, else the
exception it raised (a worker must never die silently). Each owner has one worker thread, so
its requests run, and answer, in the order they were made: a newer preview always lands last.

The answer travels through a relay QObject made on the UI thread and kept until the answer
is handled: a QRunnable is deleted when ``run()`` returns, and a signal of its own could be
gone before its queued delivery.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

Then = Callable[[Any, Exception | None], None]


class _Relay(QObject):
    answered = Signal(object, object)  # the result (None on failure), the exception or None


class _Task(QRunnable):
    def __init__(self, work: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self._work, self._relay = work, relay

    def run(self) -> None:
        try:
            result, error = self._work(), None
        except Exception as exc:  # handed to the UI thread, which says what went wrong
            result, error = None, exc
        self._relay.answered.emit(result, error)


class Background(QObject):
    """One worker thread for its owner (its parent), and the answers it owes."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._waiting: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        """True while some work has not been answered yet."""
        return bool(self._waiting)

    def run(self, work: Callable[[], object], then: Then) -> None:
        relay = _Relay(self)  # on the UI thread, like this object: the answer arrives queued
        self._waiting.add(relay)

        def answered(result: object, error: Exception | None) -> None:
            self._waiting.discard(relay)
            relay.deleteLater()
            then(result, error)

        relay.answered.connect(answered, Qt.ConnectionType.QueuedConnection)
        self._pool.start(_Task(work, relay))

    def wait(self) -> None:
        """Block until the work started so far has finished (before the store closes).
        Answers not yet handled arrive later, through the event loop, if it still runs."""
        self._pool.waitForDone()
