"""Running ``analyse_rejection`` off the UI thread, so typing never waits for the store.

At most one analysis runs at a time and at most one waits behind it (the newest request: the
ones in between are never worth computing). Every request gets a generation number; a result
whose generation is not the newest is dropped, so an older answer can never overwrite a newer
one. Each analysis opens its own read sessions, which the store allows from any thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.rejections.analysis import Analysis, analyse_rejection
from trackrecord.core.rejections.corrections import Corrections
from trackrecord.core.store.db import Store
from trackrecord.ui.support.background import Background


@dataclass(frozen=True)
class _Request:
    generation: int
    query: MatchQuery
    category_override: str | None
    corrections: Corrections


class AnalysisRunner(QObject):
    finished = Signal(object)  # the Analysis for the newest request
    failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._background = Background(self)
        self._generation = 0
        self._running = False
        self._waiting: _Request | None = None

    @property
    def busy(self) -> bool:
        """True while an answer the view still wants is being worked out."""
        return self._running or self._waiting is not None

    def request(self, query: MatchQuery, category_override: str | None = None,
                corrections: Corrections | None = None) -> None:
        self._generation += 1
        wanted = _Request(self._generation, query, category_override,
                          corrections or Corrections())
        if self._running:
            self._waiting = wanted  # replaces any older request that had not started
            return
        self._start(wanted)

    def cancel(self) -> None:
        """Forget what is pending: its answer is for a rejection no longer shown."""
        self._generation += 1
        self._waiting = None

    def wait(self) -> None:
        """Let the analysis in flight finish (before the store closes)."""
        self._waiting = None
        self._background.wait()

    def _start(self, wanted: _Request) -> None:
        self._running = True
        store = self._store
        self._background.run(
            lambda: analyse_rejection(store, wanted.query,
                                      category_override=wanted.category_override,
                                      corrections=wanted.corrections),
            lambda result, error: self._on_done(wanted.generation, result, error))

    def _on_done(self, generation: int, result: object, error: Exception | None) -> None:
        self._running = False
        if self._waiting is not None:
            wanted, self._waiting = self._waiting, None
            self._start(wanted)
        if generation != self._generation:
            return  # stale: a newer answer is on its way (or nobody wants one)
        if error is not None:  # said calmly in the view
            self.failed.emit(str(error) or type(error).__name__)
        elif isinstance(result, Analysis):
            self.finished.emit(result)
