"""The Export page's widgets (layout only): brag-document options on the left, a live preview
on the right, Save as.

It turns its widgets into ``ExportPrefs`` and back, and shows what it is given;
``ExportController`` decides when to build, what to save, and where.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QFontDatabase, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.bragdoc.document import PRESET_LABELS
from trackrecord.core.bragdoc.prefs import ExportPrefs
from trackrecord.core.record.kinds import KIND_REGISTRY, KINDS
from trackrecord.core.transfer.export_formats import EXPORT_FORMATS
from trackrecord.ui.export.document import FORMAT_LABELS, GROUP_LABELS, Result
from trackrecord.ui.widgets.fields import DateEdit


# The choices' labels are marked in ui/export/document.py, and looked up, in the
# "ExportPage" context (this class's strings are in its own).
class ExportView(QWidget):
    changed = Signal()  # the person changed an option
    shown = Signal()  # shown again (not by the window system): entries may have changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportView")
        self._build()
        self._connect()

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.format = self._combo(FORMAT_LABELS)
        self.group = self._combo(GROUP_LABELS)
        self.preset = self._combo(PRESET_LABELS)
        self.since, self.until = DateEdit(self), DateEdit(self)
        for edit, name in ((self.since, self.tr("From")), (self.until, self.tr("To"))):
            edit.setAccessibleName(name)
        self.dates = QWidget(self)
        dates = QHBoxLayout(self.dates)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.since)
        dates.addWidget(QLabel("–", self))
        dates.addWidget(self.until)
        self.kinds = {
            k: QCheckBox(QCoreApplication.translate("KindGroups", KIND_REGISTRY[k].plural), self)
            for k in KINDS}
        kinds = QVBoxLayout()
        kinds.setSpacing(2)
        for box in self.kinds.values():
            kinds.addWidget(box)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText(self.tr("any tag; e.g. kafka, hiring"))
        self.tags.setAccessibleName(self.tr("Only entries with these tags"))
        self.only_impact = QCheckBox(self.tr("Only entries with impact or metrics"), self)
        self.organisation = QCheckBox(self.tr("Where: organisation and team"), self)
        self.organisation.setToolTip(self.tr(
            "Under each entry, where it was done: with several employers, a reader can tell "
            "where each project was"))
        self.details = QCheckBox(self.tr("Details: role, team, facts, links, notes"), self)
        self.star = QCheckBox(self.tr("STAR stories"), self)
        self.initials = QCheckBox(self.tr("Mentees as initials"), self)
        self.initials.setToolTip(self.tr("Priya S. is shown as P. S., in every field of the entry"))
        self.title = QLineEdit(self)
        self.name = QLineEdit(self)
        self.role = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("shown in the header"))
        self.page_size = self._combo({"A4": "A4", "Letter": "Letter"})
        # Scoping to a review cycle sets the period's custom range (ui/capture's cycles).
        self.cycle = QComboBox(self)
        self.cycle.activated.connect(self._chose_cycle)
        self.set_cycles([], None)

        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, field in (
            (self.tr("Format"), self.format), (self.tr("Page size"), self.page_size),
            (self.tr("Group by"), self.group), (self.tr("Review cycle"), self.cycle),
            (self.tr("Period"), self.preset), ("", self.dates),
            (self.tr("Kinds"), kinds), (self.tr("Tags"), self.tags), ("", self.only_impact),
            ("", self.organisation), ("", self.details), ("", self.star), ("", self.initials),
            (self.tr("Title"), self.title), (self.tr("Name"), self.name),
            (self.tr("Role"), self.role),
        ):
            form.addRow(label, field)
            if label and isinstance(field, QWidget):
                field.setAccessibleName(label)
        for box in self._boxes():
            box.setAccessibleName(box.text())
        options = QWidget(self)
        options.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(options)

        self.save_button = QPushButton(self.tr("Save as…"), self)
        self.save_button.setDefault(True)
        self.save_button.setAccessibleName(self.tr("Save the brag document as a file"))
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setToolTip(self.tr(
            "Copy the brag document with its formatting, to paste into a document, a mail "
            "or a review tool"))
        self.copy_button.setAccessibleName(self.tr("Copy the brag document as rich text"))
        self.status = QLabel(self)
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 12, 8, 12)
        heading = QLabel(self.tr("Brag document"), self)
        heading.setObjectName("pageTitle")
        left_layout.addWidget(heading)
        left_layout.addWidget(scroll, 1)
        left_layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button, 1)
        left_layout.addLayout(buttons)

        self.preview = QTextBrowser(self)
        self.preview.setObjectName("exportPreview")
        self.preview.setAccessibleName(self.tr("Preview"))
        self.preview.setOpenLinks(False)  # a preview never navigates or opens anything
        self.preview.setOpenExternalLinks(False)
        self.preview.document().setDocumentMargin(18)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([360, 720])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _combo(self, labels: dict[str, str]) -> QComboBox:
        combo = QComboBox(self)
        for key, label in labels.items():
            combo.addItem(QCoreApplication.translate("ExportPage", label), key)
        return combo

    def _boxes(self) -> tuple[QCheckBox, ...]:
        return (*self.kinds.values(), self.only_impact, self.organisation, self.details,
                self.star, self.initials)

    def _connect(self) -> None:
        for combo in (self.format, self.group, self.preset, self.page_size):
            combo.currentIndexChanged.connect(self._changed)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self._changed)
        for box in self._boxes():
            box.toggled.connect(self._changed)
        for line in (self.tags, self.title, self.name, self.role):
            line.textChanged.connect(self._changed)

    def _changed(self, *_args: object) -> None:
        self._sync_enabled()
        self.changed.emit()

    # -- options <-> widgets -------------------------------------------------------------

    def set_prefs(self, prefs: ExportPrefs, today: dt.date) -> None:
        for combo, value in ((self.format, prefs.format), (self.group, prefs.group),
                             (self.preset, prefs.preset), (self.page_size, prefs.page_size)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        since, until = prefs.period(today) if prefs.preset != "all" else (None, None)
        self.since.setDate(QDate(since or today.replace(month=1, day=1)))
        self.until.setDate(QDate(until or today))
        for kind, box in self.kinds.items():
            box.setChecked(kind in prefs.kinds)
        self.tags.setText(", ".join(prefs.tags))
        self.only_impact.setChecked(prefs.only_with_impact)
        self.organisation.setChecked(prefs.organisation)
        self.details.setChecked(prefs.details)
        self.star.setChecked(prefs.star)
        self.initials.setChecked(prefs.mentee_initials)
        self.title.setText(prefs.title)
        self.name.setText(prefs.name)
        self.role.setText(prefs.role)
        self._sync_enabled()

    def prefs(self) -> ExportPrefs:
        custom = self.preset.currentData() == "custom"
        return ExportPrefs(
            format=self.format.currentData(),
            group=self.group.currentData(),
            preset=self.preset.currentData(),
            since=self.since.date().toPython() if custom else None,
            until=self.until.date().toPython() if custom else None,
            kinds=tuple(k for k, box in self.kinds.items() if box.isChecked()),
            tags=tuple(t.strip() for t in self.tags.text().split(",") if t.strip()),
            only_with_impact=self.only_impact.isChecked(),
            details=self.details.isChecked(),
            organisation=self.organisation.isChecked(),
            star=self.star.isChecked(),
            mentee_initials=self.initials.isChecked(),
            name=self.name.text().strip(),
            role=self.role.text().strip(),
            title=self.title.text().strip(),
            page_size=self.page_size.currentData(),
        )

    def set_cycles(self, cycles: list[tuple[str, dt.date, dt.date]],
                   since_last: tuple[dt.date, dt.date] | None) -> None:
        """The review cycles to offer (name, start, end), and "since my last review"."""
        self.cycle.clear()
        self.cycle.addItem(self.tr("Any period"), None)
        if since_last is not None:
            self.cycle.addItem(self.tr("Since my last review"), since_last)
        for name, start, end in cycles:
            self.cycle.addItem(name, (start, end))
        self.cycle.setEnabled(self.cycle.count() > 1)
        self.cycle.setToolTip("" if self.cycle.count() > 1 else self.tr(
            "Add review cycles with File \u25b8 Goals and review cycles"))

    def _chose_cycle(self, index: int) -> None:
        dates = self.cycle.itemData(index)
        if not dates:
            return
        start, end = dates
        self.preset.setCurrentIndex(self.preset.findData("custom"))
        self.since.setDate(QDate(start))
        self.until.setDate(QDate(end))
        self._changed()

    def _sync_enabled(self) -> None:
        custom = self.preset.currentData() == "custom"
        self.form.setRowVisible(self.dates, custom)
        self.page_size.setEnabled(EXPORT_FORMATS[self.format.currentData()].paged)

    # -- showing ---------------------------------------------------------------------------

    def show_preview(self, result: Result) -> None:
        bar = self.preview.verticalScrollBar()
        ratio = bar.value() / bar.maximum() if bar.maximum() else 0.0
        if result.markdown:
            self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            self.preview.setPlainText(result.text)
        else:
            self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
            self.preview.setHtml(result.text)
        bar.setValue(round(ratio * bar.maximum()))
        if not result.entries:
            status = self.tr("No entries match these choices.")
        else:
            status = self.tr("{0} entries in {1} groups").format(result.entries, result.groups)
            if result.shown < result.entries:
                status += self.tr(" (the preview shows the first {0})").format(result.shown)
        self.show_status(status)

    def show_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setProperty("state", "error" if error else "")
        self.status.setStyleSheet("color: #c0392b;" if error else "")

    def choose_path(self, fmt: str, suggested: Path) -> Path | None:
        """Ask where to save (tests replace this)."""
        chosen_format = EXPORT_FORMATS[fmt]
        patterns = " ".join(f"*{suffix}" for suffix in chosen_format.suffixes)
        label = QCoreApplication.translate("ExportPage", chosen_format.label)
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save brag document"), str(suggested), f"{label} ({patterns})")
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(EXPORT_FORMATS[fmt].suffixes[0])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.shown.emit()
