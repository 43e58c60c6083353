"""The list side of the Rejections page (layout only): every rejection with its sting before →
after, filters, "Log rejection", and the Practice list beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.rejections.categories import CATEGORY_LABELS
from trackrecord.core.rejections.stages import STAGE_LABELS
from trackrecord.ui.rejections.list_model import (
    COLUMNS,
    RejectionListModel,
    category_label,
    stage_label,
)
from trackrecord.ui.rejections.practice_panel import PracticePanel


class RejectionOverview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Rejections"), self)
        title.setObjectName("pageTitle")
        intro = QLabel(self.tr(
            "Every no, next to the evidence that answers it. One interview is one snapshot, "
            "on one day, for one team."
        ), self)
        intro.setObjectName("pageText")
        intro.setWordWrap(True)
        self.reframes_button = QPushButton(self.tr("Your own reframes…"), self)
        self.reframes_button.setAccessibleName(self.tr("Your own reframes"))
        self.log_button = QPushButton(self.tr("Log rejection"), self)
        self.log_button.setObjectName("primaryButton")
        self.log_button.setAccessibleName(self.tr("Log rejection"))
        self.log_button.setToolTip(self.tr("Log a rejection (Ctrl+Shift+R)"))
        self.log_button.setDefault(True)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search company or role"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search rejections"))
        for button in self.search.findChildren(QToolButton):  # the built-in clear button
            button.setAccessibleName(self.tr("Clear search"))
        self.category = QComboBox(self)
        self.category.setAccessibleName(self.tr("Filter by kind of no"))
        self.category.addItem(self.tr("Every kind of no"), "")
        for code in CATEGORY_LABELS:
            self.category.addItem(category_label(code), code)
        self.stage = QComboBox(self)
        self.stage.setAccessibleName(self.tr("Filter by stage"))
        self.stage.addItem(self.tr("Every stage"), "")
        for code in STAGE_LABELS:
            self.stage.addItem(stage_label(code), code)

        self.model = RejectionListModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("rejectionTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Rejections"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setFrameShape(QFrame.Shape.NoFrame)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(36)
        self.table.verticalHeader().setAccessibleName(self.tr("Row numbers"))
        header = self.table.horizontalHeader()
        header.setAccessibleName(self.tr("Columns"))
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, name in enumerate(COLUMNS):
            mode = (QHeaderView.ResizeMode.Stretch if name in ("company", "role")
                    else QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(column, mode)
        # Fit columns to the first rows only: measuring every rejection would cost seconds
        # at start-up for a long log, and the short columns are alike all the way down.
        header.setResizeContentsPrecision(50)
        self.table.setToolTip(self.tr("Click a rejection to open it"))
        self.empty = QLabel(self)
        self.empty.setObjectName("editorHint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty.setMargin(32)
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)

        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.reframes_button)
        top.addWidget(self.log_button)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.category)
        filters.addWidget(self.stage)

        list_pane = QWidget(self)
        left = QVBoxLayout(list_pane)
        left.setContentsMargins(20, 16, 12, 12)
        left.setSpacing(10)
        left.addLayout(top)
        left.addWidget(intro)
        left.addSpacing(4)
        left.addLayout(filters)
        left.addWidget(self.list_stack, 1)

        self.practice = PracticePanel(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("rejectionsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(list_pane)
        self.splitter.addWidget(self.practice)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 420])
        list_pane.setMinimumWidth(420)
        self.practice.setMinimumWidth(260)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        QWidget.setTabOrder(self.log_button, self.search)
        QWidget.setTabOrder(self.search, self.category)
        QWidget.setTabOrder(self.category, self.stage)
        QWidget.setTabOrder(self.stage, self.table)

    def show_empty(self, text: str) -> None:
        """An empty list says why, and what to do, instead of showing a blank table."""
        self.empty.setText(text)
        self.list_stack.setCurrentWidget(self.empty if text else self.table)
