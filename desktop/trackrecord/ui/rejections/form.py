"""The form for one rejection (left of the rejection view): every change is reported by the
name of the RejectionData field it touches. It holds no database logic."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.rejections.categories import CATEGORY_LABELS
from trackrecord.core.rejections.data import LONG_TEXT_NAMES, MAX_TEXT
from trackrecord.core.rejections.service import RejectionData
from trackrecord.core.rejections.stages import STAGE_LABELS
from trackrecord.ui.rejections.inputs import DebriefForm, StingSlider
from trackrecord.ui.rejections.list_model import category_label, stage_label
from trackrecord.ui.widgets.fields import DateEdit, ErrorLabel, NotesEdit, from_qdate, to_qdate

ANY_STAGE = "other"  # what the evidence and the reframe are matched for until one is chosen
LINE_FIELDS = ("company", "role", "level")
TEXT_FIELDS = ("feedback", "own_read")


SHOWN_TRIGGER = 60  # characters of a phrase quoted under the category (a label cannot
# wrap a long unbroken string, and would widen the whole form)


LONGEST_WORD = 24


def _short(phrase: str | None) -> str | None:
    if phrase is None:
        return None
    if len(phrase) > SHOWN_TRIGGER:
        phrase = phrase[: SHOWN_TRIGGER - 1].rstrip() + "\u2026"
    # A zero-width space inside a very long "word" lets the label wrap it.
    return " ".join(
        "\u200b".join(w[i : i + LONGEST_WORD] for i in range(0, len(w), LONGEST_WORD))
        for w in phrase.split(" "))


class RejectionForm(QWidget):
    changed = Signal(str)  # a RejectionData field name ("debrief", "sting_after", ...)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.inputs: dict[str, QWidget] = {}
        self._build()
        self.clear()

    # -- building ------------------------------------------------------------------------

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("sectionTitle")
        return label

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: narrow
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(6)
        return form

    def _line(self, name: str, label: str, hint: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(label)
        edit.setPlaceholderText(hint)
        edit.textEdited.connect(lambda _t, n=name: self._emit(n))
        self.inputs[name] = edit
        return edit

    def _text(self, name: str, label: str, lines: int, hint: str) -> NotesEdit:
        edit = NotesEdit(lines, self)
        edit.setAccessibleName(label)
        edit.setPlaceholderText(hint)
        edit.textChanged.connect(lambda n=name: self._text_changed(n))
        self.inputs[name] = edit
        return edit

    def _text_changed(self, name: str) -> None:
        self._check_length(name)
        self._emit(name)

    def _check_length(self, name: str) -> None:
        """Longer than feedback ever is: say so where it was pasted (it is not saved)."""
        length = len(self._text_edit(name).toPlainText())
        label = self.feedback_error if name == "feedback" else self.own_read_error
        if length > MAX_TEXT:
            label.show_message(self.tr(
                "This is {0} characters, more than feedback ever is (at most {1}). Keep the "
                "part that says why; until then it is not saved.").format(
                f"{length:,}", f"{MAX_TEXT:,}"))
        else:
            label.show_message("")

    def too_long(self) -> bool:
        return any(len(self._text_edit(n).toPlainText()) > MAX_TEXT for n in LONG_TEXT_NAMES)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 12, 16, 24)
        outer.setSpacing(12)

        company = self._line("company", self.tr("Company"), self.tr("Who said no"))
        company.setObjectName("companyEdit")
        font = QFont(company.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.2)
        company.setFont(font)
        self.company_error = ErrorLabel(self)
        company_box = QWidget(self)
        box = QVBoxLayout(company_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(company)
        box.addWidget(self.company_error)

        # No stage is chosen for you: a guess (it was "Onsite") is saved as if you had said it.
        self.stage = QComboBox(self)
        self.stage.setAccessibleName(self.tr("Stage reached"))
        self.stage.setPlaceholderText(self.tr("Choose the stage it reached…"))
        for code in STAGE_LABELS:
            self.stage.addItem(stage_label(code), code)
        self.stage.currentIndexChanged.connect(self._stage_changed)
        self.inputs["stage"] = self.stage
        self.stage_note = QLabel(self)
        self.stage_note.setObjectName("formHint")
        self.stage_note.setWordWrap(True)
        stage_box = QWidget(self)
        box = QVBoxLayout(stage_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.stage)
        box.addWidget(self.stage_note)
        self.date = DateEdit(self)
        self.date.setAccessibleName(self.tr("Date of the rejection"))
        self.date.dateChanged.connect(lambda _d: self._emit("date"))
        self.inputs["date"] = self.date

        form = self._form()
        form.addRow(self.tr("&Company"), company_box)
        form.addRow(self.tr("&Role"),
                    self._line("role", self.tr("Role"), self.tr("e.g. Senior Backend Engineer")))
        form.addRow(self.tr("&Stage reached"), stage_box)
        form.addRow(self.tr("&Level"),
                    self._line("level", self.tr("Level"), self.tr("e.g. Senior, Staff")))
        form.addRow(self.tr("&Date"), self.date)
        outer.addLayout(form)

        outer.addWidget(self._heading(self.tr("What they said")))
        form = self._form()
        form.addRow(self.tr("&Feedback, word for word"), self._text(
            "feedback", self.tr("Feedback, word for word"), 5,
            self.tr("Paste or type what they said. If they said nothing, leave this empty."),
        ))
        self.feedback_error = ErrorLabel(self)
        form.addRow(self.feedback_error)
        form.addRow(self.tr("Your &own read"), self._text(
            "own_read", self.tr("Your own read"), 3,
            self.tr("What you think happened, in your words"),
        ))
        self.own_read_error = ErrorLabel(self)
        form.addRow(self.own_read_error)
        outer.addLayout(form)

        self.suggestion = QLabel(self)
        self.suggestion.setObjectName("categorySuggestion")
        self.suggestion.setWordWrap(True)
        self.suggestion.setTextFormat(Qt.TextFormat.PlainText)
        self.category = QComboBox(self)
        self.category.setAccessibleName(self.tr("Category"))
        for code in CATEGORY_LABELS:
            self.category.addItem(category_label(code), code)
        self.category.activated.connect(self._category_picked)
        self.inputs["category"] = self.category
        self.confirmed = QCheckBox(self.tr("That's right"), self)
        self.confirmed.setAccessibleName(self.tr("Category confirmed"))
        self.confirmed.setToolTip(self.tr("Untick to let the category follow the feedback again"))
        self.confirmed.toggled.connect(lambda _c: self._emit("category_confirmed"))
        self.inputs["category_confirmed"] = self.confirmed
        outer.addWidget(self._heading(self.tr("What kind of no")))
        outer.addWidget(self.suggestion)
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(self.category, 1)
        row.addWidget(self.confirmed)
        outer.addLayout(row)

        outer.addWidget(self._heading(self.tr("Debrief")))
        intro = QLabel(self.tr("Six quick questions about your process, not about you."), self)
        intro.setObjectName("formHint")
        intro.setWordWrap(True)
        outer.addWidget(intro)
        self.debrief = DebriefForm(self)
        self.debrief.changed.connect(lambda: self._emit("debrief"))
        outer.addWidget(self.debrief)

        outer.addWidget(self._heading(self.tr("How much does it sting?")))
        self.sting_before = StingSlider(self.tr("How much it stings now, before the reframe"), self)
        self.sting_before.changed.connect(lambda: self._emit("sting_before"))
        self.sting_after = StingSlider(
            self.tr("How much it stings after reading the reframe"), self)
        self.sting_after.changed.connect(lambda: self._emit("sting_after"))
        self.after_hint = QLabel(self)
        self.after_hint.setObjectName("formHint")
        self.after_hint.setWordWrap(True)
        form = self._form()
        form.addRow(self.tr("&Before the reframe"), self.sting_before)
        form.addRow(self.tr("&After reading it"), self.sting_after)
        outer.addLayout(form)
        outer.addWidget(self.after_hint)
        outer.addStretch(1)
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [self.inputs[n] for n in (
            "company", "role", "stage", "level", "date", "feedback", "own_read", "category",
            "category_confirmed",
        )]
        for topic, buttons in self.debrief.buttons.items():
            chain += [*buttons.values(), self.debrief.notes[topic]]
        chain += [self.sting_before.slider, self.sting_after.slider]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- reading and writing values ------------------------------------------------------

    def clear(self) -> None:
        """An empty form for a new rejection, its stage not chosen yet; emits nothing."""
        self._loading = True
        try:
            for name in LINE_FIELDS:
                self._line_edit(name).clear()
            for name in TEXT_FIELDS:
                self._text_edit(name).setPlainText("")
            self.stage.setCurrentIndex(-1)
            self.show_stage_needed(False)
            self.date.setDate(to_qdate(dt.date.today()))
            self._set_combo(self.category, "unknown")
            self.confirmed.setChecked(False)
            self.debrief.set_answers(())
            self.sting_before.set_value(None)
            self.sting_after.set_value(None)
            self.company_error.show_message("")
            for name in TEXT_FIELDS:
                self._check_length(name)
        finally:
            self._loading = False
        self.set_after_enabled(False)

    def load(self, data: RejectionData) -> None:
        """Show a saved rejection; emits nothing."""
        self._loading = True
        try:
            for name in LINE_FIELDS:
                edit = self._line_edit(name)
                edit.setText(getattr(data, name))
                edit.setCursorPosition(0)
            for name in TEXT_FIELDS:
                self._text_edit(name).setPlainText(getattr(data, name))
            self._set_combo(self.stage, data.stage)
            self.date.setDate(to_qdate(data.date))
            self._set_combo(self.category, data.category)
            self.confirmed.setChecked(data.category_confirmed)
            self.debrief.set_answers(data.debrief)
            self.sting_before.set_value(data.sting_before)
            self.sting_after.set_value(data.sting_after)
            self.company_error.show_message("")
            for name in TEXT_FIELDS:
                self._check_length(name)
        finally:
            self._loading = False
        self.set_after_enabled(True)  # they have been through the reframe once already

    def value(self, name: str) -> Any:
        """The current value of a RejectionData field, in the type the service takes."""
        if name in LINE_FIELDS:
            return self._line_edit(name).text()
        if name in TEXT_FIELDS:
            return self._text_edit(name).toPlainText()
        if name == "stage":
            return self.stage.currentData()  # None until one is chosen
        if name == "date":
            return from_qdate(self.date.date())
        if name == "category":
            return self.category.currentData()
        if name == "category_confirmed":
            return self.confirmed.isChecked()
        if name == "debrief":
            return self.debrief.answers()
        if name == "sting_before":
            return self.sting_before.value()
        if name == "sting_after":
            return self.sting_after.value()
        raise KeyError(name)

    def query(self) -> MatchQuery:
        """What the analysis needs, as typed so far."""
        return MatchQuery(
            stage=str(self.stage.currentData() or ANY_STAGE), role=self.value("role"),
            level=self.value("level"), company=self.value("company"),
            feedback=self.value("feedback"), own_read=self.value("own_read"),
            debrief=self.debrief.answers(),
        )

    def category_override(self) -> str | None:
        """The category the person chose, or None while it follows the suggestion."""
        return str(self.category.currentData()) if self.confirmed.isChecked() else None

    def has_content(self) -> bool:
        """Anything typed or chosen that would be lost without a company to save it under."""
        return any(self.value(n).strip() for n in (*LINE_FIELDS[1:], *TEXT_FIELDS)) or bool(
            self.debrief.answers() or self.sting_before.value() is not None
        )

    def show_suggestion(
        self, category: str, trigger: str | None, feedback_given: bool, *,
        second: str | None = None, second_trigger: str | None = None, by_stage: bool = False,
    ) -> None:
        label = category_label(category)
        trigger, second_trigger = _short(trigger), _short(second_trigger)
        if trigger and by_stage:
            text = self.tr("Suggested: {0} — from “{1}”. No phrase names a kind of no, so the "
                           "stage suggested it; change it if it reads otherwise.").format(
                label, trigger)
        elif trigger:
            text = self.tr("Suggested: {0} — from “{1}”").format(label, trigger)
            if second and second_trigger:
                text += self.tr(". It also reads as {0}, from “{1}”.").format(
                    category_label(second), second_trigger)
        elif feedback_given:
            text = self.tr("Suggested: {0} — nothing in the feedback points anywhere yet")
            text = text.format(label)
        else:
            text = self.tr("Suggested: {0} — no feedback yet, and silence says little about you")
            text = text.format(label)
        self.suggestion.setText(text)

    def follow_category(self, category: str) -> None:
        """While unconfirmed, the category shown follows the suggestion; emits nothing."""
        if not self.confirmed.isChecked():
            self._loading = True
            try:
                self._set_combo(self.category, category)
            finally:
                self._loading = False

    def set_company_error(self, message: str) -> None:
        self.company_error.show_message(message)

    def missing(self) -> list[str]:
        """What a new rejection still needs before it can be saved ("company", "stage")."""
        out = []
        if not str(self.value("company")).strip():
            out.append("company")
        if self.value("stage") is None:
            out.append("stage")
        return out

    def show_stage_needed(self, saving: bool) -> None:
        """Under the stage, while none is chosen: a question, or (``saving``: there is
        something to save) why nothing is saved yet."""
        if self.value("stage") is not None:
            self.stage_note.setText("")
        elif saving:
            self.stage_note.setText(self.tr(
                "Choose the stage it reached to save this rejection. Nothing is saved until "
                "then."))
        else:
            self.stage_note.setText(self.tr(
                "Which stage did it reach? The evidence and the reframe are chosen for it."))
        # The same look as the company's message when it holds the save back.
        self.stage_note.setObjectName("fieldError" if saving else "formHint")
        self.stage_note.style().unpolish(self.stage_note)
        self.stage_note.style().polish(self.stage_note)
        self.stage_note.setVisible(bool(self.stage_note.text()))

    def set_after_enabled(self, enabled: bool) -> None:
        self.sting_after.setEnabled(enabled)
        if enabled:
            self.after_hint.setText(self.tr(
                "Read the reframe on the right, then set this. It is fine if it has not moved."
            ))
        else:
            self.after_hint.setText(self.tr(
                "Read the reframe first; “I have read this” at its end brings you back here."
            ))

    def focus_company(self) -> None:
        edit = self._line_edit("company")
        edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- internals -----------------------------------------------------------------------

    def _stage_changed(self, _index: int) -> None:
        self.show_stage_needed(False)
        self._emit("stage")

    def _category_picked(self, _index: int) -> None:
        # Choosing a category yourself is confirming it.
        if not self.confirmed.isChecked():
            self._loading = True
            try:
                self.confirmed.setChecked(True)
            finally:
                self._loading = False
            self._emit("category_confirmed")
        self._emit("category")

    def _emit(self, name: str) -> None:
        if not self._loading:
            self.changed.emit(name)

    def _line_edit(self, name: str) -> QLineEdit:
        widget = self.inputs[name]
        assert isinstance(widget, QLineEdit)
        return widget

    def _text_edit(self, name: str) -> QPlainTextEdit:
        widget = self.inputs[name]
        assert isinstance(widget, QPlainTextEdit)
        return widget

    @staticmethod
    def _set_combo(combo: QComboBox, code: str) -> None:
        combo.setCurrentIndex(max(0, combo.findData(code)))
