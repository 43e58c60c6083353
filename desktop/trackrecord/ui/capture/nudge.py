"""When the weekly banner shows, and what its buttons do (the window puts it in place).

A timer asks the core (``WeeklyNudge``) once a minute whether the nudge is due; the clock is
the core's, injected, so a test drives it with fake time and calls ``check`` itself. When it
is due the banner shows (once: it is marked shown at once) and, if the window is minimised
and the person asked for it, the system tray says so too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from trackrecord.core.capture.quick import Win, capture_wins
from trackrecord.core.capture.weekly import Clock, WeeklyNudge, local_now
from trackrecord.core.errors import TrackRecordError
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store
from trackrecord.ui.capture.banner import CaptureBanner

CHECK_EVERY_MS = 60_000


class NudgeController(QObject):
    message = Signal(str)  # for the status bar
    saved = Signal(list)  # the ids of the entries made

    def __init__(self, store: Store, banner: CaptureBanner, window: QWidget, *,
                 clock: Clock = local_now,
                 tray_factory: Callable[[], QSystemTrayIcon | None] | None = None) -> None:
        super().__init__(window)
        self.nudge = WeeklyNudge(store, clock)
        self._store, self._banner, self._window = store, banner, window
        self._tray: QSystemTrayIcon | None = None
        self._tray_factory = tray_factory or self._system_tray
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        banner.save_requested.connect(self._save)
        banner.snoozed.connect(self._snooze)
        banner.turned_off.connect(self._turn_off)
        banner.setVisible(False)

    def start(self) -> None:
        self.timer.start()
        first = QTimer(self)  # (a child: it goes with the window, never firing after it)
        first.setSingleShot(True)
        first.timeout.connect(self.check)
        first.start(0)

    def check(self) -> bool:
        """Show the banner if the nudge is due now; True when it was shown."""
        try:
            if self._banner.isVisible() or not self.nudge.due():
                return False
            self.nudge.mark_shown()
            tray = self.nudge.prefs().tray
        except TrackRecordError:
            return False  # a busy or read-only store: ask again at the next tick
        self._banner.setVisible(True)
        if tray and self._window.isMinimized():
            self._notify()
        return True

    def _notify(self) -> None:
        if self._tray is None:
            self._tray = self._tray_factory()
        if self._tray is not None:
            self._tray.showMessage(self.tr("Track Record"),
                                   self.tr("What did you get done this week?"),
                                   QSystemTrayIcon.MessageIcon.Information, 10_000)

    def _system_tray(self) -> QSystemTrayIcon | None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        tray = QSystemTrayIcon(self._window.windowIcon(), self)
        tray.activated.connect(lambda _reason: self._bring_forward())
        tray.messageClicked.connect(self._bring_forward)
        tray.show()
        return tray

    def _bring_forward(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()
        self._banner.open_form()

    @property
    def tray(self) -> QSystemTrayIcon | None:
        return self._tray

    def _save(self, wins: list[Win]) -> None:
        try:
            made = capture_wins(EntryService(self._store), wins, self.nudge.now().date())
            self.nudge.answered()
        except TrackRecordError as exc:
            self._banner.show_error(str(exc))
            return
        self._banner.setVisible(False)
        self.message.emit(
            self.tr("1 win saved to your track record") if len(made) == 1
            else self.tr("{0} wins saved to your track record").format(len(made)))
        self.saved.emit([e.id for e in made])

    def _snooze(self) -> None:
        self._answer(self.nudge.snooze, self.tr("Not this week: see you next week"))

    def _turn_off(self) -> None:
        self._answer(self.nudge.turn_off,
                     self.tr("The weekly question is off (File \u25b8 Preferences)"))

    def _answer(self, act: Callable[[], None], said: str) -> None:
        try:
            act()
        except TrackRecordError as exc:
            self._banner.show_error(str(exc))
            return
        self._banner.setVisible(False)
        self.message.emit(said)
