"""Two small inputs of the rejection form: the debrief (six questions, yes / partly / no and a
note each) and the "how much does it sting" slider."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.rejections.debrief import (
    ANSWER_LABELS,
    DEBRIEF_LABELS,
    DEBRIEF_TOPICS,
    DebriefAnswer,
)
from trackrecord.core.rejections.reframe import debrief_question

NEUTRAL_STING = 50  # where the hidden handle waits before the first move


class DebriefForm(QWidget):
    """Answers are optional and can be cleared by clicking the chosen one again."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, dict[str, QToolButton]] = {}
        self.notes: dict[str, QLineEdit] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        for topic in DEBRIEF_TOPICS:
            layout.addWidget(self._row(topic))

    def _row(self, topic: str) -> QWidget:
        row = QWidget(self)
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        topic_label = self.tr(DEBRIEF_LABELS[topic])
        question = QLabel(self.tr(debrief_question(topic)), row)
        question.setObjectName("debriefQuestion")
        question.setWordWrap(True)
        grid.addWidget(question, 0, 0, 1, 4)
        self.buttons[topic] = {}
        for column, answer in enumerate(ANSWER_LABELS):
            button = QToolButton(row)
            button.setObjectName("answerChip")
            button.setText(self.tr(ANSWER_LABELS[answer]))
            button.setCheckable(True)
            button.setAccessibleName(f"{topic_label}: {self.tr(ANSWER_LABELS[answer])}")
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.clicked.connect(lambda checked, t=topic, a=answer: self._picked(t, a, checked))
            grid.addWidget(button, 1, column)
            self.buttons[topic][answer] = button
        note = QLineEdit(row)
        note.setPlaceholderText(self.tr("A note, if it helps"))
        note.setAccessibleName(self.tr("{0}: note").format(topic_label))
        note.textEdited.connect(lambda _t: self.changed.emit())
        grid.addWidget(note, 1, 3)
        grid.setColumnStretch(3, 1)
        self.notes[topic] = note
        return row

    def _picked(self, topic: str, answer: str, checked: bool) -> None:
        if checked:
            for other, button in self.buttons[topic].items():
                if other != answer:
                    button.setChecked(False)
        self.changed.emit()

    def answer(self, topic: str) -> str | None:
        return next((a for a, b in self.buttons[topic].items() if b.isChecked()), None)

    def answers(self) -> tuple[DebriefAnswer, ...]:
        """Only the topics with an answer or a note."""
        out = []
        for topic in DEBRIEF_TOPICS:
            answer, note = self.answer(topic), self.notes[topic].text().strip()
            if answer or note:
                out.append(DebriefAnswer(topic, answer, note))
        return tuple(out)

    def set_answers(self, answers: Iterable[DebriefAnswer]) -> None:
        """Show saved answers; emits nothing."""
        given = {a.topic: a for a in answers}
        for topic in DEBRIEF_TOPICS:
            item = given.get(topic)
            for answer, button in self.buttons[topic].items():
                button.setChecked(item is not None and item.answer == answer)
            self.notes[topic].setText(item.note if item is not None else "")
            self.notes[topic].setCursorPosition(0)  # show a long note from its start


class _Scale(QSlider):
    """A click on the scale sets the value there (not a page step towards it): with no
    handle shown yet, the scale is where you say how much it stings."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            option = QStyleOptionSlider()
            self.initStyleOption(option)
            groove = self.style().subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self)
            handle = self.style().subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self)
            span = max(1, groove.width() - handle.width())
            x = int(event.position().x()) - groove.x() - handle.width() // 2
            value = QStyle.sliderValueFromPosition(self.minimum(), self.maximum(), x, span)
            self.setValue(value)
            self.triggerAction(QSlider.SliderAction.SliderMove)
        super().mousePressEvent(event)


class StingSlider(QWidget):
    """0–100 with the number beside it; "not set" until the person moves it, and it looks
    it: no handle on the scale (a handle in the middle reads as 50)."""

    changed = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._set = False
        self._loading = False
        self.slider = _Scale(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("stingSlider")
        self.slider.setRange(0, 100)
        self.slider.setSingleStep(5)
        self.slider.setPageStep(10)
        self.slider.setAccessibleName(accessible_name)
        self.slider.setValue(NEUTRAL_STING)
        self.number = QLabel(self)
        self.number.setObjectName("stingNumber")
        self.number.setMinimumWidth(
            self.number.fontMetrics().horizontalAdvance(self.tr("not set")) + 12)
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.number.setAccessibleName(self.tr("{0}, value").format(accessible_name))
        low = QLabel(self.tr("a little"), self)
        high = QLabel(self.tr("a lot"), self)
        for label in (low, high):
            label.setObjectName("stingScale")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(low)
        row.addWidget(self.slider, 1)
        row.addWidget(high)
        row.addWidget(self.number)
        self.slider.valueChanged.connect(self._moved)
        # A click or key that leaves the value where it was still counts as an answer.
        self.slider.actionTriggered.connect(lambda _a: self._moved(self.slider.value()))
        self._show()

    def _moved(self, _value: int) -> None:
        if self._loading:
            return
        self._set = True
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        self.number.setText(str(self.slider.value()) if self._set else self.tr("not set"))
        self.number.setToolTip("" if self._set else self.tr(
            "Not set yet: click the scale where it stings"))
        if self.slider.property("unset") != (not self._set):
            self.slider.setProperty("unset", not self._set)  # style.qss hides the handle
            self.slider.style().unpolish(self.slider)
            self.slider.style().polish(self.slider)

    def value(self) -> int | None:
        return self.slider.value() if self._set else None

    def set_value(self, value: int | None) -> None:
        """Show a saved value (None: not set); emits nothing."""
        self._loading = True
        try:
            self._set = value is not None
            self.slider.setValue(NEUTRAL_STING if value is None else value)
        finally:
            self._loading = False
        self._show()
