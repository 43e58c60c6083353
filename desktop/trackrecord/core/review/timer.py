"""The rehearsal timer's arithmetic, without Qt: a countdown that runs on into overtime.

Time comes from an injected clock (seconds, only differences matter), so the window's timer
(ui/review/rehearsal_timer.py) and the tests share it: a test moves a fake clock by hand
and reads the countdown, with no waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from trackrecord.core.review.rehearsals import DEFAULT_SECONDS, MAX_SECONDS, MIN_SECONDS

Clock = Callable[[], float]


class Countdown:
    def __init__(self, length: int = DEFAULT_SECONDS, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self._length = _bounded(length)
        self._banked = 0.0  # seconds run before the last pause
        self._since: float | None = None  # the clock when it was last started

    @property
    def length(self) -> int:
        return self._length

    @length.setter
    def length(self, seconds: int) -> None:
        """Adjustable at any time; what has run so far still counts."""
        self._length = _bounded(seconds)

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def started(self) -> bool:
        return self.running or self._banked > 0

    def start(self) -> None:
        if self._since is None:
            self._since = self._clock()

    def pause(self) -> None:
        if self._since is not None:
            self._banked += max(0.0, self._clock() - self._since)
            self._since = None

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def reset(self) -> None:
        self._banked = 0.0
        self._since = None

    def elapsed(self) -> float:
        running = max(0.0, self._clock() - self._since) if self._since is not None else 0.0
        return self._banked + running

    def remaining(self) -> float:
        """Seconds left; negative once the time is up (the overtime)."""
        return self._length - self.elapsed()

    @property
    def over(self) -> bool:
        """The time is up (it keeps counting, as overtime)."""
        return self.started and self.remaining() <= 0


def _bounded(seconds: int) -> int:
    return max(MIN_SECONDS, min(MAX_SECONDS, int(seconds)))
