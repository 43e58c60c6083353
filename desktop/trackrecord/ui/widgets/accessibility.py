"""Screen readers need a name for every control; a button's visible text is the natural one."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QWidget


def name_buttons(root: QWidget) -> None:
    """Give every unnamed button under ``root`` its visible text (without & and …) as name."""
    for button in root.findChildren(QAbstractButton):
        if not button.accessibleName() and button.text():
            button.setAccessibleName(button.text().replace("&", "").rstrip("…").strip())
