"""The two waits of start-up: for a widget's first paint, and for the store, opened on a
worker thread while the window is already on screen (``ui.shell.app`` uses both)."""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from trackrecord.paths import DataPaths

if TYPE_CHECKING:
    import sqlite3

    from trackrecord.core.store.db import Store


class FirstPaintWatcher(QObject):
    """Calls ``on_painted`` once, after the first paint of a widget whose content is ready."""

    def __init__(self, widget: QWidget, on_painted: object) -> None:
        super().__init__(widget)
        self._widget = widget
        self._on_painted = on_painted
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            # Let this paint finish and reach the screen before acting on it.
            QTimer.singleShot(0, self._on_painted)  # type: ignore[arg-type]
        return False

CHECK_AT_LATEST_S = 1.5  # after the store opened, whether or not the entries are listed


class StoreOpener(QObject):
    """Opens the store on a worker thread and reports back on the UI thread, which
    meanwhile keeps the window painted and responsive.

    The store is handed over as soon as it can be read; SQLite's check of every page (the
    slow part of opening) runs afterwards on the same thread, once ``start_check`` says the
    entries are on screen (so the two do not compete for the CPU), or CHECK_AT_LATEST_S
    after opening whatever happens on the UI thread: writes wait for the check, and one made
    on the UI thread before the listing would otherwise block the very signal it waits for.
    """

    opened = Signal(object)  # Store, readable
    checked = Signal()  # its pages are sound: writes and backups may go ahead
    failed = Signal(object)  # StoreError: could not open, or the check found damage

    def __init__(self, paths: DataPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._thread: threading.Thread | None = None
        self._checking: sqlite3.Connection | None = None
        self._cancelled = False
        self._may_check = threading.Event()
        self.store: Store | None = None  # set on the worker thread, once opened

    def start(self) -> None:
        self._thread = threading.Thread(target=self._open, name="open-store", daemon=True)
        self._thread.start()

    def _open(self) -> None:
        import sqlite3  # here, like the store's code: the first paint does not wait for them

        from trackrecord.core.store.db import open_store
        from trackrecord.core.store.file_state import StoreError

        try:
            store = open_store(self._paths, check_later=True)
        except StoreError as exc:
            self.failed.emit(exc)
            return
        except Exception as exc:  # reported on the UI thread; never die silently
            self.failed.emit(StoreError(f"your data could not be opened: {exc}"))
            return
        self.store = store
        self.opened.emit(store)
        self._may_check.wait(CHECK_AT_LATEST_S)
        if self._cancelled:
            return
        try:
            store.check(started=self._started_check)
        except StoreError as exc:
            self.failed.emit(exc)
        except sqlite3.OperationalError:
            return  # interrupted by cancel(): the window is closing
        else:
            self.checked.emit()
        finally:
            self._checking = None

    def start_check(self) -> None:
        self._may_check.set()

    def _started_check(self, conn: sqlite3.Connection) -> None:
        self._checking = conn
        if self._cancelled:
            conn.interrupt()

    def cancel(self) -> None:
        """Stop a check still running (the window is closing) and wait for the thread."""
        self._cancelled = True
        self._may_check.set()
        checking = self._checking
        if checking is not None:
            import sqlite3  # loaded by the worker already: a check was running

            with contextlib.suppress(sqlite3.ProgrammingError):  # it finished meanwhile
                checking.interrupt()
        if self._thread is not None:
            self._thread.join()
