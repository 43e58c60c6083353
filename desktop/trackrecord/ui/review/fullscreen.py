"""Full screen for the review deck: the deck moves into a window of its own, shown full
screen, and back into the page when you leave (Esc, F11, or closing that window).

Only the cards are shown, nothing else of the app: the evening before an interview, on a
laptop across the desk, that is the point.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QLayout, QStackedWidget, QVBoxLayout, QWidget

from trackrecord.ui.review.deck import DeckView


class _Host(QWidget):
    closed = Signal()

    def __init__(self, title: str, style: str) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("reviewFullScreen")
        self.setWindowTitle(title)
        self.setStyleSheet(style)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(24, 16, 24, 16)
        # Cards resize their text as they change; the window must not follow (nor warn).
        self.box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)


class FullScreen(QObject):
    """Moves ``deck`` between its place in ``stack`` and a full-screen window."""

    def __init__(self, deck: DeckView, stack: QStackedWidget, style: str) -> None:
        super().__init__(stack)
        self._deck, self._stack, self._style = deck, stack, style
        self._host: _Host | None = None
        self.away = QLabel(self.tr("The deck is open full screen. Press Esc there to come "
                                   "back."))
        self.away.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.away.setObjectName("pageText")
        stack.addWidget(self.away)  # shown in the deck's place while it is away

    @property
    def active(self) -> bool:
        return self._host is not None

    def toggle(self) -> None:
        if self._host is None:
            self.enter()
        else:
            self.leave()

    def enter(self) -> None:
        deck = self._deck
        if self._host is not None or deck.deck is None:
            return
        host = _Host(deck.deck.intro.title, self._style)
        self._place = self._stack.indexOf(deck)
        self._stack.setCurrentWidget(self.away)
        self._stack.removeWidget(deck)
        host.box.addWidget(deck)
        host.closed.connect(self.leave)
        self._host = host
        deck.full_button.setText(self.tr("Leave full screen (Esc)"))
        deck.show()
        screen = self._stack.screen()
        if screen is not None:  # the whole screen even where no window manager obliges
            host.setGeometry(screen.geometry())
        host.showFullScreen()
        host.activateWindow()
        deck.setFocus(Qt.FocusReason.OtherFocusReason)

    def leave(self) -> None:
        host, self._host = self._host, None
        if host is None:
            return
        deck = self._deck
        host.box.removeWidget(deck)
        self._stack.insertWidget(self._place, deck)
        self._stack.setCurrentWidget(deck)
        deck.full_button.setText(self.tr("Full screen (F11)"))
        host.closed.disconnect(self.leave)
        host.hide()
        host.deleteLater()
        self._stack.window().activateWindow()
        deck.setFocus(Qt.FocusReason.OtherFocusReason)
