"""Rehearsing one STAR story aloud: a big timer (two minutes unless changed), the story's
points small below it, and, at the end, how it went.

Space starts and pauses, R starts again from the top, 1 2 3 mark it rough, okay or smooth
(the note field keeps its own keys). Opened window-modal without a nested event loop; the
controller records what ``rehearsed`` says.
"""

from __future__ import annotations

import html
import time

from PySide6.QtCore import QCoreApplication, Qt, QTime, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.review.content import clip
from trackrecord.core.review.outcomes import OUTCOME_REGISTRY
from trackrecord.core.review.rehearsals import MAX_SECONDS, MIN_SECONDS, clock_text
from trackrecord.core.review.stories import Story
from trackrecord.core.review.timer import Clock
from trackrecord.ui.review.rehearsal_timer import RehearsalTimer

POINT_WIDTH = 150  # each STAR point, clipped: a glance, not a script
NEARLY = 15  # seconds left when the clock turns amber
AMBER, RED = "#b35c00", "#c0392b"
STYLE = """
QLabel#rehearsalClock { font-weight: 600; }
QLabel#rehearsalPoint, QLabel#rehearsalHint { color: palette(placeholder-text); }
QLabel#rehearsalLetter { color: palette(highlight); font-weight: 600; }
"""


class RehearsalDialog(QDialog):
    rehearsed = Signal(str, object, str)  # how it went, seconds taken (or None), note
    length_changed = Signal(int)  # the person set another length (seconds)

    def __init__(self, story: Story, length: int, parent: QWidget | None = None, *,
                 clock: Clock = time.monotonic) -> None:
        super().__init__(parent)
        self.setObjectName("rehearsalDialog")
        self.setWindowTitle(self.tr("Rehearse: {0}").format(story.title))
        self.setStyleSheet(STYLE)
        self.story = story
        self.timer = RehearsalTimer(length, clock=clock, parent=self)

        question = QLabel(story.question, self)
        question.setWordWrap(True)
        font = QFont(question.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        question.setFont(font)
        told = QLabel(self.tr("Your story: {0} ({1})").format(story.title, story.year), self)
        told.setWordWrap(True)

        self.clock = QLabel(self)
        self.clock.setObjectName("rehearsalClock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big = QFont(self.clock.font())
        big.setPixelSize(72)
        big.setBold(True)
        self.clock.setFont(big)
        self.clock.setAccessibleName(self.tr("Time left"))
        self.status = QLabel(self.tr("Say it out loud, as you would in the room. Space starts "
                                     "the clock."), self)
        self.status.setObjectName("rehearsalHint")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)

        self.start_button = QPushButton(self.tr("Start"), self)
        self.reset_button = QPushButton(self.tr("Start again"), self)
        self.length = QTimeEdit(self)
        self.length.setDisplayFormat("m:ss")
        self.length.setMinimumTime(QTime(0, 0).addSecs(MIN_SECONDS))
        self.length.setMaximumTime(QTime(0, 0).addSecs(MAX_SECONDS))
        self.length.setTime(QTime(0, 0).addSecs(self.timer.countdown.length))
        self.length.setAccessibleName(self.tr("How long to take, minutes and seconds"))
        self.length.setToolTip(self.tr("How long to take: about two minutes is what an "
                                       "interviewer gives one story"))
        controls = QHBoxLayout()
        controls.addStretch(1)
        controls.addWidget(self.start_button)
        controls.addWidget(self.reset_button)
        controls.addSpacing(16)
        controls.addWidget(QLabel(self.tr("Length"), self))
        controls.addWidget(self.length)
        controls.addStretch(1)

        points = QGridLayout()
        points.setHorizontalSpacing(10)
        points.setVerticalSpacing(2)
        self.points: list[QLabel] = []
        for row, (letter, value) in enumerate(
                (("S", story.situation), ("T", story.task), ("A", story.action),
                 ("R", story.result))):
            mark = QLabel(letter, self)
            mark.setObjectName("rehearsalLetter")
            point = QLabel(clip(value, POINT_WIDTH), self)
            point.setObjectName("rehearsalPoint")
            point.setWordWrap(True)
            if point.text() != value.strip():
                # The glance is clipped; the whole point is a hover away (as rich text, which
                # Qt wraps, so a long point is not one line across the screen).
                point.setToolTip(f"<p>{html.escape(value)}</p>")
            points.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
            points.addWidget(point, row, 1)
            self.points.append(point)
        points.setColumnStretch(1, 1)

        went = QLabel(self.tr("How did it go?"), self)
        went.setObjectName("sectionTitle")
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("A note for next time (optional)"))
        self.note.setAccessibleName(self.tr("A note on this rehearsal"))
        self.outcomes: dict[str, QPushButton] = {}
        marks = QHBoxLayout()
        for number, outcome in enumerate(OUTCOME_REGISTRY, 1):
            # (the labels are marked for lupdate in ui/shell/label_strings.py)
            label = QCoreApplication.translate("Rehearsal", outcome.label)
            button = QPushButton(f"{number} \u00b7 {label}", self)
            button.setToolTip(outcome.hint)
            button.setAccessibleName(self.tr("It went {0}: mark it rehearsed")
                                     .format(label.lower()))
            button.clicked.connect(lambda _=False, k=outcome.key: self.mark(k))
            marks.addWidget(button)
            self.outcomes[outcome.key] = button
            shortcut = QShortcut(QKeySequence(str(number)), self)
            shortcut.activated.connect(lambda k=outcome.key: self.mark(k))
        marks.addWidget(self.note, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(question)
        layout.addWidget(told)
        layout.addWidget(self.clock)
        layout.addWidget(self.status)
        layout.addLayout(controls)
        layout.addSpacing(6)
        layout.addLayout(points)
        layout.addSpacing(6)
        layout.addWidget(went)
        layout.addLayout(marks)
        # A fixed least size: the clock's text changes every second, the window must not.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(560, 480)
        self.resize(720, 560)

        for key, slot in ((Qt.Key.Key_Space, self.timer.toggle), (Qt.Key.Key_R, self.restart)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(slot)
        self.start_button.clicked.connect(self.timer.toggle)
        self.reset_button.clicked.connect(self.restart)
        self.length.timeChanged.connect(self._length_set)
        self.timer.ticked.connect(self._show)
        self.timer.running_changed.connect(self._running)
        self.timer.time_up.connect(self._time_up)
        self.timer.tick()

    # -- the clock -----------------------------------------------------------------------------

    def restart(self) -> None:
        self.timer.reset()
        self.status.setText(self.tr("From the top. Space starts the clock."))

    def _length_set(self, value: QTime) -> None:
        seconds = QTime(0, 0).secsTo(value)
        self.timer.set_length(seconds)
        self.length_changed.emit(self.timer.countdown.length)

    def _running(self, running: bool) -> None:
        if running:
            self.start_button.setText(self.tr("Pause"))
            self.status.setText(self.tr("Situation, task, action, result: the points are "
                                        "below if you need them."))
        else:
            started = self.timer.countdown.started
            self.start_button.setText(self.tr("Go on") if started else self.tr("Start"))
            if started:
                self.status.setText(self.tr("Paused. Mark how it went, or go on."))

    def _show(self, left: float) -> None:
        self.clock.setText(clock_text(left) if left < 0 else clock_text(left + 0.999))
        colour = RED if left < 0 else AMBER if left <= NEARLY and self.timer.running else ""
        self.clock.setStyleSheet(f"color: {colour};" if colour else "")

    def _time_up(self) -> None:
        self.status.setText(self.tr("Time. Land the result in one sentence, then stop: the "
                                    "clock keeps counting the overtime."))

    # -- the mark ------------------------------------------------------------------------------

    def mark(self, went: str) -> None:
        """Mark the story rehearsed, with how long it took if the clock ran."""
        countdown = self.timer.countdown
        seconds = round(countdown.elapsed()) if countdown.started else None
        self.timer.stop()
        self.rehearsed.emit(went, seconds, self.note.text())
        self.accept()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.start_button.setFocus(Qt.FocusReason.OtherFocusReason)  # Space: go

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.timer.stop()
        super().done(result)
