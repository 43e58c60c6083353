"""The weekly nudge: a quiet banner over the Track record page, never a modal.

It asks "What did you get done this week?" and opens, in place, a quick-capture form: a
few one-line wins, each with a kind guessed from its words as it is typed (changeable; a
kind chosen by hand is never guessed over). It holds no database logic: the controller
(``nudge``) saves the wins and says what happened.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.capture.quick import MAX_WINS, Win, guess_kind
from trackrecord.core.record.kinds import KINDS
from trackrecord.ui.record.list_model import kind_label
from trackrecord.ui.widgets.accessibility import name_buttons

FIRST_ROWS = 3


class WinRow:
    """One line of the form: the win, and its kind (guessed until chosen by hand)."""

    def __init__(self, parent: QWidget, number: int) -> None:
        self.text = QLineEdit(parent)
        self.text.setAccessibleName(QCoreApplication.translate("CaptureBanner", "Win {0}")
                                    .format(number))
        self.kind = QComboBox(parent)
        self.kind.setAccessibleName(QCoreApplication.translate("CaptureBanner", "Kind of win {0}")
                                    .format(number))
        for key in KINDS:
            self.kind.addItem(kind_label(key), key)
        self.kind.setCurrentIndex(self.kind.findData(guess_kind("").kind))
        self.chosen = False  # the person picked the kind: stop guessing
        self.text.textEdited.connect(self._guess)
        self.kind.activated.connect(self._chose)

    def _guess(self, text: str) -> None:
        if not self.chosen:
            guess = guess_kind(text)
            self.kind.setCurrentIndex(self.kind.findData(guess.kind))
            self.kind.setToolTip(QCoreApplication.translate(
                "CaptureBanner", "Guessed from \u201c{0}\u201d").format(guess.word)
                if guess.word else "")

    def _chose(self, _index: int) -> None:
        self.chosen = True
        self.kind.setToolTip("")

    def win(self) -> Win:
        return Win(self.text.text(), str(self.kind.currentData()))


class CaptureBanner(QFrame):
    save_requested = Signal(list)  # [Win]
    snoozed = Signal()
    turned_off = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captureBanner")
        self.setAccessibleName(self.tr("Weekly capture"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 10, 14, 10)
        outer.setSpacing(8)

        top = QHBoxLayout()
        self.question = QLabel(self.tr("What did you get done this week?"), self)
        self.question.setObjectName("captureQuestion")
        hint = QLabel(self.tr("A line each is enough; numbers help later."), self)
        hint.setObjectName("captureHint")
        self.open_button = QPushButton(self.tr("Write them down"), self)
        self.open_button.setDefault(True)
        self.snooze_button = QToolButton(self)
        self.snooze_button.setText(self.tr("Not this week"))
        self.off_button = QToolButton(self)
        self.off_button.setText(self.tr("Turn off"))
        self.off_button.setToolTip(self.tr("Stop the weekly question (File \u25b8 Preferences "
                                           "turns it back on)"))
        top.addWidget(self.question)
        top.addWidget(hint, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.snooze_button)
        top.addWidget(self.off_button)
        outer.addLayout(top)

        self.form = QWidget(self)
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(0, 1)
        form.addLayout(self.grid)
        self.more_button = QToolButton(self.form)
        self.more_button.setText(self.tr("Another win"))
        self.rows: list[WinRow] = []
        for _ in range(FIRST_ROWS):
            self.add_row()
        buttons = QHBoxLayout()
        self.message = QLabel(self.form)
        self.message.setObjectName("fieldError")
        self.save_button = QPushButton(self.tr("Save wins"), self.form)
        self.cancel_button = QPushButton(self.tr("Later"), self.form)
        buttons.addWidget(self.more_button)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        form.addLayout(buttons)
        outer.addWidget(self.form)
        self.form.setVisible(False)

        self.open_button.clicked.connect(self.open_form)
        self.snooze_button.clicked.connect(self.snoozed)
        self.off_button.clicked.connect(self.turned_off)
        self.more_button.clicked.connect(lambda: self.add_row().text.setFocus())
        self.cancel_button.clicked.connect(self.snoozed)
        self.save_button.clicked.connect(self._save)
        name_buttons(self)

    def add_row(self) -> WinRow:
        row = WinRow(self.form, len(self.rows) + 1)
        row.text.setPlaceholderText(
            self.tr("e.g. Shipped the retry queue; fixed the login outage; Dana thanked me")
            if not self.rows else "")
        row.text.returnPressed.connect(self._next_row)
        self.grid.addWidget(row.text, len(self.rows), 0)
        self.grid.addWidget(row.kind, len(self.rows), 1)
        self.rows.append(row)
        self.more_button.setEnabled(len(self.rows) < MAX_WINS)
        return row

    def _next_row(self) -> None:
        focused = next((i for i, r in enumerate(self.rows) if r.text.hasFocus()), -1)
        if focused == len(self.rows) - 1 and len(self.rows) < MAX_WINS:
            self.add_row()
        if focused + 1 < len(self.rows):
            self.rows[focused + 1].text.setFocus()

    def open_form(self) -> None:
        self.form.setVisible(True)
        self.open_button.setVisible(False)
        self.rows[0].text.setFocus()

    def wins(self) -> list[Win]:
        return [row.win() for row in self.rows if row.text.text().strip()]

    def _save(self) -> None:
        wins = self.wins()
        if not wins:
            self.show_error(self.tr("Write at least one win, or choose Later."))
            return
        self.save_requested.emit(wins)

    def show_error(self, text: str) -> None:
        self.message.setText(text)
