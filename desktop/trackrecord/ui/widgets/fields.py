"""Small input widgets the entry editor is built from."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

DATE_FORMAT = "yyyy-MM-dd"  # unambiguous in every locale, and what the CLI takes


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def split_tags(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class DateEdit(QDateEdit):
    """A date field that Tab moves out of, like every other field.

    QDateEdit's Tab walks its year, month and day first, so a person tabbing on to the next
    field typed into the date instead (feedback landed in the date). The parts are still
    reached with the arrow keys, or by clicking them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        self.setMinimumDate(QDate(1950, 1, 1))

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 (Qt's name)
        return QAbstractSpinBox.focusNextPrevChild(self, next)


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: object) -> str:  # type: ignore[override]
        completion = super().pathFromIndex(index)  # type: ignore[arg-type]
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        if "," not in text:
            return completion
        return f"{text.rsplit(',', 1)[0].rstrip()}, {completion}"


class TagsEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._known = QStringListModel(self)
        completer = TagCompleter(self._known, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.setCompleter(completer)

    def set_known_tags(self, tags: list[str]) -> None:
        self._known.setStringList(tags)

    def tags(self) -> list[str]:
        return split_tags(self.text())


class NotesEdit(QPlainTextEdit):
    """Plain text that is only as tall as asked, and lets Tab move focus, not indent."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        line = self.fontMetrics().lineSpacing()
        margins = int(self.document().documentMargin() * 2) + self.frameWidth() * 2
        self.setFixedHeight(line * lines + margins + 4)


class DateRangeEdit(QWidget):
    """Start date, end date, and "ongoing" for work that has not ended."""

    changed = Signal(str)  # "start_date" or "end_date"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start = self._date_edit()
        self.end = self._date_edit()
        self.ongoing = QCheckBox(self.tr("Ongoing"))
        self.ongoing.setToolTip(self.tr("No end date yet"))
        self.start.setAccessibleName(self.tr("Start date"))
        self.end.setAccessibleName(self.tr("End date"))
        self.ongoing.setAccessibleName(self.tr("Ongoing, no end date"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.start)
        dash = QLabel("–")
        dash.setAccessibleName(self.tr("to"))
        row.addWidget(dash)
        row.addWidget(self.end)
        row.addSpacing(8)
        row.addWidget(self.ongoing)
        row.addStretch(1)
        self.start.dateChanged.connect(lambda _d: self.changed.emit("start_date"))
        self.end.dateChanged.connect(lambda _d: self.changed.emit("end_date"))
        self.ongoing.toggled.connect(self._on_ongoing)

    def _date_edit(self) -> QDateEdit:
        return DateEdit(self)

    def _on_ongoing(self, checked: bool) -> None:
        self.end.setEnabled(not checked)
        self.changed.emit("end_date")

    def set_range(self, start: dt.date, end: dt.date | None) -> None:
        self.start.setDate(to_qdate(start))
        self.ongoing.setChecked(end is None)
        self.end.setEnabled(end is not None)
        self.end.setDate(to_qdate(end if end is not None else start))

    def start_date(self) -> dt.date:
        return from_qdate(self.start.date())

    def end_date(self) -> dt.date | None:
        return None if self.ongoing.isChecked() else from_qdate(self.end.date())


class CollapsibleSection(QWidget):
    """A header button that shows or hides its body (the STAR story is optional)."""

    def __init__(self, title: str, body: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("sectionToggle")
        self.toggle.setText(title)
        self.toggle.setAccessibleName(title)
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.body = body
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle)
        layout.addWidget(body)
        body.setVisible(False)
        self.toggle.toggled.connect(self.set_expanded)

    def set_expanded(self, expanded: bool) -> None:
        if self.toggle.isChecked() != expanded:
            self.toggle.setChecked(expanded)  # re-enters through toggled
            return
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)


class ErrorLabel(QLabel):
    """An inline message under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setVisible(False)

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
