"""The reframe card: headline, the reframe itself, an honest gap note when the evidence is thin
(with a way to say your track record calls it something else), questions about process, and
habits to practise, each kept onto the Practice list in one click.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.matching.gaps import Gap
from trackrecord.core.rejections.reframe import Reframe
from trackrecord.ui.rejections.cards import bullets, rich, wrapped


def body_html(body: str, leave_out: Collection[str | None] = ()) -> str:
    """The composer's paragraphs ("- " lines are a list) as HTML; ``leave_out`` are paragraphs
    shown elsewhere (the gap note and the process question have their own places)."""
    parts: list[str] = []
    skip = {p.strip() for p in leave_out if p}
    for paragraph in body.split("\n\n"):
        if not paragraph.strip() or paragraph.strip() in skip:
            continue
        lines = paragraph.splitlines()
        items = [line[2:] for line in lines if line.startswith("- ")]
        prose = " ".join(line for line in lines if not line.startswith("- "))
        if prose:
            parts.append(f"<p style='margin:0 0 8px 0'>{rich(prose)}</p>")
        if items:
            parts.append(bullets(items, gap=5))
            parts.append("<p style='margin:0; font-size:5pt'>&nbsp;</p>")
    return "".join(parts)


class _PracticeRow(QWidget):
    keep = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.label = wrapped("", self, "practiceText")
        self.button = QToolButton(self)
        self.button.setObjectName("keepButton")
        self.button.clicked.connect(lambda: self.keep.emit(self.text))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        row.addWidget(self.label, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)

    def show_item(self, text: str, kept: bool) -> None:
        self.text = text
        self.label.setText(text)
        self.set_kept(kept)

    def set_kept(self, kept: bool) -> None:
        self.button.setText(self.tr("Kept ✓") if kept else self.tr("Keep"))
        self.button.setEnabled(not kept)
        what = self.tr("On your practice list: {0}") if kept else self.tr("Keep to practise: {0}")
        self.button.setAccessibleName(what.format(self.text))
        self.button.setToolTip(
            self.tr("It is on your Practice list") if kept
            else self.tr("Add this to your Practice list on the Rejections page")
        )


class SynonymRow(QWidget):
    """"Your track record calls fintech something else?": other words for a gap's word."""

    add = Signal(str, str)  # the word, the other words as typed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.word = ""
        self.label = wrapped("", self, "formHint")
        self.edit = QLineEdit(self)
        self.edit.returnPressed.connect(self._add)
        self.button = QToolButton(self)
        self.button.setObjectName("cardButton")
        self.button.setText(self.tr("Add"))
        self.button.clicked.connect(self._add)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.label)
        layout.addLayout(row)

    def show_word(self, word: str) -> None:
        if word != self.word:
            self.edit.clear()
        self.word = word
        self.label.setText(self.tr(
            "Does your track record say \u201c{0}\u201d another way? Add its words:").format(word))
        self.edit.setPlaceholderText(self.tr("other words, separated by commas"))
        self.edit.setAccessibleName(self.tr("Other words for {0}").format(word))
        self.button.setAccessibleName(self.tr("Add other words for {0}").format(word))

    def _add(self) -> None:
        if self.edit.text().strip():
            self.add.emit(self.word, self.edit.text())


class ReframeCard(QFrame):
    keep_practice = Signal(str)
    read = Signal()  # "I have read this": the sting-after slider opens
    add_synonym = Signal(str, str)  # a gap's word, other words for it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reframeCard")
        self.setAccessibleName(self.tr("Reframe"))
        self.reframe: Reframe | None = None
        self.kicker = QLabel(self.tr("A way to read this"), self)
        self.kicker.setObjectName("columnTitle")
        self.headline = wrapped("", self, "reframeHeadline")
        font = QFont(self.headline.font())
        font.setWeight(QFont.Weight.DemiBold)
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.3)
        self.headline.setFont(font)
        self.body = wrapped("", self, "reframeBody", rich_text=True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.gap = QFrame(self)
        self.gap.setObjectName("gapNote")
        gap_title = QLabel(self.tr("Where the evidence is thin"), self.gap)
        gap_title.setObjectName("gapTitle")
        self.gap_text = wrapped("", self.gap, "gapText")
        gap_layout = QVBoxLayout(self.gap)
        gap_layout.setContentsMargins(12, 10, 12, 10)
        gap_layout.setSpacing(4)
        gap_layout.addWidget(gap_title)
        gap_layout.addWidget(self.gap_text)
        self.synonyms: list[SynonymRow] = []
        self._synonyms = QVBoxLayout()
        self._synonyms.setContentsMargins(0, 0, 0, 0)
        gap_layout.addLayout(self._synonyms)

        self.process_title = self._section(self.tr("Ask about process, not verdict"))
        self.process = wrapped("", self, "processQuestion")
        self.questions_title = self._section(self.tr("More questions for your debrief"))
        self.questions = wrapped("", self, "reframeQuestions", rich_text=True)
        self.practice_title = self._section(self.tr("Practise next"))
        self.rows: list[_PracticeRow] = []
        self._practice = QVBoxLayout()
        self._practice.setContentsMargins(0, 0, 0, 0)
        self._practice.setSpacing(8)
        self.read_button = QPushButton(self.tr("I have read this"), self)
        self.read_button.setObjectName("readButton")
        self.read_button.setAccessibleName(self.tr("I have read the reframe"))
        self.read_button.setToolTip(self.tr("Then say how much it stings now, on the left"))
        self.read_button.clicked.connect(self.read.emit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 18)
        layout.setSpacing(10)
        layout.addWidget(self.kicker)
        layout.addWidget(self.headline)
        layout.addWidget(self.body)
        layout.addWidget(self.gap)
        layout.addWidget(self.process_title)
        layout.addWidget(self.process)
        layout.addWidget(self.questions_title)
        layout.addWidget(self.questions)
        layout.addWidget(self.practice_title)
        layout.addLayout(self._practice)
        layout.addSpacing(6)
        layout.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _section(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("sectionTitle")
        return label

    def show_reframe(
        self, reframe: Reframe, kept: Collection[str] = (), gaps: Sequence[Gap] = ()
    ) -> None:
        self.reframe = reframe
        self.headline.setText(reframe.headline)
        # The first question is the process question: it gets a place of its own.
        process, *more = reframe.questions or ("",)
        self.body.setText(body_html(reframe.body, (reframe.gap_note, process)))
        self.gap_text.setText(reframe.gap_note or "")
        self.gap.setVisible(bool(reframe.gap_note))
        words = list(dict.fromkeys(g.missing[0] for g in gaps if g.missing))
        while len(self.synonyms) < len(words):
            row = SynonymRow(self.gap)
            row.add.connect(self.add_synonym.emit)
            self._synonyms.addWidget(row)
            self.synonyms.append(row)
        for row, word in zip(self.synonyms, words, strict=False):
            row.show_word(word)
            row.setVisible(True)
        for row in self.synonyms[len(words):]:
            row.setVisible(False)
        self.process.setText(process)
        self.process_title.setVisible(bool(process))
        self.process.setVisible(bool(process))
        self.questions.setText(bullets(more))
        self.questions_title.setVisible(bool(more))
        self.questions.setVisible(bool(more))
        while len(self.rows) < len(reframe.practice):
            row = _PracticeRow(self)
            row.keep.connect(self.keep_practice.emit)
            self._practice.addWidget(row)
            self.rows.append(row)
        for row, text in zip(self.rows, reframe.practice, strict=False):
            row.show_item(text, text in kept)
            row.setVisible(True)
        for row in self.rows[len(reframe.practice):]:
            row.setVisible(False)
        self.practice_title.setVisible(bool(reframe.practice))

    def mark_kept(self, kept: Collection[str]) -> None:
        for row in self.rows:
            if not row.isHidden():
                row.set_kept(row.text in kept)

    def set_read(self, done: bool) -> None:
        self.read_button.setVisible(not done)

    def practice_rows(self) -> list[_PracticeRow]:
        return [r for r in self.rows if not r.isHidden()]
