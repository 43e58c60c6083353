"""Edit ▸ Preferences: when the weekly question comes (default Friday afternoon), whether it
comes at all, and whether the system tray says so when the window is minimised."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.capture.weekly import DAYS, WeeklyNudge, WeeklyPrefs
from trackrecord.core.errors import TrackRecordError
from trackrecord.ui.widgets.accessibility import name_buttons
from trackrecord.ui.widgets.fields import ErrorLabel


class PreferencesDialog(QDialog):
    def __init__(self, nudge: WeeklyNudge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._nudge = nudge
        prefs = nudge.prefs()
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Weekly question"), self)
        heading.setObjectName("sectionTitle")
        layout.addWidget(heading)
        explain = QLabel(self.tr("Once a week, if nothing was logged that week, a quiet "
                                 "banner asks what you got done."), self)
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.enabled = QCheckBox(self.tr("Ask me each week"), self)
        self.enabled.setChecked(prefs.enabled)
        self.day = QComboBox(self)
        self.day.setAccessibleName(self.tr("Day"))
        for number in range(1, len(DAYS) + 1):  # the locale's names, Monday first
            self.day.addItem(QLocale().dayName(number))
        self.day.setCurrentIndex(prefs.day)
        self.hour = QSpinBox(self)
        self.hour.setAccessibleName(self.tr("Hour"))
        self.hour.setRange(0, 23)
        self.hour.setSuffix(":00")
        self.hour.setValue(prefs.hour)
        self.tray = QCheckBox(self.tr("Also notify me through the system tray when the window "
                                      "is minimised"), self)
        self.tray.setChecked(prefs.tray)
        if not QSystemTrayIcon.isSystemTrayAvailable():
            self.tray.setToolTip(self.tr("This desktop has no system tray right now"))
        form.addRow("", self.enabled)
        form.addRow(self.tr("&Day"), self.day)
        form.addRow(self.tr("&From"), self.hour)
        form.addRow("", self.tray)
        layout.addLayout(form)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.enabled.toggled.connect(self._sync)
        self._sync()
        name_buttons(self)

    def _sync(self) -> None:
        for widget in (self.day, self.hour, self.tray):
            widget.setEnabled(self.enabled.isChecked())

    def prefs(self) -> WeeklyPrefs:
        return WeeklyPrefs(enabled=self.enabled.isChecked(), day=self.day.currentIndex(),
                           hour=self.hour.value(), tray=self.tray.isChecked())

    def save(self) -> None:
        try:
            self._nudge.set_prefs(self.prefs())
        except TrackRecordError as exc:
            self.error.show_message(str(exc))
            return
        self.accept()
