"""Goals and review cycles, each in its own list, with a form to add one and a button to
remove one. Goals show the entries that served them (linked from the entry editor)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.errors import TrackRecordError
from trackrecord.core.goals.data import GOAL_PERIODS, PERIOD_LABELS, period_range
from trackrecord.core.goals.service import CycleService, GoalService
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store
from trackrecord.ui.widgets.accessibility import name_buttons
from trackrecord.ui.widgets.fields import ErrorLabel

ID_ROLE = Qt.ItemDataRole.UserRole


def _date_edit(parent: QWidget, name: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    return edit


class GoalsDialog(QDialog):
    changed = Signal()  # goals or cycles were added or removed

    def __init__(self, store: Store, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.setObjectName("goalsDialog")
        self.setWindowTitle(self.tr("Goals and review cycles"))
        self._goals, self._cycles = GoalService(store), CycleService(store)
        self._entries = EntryService(store)
        self._today = today()
        layout = QVBoxLayout(self)
        layout.addWidget(self._heading(self.tr("Goals")))
        layout.addWidget(QLabel(self.tr("What you are aiming for in a period. Link entries to "
                                        "the goals they served from the entry editor; the "
                                        "brag document lists each goal first."), self))
        self.goal_list = self._tree((self.tr("Goal"), self.tr("Period"), self.tr("Entries")))
        self.goal_list.setAccessibleName(self.tr("Goals"))
        layout.addWidget(self.goal_list, 2)
        layout.addLayout(self._goal_form())
        layout.addWidget(self._heading(self.tr("Review cycles")))
        layout.addWidget(QLabel(self.tr("Your performance reviews: the brag document, the "
                                        "insights and the review deck can be scoped to one, "
                                        "or to everything since the last."), self))
        self.cycle_list = self._tree((self.tr("Review cycle"), self.tr("From"), self.tr("To")))
        self.cycle_list.setAccessibleName(self.tr("Review cycles"))
        layout.addWidget(self.cycle_list, 1)
        layout.addLayout(self._cycle_form())
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        for label in self.findChildren(QLabel):
            label.setWordWrap(True)
        self.resize(720, 640)
        name_buttons(self)
        self.refresh()

    # -- building ------------------------------------------------------------------------

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("sectionTitle")
        return label

    def _tree(self, headers: tuple[str, ...]) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setHeaderLabels(list(headers))
        tree.setRootIsDecorated(headers[0] == self.tr("Goal"))  # (goals hold entries)
        tree.setColumnWidth(0, 360)
        return tree

    def _goal_form(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.goal_title = QLineEdit(self)
        self.goal_title.setAccessibleName(self.tr("New goal"))
        self.goal_title.setPlaceholderText(self.tr("e.g. Lead a cross-team project"))
        self.goal_period = QComboBox(self)
        self.goal_period.setAccessibleName(self.tr("Goal period"))
        labels = {"this-year": self.tr("This year"), "h1": self.tr("H1 (January to June)"),
                  "h2": self.tr("H2 (July to December)"), "next-year": self.tr("Next year"),
                  "custom": self.tr("Custom range")}
        for key in GOAL_PERIODS:
            self.goal_period.addItem(labels.get(key, PERIOD_LABELS[key]), key)
        year_start = self._today.replace(month=1, day=1)
        self.goal_since = _date_edit(self, self.tr("Goal from"), year_start)
        self.goal_until = _date_edit(self, self.tr("Goal to"), self._today.replace(month=12,
                                                                                   day=31))
        self.add_goal_button = QPushButton(self.tr("Add goal"), self)
        self.remove_goal_button = QPushButton(self.tr("Remove"), self)
        for widget in (self.goal_title, self.goal_period, self.goal_since, self.goal_until,
                       self.add_goal_button, self.remove_goal_button):
            row.addWidget(widget, 1 if widget is self.goal_title else 0)
        self.goal_period.currentIndexChanged.connect(self._sync_period)
        self.goal_title.returnPressed.connect(self.add_goal)
        self.add_goal_button.clicked.connect(self.add_goal)
        self.remove_goal_button.clicked.connect(self.remove_goal)
        self._sync_period()
        return row

    def _cycle_form(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.cycle_name = QLineEdit(self)
        self.cycle_name.setAccessibleName(self.tr("New review cycle"))
        self.cycle_name.setPlaceholderText(self.tr("e.g. {0} mid-year").format(self._today.year))
        self.cycle_since = _date_edit(self, self.tr("Cycle from"),
                                      self._today.replace(month=1, day=1))
        self.cycle_until = _date_edit(self, self.tr("Cycle to"),
                                      self._today.replace(month=6, day=30))
        self.add_cycle_button = QPushButton(self.tr("Add cycle"), self)
        self.remove_cycle_button = QPushButton(self.tr("Remove"), self)
        for widget in (self.cycle_name, self.cycle_since, self.cycle_until,
                       self.add_cycle_button, self.remove_cycle_button):
            row.addWidget(widget, 1 if widget is self.cycle_name else 0)
        self.cycle_name.returnPressed.connect(self.add_cycle)
        self.add_cycle_button.clicked.connect(self.add_cycle)
        self.remove_cycle_button.clicked.connect(self.remove_cycle)
        return row

    def _sync_period(self) -> None:
        custom = self.goal_period.currentData() == "custom"
        self.goal_since.setVisible(custom)
        self.goal_until.setVisible(custom)

    # -- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        titles = {e.id: e.title for e in self._entries.list()}
        self.goal_list.clear()
        for goal in self._goals.list():
            item = QTreeWidgetItem([goal.title, goal.period, str(len(goal.entry_ids))])
            item.setData(0, ID_ROLE, goal.id)
            for entry_id in goal.entry_ids:
                item.addChild(QTreeWidgetItem([titles.get(entry_id, entry_id), "", ""]))
            self.goal_list.addTopLevelItem(item)
        self.goal_list.expandAll()
        self.cycle_list.clear()
        for cycle in self._cycles.list():
            item = QTreeWidgetItem([cycle.name, cycle.start_date.isoformat(),
                                    cycle.end_date.isoformat()])
            item.setData(0, ID_ROLE, cycle.id)
            self.cycle_list.addTopLevelItem(item)

    # -- changing ------------------------------------------------------------------------

    def _do(self, act: Callable[[], object]) -> bool:
        try:
            act()
        except TrackRecordError as exc:
            self.error.show_message(str(exc))
            return False
        self.error.show_message("")
        self.refresh()
        self.changed.emit()
        return True

    def add_goal(self) -> None:
        period = self.goal_period.currentData()
        if period == "custom":
            start, end = self.goal_since.date().toPython(), self.goal_until.date().toPython()
        else:
            start, end = period_range(period, self._today)
        if self._do(lambda: self._goals.add(self.goal_title.text(), start, end)):
            self.goal_title.clear()

    def remove_goal(self) -> None:
        item = self.goal_list.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        if item is not None:
            goal_id = str(item.data(0, ID_ROLE))
            self._do(lambda: self._goals.delete(goal_id))

    def add_cycle(self) -> None:
        start, end = self.cycle_since.date().toPython(), self.cycle_until.date().toPython()
        if self._do(lambda: self._cycles.add(self.cycle_name.text(), start, end)):
            self.cycle_name.clear()

    def remove_cycle(self) -> None:
        item = self.cycle_list.currentItem()
        if item is not None:
            cycle_id = str(item.data(0, ID_ROLE))
            self._do(lambda: self._cycles.delete(cycle_id))
