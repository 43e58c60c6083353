"""The brag document as PDF, laid out by Qt: real text, fonts embedded, numbered pages.

QTextDocument lays out the print variant of the HTML (``render_print_html``) in pages of the
writer's size; each page is painted with ``drawContents`` and given a footer with QPainter.
It needs a QGuiApplication for fonts; the command line has none, so one is made offscreen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QApplication

from trackrecord import APP_NAME
from trackrecord.core.bragdoc.document import BragDocument, render_print_html
from trackrecord.core.transfer.output_file import write_atomic
from trackrecord.paths import DataPaths

PAGE_SIZES: dict[str, QPageSize.PageSizeId] = {
    "A4": QPageSize.PageSizeId.A4,
    "Letter": QPageSize.PageSizeId.Letter,
}
MARGINS_MM = QMarginsF(18, 16, 18, 12)
FOOTER_MM = 10.0
RESOLUTION_DPI = 600
# Entries up to this share of a page never straddle a page break; longer ones may, once at
# least KEEP_AT_LEAST of a page of them is on the page where their title is.
KEEP_WHOLE_UP_TO = 0.4
KEEP_AT_LEAST = 0.15
# Each round of keep_entries_together lays the document out once; two are usually enough.
MAX_LAYOUT_ROUNDS = 5

_app: QApplication | None = None  # kept alive for the process when we made it


def ensure_gui_application() -> None:
    """Fonts need a QGuiApplication; make an offscreen one when running without a window.

    A QApplication, not a bare QGuiApplication: widgets made later in the same process
    (the tests, an embedding app) need one, and Qt allows only one application object."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and sys.platform not in ("darwin", "win32"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QApplication([sys.argv[0] if sys.argv else "trackrecord"])


def page_size_name(value: str) -> str:
    """``a4``/``LETTER`` -> the canonical name; raises ValueError for anything else."""
    for name in PAGE_SIZES:
        if value.strip().casefold() == name.casefold():
            return name
    raise ValueError(f"unknown page size {value!r}: use {' or '.join(PAGE_SIZES)}")


def _footer_text(doc: BragDocument) -> str:
    return " — ".join(v for v in (doc.name, doc.title) if v)


def pdf_writer(buffer: QBuffer, page_size: str, margins_mm: QMarginsF, dpi: int,
               title: str) -> QPdfWriter:
    """A PDF writer into ``buffer`` (opened here): portrait pages of ``page_size`` with
    those margins, at ``dpi``, titled, and made by us."""
    ensure_gui_application()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(dpi)
    writer.setPageLayout(QPageLayout(
        QPageSize(PAGE_SIZES[page_size_name(page_size)]), QPageLayout.Orientation.Portrait,
        margins_mm, QPageLayout.Unit.Millimeter,
    ))
    writer.setTitle(title)
    writer.setCreator(APP_NAME)
    return writer


def render_pdf(doc: BragDocument, page_size: str = "A4") -> tuple[bytes, int]:
    """The PDF file's bytes and its number of pages."""
    data = QByteArray()
    buffer = QBuffer(data)
    writer = pdf_writer(buffer, page_size, MARGINS_MM, RESOLUTION_DPI,
                        " — ".join(v for v in (doc.title, doc.name) if v))

    text = QTextDocument()
    text.documentLayout().setPaintDevice(writer)
    text.setDocumentMargin(0)
    text.setHtml(render_print_html(doc))
    dots_per_mm = RESOLUTION_DPI / 25.4
    area = writer.pageLayout().paintRectPixels(RESOLUTION_DPI)
    footer_h = FOOTER_MM * dots_per_mm
    body = QSizeF(area.width(), area.height() - footer_h)
    text.setPageSize(body)
    keep_entries_together(text, body.height())
    pages = max(1, text.pageCount())

    footer_font = QFont("DejaVu Sans")
    footer_font.setPointSizeF(7.5)
    painter = QPainter(writer)
    try:
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(0, -index * body.height())
            page = QRectF(0, index * body.height(), body.width(), body.height())
            text.drawContents(painter, page)
            painter.restore()
            _paint_footer(painter, doc, index + 1, pages, body, footer_h, footer_font)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data()), pages


def _break_points(text: QTextDocument) -> list[QTextBlock]:
    """Blocks a page may start with: each entry's title, or a group heading with its first
    entry glued to it (so a heading is never left alone at the foot of a page)."""
    points: list[QTextBlock] = []
    previous_level = 0
    block = text.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level == 2 or (level == 3 and previous_level != 2):
            points.append(block)
        if block.text().strip() or level:
            previous_level = level
        block = block.next()
    return points


def _breaks_before(block: QTextBlock) -> bool:
    return bool(block.blockFormat().pageBreakPolicy()
                & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)


def keep_entries_together(text: QTextDocument, page_height: float) -> None:
    """Start an entry on a new page rather than cut it, when it is short enough.

    QTextDocument has no ``break-inside: avoid``. Each round reads the laid-out positions
    once, predicts how every break shifts what follows, sets all the breaks in one edit and
    lays out again; a round that finds nothing left to move ends it. (Setting one break at
    a time and re-laying out after each made this quadratic: minutes for 10,000 entries.)
    """
    for _round in range(MAX_LAYOUT_ROUNDS):
        if not _break_before_cut_entries(text, page_height):
            return


def _break_before_cut_entries(text: QTextDocument, page_height: float) -> bool:
    layout = text.documentLayout()
    points = _break_points(text)
    tops = [layout.blockBoundingRect(block).top() for block in points]
    breaks = [_breaks_before(block) for block in points]
    tops.append(layout.documentSize().height())
    breaks.append(False)
    shift = 0.0  # how far the breaks set so far in this round push the rest down
    chosen = []
    for index, block in enumerate(points):
        top, bottom = tops[index] + shift, tops[index + 1] + shift
        if breaks[index + 1]:
            # The next entry starts a page of its own: this one ends where that page begins,
            # not at the next entry's title.
            bottom = (bottom // page_height) * page_height
        if bottom - top > page_height * KEEP_WHOLE_UP_TO:
            # A long entry may run over, as long as a fair part of it follows its title.
            bottom = top + page_height * KEEP_AT_LEAST
        # (Half a dot of slack: a block already at a page's top must not look cut.)
        first_page = int((top + 0.5) // page_height)
        last_page = int((bottom - 1) // page_height)
        if first_page != last_page and top > 0 and not breaks[index]:
            chosen.append(block)
            shift += (first_page + 1) * page_height - top
    if not chosen:
        return False
    cursor = QTextCursor(text)
    cursor.beginEditBlock()
    fmt = QTextBlockFormat()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    for block in chosen:
        cursor.setPosition(block.position())
        cursor.mergeBlockFormat(fmt)
    cursor.endEditBlock()
    # Lay out everything again: the incremental update after format changes can leave
    # later blocks with stale page positions.
    text.markContentsDirty(0, text.characterCount())
    return True


def _paint_footer(
    painter: QPainter, doc: BragDocument, page: int, pages: int, body: QSizeF,
    footer_h: float, font: QFont,
) -> None:
    top = body.height() + footer_h * 0.35
    rule = QPen(QColor("#c9ced6"))
    rule.setWidthF(RESOLUTION_DPI / 300)
    painter.setPen(rule)
    painter.drawLine(0, int(top), int(body.width()), int(top))
    painter.setPen(QColor("#5b6472"))
    painter.setFont(font)
    box = QRectF(0, top, body.width(), body.height() + footer_h - top)
    align = Qt.AlignmentFlag.AlignVCenter
    painter.drawText(box, int(align | Qt.AlignmentFlag.AlignLeft), _footer_text(doc))
    painter.drawText(box, int(align | Qt.AlignmentFlag.AlignRight), f"Page {page} of {pages}")


def write_pdf(doc: BragDocument, path: Path | str, page_size: str = "A4", *,
              protect: DataPaths) -> int:
    """Write the PDF atomically (private file, replaced in one step, never over the data in
    ``protect``); returns the page count."""
    data, pages = render_pdf(doc, page_size)
    write_atomic(Path(path), data, protect=protect)
    return pages
