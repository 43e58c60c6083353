"""The confidence sheet: the review deck on ONE page of PDF, laid out by Qt.

QTextDocument lays out the sheet's HTML (``core.review.render``) at the most detailed level
that fits one page of the writer's size; if even the tightest level would run over, the
document is scaled down to fit rather than spill onto a second page. Real text, fonts
embedded, like the brag document (``pdf.bragdoc``). Works without a window (the CLI).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QFont, QPainter, QPdfWriter, QTextDocument

from trackrecord.core.review.deck import Deck
from trackrecord.core.review.render import SHEET_LEVELS, SheetLimits, render_sheet_html
from trackrecord.core.transfer.output_file import write_atomic
from trackrecord.paths import DataPaths
from trackrecord.pdf.bragdoc import pdf_writer

MARGINS_MM = QMarginsF(14, 12, 14, 12)
RESOLUTION_DPI = 300
FONT_FAMILY = "DejaVu Sans"
BASE_POINTS = 8.6


def _layout(deck: Deck, limits: SheetLimits, writer: QPdfWriter, body: QSizeF) -> QTextDocument:
    text = QTextDocument()
    text.documentLayout().setPaintDevice(writer)
    text.setDocumentMargin(0)
    # No ligatures: "Staff" must stay "Staff" when the sheet is searched or copied from.
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(BASE_POINTS)
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    text.setDefaultFont(font)
    text.setPageSize(QSizeF(body.width(), 1e9))  # one tall page: measure the real height
    text.setHtml(render_sheet_html(deck, limits))
    return text


def render_sheet(deck: Deck, page_size: str = "A4") -> tuple[bytes, SheetLimits]:
    """The PDF's bytes (always one page) and the level of detail that fitted."""
    data = QByteArray()
    buffer = QBuffer(data)
    writer = pdf_writer(buffer, page_size, MARGINS_MM, RESOLUTION_DPI,
                        f"Confidence sheet: {deck.intro.title}")
    area = writer.pageLayout().paintRectPixels(RESOLUTION_DPI)
    body = QSizeF(area.width(), area.height())

    chosen = SHEET_LEVELS[-1]
    text: QTextDocument | None = None
    for limits in SHEET_LEVELS:
        text = _layout(deck, limits, writer, body)
        chosen = limits
        if text.documentLayout().documentSize().height() <= body.height():
            break
    assert text is not None
    height = text.documentLayout().documentSize().height()
    scale = min(1.0, body.height() / height) if height else 1.0

    painter = QPainter(writer)
    try:
        painter.scale(scale, scale)
        text.drawContents(painter, QRectF(0, 0, body.width() / scale, body.height() / scale))
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data()), chosen


def write_sheet(deck: Deck, path: Path | str, page_size: str = "A4", *,
                protect: DataPaths) -> SheetLimits:
    """Write the sheet atomically (private file, replaced in one step, never over the data
    in ``protect``)."""
    data, limits = render_sheet(deck, page_size)
    write_atomic(Path(path), data, protect=protect)
    return limits
