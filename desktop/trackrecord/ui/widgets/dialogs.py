"""Help > About and Help > Keyboard shortcuts."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

# Spelled out at each call so lupdate collects the string (docs/translations.md).
translate = QCoreApplication.translate


def about_dialog(
    parent: QWidget | None, *, app_name: str, version: str, data_dir: Path
) -> QMessageBox:
    """Built, not shown: the caller opens it (tests look at it without a modal loop)."""
    box = QMessageBox(parent)
    box.setWindowTitle(translate("Dialogs", "About {0}").format(app_name))
    box.setIcon(QMessageBox.Icon.Information)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(f"<h3>{html.escape(app_name)} {html.escape(version)}</h3>")
    box.setInformativeText(
        "<p>" + html.escape(translate("Dialogs",
            "Your track record and your rejection log, side by side. Offline: no account, "
            "no cloud, no network calls."
        )) + "</p><p>" + html.escape(translate("Dialogs", "Your data is in:")) + "<br><code>"
        + html.escape(str(data_dir)) + "</code></p>"
    )
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAccessibleName(translate("Dialogs", "About {0}").format(app_name))
    return box


def shortcut_rows() -> list[tuple[str, str]]:
    return [
        ("Ctrl+N", translate("Dialogs", "New entry")),
        ("Ctrl+Shift+R", translate("Dialogs", "Log a rejection")),
        ("Ctrl+1 \u2026 Ctrl+5", translate(
            "Dialogs", "Track record, rejections, review, insights, export")),
        ("Ctrl+R", translate("Dialogs", "Review before an interview (as Ctrl+3)")),
        ("Ctrl+I", translate(
            "Dialogs", "Import a brag document, a CSV, a jrnl export or a backup")),
        ("Ctrl+F", translate("Dialogs", "Search entries")),
        ("Delete", translate("Dialogs", "Delete the selected entry (when the list has focus)")),
        ("Ctrl+Z", translate("Dialogs", "Undo delete (outside text fields)")),
        ("Tab / Shift+Tab", translate("Dialogs", "Move between fields")),
        ("← → / Space", translate("Dialogs", "Previous and next card in the review deck")),
        ("F11 / Esc", translate(
            "Dialogs", "Full screen (the deck, on the review page) / leave it")),
        ("F1", translate("Dialogs", "This list")),
        ("Ctrl+Q", translate("Dialogs", "Quit (everything is already saved)")),
    ]


def shortcuts_dialog(parent: QWidget | None) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("Dialogs", "Keyboard shortcuts"))
    rows = "".join(
        f"<tr><td style='padding:3px 18px 3px 0'><b>{html.escape(keys)}</b></td>"
        f"<td style='padding:3px 0'>{html.escape(what)}</td></tr>"
        for keys, what in shortcut_rows()
    )
    label = QLabel(f"<table>{rows}</table>", dialog)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAccessibleName(translate("Dialogs", "Keyboard shortcuts"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(20, 18, 20, 14)
    layout.addWidget(label)
    layout.addWidget(buttons)
    return dialog
