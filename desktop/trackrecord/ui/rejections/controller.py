"""What the rejection view does: opening a new or saved rejection, live analysis as you type,
keeping exactly what was shown with the rejection, refreshing it, keeping practice items, and
the person's corrections (cards pinned or taken off, synonyms added).

A new rejection is analysed at once and again after each pause in typing (off the UI thread).
A saved one opens with the evidence and reframe it was saved with, read from its snapshot and
not recomputed; it is analysed again only when something the analysis reads is changed, or on
"Refresh against today's track record". Whatever is on screen is what gets saved.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from trackrecord.core.errors import NotFoundError, StorageError, ValidationError
from trackrecord.core.rejections.analysis import Analysis
from trackrecord.core.rejections.corrections import Corrections, LearningService
from trackrecord.core.rejections.data import plain
from trackrecord.core.rejections.service import RejectionData, RejectionService
from trackrecord.core.store.db import Store
from trackrecord.ui.rejections.analysis_worker import AnalysisRunner
from trackrecord.ui.rejections.autosave import RejectionAutosave
from trackrecord.ui.rejections.list_model import format_day, stage_label
from trackrecord.ui.rejections.view import RejectionView
from trackrecord.ui.support.autosave import sentence

ANALYSIS_DELAY_MS = 250  # a pause in typing, not a stop
ANALYSIS_FIELDS = frozenset({
    "company", "role", "level", "stage", "feedback", "own_read", "debrief", "category",
    "category_confirmed",
})
CHOICES = frozenset({"stage", "category", "category_confirmed"})  # no typing to wait for
LISTED_FIELDS = frozenset({
    "company", "role", "stage", "category", "date", "sting_before", "sting_after",
})


class RejectionController(QObject):
    message = Signal(str)  # for the status bar
    open_entry = Signal(str)  # an evidence card was clicked: show that entry
    listed_changed = Signal(str)  # a rejection was created, or what its list row shows changed
    practice_changed = Signal()
    shown = Signal()  # an analysis is on screen

    def __init__(
        self,
        store: Store,
        service: RejectionService,
        view: RejectionView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._learning = LearningService(store)
        self._view = view
        self._form = view.form
        self.runner = AnalysisRunner(store, self)
        self.autosave = RejectionAutosave(service, view.form, self._snapshot_values, parent=self)
        self.analysis: Analysis | None = None
        self._snapshot: dict[str, Any] | None = None
        self._live = True
        self._save_next = False
        self._reopened = False  # opened from the list (not logged in this sitting)
        self._kept: set[str] = set()
        self._corrections = Corrections()
        self._corrections_pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ANALYSIS_DELAY_MS)
        self._timer.timeout.connect(self.analyse)

        view.form.changed.connect(self._on_changed)
        view.refresh.clicked.connect(self.refresh)
        view.evidence.open_entry.connect(self.open_entry.emit)
        view.reframe.keep_practice.connect(self.keep_practice)
        view.reframe.add_synonym.connect(self.add_synonym)
        view.evidence.pin.connect(self.pin)
        view.evidence.not_relevant.connect(self.not_relevant)
        view.evidence.show_removed.connect(self.show_removed)
        view.reframe.read.connect(self._on_read)
        self.runner.finished.connect(self._on_analysis)
        self.runner.failed.connect(self._on_failed)
        self.autosave.saved.connect(self._on_saved)

    @property
    def rejection(self) -> RejectionData | None:
        return self.autosave.rejection

    def is_live(self) -> bool:
        """True while what is shown follows the form (not a saved snapshot)."""
        return self._live

    def is_unsaved_draft(self) -> bool:
        """A new rejection with something typed but no company or stage yet (so nothing
        written)."""
        return self.rejection is None and self._form.has_content()

    def _needs(self) -> str:
        missing = self._form.missing()
        if missing == ["stage"]:
            return self.tr("the stage it reached")
        if missing == ["company"]:
            return self.tr("a company")
        return self.tr("a company and a stage")

    # -- opening -------------------------------------------------------------------------

    def new_rejection(self) -> None:
        """A blank rejection, analysed at once; nothing is written until it has a company."""
        if self.is_unsaved_draft():
            self.message.emit(self.tr("Your rejection is still here: it needs {0} to be "
                                      "saved.").format(self._needs()))
            if "company" in self._form.missing():
                self._form.focus_company()
            else:
                self._form.stage.setFocus()
            return
        self.flush()
        self._reset(None)
        self._reopened = False
        self._form.clear()
        self._form.set_after_enabled(False)
        self._view.reframe.set_read(False)
        self._update_header()
        self.analyse()
        self._form.focus_company()

    def open_rejection(self, rejection_id: str) -> bool:
        """Show a saved rejection exactly as it was saved (from its snapshot)."""
        current = self.rejection
        if current is not None and current.id == rejection_id:
            return True
        dropped = self.is_unsaved_draft()
        needs = self._needs() if dropped else ""
        self.flush()
        try:
            data = self._service.get(rejection_id)
        except (NotFoundError, StorageError) as exc:
            self.message.emit(sentence(str(exc)))
            return False
        self._reset(data)
        self._reopened = True
        self._form.load(data)
        self._view.reframe.set_read(True)
        self._kept = self._kept_for(data.id)
        if data.snapshot:
            self._live = False
            self.analysis = Analysis.from_snapshot(data.snapshot)
            self._snapshot = plain(data.snapshot)
            self._corrections = self.analysis.corrections
            self._show(self.analysis)
        else:  # logged without one (an import, say): work it out now and keep it
            self.analyse()
        self._update_header()
        if dropped:
            self.message.emit(self.tr("The rejection that still needed {0} was not saved.")
                              .format(needs))
        return True

    def _reset(self, data: RejectionData | None) -> None:
        self._timer.stop()
        self.runner.cancel()
        self.autosave.set_rejection(data)
        self.analysis = None
        self._snapshot = None
        self._live = True
        self._save_next = False
        self._kept = set()
        self._corrections = Corrections()
        self._view.evidence.show_pending()
        self._view.reframe.setVisible(False)

    # -- analysis ------------------------------------------------------------------------

    def analyse(self) -> None:
        """Ask for a fresh analysis of the form as it is now (answered off the UI thread)."""
        self._timer.stop()
        query = self._form.query()
        if self.rejection is not None:  # its own pins are not pins to another rejection
            query = dataclasses.replace(query, rejection_id=self.rejection.id)
        self.runner.request(query, self._form.category_override(), self._corrections)

    def refresh(self) -> None:
        """Against today's track record; the new snapshot is saved as soon as it is shown."""
        self._live = True
        self._save_next = True
        self._view.shown_as.setText(self.tr("Looking through today's track record…"))
        self.analyse()

    def _on_changed(self, name: str) -> None:
        self.autosave.mark(name)
        if name in ("company", "role"):
            self._update_header()
        if name in ANALYSIS_FIELDS:
            self._live = True
            if name in CHOICES:
                self.analyse()
            else:
                self._timer.start()

    def _on_analysis(self, analysis: Analysis) -> None:
        if not self._live:
            return
        self.analysis = analysis
        self._snapshot = analysis.to_snapshot()
        before = self._form.value("category")
        self._show(analysis)
        self.autosave.mark("snapshot")
        if self._form.value("category") != before:
            self.autosave.mark("category")
        if self._save_next:
            self._save_next = False
            refreshing = not self._corrections_pending
            if self.autosave.flush() and refreshing:
                self.message.emit(self.tr("Refreshed against today's track record."))
        self._corrections_pending = False

    def _on_failed(self, error: str) -> None:
        self._save_next = False
        self._view.evidence.intro.setText(self.tr(
            "Your track record could not be read just now ({0}). What you typed is safe; "
            "it will look again when you next change something."
        ).format(error))

    def _show(self, analysis: Analysis) -> None:
        form = self._form
        form.show_suggestion(analysis.suggested_category, analysis.suggested_trigger,
                             bool(str(form.value("feedback")).strip()),
                             second=analysis.second_category,
                             second_trigger=analysis.second_trigger, by_stage=analysis.by_stage)
        form.follow_category(analysis.category)
        # Until a stage is chosen the evidence answers "this interview round".
        chosen = form.value("stage")
        self._view.evidence.show_evidence(
            analysis.evidence, stage_label(analysis.stage) if chosen else self.tr("interview"))
        self._view.evidence.show_removed_count(len(analysis.corrections.removed))
        self._view.reframe.show_reframe(analysis.reframe, self._kept, analysis.gaps)
        self._view.reframe.setVisible(True)
        self._update_shown_as()
        self.shown.emit()

    def _snapshot_values(self) -> dict[str, Any]:
        """What the autosave writes for "snapshot": exactly the analysis on screen."""
        if self.analysis is None or self._snapshot is None:
            return {}
        return {
            "snapshot": self._snapshot,
            "suggested_category": self.analysis.suggested_category,
            "category_trigger": self.analysis.suggested_trigger,
        }

    # -- corrections ---------------------------------------------------------------------

    def pin(self, entry_id: str, pinned: bool) -> None:
        """Keep this card on this rejection, first, whatever it matches (or let it go)."""
        fixes = self._corrections.pin(entry_id) if pinned else self._corrections.unpin(entry_id)
        title = self._title(entry_id)
        said = (self.tr("Pinned “{0}” to this rejection.") if pinned
                else self.tr("“{0}” moves with the matching again.")).format(title)
        self._correct(fixes, said)

    def not_relevant(self, entry_id: str) -> None:
        """Take this card off, and stop what linked it here counting for it again."""
        shown = next((e for e in self.analysis.evidence if e.entry_id == entry_id), None) \
            if self.analysis is not None else None
        links = [link for link in (shown.links if shown else ())
                 if link.startswith(("skill:", "word:"))]
        if shown is not None and not links:
            links = [f"stage:{self.analysis.stage}"] if self.analysis is not None else []
        try:
            self._learning.not_relevant(entry_id, links)
        except (ValidationError, StorageError) as exc:
            self.message.emit(sentence(str(exc)))
            return
        self._correct(self._corrections.remove(entry_id), self.tr(
            "“{0}” is off this rejection, and what linked it here will not bring it back in "
            "later matches.").format(self._title(entry_id)))

    def show_removed(self) -> None:
        """Every card taken off this rejection comes back, and may be linked again."""
        fixes = self._corrections
        for entry_id in fixes.removed:
            try:
                self._learning.relevant_again(entry_id)
            except StorageError as exc:
                self.message.emit(sentence(str(exc)))
                return
            fixes = fixes.restore(entry_id)
        self._correct(fixes, self.tr("The cards you took off are back."))

    def add_synonym(self, word: str, said: str) -> None:
        """Other words for a gap's word in the person's track record: kept for every match."""
        try:
            kept = self._learning.add_synonyms(word, said)
        except (ValidationError, StorageError) as exc:
            self.message.emit(sentence(str(exc)))
            return
        self._correct(self._corrections, self.tr(
            "Kept: “{0}” is also {1}. Every later match uses it too.").format(
            word, ", ".join(kept)))

    def _correct(self, fixes: Corrections, said: str) -> None:
        """Analyse again with this correction; what is shown then is saved with the rejection."""
        self._corrections = fixes
        self._live = True
        self._save_next = self.rejection is not None
        self._corrections_pending = True
        self.message.emit(said)
        self.analyse()

    def _title(self, entry_id: str) -> str:
        if self.analysis is not None:
            for e in self.analysis.evidence:
                if e.entry_id == entry_id:
                    return e.title
        return self.tr("that entry")

    # -- practice and reading ------------------------------------------------------------

    def keep_practice(self, text: str) -> None:
        self.flush()  # a rejection that can be saved is, so the item is linked to it
        rejection = self.rejection
        try:
            self._service.add_practice(text, rejection.id if rejection is not None else None)
        except (ValidationError, NotFoundError, StorageError) as exc:
            self.message.emit(sentence(str(exc)))
            return
        self._kept.add(text)
        self._view.reframe.mark_kept(self._kept)
        self.practice_changed.emit()
        self.message.emit(self.tr("Kept on your Practice list."))

    def _kept_for(self, rejection_id: str) -> set[str]:
        try:
            items = self._service.practice_items(rejection_id=rejection_id)
        except StorageError:
            return set()
        return {item.text for item in items}

    def _on_read(self) -> None:
        self._form.set_after_enabled(True)
        self._view.reframe.set_read(True)
        self._view.scroll_to_sting_after()
        self._form.sting_after.slider.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- saving --------------------------------------------------------------------------

    def flush(self) -> bool:
        return self.autosave.flush()

    def shutdown(self) -> None:
        """Before the store closes: everything written, nothing still reading."""
        self._timer.stop()
        self.runner.wait()
        self.runner.cancel()  # an answer still queued for delivery must not land after this
        self.flush()

    def _on_saved(self, data: RejectionData, fields: frozenset[str]) -> None:
        self._update_header()
        if fields & LISTED_FIELDS:
            self.listed_changed.emit(data.id)

    # -- header --------------------------------------------------------------------------

    def _update_header(self) -> None:
        company = str(self._form.value("company")).strip()
        role = str(self._form.value("role")).strip()
        if company:
            title = f"{company} · {role}" if role else company
        else:
            title = self.tr("New rejection")
        self._view.title.setText(title)
        # Refreshing is for a rejection saved before; a new one follows every change anyway.
        self._view.refresh.setVisible(self._reopened)
        self._update_shown_as()

    def _update_shown_as(self) -> None:
        label = self._view.shown_as
        if self._live or self._snapshot is None:
            label.setText(self.tr("Updates as you type"))
            return
        shown_at = self._snapshot.get("shown_at")
        try:
            when = dt.datetime.fromisoformat(str(shown_at)).astimezone().date()
        except ValueError:
            label.setText(self.tr("As it was saved"))
            return
        label.setText(self.tr("As shown on {0}").format(format_day(when)))
