"""The Practice list: habits kept from reframes and debriefs, and the person's own. Tick one off
when it has become automatic; add your own; remove what no longer fits."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.errors import NotFoundError, StorageError, ValidationError
from trackrecord.core.rejections.service import PracticeItemData, RejectionService
from trackrecord.ui.support.autosave import sentence

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class PracticePanel(QWidget):
    """Layout only; the PracticeController fills it and acts on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practicePanel")
        title = QLabel(self.tr("Practice list"), self)
        title.setObjectName("columnTitle")
        intro = QLabel(self.tr(
            "Habits that carry across any interview, kept from your reframes and debriefs. "
            "Tick one off when it has become automatic."
        ), self)
        intro.setObjectName("columnIntro")
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("practiceList")
        self.list.setAccessibleName(self.tr("Practice list"))
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Long habits wrap to the panel's width instead of scrolling sideways.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.empty = QLabel(self.tr(
            "Nothing to practise yet. Keep a habit from a reframe, or add your own below."
        ), self)
        self.empty.setObjectName("editorHint")
        self.empty.setWordWrap(True)
        self.new_item = QLineEdit(self)
        self.new_item.setPlaceholderText(self.tr("Add your own, e.g. narrate while I code"))
        self.new_item.setAccessibleName(self.tr("New practice item"))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setAccessibleName(self.tr("Add practice item"))
        self.remove_button = QPushButton(self.tr("Remove selected"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the selected practice item"))
        self.remove_button.setEnabled(False)
        self.remove_action = QAction(self.tr("Remove practice item"), self.list)
        self.remove_action.setShortcut(Qt.Key.Key_Delete)
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.list.addAction(self.remove_action)

        add_row = QHBoxLayout()
        add_row.setSpacing(8)
        add_row.addWidget(self.new_item, 1)
        add_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(add_row)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)

    def item_texts(self, *, done: bool | None = None) -> list[str]:
        out = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            ticked = item.checkState() == Qt.CheckState.Checked
            if done is None or ticked == done:
                out.append(item.text())
        return out


class PracticeController(QObject):
    message = Signal(str)

    def __init__(
        self, service: RejectionService, panel: PracticePanel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._panel = panel
        self._filling = False
        panel.add_button.clicked.connect(self.add)
        panel.new_item.returnPressed.connect(self.add)
        panel.remove_button.clicked.connect(self.remove_selected)
        panel.remove_action.triggered.connect(self.remove_selected)
        panel.list.itemChanged.connect(self._on_item_changed)
        panel.list.currentRowChanged.connect(
            lambda row: panel.remove_button.setEnabled(row >= 0)
        )

    def refresh(self) -> None:
        try:
            items = self._service.practice_items()
            companies = {r.id: r.company for r in self._service.list()}
        except StorageError as exc:
            self.message.emit(sentence(str(exc)))
            return
        panel = self._panel
        self._filling = True
        try:
            panel.list.clear()
            for item in items:
                panel.list.addItem(self._item(item, companies.get(item.rejection_id or "")))
        finally:
            self._filling = False
        panel.empty.setVisible(not items)
        panel.remove_button.setEnabled(panel.list.currentRow() >= 0)

    def _item(self, data: PracticeItemData, company: str | None) -> QListWidgetItem:
        item = QListWidgetItem(data.text)
        item.setData(ID_ROLE, data.id)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if data.done else Qt.CheckState.Unchecked)
        self._style(item, data.done)
        where = self.tr("Kept from {0}").format(company) if company else self.tr("Your own")
        item.setToolTip(where)
        return item

    @staticmethod
    def _style(item: QListWidgetItem, done: bool) -> None:
        font = QFont(item.font())
        font.setStrikeOut(done)
        item.setFont(font)

    def add(self) -> None:
        text = self._panel.new_item.text().strip()
        if not text:
            return
        try:
            self._service.add_practice(text)
        except (ValidationError, StorageError) as exc:
            self.message.emit(sentence(str(exc)))
            return
        self._panel.new_item.clear()
        self.refresh()

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        done = item.checkState() == Qt.CheckState.Checked
        try:
            self._service.complete_practice(str(item.data(ID_ROLE)), done)
        except (NotFoundError, StorageError) as exc:
            self.message.emit(sentence(str(exc)))
            self.refresh()
            return
        self._filling = True
        try:
            self._style(item, done)
        finally:
            self._filling = False
        if done:
            self.message.emit(self.tr("Marked as practised."))

    def remove_selected(self) -> None:
        item = self._panel.list.currentItem()
        if item is None:
            return
        try:
            self._service.delete_practice(str(item.data(ID_ROLE)))
        except (NotFoundError, StorageError) as exc:
            self.message.emit(sentence(str(exc)))
        self.refresh()
