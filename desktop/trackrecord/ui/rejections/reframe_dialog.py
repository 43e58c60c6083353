"""Your own reframes: words that help, in your own voice. The composer puts them in the reframe
next to the built-in ones, for every rejection or only for one kind of no or one stage."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.errors import NotFoundError, StorageError, ValidationError
from trackrecord.core.rejections.categories import CATEGORY_LABELS
from trackrecord.core.rejections.reframe import CustomReframe
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.rejections.stages import STAGE_LABELS
from trackrecord.ui.rejections.list_model import category_label, stage_label
from trackrecord.ui.support.autosave import sentence
from trackrecord.ui.widgets.fields import ErrorLabel

ID_ROLE = Qt.ItemDataRole.UserRole + 1
MIN_WIDTH, MIN_HEIGHT = 720, 440


class ReframeDialog(QDialog):
    changed = Signal()  # a reframe was added, changed or deleted

    def __init__(self, service: RejectionService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._editing: str | None = None
        self.setWindowTitle(self.tr("Your own reframes"))
        self.setAccessibleName(self.tr("Your own reframes"))
        intro = QLabel(self.tr(
            "Words that help you, in your own voice: something a mentor told you, or what you "
            "would tell a friend. They appear in the reframe next to ours, for every rejection "
            "or only for one kind of no or one stage."
        ), self)
        intro.setObjectName("columnIntro")
        intro.setWordWrap(True)

        self.list = QListWidget(self)
        self.list.setObjectName("reframeList")
        self.list.setAccessibleName(self.tr("Your reframes"))
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda item, _old: self._load(item))
        self.new_button = QPushButton(self.tr("New"), self)
        self.new_button.setAccessibleName(self.tr("New reframe"))
        self.new_button.clicked.connect(self.start_new)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setAccessibleName(self.tr("Delete this reframe"))
        self.delete_button.clicked.connect(self.delete_current)

        self.headline = QLineEdit(self)
        self.headline.setAccessibleName(self.tr("Reframe headline"))
        self.headline.setPlaceholderText(self.tr("e.g. One interview is one sample"))
        self.body = QPlainTextEdit(self)
        self.body.setAccessibleName(self.tr("Reframe text"))
        self.body.setTabChangesFocus(True)
        self.body.setPlaceholderText(self.tr("What you want to read on a bad day"))
        self.category = QComboBox(self)
        self.category.setAccessibleName(self.tr("Only for this kind of no"))
        self.category.addItem(self.tr("Any kind of no"), None)
        for code in CATEGORY_LABELS:
            self.category.addItem(category_label(code), code)
        self.stage = QComboBox(self)
        self.stage.setAccessibleName(self.tr("Only for this stage"))
        self.stage.addItem(self.tr("Any stage"), None)
        for code in STAGE_LABELS:
            self.stage.addItem(stage_label(code), code)
        self.error = ErrorLabel(self)
        self.save_button = QPushButton(self.tr("Save reframe"), self)
        self.save_button.setDefault(True)
        self.save_button.setAccessibleName(self.tr("Save this reframe"))
        self.save_button.clicked.connect(self.save)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.tr("&Headline"), self.headline)
        form.addRow(self.tr("&Text"), self.body)
        form.addRow(self.tr("&Kind of no"), self.category)
        form.addRow(self.tr("&Stage"), self.stage)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.error)
        right.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        right.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(buttons)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(columns, 1)
        layout.addWidget(close)
        # A fixed floor (as in the main window): no size-hint changes after showing.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        self.resize(MIN_WIDTH + 80, MIN_HEIGHT + 60)
        self.refresh()
        self.start_new()

    # -- listing and editing -------------------------------------------------------------

    def refresh(self, select_id: str | None = None) -> None:
        try:
            reframes = self._service.reframes()
        except StorageError as exc:
            self.error.show_message(sentence(str(exc)))
            return
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for reframe in reframes:
                item = QListWidgetItem(self._describe(reframe))
                item.setData(ID_ROLE, reframe.id)
                self.list.addItem(item)
                if reframe.id == select_id:
                    self.list.setCurrentItem(item)
        finally:
            self.list.blockSignals(False)
        self.delete_button.setEnabled(self.list.currentItem() is not None)

    def _describe(self, reframe: CustomReframe) -> str:
        title = reframe.headline or reframe.body.split("\n", 1)[0]
        if len(title) > 70:
            title = title[:69].rstrip() + "…"
        if reframe.category is None and reframe.stage is None:
            scope = self.tr("for every rejection")
        else:
            scope = " · ".join((
                category_label(reframe.category) if reframe.category else self.tr("any kind"),
                stage_label(reframe.stage) if reframe.stage else self.tr("any stage"),
            ))
        return f"{title}\n{scope}"

    def start_new(self) -> None:
        self._editing = None
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self.headline.clear()
        self.body.setPlainText("")
        self.category.setCurrentIndex(0)
        self.stage.setCurrentIndex(0)
        self.error.show_message("")
        self.save_button.setText(self.tr("Add reframe"))
        self.delete_button.setEnabled(False)
        self.headline.setFocus()

    def _load(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        reframe_id = str(item.data(ID_ROLE))
        found = next((r for r in self._service.reframes() if r.id == reframe_id), None)
        if found is None:
            return
        self._editing = found.id
        self.headline.setText(found.headline)
        self.body.setPlainText(found.body)
        self.category.setCurrentIndex(max(0, self.category.findData(found.category)))
        self.stage.setCurrentIndex(max(0, self.stage.findData(found.stage)))
        self.error.show_message("")
        self.save_button.setText(self.tr("Save changes"))
        self.delete_button.setEnabled(True)

    def save(self) -> None:
        values = {
            "headline": self.headline.text(), "body": self.body.toPlainText(),
            "category": self.category.currentData(), "stage": self.stage.currentData(),
        }
        try:
            if self._editing is None:
                saved = self._service.add_reframe(
                    values.pop("headline"), values.pop("body"), **values
                )
            else:
                saved = self._service.update_reframe(self._editing, **values)
        except (ValidationError, NotFoundError, StorageError) as exc:
            self.error.show_message(sentence(str(exc)))
            return
        self._editing = saved.id
        self.error.show_message("")
        self.save_button.setText(self.tr("Save changes"))
        self.refresh(select_id=saved.id)
        self.changed.emit()

    def delete_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        try:
            self._service.delete_reframe(str(item.data(ID_ROLE)))
        except (NotFoundError, StorageError) as exc:
            self.error.show_message(sentence(str(exc)))
            return
        self.refresh()
        self.start_new()
        self.changed.emit()
