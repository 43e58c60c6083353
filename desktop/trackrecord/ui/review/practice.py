"""The practice log beside the interview list: what to practise next, when you last did, and
a quick way to log a session or add a habit.

Self-contained over ``core.practice_log.PracticeLog``: give it the store and put it anywhere
(the Rejections page may reuse it as it is). It emits ``changed`` after every write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.errors import TrackRecordError
from trackrecord.core.rejections.practice import PracticeLog, PracticeStatus
from trackrecord.core.store.db import Store
from trackrecord.ui.support.autosave import sentence
from trackrecord.ui.widgets.fields import DateEdit

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ReviewPracticePanel(QWidget):
    changed = Signal()
    message = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPractice")
        self._log = PracticeLog(store)
        self._today = today
        self._stages: tuple[str, ...] = ()

        title = QLabel(self.tr("What you are practising"), self)
        title.setObjectName("sectionTitle")
        intro = QLabel(self.tr("From your debriefs and the habits you add. Log a session when you "
                          "practise; the deck puts the one to practise next first."), self)
        intro.setObjectName("pageText")
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("practiceLogList")
        self.list.setAccessibleName(self.tr("Things to practise"))
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setSpacing(4)
        self.empty = QLabel(self.tr("Nothing to practise yet. Add a habit below, or keep the "
                               "practice items from a rejection's debrief."), self)
        self.empty.setObjectName("pageText")
        self.empty.setWordWrap(True)

        self.date = DateEdit(self)
        self.date.setAccessibleName(self.tr("Practice date"))
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("How it went (optional)"))
        self.note.setAccessibleName(self.tr("Practice note"))
        self.log_button = QPushButton(self.tr("Log practice"), self)
        self.log_button.setAccessibleName(self.tr("Log a practice session for the selected item"))
        self.done_button = QPushButton(self.tr("It's automatic now"), self)
        self.done_button.setToolTip(self.tr("Take it off the list: it has become a habit"))
        log_row = QHBoxLayout()
        log_row.addWidget(self.date)
        log_row.addWidget(self.note, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.log_button)
        actions.addStretch(1)
        actions.addWidget(self.done_button)

        self.new_habit = QLineEdit(self)
        self.new_habit.setPlaceholderText(self.tr("A habit to practise, e.g. narrate while I code"))
        self.new_habit.setAccessibleName(self.tr("New habit"))
        self.add_button = QPushButton(self.tr("Add habit"), self)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_habit, 1)
        add_row.addWidget(self.add_button)

        # The list, or the words for an empty one, in one place: the heading, the intro and
        # the empty text stay together at the top instead of spreading down the column.
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.list)
        self.list_stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.list_stack, 1)
        layout.addLayout(log_row)
        layout.addLayout(actions)
        layout.addLayout(add_row)

        self.log_button.clicked.connect(self.log_selected)
        self.done_button.clicked.connect(self.done_selected)
        self.add_button.clicked.connect(self.add_habit)
        self.new_habit.returnPressed.connect(self.add_habit)
        self.list.currentRowChanged.connect(lambda _row: self._sync_enabled())
        self.refresh()

    def set_stages(self, stages: tuple[str, ...]) -> None:
        """Order for this interview: items from debriefs at these stages come first."""
        self._stages = stages
        self.refresh()

    def refresh(self) -> None:
        today = self._today()
        self.date.setDate(QDate(today))
        self.date.setMaximumDate(QDate(today))
        selected = self.selected_id()
        try:
            items = self._log.status(stages=self._stages, today=today)
        except TrackRecordError as exc:
            self.message.emit(sentence(str(exc)))
            return
        self.list.clear()
        for index, status in enumerate(items):
            self.list.addItem(self._item(status, today, first=index == 0))
            if status.id == selected:
                self.list.setCurrentRow(index)
        self.list_stack.setCurrentWidget(self.list if items else self.empty)
        self._sync_enabled()

    def _item(self, status: PracticeStatus, today: dt.date, *, first: bool) -> QListWidgetItem:
        lead = self.tr("Next: ") if first else ""
        parts = [status.last_practised_text(today)]
        if status.sessions:
            parts.append(self.tr("{0} sessions").format(status.sessions) if status.sessions != 1
                         else self.tr("1 session"))
        parts.append(status.source)
        detail = " · ".join(parts)
        item = QListWidgetItem(f"{lead}{status.text}\n{detail}")
        item.setData(ID_ROLE, status.id)
        item.setToolTip(detail)
        return item

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(ID_ROLE)) if item is not None else None

    def _sync_enabled(self) -> None:
        chosen = self.selected_id() is not None
        self.log_button.setEnabled(chosen)
        self.done_button.setEnabled(chosen)

    def _write(self, action: Callable[[], object], said: str) -> bool:
        try:
            action()
        except TrackRecordError as exc:
            self.message.emit(sentence(str(exc)))
            return False
        self.refresh()
        self.message.emit(said)
        self.changed.emit()
        return True

    def log_selected(self) -> None:
        item_id = self.selected_id()
        if item_id is None:
            return
        when: dt.date = self.date.date().toPython()  # type: ignore[assignment]
        note = self.note.text()
        if self._write(lambda: self._log.log(item_id, when, note), self.tr("Practice logged.")):
            self.note.clear()

    def done_selected(self) -> None:
        item_id = self.selected_id()
        if item_id is not None:
            self._write(lambda: self._log.set_done(item_id), self.tr("Off the list. Well done."))

    def add_habit(self) -> None:
        text = self.new_habit.text().strip()
        if text and self._write(lambda: self._log.add_habit(text), self.tr("Habit added.")):
            self.new_habit.clear()
