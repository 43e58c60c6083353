"""The start-up floor: a bare PySide6 QMainWindow, shown offscreen, exiting after its first
paint — what ``trackrecord --exit-when-ready`` does, minus Track Record.

    QT_QPA_PLATFORM=offscreen python benchmarks/bare_window.py

It imports only what any PySide6 window needs (QtCore, QtGui, QtWidgets), gives the window a
central widget the size of the app's, and waits for that widget's first paint the same way
``trackrecord.ui.shell.startup_waits.FirstPaintWatcher`` does (event filter, then one turn of the
event loop), so the two processes are timed to the same moment.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, app: QApplication) -> None:
        super().__init__(widget)
        self._widget = widget
        self._app = app
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self._app.quit)
        return False


def main() -> int:
    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    central = QWidget(window)
    window.setCentralWidget(central)
    window.resize(1100, 720)
    _FirstPaint(central, app)
    watchdog = QTimer(window)
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: app.exit(1))
    watchdog.start(60_000)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
