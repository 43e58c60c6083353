"""The files Track Record can export, declared once: ``trackrecord export`` and the window's
Export page and Export everything all read this table.

A format says what it is called, its file suffixes, and how its bytes are made from an
:class:`ExportJob`. PDF and ODT are drawn with Qt, which the core never imports: whoever runs
the job (the CLI, the window) passes the drawing function in (``ExportJob.draw``, which is
``trackrecord.pdf.draw.draw_with_qt``). Adding one is a record here, its writer, and its tests
(docs/architecture.md, "Adding an export format").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trackrecord.core.errors import ValidationError
from trackrecord.core.registry import Registry

if TYPE_CHECKING:
    from trackrecord.core.bragdoc.model import BragDocument
    from trackrecord.core.store.db import Store

# (format key, the document, the page size) -> the file's bytes
DrawWithQt = Callable[[str, "BragDocument", str], bytes]


def _no_document() -> BragDocument:
    raise RuntimeError("this export was given no brag document to write")


@dataclass(frozen=True)
class ExportJob:
    """What a format may need; each takes only what it uses."""

    # The brag document, built when first asked for (a whole-store format needs none).
    document: Callable[[], BragDocument] = _no_document
    store: Store | None = None  # a whole-store format reads it directly
    page_size: str = "A4"
    draw: DrawWithQt | None = None
    passphrase: str | None = None  # a sealed backup's


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

    # Needs a passphrase (ExportJob.passphrase): the CLI asks on the terminal or reads
    # TRACKRECORD_PASSPHRASE, the window asks twice.
    sealed: bool = False

    def default_filename(self, today: dt.date) -> str:
        stem = "trackrecord-backup" if self.whole_store else "brag-document"
        return f"{stem}-{today.isoformat()}{self.suffixes[0]}"


def _markdown(job: ExportJob) -> bytes:
    from trackrecord.core.bragdoc.markdown import render_markdown

    return render_markdown(job.document()).encode("utf-8")


def _html(job: ExportJob) -> bytes:
    from trackrecord.core.bragdoc.html import render_html

    return render_html(job.document()).encode("utf-8")


def _drawn_with_qt(key: str) -> Callable[[ExportJob], bytes]:
    def produce(job: ExportJob) -> bytes:
        if job.draw is None:
            raise RuntimeError(f"{key} is drawn with Qt: pass trackrecord.pdf.draw's in")
        return job.draw(key, job.document(), job.page_size)

    return produce


def _cv(job: ExportJob) -> bytes:
    from trackrecord.core.bragdoc.cv import render_cv

    return render_cv(job.document()).encode("utf-8")


def _backup(job: ExportJob) -> bytes:
    from trackrecord.core.transfer.json_export import dump_backup

    assert job.store is not None
    return dump_backup(job.store)


def _sealed_backup(job: ExportJob) -> bytes:
    from trackrecord.core.transfer.sealed import seal

    if job.passphrase is None:
        raise ValidationError("a sealed backup needs a passphrase")
    return seal(_backup(job), job.passphrase)


EXPORT_FORMATS: Registry[ExportFormat] = Registry("format", (
    ExportFormat("md", "Markdown", "Markdown brag document", (".md",), _markdown,
                 shows_source=True),
    ExportFormat("html", "HTML (one file)", "self-contained HTML brag document",
                 (".html", ".htm"), _html),
    ExportFormat("pdf", "PDF", "PDF brag document", (".pdf",), _drawn_with_qt("pdf"),
                 binary=True, paged=True),
    ExportFormat("odt", "OpenDocument (Word, LibreOffice)",
                 "OpenDocument text brag document, to edit in Word or LibreOffice", (".odt",),
                 _drawn_with_qt("odt"), binary=True),
    ExportFormat("cv", "CV bullets", "one line per entry for a CV: a verb first, the number "
                 "in it", (".txt",), _cv, shows_source=True),
    ExportFormat("json", "Track Record backup (JSON)",
                 "full backup of all your data (see docs/backup-format.md)", (".json",),
                 _backup, whole_store=True),
    ExportFormat("sealed", "Sealed Track Record backup (passphrase)",
                 "the full backup encrypted with a passphrase, for moving between machines",
                 (".sealed",), _sealed_backup, whole_store=True, binary=True, sealed=True),
))

# The formats of a brag document (the Export page offers these), in the table's order.
BRAG_FORMATS: tuple[str, ...] = tuple(f.key for f in EXPORT_FORMATS if not f.whole_store)
