"""The entry editor's "Served goals" button: a menu of the goals whose period meets the
entry's dates (and any it is linked to), each ticked when the entry served it. A tick
links at once; there is nothing to save."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from trackrecord.core.errors import TrackRecordError
from trackrecord.core.goals.service import GoalService
from trackrecord.core.record.data import EntryData


class EntryGoalsButton(QToolButton):
    message = Signal(str)
    manage_requested = Signal()

    def __init__(self, goals: GoalService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryGoals")
        self.setAccessibleName(self.tr("Goals this entry served"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._goals = goals
        self._entry: EntryData | None = None
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.menu_.aboutToShow.connect(self._fill)
        self.show_entry(None)

    def show_entry(self, entry: EntryData | None) -> None:
        self._entry = entry
        self.setEnabled(entry is not None)
        self._label()

    def _label(self) -> None:
        served: set[str] = set()
        if self._entry is not None:
            try:
                served = self._goals.goals_of(self._entry.id)
            except TrackRecordError:
                served = set()
        self.setText((self.tr("1 goal") if len(served) == 1
                      else self.tr("{0} goals").format(len(served))) if served
                     else self.tr("No goal yet"))

    def _fill(self) -> None:
        self.menu_.clear()
        entry = self._entry
        if entry is None:
            return
        try:
            goals = self._goals.list()
            served = self._goals.goals_of(entry.id)
        except TrackRecordError as exc:
            self.message.emit(str(exc))
            return
        end = entry.end_date or dt.date.max
        near = [g for g in goals if g.id in served or (
            g.start_date <= end and g.end_date >= entry.start_date)]
        for goal in near:
            action = self.menu_.addAction(f"{goal.title} ({goal.period})")
            action.setCheckable(True)
            action.setChecked(goal.id in served)
            action.toggled.connect(lambda on, gid=goal.id: self._link(gid, on))
        if not near:
            none = self.menu_.addAction(self.tr("No goal for these dates"))
            none.setEnabled(False)
        self.menu_.addSeparator()
        self.menu_.addAction(self.tr("Goals and review cycles…"), self.manage_requested.emit)

    def _link(self, goal_id: str, served: bool) -> None:
        if self._entry is None:
            return
        try:
            self._goals.link(self._entry.id, goal_id, served)
        except TrackRecordError as exc:
            self.message.emit(str(exc))
        self._label()
