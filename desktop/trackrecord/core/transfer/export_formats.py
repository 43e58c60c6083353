"""The files Track Record can export, declared once: ``trackrecord export`` and the window's
Export page and Export everything all read this table.

A format says what it is called, its file suffixes, and how its bytes are made from an
:class:`ExportJob`. The PDF is drawn with Qt, which the core never imports: whoever runs the
job (the CLI, the window) passes the drawing function in (``ExportJob.draw_pdf``, from
``trackrecord.pdf``). Adding one is a record here, its writer, and its tests
(docs/architecture.md, "Adding an export format").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trackrecord.core.registry import Registry

if TYPE_CHECKING:
    from trackrecord.core.bragdoc.model import BragDocument
    from trackrecord.core.store.db import Store

DrawPdf = Callable[["BragDocument", str], bytes]


@dataclass(frozen=True)
class ExportJob:
    """What a format may need; each takes only what it uses."""

    document: Callable[[], BragDocument]  # the brag document, built when first asked for
    store: Store | None = None  # a whole-store format reads it directly
    page_size: str = "A4"
    draw_pdf: DrawPdf | None = None


@dataclass(frozen=True)
class ExportFormat:
    key: str  # --format, and what the Export page remembers
    label: str  # shown in the Export page (translated under "ExportFormats")
    description: str  # the command line's help
    suffixes: tuple[str, ...]  # the first is the default file name's
    produce: Callable[[ExportJob], bytes]
    # A backup of everything, rejection log included, not a brag document: brag-document
    # filters are refused, and it is not offered on the Export page.
    whole_store: bool = False
    binary: bool = False  # never written to standard output
    paged: bool = False  # takes a page size
    shows_source: bool = False  # previewed as the text written, not as a page

    def default_filename(self, today: dt.date) -> str:
        stem = "trackrecord-backup" if self.whole_store else "brag-document"
        return f"{stem}-{today.isoformat()}{self.suffixes[0]}"


def _markdown(job: ExportJob) -> bytes:
    from trackrecord.core.bragdoc.markdown import render_markdown

    return render_markdown(job.document()).encode("utf-8")


def _html(job: ExportJob) -> bytes:
    from trackrecord.core.bragdoc.html import render_html

    return render_html(job.document()).encode("utf-8")


def _pdf(job: ExportJob) -> bytes:
    if job.draw_pdf is None:
        raise RuntimeError("a PDF is drawn with Qt: pass trackrecord.pdf's draw_pdf in")
    return job.draw_pdf(job.document(), job.page_size)


def _backup(job: ExportJob) -> bytes:
    from trackrecord.core.transfer.json_export import dump_backup

    assert job.store is not None
    return dump_backup(job.store)


EXPORT_FORMATS: Registry[ExportFormat] = Registry("format", (
    ExportFormat("md", "Markdown", "Markdown brag document", (".md",), _markdown,
                 shows_source=True),
    ExportFormat("html", "HTML (one file)", "self-contained HTML brag document",
                 (".html", ".htm"), _html),
    ExportFormat("pdf", "PDF", "PDF brag document", (".pdf",), _pdf, binary=True, paged=True),
    ExportFormat("json", "Track Record backup (JSON)",
                 "full backup of all your data (see docs/backup-format.md)", (".json",),
                 _backup, whole_store=True),
))

# The formats of a brag document (the Export page offers these), in the table's order.
BRAG_FORMATS: tuple[str, ...] = tuple(f.key for f in EXPORT_FORMATS if not f.whole_store)
