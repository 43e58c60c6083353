"""The Track record page: filters on top, the list and the editor side by side (layout only)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trackrecord.ui.record.editor import EntryEditor
from trackrecord.ui.record.filter_bar import FilterBar
from trackrecord.ui.record.list_model import EntryListModel
from trackrecord.ui.record.list_view import EntryListView
from trackrecord.ui.widgets.notes_preview import UrlOpener


class TrackRecordPage(QWidget):
    def __init__(self, parent: QWidget | None = None, *, open_url: UrlOpener | None = None) -> None:
        super().__init__(parent)
        # A heading like every other page's, and the page's main action beside it.
        title = QLabel(self.tr("Track record"), self)
        title.setObjectName("pageTitle")
        intro = QLabel(self.tr(
            "What you have done: systems you shipped, incidents you solved, people you "
            "mentored, other wins. Every entry saves as you type."), self)
        intro.setObjectName("pageText")
        intro.setWordWrap(True)
        self.new_button = QPushButton(self.tr("New entry"), self)
        self.new_button.setObjectName("primaryButton")
        self.new_button.setToolTip(self.tr("Record something you did (Ctrl+N)"))
        self.new_button.setAccessibleName(self.tr("New entry"))
        header = QWidget(self)
        header.setObjectName("pageHeader")
        head = QVBoxLayout(header)
        head.setContentsMargins(20, 16, 16, 8)
        head.setSpacing(4)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.new_button)
        head.addLayout(top)
        head.addWidget(intro)

        self.filters = FilterBar(self)
        self.model = EntryListModel(self)
        self.list = EntryListView(self)
        self.list.setObjectName("entryList")
        self.list.setModel(self.model)
        self.list.setAccessibleName(self.tr("Entries"))
        self.list.setFrameShape(QFrame.Shape.NoFrame)

        list_pane = QWidget(self)
        list_layout = QVBoxLayout(list_pane)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(0)
        list_layout.addWidget(self.filters)
        list_layout.addWidget(self.list, 1)

        self.editor = EntryEditor(self, open_url=open_url)
        self.editor.setObjectName("entryEditor")
        self.editor_scroll = QScrollArea(self)
        self.editor_scroll.setWidgetResizable(True)
        self.editor_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.editor_scroll.setWidget(self.editor)
        self.editor_scroll.setAccessibleName(self.tr("Entry editor"))

        self.hint = QLabel(self)
        self.hint.setObjectName("editorHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setMargin(32)

        self.right = QStackedWidget(self)
        self.right.addWidget(self.hint)
        self.right.addWidget(self.editor_scroll)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("listEditorSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(list_pane)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([470, 700])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.splitter, 1)

        QWidget.setTabOrder(self.filters.search, self.filters.tag)
        QWidget.setTabOrder(self.filters.tag, self.filters.year)
        chips = list(self.filters.chips.values())
        QWidget.setTabOrder(self.filters.year, chips[0])
        for first, second in zip(chips, chips[1:], strict=False):
            QWidget.setTabOrder(first, second)
        QWidget.setTabOrder(chips[-1], self.list)
        QWidget.setTabOrder(self.list, self.editor.inputs["title"])

    def show_editor(self, visible: bool, hint: str = "") -> None:
        """The editor appears only with an entry to edit; otherwise a hint says why not."""
        self.hint.setText(hint)
        self.right.setCurrentWidget(self.editor_scroll if visible else self.hint)
