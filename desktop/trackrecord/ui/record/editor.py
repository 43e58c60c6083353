"""The editor for one entry: a form whose every change is reported by field name.

It holds no database logic: the autosave controller asks it for values and tells it which
fields failed validation. Loading an entry does not count as a change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.capture.numbers import number_examples
from trackrecord.core.record.entries import EntryData
from trackrecord.core.record.kinds import KIND_REGISTRY, KINDS
from trackrecord.ui.record.list_model import kind_label
from trackrecord.ui.widgets.fields import (
    CollapsibleSection,
    DateRangeEdit,
    ErrorLabel,
    NotesEdit,
    TagsEdit,
)
from trackrecord.ui.widgets.notes_preview import NotesPreview, UrlOpener

translate = QCoreApplication.translate
# Each kind's own fields come from the kind registry, after the fields every entry has.
_KIND_FIELDS = tuple(field for kind in KIND_REGISTRY for field in kind.fields)
LINE_FIELDS = (
    "title", "organisation", "team", "role", "summary", "metrics",
    *(f.name for f in _KIND_FIELDS if not f.lines),
)
TEXT_FIELDS = ("impact", "links", "notes", "situation", "task", "action", "result",
               *(f.name for f in _KIND_FIELDS if f.lines))
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    kind.key: tuple(f.name for f in kind.fields) for kind in KIND_REGISTRY if kind.fields
}
STAR_FIELDS = ("situation", "task", "action", "result")


class EntryEditor(QWidget):
    changed = Signal(str)  # the name of the EntryData field the user changed
    loaded = Signal(object)  # the EntryData now shown

    def __init__(
        self, parent: QWidget | None = None, *, open_url: UrlOpener | None = None
    ) -> None:
        super().__init__(parent)
        self._loading = False
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self._forms: list[QFormLayout] = []
        self._build(open_url)

    # -- building ------------------------------------------------------------------------

    def _line(self, name: str, accessible: str, placeholder: str = "") -> QLineEdit:
        edit = TagsEdit(self) if name == "tags" else QLineEdit(self)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(lambda _t, n=name: self._emit(n))
        self.inputs[name] = edit
        return edit

    def _text(self, name: str, accessible: str, lines: int, placeholder: str = "") -> NotesEdit:
        edit = NotesEdit(lines, self)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(lambda n=name: self._emit(n))
        self.inputs[name] = edit
        return edit

    def _field(
        self, form: QFormLayout, name: str, label: str, hint: str, *, lines: int = 0
    ) -> None:
        widget = self._text(name, label, lines, hint) if lines else self._line(name, label, hint)
        form.addRow(label, widget)

    def _with_error(self, field: QWidget, key: str) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        self.errors[key] = ErrorLabel(box)
        layout.addWidget(self.errors[key])
        return box

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        self._forms.append(form)
        return form

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("sectionTitle")
        return label

    def _build(self, open_url: UrlOpener | None) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 20)
        outer.setSpacing(10)

        title = self._line("title", self.tr("Title"), self.tr("What you shipped, solved or did"))
        title.setObjectName("titleEdit")
        font = QFont(title.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.3)
        title.setFont(font)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind"))
        for code in KINDS:
            self.kind.addItem(kind_label(code), code)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.inputs["kind"] = self.kind
        self.dates = DateRangeEdit(self)
        self.dates.changed.connect(self._emit)
        self.inputs["start_date"] = self.dates.start
        self.inputs["end_date"] = self.dates.end
        summary = self._line(
            "summary", self.tr("Summary"),
            self.tr("One line for your brag document: what you did and why it mattered"),
        )

        form = self._form()
        form.addRow(self.tr("&Title"), self._with_error(title, "title"))
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&When"), self._with_error(self.dates, "dates"))
        form.addRow(self.tr("&Summary"), summary)
        self._field(form, "organisation", self.tr("Organisation"), self.tr("Company or community"))
        self._field(form, "team", self.tr("Team / project"), self.tr("e.g. Payments platform"))
        self._field(form, "role", self.tr("Your role"), self.tr("e.g. tech lead, on-call engineer"))

        self.goals_row = QHBoxLayout()  # the window puts the goals button here
        self.goals_row.setContentsMargins(0, 0, 0, 0)
        goals_box = QWidget(self)
        goals_box.setLayout(self.goals_row)
        form.addRow(self.tr("Served &goals"), goals_box)
        outer.addLayout(form)

        outer.addWidget(self._heading(self.tr("Impact")))
        # An entry without impact or metrics is asked for a number, with examples fit for
        # its kind (the kind registry's): numbers survive into documents and interviews.
        self.number_nudge = QLabel(self)
        self.number_nudge.setObjectName("numberNudge")
        self.number_nudge.setWordWrap(True)
        outer.addWidget(self.number_nudge)
        form = self._form()
        self._impact_hint = self.tr("What changed because of it")
        self._field(form, "impact", self.tr("Impact"), self._impact_hint, lines=3)
        self._field(form, "metrics", self.tr("Metrics"),
                    self.tr("Numbers: latency, revenue, hours saved…"))
        tags = self._line("tags", self.tr("Tags"),
                          self.tr("Skills, comma-separated: python, kafka, sql"))
        form.addRow(self.tr("Ta&gs"), self._with_error(tags, "tags"))
        self._field(form, "links", self.tr("Links"), self.tr("One link per line"), lines=2)
        outer.addLayout(form)

        self.kind_sections: dict[str, QWidget] = {}
        # (their texts are marked for lupdate in ui/shell/label_strings.py)
        for kind in KIND_REGISTRY:
            if not kind.fields:
                continue
            section = QWidget(self)
            layout = QVBoxLayout(section)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(self._heading(translate("KindFields", kind.details)))
            form = self._form()
            for field in kind.fields:
                self._field(form, field.name, translate("KindFields", field.label),
                            translate("KindFields", field.hint), lines=field.lines)
            layout.addLayout(form)
            outer.addWidget(section)
            self.kind_sections[kind.key] = section

        star_body = QWidget(self)
        form = self._form()
        form.setContentsMargins(0, 4, 0, 0)
        star_body.setLayout(form)
        hints = {
            "situation": self.tr("The context and the stakes"),
            "task": self.tr("What you were responsible for"),
            "action": self.tr("What you did, step by step"),
            "result": self.tr("The outcome, with numbers if you have them"),
        }
        labels = {"situation": self.tr("Situation"), "task": self.tr("Task"),
                  "action": self.tr("Action"), "result": self.tr("Result")}
        for name in STAR_FIELDS:
            form.addRow(labels[name], self._text(name, labels[name], 3, hints[name]))
        self.star = CollapsibleSection(self.tr("Interview story (STAR)"), star_body, self)
        outer.addWidget(self.star)

        outer.addWidget(self._heading(self.tr("Notes")))
        notes = self._text("notes", self.tr("Notes (Markdown)"), 10,
                           self.tr("Markdown: **bold**, - lists, [links](https://…)"))
        notes.setTabChangesFocus(True)
        self.preview = NotesPreview(self, open_url=open_url)
        self.preview.setAccessibleName(self.tr("Notes preview"))
        self.preview.setFixedHeight(notes.height())
        notes_row = QGridLayout()
        notes_row.setHorizontalSpacing(12)
        notes_row.addWidget(notes, 0, 0)
        notes_row.addWidget(self.preview, 0, 1)
        outer.addLayout(notes_row)
        outer.addStretch(1)
        notes.textChanged.connect(lambda: self.preview.set_markdown_text(notes.toPlainText()))
        self._set_tab_order()
        self._align_labels()
        self._show_kind_section(KINDS[0])

    def _align_labels(self) -> None:
        # The editor is several forms (sections come and go by kind); one label width for
        # all of them keeps the fields in a single straight column.
        labels = [
            item.widget()
            for form in self._forms
            for row in range(form.rowCount())
            if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
        ]
        width = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(width)

    def _set_tab_order(self) -> None:
        names = ["title", "kind"]
        chain: list[QWidget] = [self.inputs[n] for n in names]
        chain += [self.dates.start, self.dates.end, self.dates.ongoing]
        names = ["summary", "organisation", "team", "role", "impact", "metrics", "tags", "links",
                 *(f.name for f in _KIND_FIELDS)]
        chain += [self.inputs[n] for n in names]
        chain.append(self.star.toggle)
        chain += [self.inputs[n] for n in (*STAR_FIELDS, "notes")]
        chain.append(self.preview)
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- reading and writing values ------------------------------------------------------

    def load(self, entry: EntryData) -> None:
        """Show ``entry``; clears any inline errors, emits no ``changed``."""
        self._loading = True
        try:
            for name in LINE_FIELDS:
                widget = self.inputs[name]
                assert isinstance(widget, QLineEdit)
                widget.setText(getattr(entry, name))
                widget.setCursorPosition(0)
            for name in TEXT_FIELDS:
                widget = self.inputs[name]
                assert isinstance(widget, QPlainTextEdit)
                value = "\n".join(entry.links) if name == "links" else getattr(entry, name)
                if widget.toPlainText() != value:
                    widget.setPlainText(value)
            tags = self.inputs["tags"]
            assert isinstance(tags, QLineEdit)
            tags.setText(", ".join(entry.tags))
            tags.setCursorPosition(0)  # show the first tags, not the end of a long list
            self.kind.setCurrentIndex(max(0, self.kind.findData(entry.kind)))
            self.dates.set_range(entry.start_date, entry.end_date)
            self._show_kind_section(entry.kind)
            if any(getattr(entry, n) for n in STAR_FIELDS):
                self.star.set_expanded(True)
            for label in self.errors.values():
                label.show_message("")
            self.update_number_nudge()
        finally:
            self._loading = False
        self.loaded.emit(entry)

    def update_number_nudge(self) -> None:
        examples = number_examples(str(self.kind.currentData()), self.value("impact"),
                                   self.value("metrics"))
        self.number_nudge.setVisible(bool(examples))
        if examples:
            said = "; ".join(translate("KindNumbers", e) for e in examples)
            self.number_nudge.setText(self.tr(
                "Add a number if you can: it is what survives into a brag document and an "
                "interview. For example: {0}.").format(said))

    def value(self, name: str) -> Any:
        """The current value of an EntryData field, in the type the service takes."""
        if name == "kind":
            return self.kind.currentData()
        if name == "start_date":
            return self.dates.start_date()
        if name == "end_date":
            return self.dates.end_date()
        widget = self.inputs[name]
        if isinstance(widget, TagsEdit):
            return widget.tags()
        if isinstance(widget, QLineEdit):
            return widget.text()
        assert isinstance(widget, QPlainTextEdit)
        text = widget.toPlainText()
        return text.splitlines() if name == "links" else text

    def start_date(self) -> dt.date:
        return self.dates.start_date()

    def set_error(self, key: str, message: str) -> None:
        """Inline message under a field ("title", "dates" or "tags"); empty text hides it."""
        label = self.errors.get(key)
        if label is not None:
            label.show_message(message)

    def set_known_tags(self, tags: list[str]) -> None:
        widget = self.inputs["tags"]
        assert isinstance(widget, TagsEdit)
        widget.set_known_tags(tags)

    def focus_title(self) -> None:
        title = self.inputs["title"]
        assert isinstance(title, QLineEdit)
        title.setFocus(Qt.FocusReason.ShortcutFocusReason)
        title.selectAll()

    # -- internals -----------------------------------------------------------------------

    def _emit(self, name: str) -> None:
        if name in ("impact", "metrics", "kind"):
            self.update_number_nudge()
        if not self._loading:
            self.changed.emit(name)

    def _on_kind_changed(self, _index: int) -> None:
        self._show_kind_section(str(self.kind.currentData()))
        self._emit("kind")

    def _show_kind_section(self, kind: str) -> None:
        for code, section in self.kind_sections.items():
            section.setVisible(code == kind)
        # (marked for lupdate in ui/shell/label_strings.py)
        hint = KIND_REGISTRY[kind].impact_hint if kind in KIND_REGISTRY else ""
        impact = self.inputs["impact"]
        assert isinstance(impact, QPlainTextEdit)
        impact.setPlaceholderText(translate("KindFields", hint) if hint else self._impact_hint)
