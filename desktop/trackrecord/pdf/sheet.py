"""The confidence sheet: the review deck on ONE page of PDF, laid out by Qt.

QTextDocument lays out the sheet's HTML (``core.review.sheet``), starting from its plainest
plan and taking each further detail (``SHEET_STEPS``, most worth its space first) that still
fits one page of the writer's size: the page is filled with whole sentences, and shortened
by choosing fewer items, never by cutting one. If even the plainest plan would run over
(a pathological entry), the document is scaled down rather than spill onto a second page.
Real text, fonts embedded, like the brag document (``pdf.bragdoc``). Works without a window
(the CLI).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QFont, QPainter, QPdfWriter, QTextDocument

from trackrecord.core.review.deck import Deck
from trackrecord.core.review.sheet import SHEET_BASE, SHEET_STEPS, SheetPlan, render_sheet_html
from trackrecord.core.transfer.output_file import write_atomic
from trackrecord.paths import DataPaths
from trackrecord.pdf.bragdoc import pdf_writer

MARGINS_MM = QMarginsF(14, 12, 14, 12)
RESOLUTION_DPI = 300
FONT_FAMILY = "DejaVu Sans"
BASE_POINTS = 8.6


@dataclass(frozen=True)
class SheetFit:
    plan: SheetPlan  # the level of detail that was printed
    fill: float  # how much of the page's height the text takes (0..1; 1 when scaled down)


def _layout(deck: Deck, plan: SheetPlan, writer: QPdfWriter, body: QSizeF) -> QTextDocument:
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
    text.setHtml(render_sheet_html(deck, plan))
    return text


def render_sheet(deck: Deck, page_size: str = "A4") -> tuple[bytes, SheetFit]:
    """The PDF's bytes (always one page) and the plan that fitted, with how full it is."""
    data = QByteArray()
    buffer = QBuffer(data)
    writer = pdf_writer(buffer, page_size, MARGINS_MM, RESOLUTION_DPI,
                        f"Confidence sheet: {deck.intro.title}")
    area = writer.pageLayout().paintRectPixels(RESOLUTION_DPI)
    body = QSizeF(area.width(), area.height())

    def height(doc: QTextDocument) -> float:
        return float(doc.documentLayout().documentSize().height())

    plan = SHEET_BASE
    text = _layout(deck, plan, writer, body)
    if height(text) <= body.height():
        full: set[str] = set()  # details that stopped fitting: their bigger steps will not
        for step in SHEET_STEPS:
            if step[0] in full:
                continue
            tried = plan.with_step(step)
            if tried == plan:
                continue
            candidate = _layout(deck, tried, writer, body)
            if height(candidate) <= body.height():
                plan, text = tried, candidate
            else:
                full.add(step[0])
    used = height(text)
    scale = min(1.0, body.height() / used) if used else 1.0

    painter = QPainter(writer)
    try:
        painter.scale(scale, scale)
        text.drawContents(painter, QRectF(0, 0, body.width() / scale, body.height() / scale))
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data()), SheetFit(plan, min(1.0, used / body.height()))


def write_sheet(deck: Deck, path: Path | str, page_size: str = "A4", *,
                protect: DataPaths) -> SheetFit:
    """Write the sheet atomically (private file, replaced in one step, never over the data
    in ``protect``)."""
    data, fit = render_sheet(deck, page_size)
    write_atomic(Path(path), data, protect=protect)
    return fit
