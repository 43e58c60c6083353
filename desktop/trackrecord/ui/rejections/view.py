"""One rejection, new or saved (layout only): the form on the left, the person's evidence in
the middle and the reframe on the right, all three in view at once.

Two scroll areas, not three: the form scrolls on its own (it is long, and you type in it),
the evidence and the reframe scroll together, side by side, as one answer to it. Three
scroll bars side by side at 1280x720 were hard to read and to aim at."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trackrecord.ui.rejections.cards import EvidenceColumn
from trackrecord.ui.rejections.form import RejectionForm
from trackrecord.ui.rejections.reframe_card import ReframeCard
from trackrecord.ui.rejections.thought_form import ThoughtForm


def _scroll(widget: QWidget, parent: QWidget, name: str) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    area.setAccessibleName(name)
    return area


class RejectionView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rejectionView")
        self.back = QToolButton(self)
        self.back.setObjectName("backButton")
        self.back.setText(self.tr("‹ All rejections"))
        self.back.setAccessibleName(self.tr("Back to all rejections"))
        self.title = QLabel(self)
        self.title.setObjectName("rejectionTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.shown_as = QLabel(self)
        self.shown_as.setObjectName("shownAs")
        self.shown_as.setTextFormat(Qt.TextFormat.PlainText)
        self.refresh = QPushButton(self.tr("Refresh against today's track record"), self)
        self.refresh.setAccessibleName(self.tr("Refresh evidence and reframe against today's "
                                          "track record"))
        self.refresh.setToolTip(self.tr("Look through your track record as it is now, and keep "
                                   "the new evidence and reframe with this rejection"))

        header = QHBoxLayout()
        header.setContentsMargins(12, 10, 16, 6)
        header.setSpacing(12)
        header.addWidget(self.back)
        header.addWidget(self.title, 1)
        header.addWidget(self.shown_as)
        header.addWidget(self.refresh)

        self.form = RejectionForm(self)
        self.form.setObjectName("rejectionForm")
        self.evidence = EvidenceColumn(self)
        self.reframe = ReframeCard(self)
        reframe_pane = QWidget(self)
        reframe_pane.setObjectName("reframePane")
        pane = QVBoxLayout(reframe_pane)
        pane.setContentsMargins(8, 12, 16, 24)
        pane.addWidget(self.reframe)
        pane.addStretch(1)

        self.answer = QWidget(self)
        self.answer.setObjectName("rejectionAnswer")
        answer = QHBoxLayout(self.answer)
        answer.setContentsMargins(0, 0, 0, 0)
        answer.setSpacing(0)
        answer.addWidget(self.evidence, 4)
        answer.addWidget(reframe_pane, 5)
        self.evidence.setMinimumWidth(240)
        reframe_pane.setMinimumWidth(280)

        # The thought record, tucked away under the form until wanted.
        self.thought = ThoughtForm(self)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.form)
        column.addWidget(self.thought)
        column.addStretch(1)
        self.form_scroll = _scroll(left, self, self.tr("Rejection details"))
        self.answer_scroll = _scroll(self.answer, self, self.tr("Your evidence and a reframe"))
        self.form_scroll.setMinimumWidth(320)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("rejectionSplitter")
        self.splitter.setChildrenCollapsible(False)
        for area in (self.form_scroll, self.answer_scroll):
            self.splitter.addWidget(area)
        for index, stretch in enumerate((4, 9)):
            self.splitter.setStretchFactor(index, stretch)
        self.splitter.setSizes([400, 860])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)

    def scroll_to_sting_after(self) -> None:
        self.form_scroll.ensureWidgetVisible(self.form.after_hint, 20, 40)
        self.form_scroll.ensureWidgetVisible(self.form.sting_after, 20, 40)
