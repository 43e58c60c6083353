"""The Review page's widgets (layout only): the interviews and their form beside the practice
panel, or a deck of cards, in a stack; the deck can go full screen on its own.

``ReviewController`` reads and fills them, and answers what they ask for.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFileDialog, QLayout, QStackedWidget, QVBoxLayout, QWidget

from trackrecord.ui.review.deck import DeckView
from trackrecord.ui.review.fullscreen import FullScreen
from trackrecord.ui.review.practice import ReviewPracticePanel
from trackrecord.ui.review.setup import ReviewSetup
from trackrecord.ui.widgets.accessibility import name_buttons

# The page's own look, so it needs nothing from the app's stylesheet. Palette colours keep
# light and dark themes both readable.
PAGE_STYLE = """
QFrame#reviewCard {
    background: palette(base);
    border: 1px solid palette(mid);
    border-radius: 14px;
}
QLabel#reviewKicker { color: palette(highlight); }
QLabel#reviewMuted { color: palette(placeholder-text); }
QLabel#reviewStarLetter { color: palette(highlight); }
QLabel#reviewHint, QLabel#reviewCounter { color: palette(placeholder-text); }
QLabel#reviewDeckTitle { font-weight: 600; }
QWidget#reviewFullScreen { background: palette(window); }
"""


class ReviewView(QWidget):
    shown = Signal()  # shown again (not by the window system): the data may have changed

    def __init__(self, practice: ReviewPracticePanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewView")
        self.practice = practice
        self.setup = ReviewSetup(practice, self)
        self.deck_view = DeckView(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.setup)
        self.stack.addWidget(self.deck_view)
        self.full_screen = FullScreen(self.deck_view, self.stack, PAGE_STYLE)
        self.setStyleSheet(PAGE_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.stack)
        name_buttons(self)

    # -- which side is showing ---------------------------------------------------------------

    def showing_deck(self) -> bool:
        return self.stack.currentWidget() is self.deck_view

    def show_deck_view(self) -> None:
        if not self.full_screen.active:
            self.stack.setCurrentWidget(self.deck_view)
        self.deck_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_setup(self) -> None:
        self.leave_full_screen()
        self.stack.setCurrentWidget(self.setup)

    # -- full screen ---------------------------------------------------------------------------

    @property
    def is_full_screen(self) -> bool:
        return self.full_screen.active

    def toggle_full_screen(self) -> None:
        self.full_screen.toggle()

    def leave_full_screen(self) -> None:
        self.full_screen.leave()

    # -- asking --------------------------------------------------------------------------------

    def choose_path(self, suggested: Path) -> Path | None:
        """Ask where to save the confidence sheet (tests replace this)."""
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save confidence sheet"), str(suggested),
            self.tr("PDF documents (*.pdf)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(".pdf")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.shown.emit()
