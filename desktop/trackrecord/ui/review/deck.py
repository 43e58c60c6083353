"""The deck: cards one at a time, driven from the keyboard.

Left/Right move between cards, Space goes to the next one (or presses the card control that
has keyboard focus), Home/End jump to the ends, F11 toggles full screen and Esc leaves it.
``ReviewController`` answers for full screen and saving the sheet; this view only asks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.review.deck import Card, Deck
from trackrecord.ui.review.card_view import CardView
from trackrecord.ui.review.cards import card_name, show_card
from trackrecord.ui.widgets.accessibility import name_buttons


class DeckView(QWidget):
    back_requested = Signal()
    sheet_requested = Signal()
    full_screen_requested = Signal()  # F11 or the button: toggle
    leave_full_screen = Signal()  # Esc
    rehearse_requested = Signal()  # R: rehearse the story on this card
    index_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDeck")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Review deck"))
        self._deck: Deck | None = None
        self._index = 0

        self.back_button = QPushButton(self.tr("← Interviews"), self)
        self.back_button.setAccessibleName(self.tr("Back to your interviews"))
        self.title = QLabel(self)
        self.title.setObjectName("reviewDeckTitle")
        self.counter = QLabel(self)
        self.counter.setObjectName("reviewCounter")
        self.counter.setAccessibleName(self.tr("Card number"))
        self.sheet_button = QPushButton(self.tr("Save confidence sheet (PDF)…"), self)
        self.full_button = QPushButton(self.tr("Full screen (F11)"), self)
        top = QHBoxLayout()
        top.setContentsMargins(12, 8, 12, 0)
        top.addWidget(self.back_button)
        top.addSpacing(8)
        top.addWidget(self.title, 1)
        top.addWidget(self.sheet_button)
        top.addWidget(self.full_button)

        self.cards = CardView(self)
        self.prev_button = QPushButton(self.tr("← Previous"), self)
        self.next_button = QPushButton(self.tr("Next →"), self)
        self.hint = QLabel(self.tr("← → or Space to move · R rehearses a story · F11 full "
                                   "screen · Esc leaves it"), self)
        self.hint.setObjectName("reviewHint")
        bottom = QHBoxLayout()
        bottom.setContentsMargins(12, 0, 12, 10)
        bottom.addWidget(self.prev_button)
        bottom.addStretch(1)
        bottom.addWidget(self.hint)
        bottom.addSpacing(16)
        bottom.addWidget(self.counter)
        bottom.addStretch(1)
        bottom.addWidget(self.next_button)
        for button in (self.back_button, self.sheet_button, self.full_button,
                       self.prev_button, self.next_button):
            # Clicking must leave the keyboard with the deck (Space, arrows).
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.cards, 1)
        layout.addLayout(bottom)

        self.back_button.clicked.connect(self.back_requested)
        self.sheet_button.clicked.connect(self.sheet_requested)
        self.full_button.clicked.connect(self.full_screen_requested)
        self.prev_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self._shortcuts()

    def _shortcuts(self) -> None:
        keys = (
            (Qt.Key.Key_Right, self.next), (Qt.Key.Key_Left, self.previous),
            (Qt.Key.Key_PageDown, self.next), (Qt.Key.Key_PageUp, self.previous),
            (Qt.Key.Key_Space, self._space), (Qt.Key.Key_Home, lambda: self.go(0)),
            (Qt.Key.Key_End, lambda: self.go(self.count - 1)),
            (Qt.Key.Key_F11, self.full_screen_requested.emit),
            (Qt.Key.Key_Escape, self.leave_full_screen.emit),
            (Qt.Key.Key_R, self.rehearse_requested.emit),
        )
        self.shortcuts: list[QShortcut] = []
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)

    # -- the deck ----------------------------------------------------------------------------

    @property
    def deck(self) -> Deck | None:
        return self._deck

    @property
    def index(self) -> int:
        return self._index

    @property
    def count(self) -> int:
        return len(self._deck.cards) if self._deck else 0

    @property
    def card(self) -> Card | None:
        return self._deck.cards[self._index] if self._deck else None

    def set_deck(self, deck: Deck, index: int = 0) -> None:
        self._deck = deck
        self.cards.today = deck.today
        self.title.setText(deck.intro.title)
        self._index = -1
        self.go(index)

    def replace_deck(self, deck: Deck) -> None:
        """New data for the same cards, without redrawing (the screen already shows it)."""
        self._deck = deck

    def refresh_card(self, deck: Deck) -> None:
        """The same card, with the deck's new data (a tick, a practice session)."""
        self._deck = deck
        self.cards.today = deck.today
        index, self._index = self._index, -1
        self.go(index)

    def go(self, index: int) -> None:
        if self._deck is None:
            return
        index = max(0, min(index, self.count - 1))
        if index == self._index:
            return
        self._index = index
        card = self._deck.cards[index]
        show_card(self.cards, card)
        name_buttons(self.cards)  # the card's own buttons ("Write this story", ticks)
        self.counter.setText(f"{index + 1} / {self.count}")
        self.counter.setToolTip(card_name(card))
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < self.count - 1)
        self.index_changed.emit(index)

    def next(self) -> None:
        self.go(self._index + 1)

    def previous(self) -> None:
        self.go(self._index - 1)

    def _space(self) -> None:
        """Space presses the card control that has keyboard focus; otherwise, next card."""
        focus = QApplication.focusWidget()
        if isinstance(focus, QAbstractButton) and self.cards.isAncestorOf(focus):
            focus.click()
            return
        self.next()
