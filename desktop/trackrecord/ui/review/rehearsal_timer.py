"""The rehearsal timer on the UI's event loop: a ``Countdown`` (core/review/timer.py) read on
each tick of a QTimer. Its clock is injected, so tests move a fake clock and call ``tick()``
themselves, with no waiting; the QTimer only decides when the window looks again."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from trackrecord.core.review.rehearsals import DEFAULT_SECONDS
from trackrecord.core.review.timer import Clock, Countdown

TICK_MS = 200  # often enough that the seconds never look stuck


class RehearsalTimer(QObject):
    ticked = Signal(float)  # seconds left (negative once the time is up: the overtime)
    time_up = Signal()  # once, when the time runs out
    running_changed = Signal(bool)

    def __init__(self, length: int = DEFAULT_SECONDS, *, clock: Clock = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.countdown = Countdown(length, clock)
        self._announced = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)

    @property
    def running(self) -> bool:
        return self.countdown.running

    def start(self) -> None:
        if not self.running:
            self.countdown.start()
            self._timer.start()
            self.running_changed.emit(True)
            self.tick()

    def pause(self) -> None:
        if self.running:
            self.countdown.pause()
            self._timer.stop()
            self.running_changed.emit(False)
            self.tick()

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def reset(self) -> None:
        self.countdown.reset()
        self._timer.stop()
        self._announced = False
        self.running_changed.emit(False)
        self.tick()

    def set_length(self, seconds: int) -> None:
        self.countdown.length = seconds
        if not self.countdown.over:
            self._announced = False
        self.tick()

    def tick(self) -> None:
        """Look at the clock: say what is left, and (once) that the time is up."""
        left = self.countdown.remaining()
        self.ticked.emit(left)
        if self.countdown.over and not self._announced:
            self._announced = True
            self.time_up.emit()

    def stop(self) -> None:
        """For good (the dialog is closing): nothing ticks after this."""
        self._timer.stop()
        self.countdown.pause()
