"""Autosave: there is no Save button, so this must never lose or misreport an edit.

One ``Autosave`` serves every editor (the entry editor, the rejection form). Each change is
``mark()``-ed and restarts a short single-shot timer; when it fires, or when the page calls
``flush()`` (another record opens, the window closes, the application quits), the page's own
``Edits`` adapter reads what is pending from its widgets and writes it through a core
service. What the adapter could not store stays pending, so fixing it saves it. A store that
cannot be written (locked, full) keeps everything pending and is tried again a few seconds
later. "Saved" is said only when nothing is left.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from trackrecord.core.errors import NotFoundError, StorageError

AUTOSAVE_DELAY_MS = 600
RETRY_DELAY_MS = 5000


def sentence(message: str) -> str:
    """Core messages are written to follow a colon; shown alone they need a capital."""
    return message[:1].upper() + message[1:] if message else message


@dataclass(frozen=True)
class Outcome:
    """What one write did, as the adapter tells it."""

    stored: object | None = None  # the record as it is stored now (for ``saved``), if written
    settled: frozenset[str] = frozenset()  # pending fields now stored: no longer pending
    problem: str = ""  # why something is not saved (a phrase to follow "Not saved: ")
    waiting: str = ""  # not saved yet, and not a failure either: the sentence to show


class Edits(Protocol):
    """A page's own half of its autosave: what to save, and how to read pending edits."""

    @property
    def gone(self) -> str:
        """The sentence shown when the record was deleted elsewhere (NotFoundError)."""
        ...

    def announce(self, pending: Set[str]) -> bool:
        """Whether these pending fields are worth a "Saving…" in the status bar."""
        ...

    def save(self, pending: frozenset[str]) -> Outcome | None:
        """Read the pending fields from the editor and write them through the service.

        StorageError or OSError: nothing was written, try again later. NotFoundError: the
        record is gone. None: nothing the person typed is waiting yet (only the app's own
        bookkeeping), so there is nothing to write or to say.
        """
        ...


class Autosave(QObject):
    saved = Signal(object, object)  # the record as stored, the frozenset of fields written
    # ("saved" | "pending" | "error", the sentence for the status bar)
    state_changed = Signal(str, str)

    def __init__(
        self,
        edits: Edits,
        *,
        delay_ms: int = AUTOSAVE_DELAY_MS,
        retry_ms: int = RETRY_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.edits = edits  # the page's own half: what to save, how to read it
        self._pending: set[str] = set()
        self._delay_ms = delay_ms
        self._retry_ms = retry_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

    def has_pending(self) -> bool:
        return bool(self._pending)

    def mark(self, name: str) -> None:
        """``name`` changed: write it after a short idle (each change restarts the wait)."""
        self._pending.add(name)
        self._timer.start(self._delay_ms)
        if self.edits.announce(self._pending):
            self.state_changed.emit("pending", self.tr("Saving…"))

    def forget(self) -> None:
        """Drop what is pending (another record is opening: ``flush()`` first)."""
        self._timer.stop()
        self._pending.clear()

    def flush(self) -> bool:
        """Write what is pending now; True when everything typed is stored."""
        self._timer.stop()
        if not self._pending:
            return True
        try:
            outcome = self.edits.save(frozenset(self._pending))
        except NotFoundError:
            # Deleted elsewhere (the command line, another window): nothing to write to.
            self._pending.clear()
            self.state_changed.emit("error", self.edits.gone)
            return False
        except (StorageError, OSError) as exc:
            # A locked or full disk: keep everything pending and try again shortly, so the
            # edit is not lost and the status never claims it was saved.
            self._timer.start(self._retry_ms)
            self.state_changed.emit(
                "error", self.tr("Not saved: {0}; retrying…").format(self._why(exc))
            )
            return False
        if outcome is None:
            return True
        self._pending -= outcome.settled
        if outcome.stored is not None:
            self.saved.emit(outcome.stored, outcome.settled)
        if outcome.problem:
            self.state_changed.emit("error", self.tr("Not saved: {0}").format(outcome.problem))
            return False
        if outcome.waiting:
            self.state_changed.emit("pending", outcome.waiting)
            return False
        self.state_changed.emit("saved", self.tr("Saved"))
        return True

    def _why(self, exc: Exception) -> str:
        if isinstance(exc, StorageError) and str(exc):
            return str(exc)  # the core's own words ("your data is busy in another …")
        return self.tr("the data file could not be written ({0})").format(type(exc).__name__)
