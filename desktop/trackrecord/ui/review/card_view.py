"""One review card on screen, as large as the space allows: readable from across a desk.

Every piece of text on a card is registered with a size factor; the view picks the largest
base size at which the whole card fits its space (a binary search over pixel sizes), and
does so again whenever it is resized, so full screen simply means bigger text. Only if the
card cannot fit even at the smallest size does it scroll.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

MIN_PX = 13
MAX_PX = 44
WIDTH_PER_PX = 34  # a base size of 30px wants a card about 1000px wide
HEIGHT_PER_PX = 17
PAD_FACTOR = 1.2  # card padding, in base sizes


class CardView(QFrame):
    """Shows one card. The builders in ``review_cards`` fill it through ``text``/``row``."""

    open_entry = Signal(str)
    new_entry_requested = Signal()
    tick_changed = Signal(str, bool)  # energy-checklist item id, ticked
    practised = Signal(str)  # practice item id: "I practised this today"
    add_habits = Signal(object)  # tuple[str, ...]: habits to put on the practice list
    rehearse = Signal(object)  # the StoryCard to rehearse against the clock
    told_changed = Signal(str, bool)  # entry id, told in this deck's interview

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewCardView")
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.viewport().setAutoFillBackground(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        self._card: QFrame | None = None
        self._outer: QWidget | None = None
        self._body: QVBoxLayout | None = None
        self._texts: list[tuple[QWidget, float, bool, bool]] = []
        self.base_px = 0
        self.today: dt.date | None = None  # the deck's day ("rehearsed 3 days ago")
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self.fit)

    # -- building (used by review_cards) ---------------------------------------------------

    def begin(self, accessible_name: str) -> QVBoxLayout:
        """Start a new, empty card; returns the layout to fill."""
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._texts = []
        outer = QWidget()
        column = QVBoxLayout(outer)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        card = QFrame(outer)
        card.setObjectName("reviewCard")
        card.setAccessibleName(accessible_name)
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(2)  # a little above the middle, where the eye rests
        self._card = card
        self._outer = outer
        body = QVBoxLayout(card)
        self._body = body
        body.setSizeConstraint(QLayout.SizeConstraint.SetDefaultConstraint)
        return body

    def text(
        self, value: str, factor: float = 1.0, *, bold: bool = False, muted: bool = False,
        italic: bool = False, rich: bool = False, name: str = "",
    ) -> QLabel:
        label = QLabel(self._card)
        label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        label.setText(value)
        label.setWordWrap(True)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | (Qt.TextInteractionFlag.LinksAccessibleByMouse if rich
               else Qt.TextInteractionFlag.NoTextInteraction)
        )
        label.setOpenExternalLinks(False)
        label.linkActivated.connect(self._link)
        if name:
            label.setObjectName(name)
        elif muted:
            label.setObjectName("reviewMuted")
        self.register(label, factor, bold=bold, italic=italic)
        return label

    def register(self, widget: QWidget, factor: float, *, bold: bool = False,
                 italic: bool = False) -> None:
        """Let ``widget``'s font follow the card's size."""
        self._texts.append((widget, factor, bold, italic))
        if isinstance(widget, QAbstractButton):
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click must not take Space

    def finish(self) -> None:
        # Shown only now, whole: its widgets are visible (and can take focus) at once.
        if self._outer is not None:
            self._scroll.setWidget(self._outer)
        self.fit()
        # Layouts settle once the new widgets are polished; fit again then.
        self._refit.start()

    def _link(self, href: str) -> None:
        kind, _, value = href.partition(":")
        if kind == "entry" and value:
            self.open_entry.emit(value)
        elif kind == "new-entry":
            self.new_entry_requested.emit()

    # -- sizing ------------------------------------------------------------------------------

    def _space(self) -> QSize:
        return self._scroll.viewport().size()

    def _apply(self, px: int) -> None:
        base = QFont(self.font())
        for widget, factor, bold, italic in self._texts:
            font = QFont(base)
            font.setPixelSize(max(9, round(px * factor)))
            font.setBold(bold)
            font.setItalic(italic)
            widget.setFont(font)
            if isinstance(widget, QCheckBox):
                side = max(14, round(px * factor * 0.9))
                widget.setStyleSheet(f"QCheckBox::indicator {{ width: {side}px; "
                                     f"height: {side}px; }} QCheckBox {{ spacing: "
                                     f"{round(px * 0.5)}px; }}")
        if self._body is not None:
            pad = round(px * PAD_FACTOR)
            layout = self._body
            layout.setContentsMargins(pad, round(pad * 0.8), pad, round(pad * 0.8))
            layout.setSpacing(round(px * 0.45))

    def _needed_height(self, width: int) -> int:
        layout = self._body
        assert layout is not None
        layout.activate()
        return layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else \
            layout.totalSizeHint().height()

    def _card_width(self, px: int, space: QSize) -> int:
        return max(200, min(space.width() - 24, WIDTH_PER_PX * px))

    def fit(self) -> None:
        """The largest text at which the card fits without scrolling."""
        if self._card is None:
            return
        space = self._space()
        if space.width() < 50 or space.height() < 50:
            return
        top = max(MIN_PX, min(MAX_PX, space.height() // HEIGHT_PER_PX,
                              space.width() // (WIDTH_PER_PX - 8)))
        low, high, best = MIN_PX, top, MIN_PX
        while low <= high:
            mid = (low + high) // 2
            self._apply(mid)
            width = self._card_width(mid, space)
            if self._needed_height(width) <= space.height() - 8:
                best, low = mid, mid + 1
            else:
                high = mid - 1
        self._apply(best)
        self.base_px = best
        self._card.setFixedWidth(self._card_width(best, space))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit.start()
