"""Choosing the interview to prepare for: the saved ones, and a form for a new one.

Layout only, plus reading and filling the form; ``ReviewController`` saves and opens decks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.review.deck import when_text
from trackrecord.core.review.interviews import PREPARABLE_STAGES, InterviewData
from trackrecord.ui.rejections.list_model import stage_label
from trackrecord.ui.widgets.fields import DateEdit

ID_ROLE = Qt.ItemDataRole.UserRole + 1
STAGE_COLUMNS = 3


class InterviewForm(QWidget):
    open_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self.tr("A new interview"), self)
        self.heading.setObjectName("pageTitle")
        self.company = QLineEdit(self)
        self.company.setPlaceholderText(self.tr("optional, e.g. Northwind"))
        self.role = QLineEdit(self)
        self.role.setPlaceholderText(self.tr("optional, e.g. Staff engineer"))
        self.has_date = QCheckBox(self.tr("I know the date"), self)
        self.date = DateEdit(self)
        self.date.setAccessibleName(self.tr("Interview date"))
        self.has_date.toggled.connect(self.date.setEnabled)
        date_row = QHBoxLayout()
        date_row.addWidget(self.has_date)
        date_row.addWidget(self.date)
        date_row.addStretch(1)
        self.stages: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for index, stage in enumerate(PREPARABLE_STAGES):
            box = QCheckBox(stage_label(stage), self)
            box.setAccessibleName(stage_label(stage))
            self.stages[stage] = box
            grid.addWidget(box, index // STAGE_COLUMNS, index % STAGE_COLUMNS)
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText(
            self.tr("Who you are meeting, what they said the rounds are…"))
        self.notes.setMaximumHeight(90)
        self.notes.setAccessibleName(self.tr("Notes about this interview"))
        self.notes.setTabChangesFocus(True)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open the deck"), self)
        self.open_button.setDefault(True)
        self.open_button.setAutoDefault(True)
        self.delete_button = QPushButton(self.tr("Delete this interview"), self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, field, name in (
            (self.tr("Company"), self.company, self.tr("Company")),
            (self.tr("Role"), self.role, self.tr("Role")),
        ):
            field.setAccessibleName(name)
            form.addRow(label, field)
        form.addRow(self.tr("When"), date_row)
        form.addRow(self.tr("Stages"), grid)
        form.addRow(self.tr("Notes"), self.notes)
        self.form_layout = form  # (the controller adds the review-cycle choice)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.open_button.clicked.connect(self.open_requested)
        self.delete_button.clicked.connect(self.delete_requested)
        self.company.returnPressed.connect(self.open_requested)
        self.role.returnPressed.connect(self.open_requested)

    def show_interview(self, interview: InterviewData | None, today: dt.date) -> None:
        self.heading.setText(self.tr("Your interview") if interview else self.tr("A new interview"))
        self.company.setText(interview.company if interview else "")
        self.role.setText(interview.role if interview else "")
        date = interview.date if interview else None
        self.has_date.setChecked(date is not None)
        self.date.setEnabled(date is not None)
        self.date.setDate(QDate(date or today + dt.timedelta(days=1)))
        chosen = set(interview.stages) if interview else set()
        for stage, box in self.stages.items():
            box.setChecked(stage in chosen)
        self.notes.setPlainText(interview.notes if interview else "")
        self.delete_button.setVisible(interview is not None)
        self.error.clear()

    def values(self) -> dict[str, Any]:
        return {
            "company": self.company.text(),
            "role": self.role.text(),
            "date": self.date.date().toPython() if self.has_date.isChecked() else None,
            "stages": [s for s, box in self.stages.items() if box.isChecked()],
            "notes": self.notes.toPlainText(),
        }


class ReviewSetup(QWidget):
    """Saved interviews on the left, the form in the middle, the practice log on the right."""

    new_requested = Signal()
    selected = Signal(object)  # the interview id, or None for a new one

    def __init__(self, practice: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(self.tr("Before the interview"), self)
        heading.setObjectName("pageTitle")
        intro = QLabel(self.tr("Pick an interview, or add one, and open its deck: your strongest "
                          "evidence for each stage, stories for likely questions, what you are "
                          "practising, and a checklist for the evening before."), self)
        intro.setObjectName("pageText")
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("interviewList")
        self.list.setAccessibleName(self.tr("Your interviews"))
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        # With no interviews saved, words in place of a blank box.
        self.empty = QLabel(self.tr(
            "No interviews yet. Fill in the form beside this (the stages are enough) and "
            "open its deck; it is kept here for the evening before."), self)
        self.empty.setObjectName("pageText")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.list)
        self.list_stack.addWidget(self.empty)
        self.new_button = QPushButton(self.tr("New interview"), self)
        self.form = InterviewForm(self)

        left = QVBoxLayout()
        left.addWidget(heading)
        left.addWidget(intro)
        left.addWidget(self.list_stack, 1)
        left.addWidget(self.new_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(24)
        layout.addLayout(left, 3)
        layout.addWidget(self.form, 4)
        layout.addWidget(practice, 3)
        self.new_button.clicked.connect(self.new_requested)
        self.list.currentItemChanged.connect(self._changed)

    def show_list(self, interviews: list[InterviewData], today: dt.date,
                  select: str | None) -> None:
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for interview in interviews:
                when = when_text(interview.date, today) or self.tr("No date yet")
                past = interview.date is not None and interview.date < today
                item = QListWidgetItem(f"{when}{self.tr(' (past)') if past else ''}\n"
                                       f"{interview.title}")
                item.setData(ID_ROLE, interview.id)
                self.list.addItem(item)
                if interview.id == select:
                    self.list.setCurrentItem(item)
        finally:
            self.list.blockSignals(False)
        self.list_stack.setCurrentWidget(self.list if interviews else self.empty)

    def _changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        self.selected.emit(str(current.data(ID_ROLE)) if current is not None else None)
