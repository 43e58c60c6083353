"""The live notes preview: sanitised HTML in a browser that never fetches anything.

Links open in the desktop's browser only when clicked, and only for safe schemes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from trackrecord.core.record.notes_html import is_safe_url, render_notes

UrlOpener = Callable[[QUrl], Any]


class NotesPreview(QTextBrowser):
    def __init__(self, parent: QWidget | None = None, *, open_url: UrlOpener | None = None) -> None:
        super().__init__(parent)
        self._open_url: UrlOpener = open_url or QDesktopServices.openUrl
        # Never follow a link inside the preview, and never hand one to the desktop by itself.
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._source_text: str | None = None

    def set_markdown_text(self, text: str) -> None:
        if text == self._source_text:
            return
        self._source_text = text
        bar = self.verticalScrollBar()
        position = bar.value()
        self.setHtml(render_notes(text))
        bar.setValue(position)  # keep the reader's place while the notes are typed

    def loadResource(self, type: int, name: QUrl) -> Any:  # noqa: A002 (Qt's name)
        # Images and style sheets referenced by notes are never loaded: nothing leaves or
        # enters the preview except the text itself.
        return None

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if is_safe_url(url.toString()):
            self._open_url(url)
