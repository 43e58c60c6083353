"""The thought record under the rejection form (layout and values only): tucked away behind
one button until wanted, then seven short steps, the way a CBT thought record goes.

Every change is reported by the name of the ThoughtRecordData field it touches
(``changed``); ``ThoughtController`` loads it, prefills the evidence and saves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.rejections.thoughts import Emotion, emotion_choices, thought_words
from trackrecord.core.rejections.traps import TrapHint, trap_registry
from trackrecord.ui.rejections.emotions import EmotionsEditor, RerateList
from trackrecord.ui.widgets.fields import NotesEdit

TEXTS = ("thought", "evidence_for", "evidence_against", "balanced")
SIDE_BY_SIDE = 560  # wide enough to set the reframe's prompt beside the balanced thought


class ThoughtForm(QWidget):
    changed = Signal(str)  # "thought", "emotions", "traps", "evidence_for", ...
    opened = Signal(bool)  # shown (True) or tucked away again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thoughtForm")
        self._loading = False
        self.texts: dict[str, QPlainTextEdit] = {}
        self.traps: dict[str, QCheckBox] = {}
        self.hints: dict[str, QLabel] = {}
        self._build()

    # -- building ------------------------------------------------------------------------

    def _label(self, text: str, name: str = "formHint") -> QLabel:
        label = QLabel(text, self.body)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _text(self, name: str, lines: int, accessible: str, hint: str = "") -> NotesEdit:
        edit = NotesEdit(lines, self.body)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(hint)
        edit.textChanged.connect(lambda n=name: self._emit(n))
        self.texts[name] = edit
        return edit

    def _build(self) -> None:
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("thoughtToggle")
        self.toggle.setText(self.tr("Work through the thought behind it"))
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setAccessibleName(self.tr("Thought record"))
        self.intro = QLabel(thought_words("intro", "closed"), self)
        self.intro.setObjectName("formHint")
        self.intro.setWordWrap(True)
        self.body = QWidget(self)
        self.body.setObjectName("thoughtBody")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 0, 16, 24)
        outer.setSpacing(6)
        outer.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addWidget(self.intro)
        outer.addWidget(self.body)
        self.toggle.toggled.connect(self._toggled)

        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        heading = self._heading
        column.addWidget(heading(self.tr("1 · The thought")))
        column.addWidget(self._label(thought_words("prompts", "thought")))
        column.addWidget(self._text("thought", 3, self.tr("The automatic thought"),
                                    thought_words("prompts", "thought_hint")))

        column.addWidget(heading(self.tr("2 · How it feels")))
        column.addWidget(self._label(thought_words("prompts", "emotions")))
        self.emotions = EmotionsEditor(emotion_choices(), self.body)
        self.emotions.changed.connect(lambda: self._emit("emotions"))
        column.addWidget(self.emotions)

        column.addWidget(heading(self.tr("3 · Thinking traps")))
        column.addWidget(self._label(thought_words("prompts", "traps")))
        for trap in trap_registry():
            box = QCheckBox(trap.label, self.body)
            box.setObjectName(f"trap-{trap.key}")
            box.setAccessibleName(trap.label)
            box.setAccessibleDescription(trap.explains)
            box.toggled.connect(lambda _on: self._emit("traps"))
            explains = self._label(trap.explains)
            explains.setContentsMargins(24, 0, 0, 0)
            hint = self._label("", "trapHint")
            hint.setContentsMargins(24, 0, 0, 0)
            hint.setVisible(False)
            column.addWidget(box)
            column.addWidget(explains)
            column.addWidget(hint)
            self.traps[trap.key], self.hints[trap.key] = box, hint

        column.addWidget(heading(self.tr("4 · Evidence for the thought")))
        column.addWidget(self._label(thought_words("prompts", "evidence_for")))
        column.addWidget(self._text("evidence_for", 4, self.tr("Evidence for the thought")))
        column.addWidget(heading(self.tr("5 · Evidence against it")))
        column.addWidget(self._label(thought_words("prompts", "evidence_against")))
        column.addWidget(self._text("evidence_against", 5, self.tr("Evidence against it")))

        column.addWidget(heading(self.tr("6 · A balanced thought")))
        column.addWidget(self._label(thought_words("prompts", "balanced")))
        self.prompt = QLabel(self.body)
        self.prompt.setObjectName("thoughtPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setFrameShape(QFrame.Shape.StyledPanel)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.prompt.setAccessibleName(self.tr("A prompt from the reframe"))
        balanced = self._text("balanced", 4, self.tr("Your balanced thought"),
                              self.tr("In your words, holding both columns"))
        self.balanced_row = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.balanced_row.setSpacing(10)
        self.balanced_row.addWidget(self.prompt, 2)
        self.balanced_row.addWidget(balanced, 3)
        column.addLayout(self.balanced_row)

        column.addWidget(heading(self.tr("7 · How it feels now")))
        column.addWidget(self._label(thought_words("prompts", "after")))
        self.rerate = RerateList(self.emotions, self.body)
        self.rerate.changed.connect(lambda: self._emit("emotions"))
        column.addWidget(self.rerate)
        self.body.setVisible(False)

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text, self.body)
        label.setObjectName("sectionTitle")
        return label

    # -- showing -----------------------------------------------------------------------------

    def is_open(self) -> bool:
        return self.toggle.isChecked()

    def set_open(self, shown: bool) -> None:
        self.toggle.setChecked(shown)

    def _toggled(self, shown: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.intro.setText(thought_words("intro", "open" if shown else "closed"))
        self.body.setVisible(shown)
        self.opened.emit(shown)

    def set_available(self, available: bool, why: str = "") -> None:
        """Only a saved rejection can have a thought record (it is kept with it)."""
        self.toggle.setEnabled(available)
        self.toggle.setToolTip("" if available else why)
        if not available:
            self.set_open(False)
            self.intro.setText(why or thought_words("intro", "closed"))
        else:
            self.intro.setText(thought_words("intro", "open" if self.is_open() else "closed"))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE
        self.balanced_row.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                       else QBoxLayout.Direction.TopToBottom)

    # -- values ------------------------------------------------------------------------------

    def value(self, name: str) -> Any:
        if name in TEXTS:
            return self.texts[name].toPlainText()
        if name == "emotions":
            return self.emotions.emotions()
        if name == "traps":
            return tuple(k for k, box in self.traps.items() if box.isChecked())
        raise KeyError(name)

    def load(self, thought: str = "", emotions: Sequence[Emotion] = (),
             traps: Sequence[str] = (), **texts: str) -> None:
        """Show a record (or an empty one with prefilled evidence); emits nothing."""
        self._loading = True
        try:
            self.texts["thought"].setPlainText(thought)
            for name in TEXTS[1:]:
                self.texts[name].setPlainText(texts.get(name, ""))
            self.emotions.set_emotions(emotions)
            for key, box in self.traps.items():
                box.setChecked(key in traps)
            self.rerate.rebuild()
        finally:
            self._loading = False

    def set_text(self, name: str, text: str) -> None:
        """Replace one text without it counting as typed (a prefill that follows)."""
        self._loading = True
        try:
            self.texts[name].setPlainText(text)
        finally:
            self._loading = False

    def show_suggestions(self, hints: Sequence[TrapHint]) -> None:
        given = {h.trap: h.words for h in hints}
        for key, label in self.hints.items():
            words = given.get(key)
            label.setText(self.tr("Your words suggest it: “{0}”").format(words) if words
                          else "")
            label.setVisible(bool(words))

    def show_prompt(self, headline: str, question: str) -> None:
        """The reframe shown beside the balanced thought: a prompt, never the answer."""
        if not headline:
            self.prompt.setText(self.tr("The reframe for this rejection will be here as a "
                                        "prompt once your evidence has been looked through."))
            return
        lines = [self.tr("The reframe beside your evidence says:"), f"“{headline}”"]
        if question:
            lines += ["", question]
        self.prompt.setText("\n".join(lines))

    def _emit(self, name: str) -> None:
        if not self._loading:
            self.changed.emit(name)
