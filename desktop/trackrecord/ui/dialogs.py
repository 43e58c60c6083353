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


def _t(text: str) -> str:
    return QCoreApplication.translate("Dialogs", text)


def about_dialog(
    parent: QWidget | None, *, app_name: str, version: str, data_dir: Path
) -> QMessageBox:
    """Built, not shown: the caller opens it (tests look at it without a modal loop)."""
    box = QMessageBox(parent)
    box.setWindowTitle(_t("About {0}").format(app_name))
    box.setIcon(QMessageBox.Icon.Information)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(f"<h3>{html.escape(app_name)} {html.escape(version)}</h3>")
    box.setInformativeText(
        "<p>" + html.escape(_t(
            "Your track record and your rejection log, side by side. Offline: no account, "
            "no cloud, no network calls."
        )) + "</p><p>" + html.escape(_t("Your data is in:")) + "<br><code>"
        + html.escape(str(data_dir)) + "</code></p>"
    )
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAccessibleName(_t("About {0}").format(app_name))
    return box


def shortcut_rows() -> list[tuple[str, str]]:
    return [
        ("Ctrl+N", _t("New entry")),
        ("Ctrl+Shift+R", _t("Log a rejection")),
        ("Ctrl+R", _t("Review before an interview")),
        ("Ctrl+1 / 2 / 4 / 5", _t("Track record, rejections, insights, export")),
        ("Ctrl+I", _t("Import a brag document, a CSV, a jrnl export or a backup")),
        ("Ctrl+F", _t("Search entries")),
        ("Delete", _t("Delete the selected entry (when the list has focus)")),
        ("Ctrl+Z", _t("Undo delete (outside text fields)")),
        ("Tab / Shift+Tab", _t("Move between fields")),
        ("← → / Space", _t("Previous and next card in the review deck")),
        ("F11 / Esc", _t("Full screen (the deck, on the review page) / leave it")),
        ("F1", _t("This list")),
        ("Ctrl+Q", _t("Quit (everything is already saved)")),
    ]


def shortcuts_dialog(parent: QWidget | None) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(_t("Keyboard shortcuts"))
    rows = "".join(
        f"<tr><td style='padding:3px 18px 3px 0'><b>{html.escape(keys)}</b></td>"
        f"<td style='padding:3px 0'>{html.escape(what)}</td></tr>"
        for keys, what in shortcut_rows()
    )
    label = QLabel(f"<table>{rows}</table>", dialog)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAccessibleName(_t("Keyboard shortcuts"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(20, 18, 20, 14)
    layout.addWidget(label)
    layout.addWidget(buttons)
    return dialog
