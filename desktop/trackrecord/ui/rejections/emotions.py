"""The thought record's emotions: named (a short list to pick from, or the person's own
word) and rated 0-100, then rated again at the end, after the balanced thought.

``EmotionsEditor`` holds the list (a name and a "before" rating per row); ``RerateList``
shows the same names again, each with its "after" rating. Both emit ``changed`` on every
edit; the thought form reads ``emotions()`` from the editor, with the after ratings filled in.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.rejections.thoughts import MAX_EMOTIONS, MAX_NAME, Emotion
from trackrecord.ui.rejections.inputs import StingSlider
from trackrecord.ui.widgets.flow import FlowLayout


def _drop(widget: QWidget, layout: QLayout) -> None:
    """Out of its layout and out of sight now, deleted once the event loop is back (never
    made a window of its own on the way, as setParent(None) would)."""
    widget.hide()
    layout.removeWidget(widget)
    widget.deleteLater()


class _Row(QWidget):
    """One emotion: its name, how strongly it is felt, and a way to take it off."""

    changed = Signal()
    removed = Signal(object)  # this row

    def __init__(self, name: str, choices: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(name, self)
        self.name.setMaxLength(MAX_NAME)
        self.name.setPlaceholderText(self.tr("An emotion, in your word"))
        self.name.setAccessibleName(self.tr("Emotion"))
        completer = QCompleter(list(choices), self.name)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.name.setCompleter(completer)
        self.remove = QToolButton(self)
        self.remove.setText("\u00d7")
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(self.tr("Take this emotion off"))
        self.rating = StingSlider(self.tr("How strongly you feel it, 0 to 100"), self)
        self.after: int | None = None  # kept here; RerateList shows and sets it
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.name, 1)
        top.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.rating)
        self.name.textEdited.connect(lambda _t: self.changed.emit())
        self.rating.changed.connect(self.changed)
        self.remove.clicked.connect(lambda: self.removed.emit(self))
        self.name_changed()

    def name_changed(self) -> None:
        label = self.name.text().strip() or self.tr("this emotion")
        self.remove.setAccessibleName(self.tr("Take off {0}").format(label))
        self.rating.slider.setAccessibleName(self.tr("How strongly you feel {0}, 0 to 100")
                                             .format(label))

    def value(self) -> Emotion | None:
        name = " ".join(self.name.text().split())
        return Emotion(name, self.rating.value(), self.after) if name else None


class EmotionsEditor(QWidget):
    changed = Signal()
    names_changed = Signal()  # a row was added, taken off or renamed: the re-rating follows

    def __init__(self, choices: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = tuple(choices)
        self.rows: list[_Row] = []
        self._rows = QVBoxLayout()
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(10)
        self.chips: dict[str, QToolButton] = {}
        chips = FlowLayout(spacing=6)
        for name in (*self._choices, ""):
            chip = QToolButton(self)
            chip.setObjectName("answerChip")
            chip.setText(f"+ {name}" if name else self.tr("+ another…"))
            chip.setAccessibleName(self.tr("Add {0}").format(name) if name
                                   else self.tr("Add an emotion in your own word"))
            chip.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            chip.clicked.connect(lambda _c=False, n=name: self.add(n, focus=True))
            chips.addWidget(chip)
            self.chips[name] = chip
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(self._rows)
        layout.addLayout(chips)

    def add(self, name: str = "", *, focus: bool = False, emit: bool = True) -> _Row | None:
        if len(self.rows) >= MAX_EMOTIONS:
            return None
        row = _Row(name, self._choices, self)
        row.changed.connect(self.changed)
        row.name.textEdited.connect(lambda _t, r=row: self._renamed(r))
        row.removed.connect(self._remove)
        self._rows.addWidget(row)
        self.rows.append(row)
        self._sync_chips()
        if focus:
            (row.rating.slider if name else row.name).setFocus(Qt.FocusReason.OtherFocusReason)
        if emit:
            self.names_changed.emit()
            self.changed.emit()
        return row

    def _renamed(self, row: _Row) -> None:
        row.name_changed()
        self._sync_chips()
        self.names_changed.emit()

    def _remove(self, row: _Row) -> None:
        self.rows.remove(row)
        _drop(row, self._rows)
        self._sync_chips()
        self.names_changed.emit()
        self.changed.emit()

    def _sync_chips(self) -> None:
        named = {" ".join(r.name.text().split()).casefold() for r in self.rows}
        full = len(self.rows) >= MAX_EMOTIONS
        for name, chip in self.chips.items():
            chip.setVisible(not full and (not name or name.casefold() not in named))

    def emotions(self) -> tuple[Emotion, ...]:
        """The named ones, in order (a row whose name is not typed yet is not one)."""
        return tuple(e for e in (r.value() for r in self.rows) if e is not None)

    def set_emotions(self, emotions: Sequence[Emotion]) -> None:
        """Show saved emotions; emits nothing."""
        for row in self.rows:
            _drop(row, self._rows)
        self.rows = []
        for emotion in emotions:
            added = self.add(emotion.name, emit=False)
            if added is not None:
                added.rating.set_value(emotion.before)
                added.after = emotion.after
        self._sync_chips()


class RerateList(QWidget):
    """Each emotion named above, rated again after the balanced thought."""

    changed = Signal()

    def __init__(self, editor: EmotionsEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self.sliders: list[tuple[_Row, StingSlider]] = []
        self.empty = QLabel(self.tr("Name an emotion above, and you can rate it again here."),
                            self)
        self.empty.setObjectName("formHint")
        self.empty.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self._layout.addWidget(self.empty)
        editor.names_changed.connect(self.rebuild)
        editor.changed.connect(self._relabel)

    def rebuild(self) -> None:
        for _row, slider in self.sliders:
            holder = slider.parentWidget()
            if holder is not None:
                _drop(holder, self._layout)
        self.sliders = []
        for row in self._editor.rows:
            holder = QWidget(self)
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            label = QLabel(holder)
            label.setObjectName("rerateName")
            slider = StingSlider(self.tr("How strongly you feel it now, 0 to 100"), holder)
            slider.set_value(row.after)
            slider.changed.connect(lambda r=row, s=slider: self._rated(r, s))
            column.addWidget(label)
            column.addWidget(slider)
            self._layout.addWidget(holder)
            self.sliders.append((row, slider))
        self._relabel()

    def _relabel(self) -> None:
        shown = 0
        for row, slider in self.sliders:
            holder = slider.parentWidget()
            label = holder.findChild(QLabel, "rerateName") if holder is not None else None
            name = " ".join(row.name.text().split())
            before = row.rating.value()
            if label is not None:
                label.setText(self.tr("{0} (before: {1})").format(name, before)
                              if before is not None else name)
            slider.slider.setAccessibleName(self.tr("How strongly you feel {0} now, 0 to 100")
                                            .format(name))
            if holder is not None:
                holder.setVisible(bool(name))
            shown += bool(name)
        self.empty.setVisible(not shown)

    def _rated(self, row: _Row, slider: StingSlider) -> None:
        row.after = slider.value()
        self.changed.emit()
