"""Work off the UI thread, with its answer back on the UI thread.

``Background(owner).run(work, then)`` calls ``work()`` on a worker thread, then
``then(result, error)`` on the UI thread: ``error`` is None when ``work`` returned, else the
exception it raised (a worker must never die silently). Each owner has one worker thread, so
its requests run, and answer, in the order they were made: a newer preview always lands last.

The answer travels through one relay QObject per owner, made on the UI thread and living as
long as the owner: a QRunnable is deleted when ``run()`` returns, so a signal of its own could
be gone before its queued delivery. (A relay per request, deleted once answered, crashed in
~QObject when the pool had been waited on before the deferred deletion ran.) The pool is made
before the relay, so when the owner goes, the pool is destroyed first and waits for its work:
no worker ever emits through a relay that is gone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

Then = Callable[[Any, Exception | None], None]


class _Relay(QObject):
    # the request's number, the result (None on failure), the exception or None
    answered = Signal(int, object, object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], object], relay: _Relay, number: int) -> None:
        super().__init__()
        self._work, self._relay, self._number = work, relay, number

    def run(self) -> None:
        try:
            result, error = self._work(), None
        except Exception as exc:  # handed to the UI thread, which says what went wrong
            result, error = None, exc
        self._relay.answered.emit(self._number, result, error)


class Background(QObject):
    """One worker thread for its owner (its parent), and the answers it owes."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)  # after the pool (see above)
        self._relay.answered.connect(self._answered, Qt.ConnectionType.QueuedConnection)
        self._waiting: dict[int, Then] = {}
        self._numbers = 0

    @property
    def busy(self) -> bool:
        """True while some work has not been answered yet."""
        return bool(self._waiting)

    def run(self, work: Callable[[], object], then: Then) -> None:
        self._numbers += 1
        self._waiting[self._numbers] = then
        self._pool.start(_Task(work, self._relay, self._numbers))

    def _answered(self, number: int, result: object, error: Exception | None) -> None:
        then = self._waiting.pop(number, None)
        if then is not None:
            then(result, error)

    def wait(self) -> None:
        """Block until the work started so far has finished (before the store closes).
        Answers not yet handled arrive later, through the event loop, if it still runs."""
        self._pool.waitForDone()
