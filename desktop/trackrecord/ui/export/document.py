"""What the Export page offers and makes: the formats and groupings it lists, and the job
that builds (and for a save, writes) one brag document off the UI thread.

The formats themselves (labels, suffixes, how each is made) are the core's table,
core/transfer/export_formats.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP

from trackrecord.core.bragdoc.document import (
    BragDocument,
    build_document,
    render_markdown,
    render_print_html,
)
from trackrecord.core.bragdoc.prefs import ExportPrefs, save_prefs
from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import Store
from trackrecord.core.transfer.export_formats import BRAG_FORMATS, EXPORT_FORMATS, ExportJob
from trackrecord.core.transfer.output_file import ExportWriteError, write_atomic
from trackrecord.pdf.draw import draw_with_qt

PREVIEW_LIMIT = 100  # entries shown in the preview; the saved file always has all of them
# ExportView translates these in the "ExportPage" context; the formats' labels are the
# core's table's (core/transfer/export_formats.py), marked in ui/shell/label_strings.py.
FORMAT_LABELS = {key: EXPORT_FORMATS[key].label for key in BRAG_FORMATS}
GROUP_LABELS = {"sections": QT_TRANSLATE_NOOP("ExportPage", "Brag-doc sections"),
                "year": QT_TRANSLATE_NOOP("ExportPage", "Year"),
                "kind": QT_TRANSLATE_NOOP("ExportPage", "Kind")}


@dataclass(frozen=True)
class Result:
    generation: int
    text: str = ""  # preview HTML, or Markdown source
    markdown: bool = False
    entries: int = 0
    shown: int = 0
    groups: int = 0
    saving: bool = False
    saved_to: str = ""
    error: str = ""
    # Copy as rich text: the whole document as HTML, and as Markdown for plain-text pastes.
    copied_html: str = ""
    copied_text: str = ""


class Job:
    """Build (and for a save, write) one document: run off the UI thread."""

    def __init__(self, store: Store, prefs: ExportPrefs, today: dt.date, generation: int,
                 save_to: Path | None, remember: bool, *, copy: bool = False) -> None:
        self._store, self._prefs, self._today = store, prefs, today
        self._generation, self._save_to, self._remember = generation, save_to, remember
        self._copy = copy

    def failed(self, error: Exception) -> Result:
        return Result(self._generation, saving=self._save_to is not None,
                       error=str(error) or type(error).__name__)

    def __call__(self) -> Result:
        if self._remember:
            # Remembering is a courtesy: a locked or read-only store must not stop the preview.
            with contextlib.suppress(Exception):
                save_prefs(self._store, self._prefs)
        prefs = self._prefs
        # No kind ticked means nothing to export (to BragOptions, no kinds means every kind).
        entries = EntryService(self._store).all() if prefs.kinds else []
        from trackrecord.core.goals.service import GoalService

        doc = build_document(entries, prefs.options(self._today),
                             goals=GoalService(self._store).list())
        if self._save_to is not None:
            return self._save(doc)
        if self._copy:
            return Result(self._generation, entries=doc.entry_count,
                          copied_html=render_print_html(doc), copied_text=render_markdown(doc))
        shown = doc.first_items(PREVIEW_LIMIT)
        fmt = EXPORT_FORMATS[prefs.format]
        # A text format is previewed as the text it writes; the others as the printed page.
        markdown = fmt.shows_source
        text = (fmt.produce(ExportJob(document=lambda: shown)).decode("utf-8") if markdown
                else render_print_html(shown))
        return Result(self._generation, text, markdown, doc.entry_count, shown.entry_count,
                       len(doc.sections))

    def _save(self, doc: BragDocument) -> Result:
        assert self._save_to is not None
        fmt = EXPORT_FORMATS[self._prefs.format]
        try:
            data = fmt.produce(ExportJob(document=lambda: doc, store=self._store,
                                         page_size=self._prefs.page_size, draw=draw_with_qt))
            write_atomic(self._save_to, data, protect=self._store.paths)
        except ExportWriteError as exc:
            return Result(self._generation, saving=True, error=str(exc))
        return Result(self._generation, entries=doc.entry_count, saving=True,
                       saved_to=str(self._save_to))
