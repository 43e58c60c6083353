"""The brag document as OpenDocument text (.odt), written by Qt's own ODF writer.

Word and LibreOffice open it. It is made from the print HTML (``render_print_html``), the
same as the PDF, so headings, lists and emphasis carry over; page layout is left to the
word processor, which is the point of an editable document.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QTextDocument, QTextDocumentWriter

from trackrecord.core.bragdoc.document import BragDocument, render_print_html
from trackrecord.pdf.bragdoc import ensure_gui_application


def draw_odt(doc: BragDocument) -> bytes:
    ensure_gui_application()
    text = QTextDocument()
    text.setHtml(render_print_html(doc))
    text.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, doc.title)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QTextDocumentWriter(buffer, QByteArray(b"ODF"))
    if not writer.write(text):
        raise OSError("Qt could not write the OpenDocument file")
    buffer.close()
    return bytes(data.data())
