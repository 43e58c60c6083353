"""At start, when the data file fails its check: explain, and offer the newest backup."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from trackrecord.core.backup.copies import BackupError
from trackrecord.core.backup.recovery import newest_offered_backup, recover_from_backup
from trackrecord.paths import DataPaths

# Tests answer for the person: given the message box, return the button they would press.
Answer = Callable[[QMessageBox], QMessageBox.StandardButton]
# Spelled out at each call so lupdate collects the string (docs/translations.md).
translate = QCoreApplication.translate


def _ask(box: QMessageBox) -> QMessageBox.StandardButton:
    return QMessageBox.StandardButton(box.exec())


def offer_recovery(
    paths: DataPaths, problem: str, parent: QWidget | None = None, answer: Answer = _ask
) -> bool:
    """True when a backup was restored and the store can be opened again."""
    backup = newest_offered_backup(paths)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("Recovery", "Your data needs attention"))
    if backup is None:
        box.setText(translate("Recovery", "Your Track Record data failed its integrity check, "
                                          "so it was not opened or changed."))
        box.setInformativeText(
            translate("Recovery", "There is no verified backup to bring back. The file is "
                                  "untouched at {0}; 'trackrecord check' tells more.").format(
                paths.database))
        box.setDetailedText(problem)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        answer(box)
        return False
    when = backup.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    entries = backup.counts.get("entries", 0)
    box.setText(translate("Recovery", "Your Track Record data failed its integrity check, so "
                                      "it was not opened or changed."))
    box.setInformativeText(
        translate("Recovery", "Track Record can set the damaged file aside (nothing is deleted) "
                              "and bring back your newest verified backup, from {0}, with {1} "
                              "entries.").format(when, entries))
    box.setDetailedText(problem)
    box.setStandardButtons(
        QMessageBox.StandardButton.RestoreDefaults | QMessageBox.StandardButton.Close
    )
    restore = box.button(QMessageBox.StandardButton.RestoreDefaults)
    restore.setText(translate("Recovery", "Restore backup"))
    restore.setAccessibleName(translate("Recovery", "Restore the newest backup"))
    box.setDefaultButton(QMessageBox.StandardButton.RestoreDefaults)
    if answer(box) != QMessageBox.StandardButton.RestoreDefaults:
        return False
    try:
        kept = recover_from_backup(paths, backup)
    except (BackupError, OSError) as exc:
        QMessageBox.critical(parent, translate("Recovery", "Restore failed"), str(exc))
        return False
    QMessageBox.information(
        parent, translate("Recovery", "Backup restored"),
        translate("Recovery", "Your backup from {0} is back. The damaged file is kept at "
                              "{1}.").format(when, kept))
    return True
