"""The export formats drawn with Qt, behind one function the core's format table is given
(``ExportJob.draw``): the command line and the Export page pass it in, so the core never
imports Qt."""

from __future__ import annotations

from trackrecord.core.bragdoc.model import BragDocument


def draw_with_qt(format_key: str, doc: BragDocument, page_size: str) -> bytes:
    if format_key == "pdf":
        from trackrecord.pdf.bragdoc import render_pdf

        return render_pdf(doc, page_size)[0]
    if format_key == "odt":
        from trackrecord.pdf.odt import draw_odt

        return draw_odt(doc)
    raise ValueError(f"{format_key} is not drawn with Qt")
