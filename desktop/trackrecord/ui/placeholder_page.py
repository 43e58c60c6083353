"""Pages that later versions fill: they say plainly what is coming, with no fake content."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def _t(text: str) -> str:
    return QCoreApplication.translate("PlaceholderPage", text)


def coming_pages() -> list[tuple[str, str, str]]:
    """(rail label, heading, what is coming) for each page not built yet."""
    return [
        (_t("Review"), _t("Pre-interview review"), _t(
            "Coming later: your strongest evidence, STAR stories and numbers for an "
            "upcoming interview, on one printable page."
        )),
    ]


class PlaceholderPage(QWidget):
    def __init__(self, heading: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(heading, self)
        title.setObjectName("pageTitle")
        body = QLabel(text, self)
        body.setObjectName("pageText")
        body.setWordWrap(True)
        body.setMaximumWidth(560)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 36, 40, 36)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(body)
        layout.addStretch(1)
        self.setAccessibleName(heading)
        self.body = body
