"""What the Track record page does: filtering, listing, selecting, creating, deleting, undo.

The page and the autosave controller are passed in; this class owns no widgets of its own.
Search-as-you-type queries the store off the UI thread (one worker, newest search wins), so
typing never waits for a search over 100,000 entries; chips and combos list at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, QObject, QTimer, Signal

from trackrecord.core.errors import NotFoundError, ValidationError
from trackrecord.core.record.entries import EntryData, EntryFilter, EntryService
from trackrecord.ui.record.autosave import EntryAutosave
from trackrecord.ui.record.filter_bar import ALL
from trackrecord.ui.record.list_model import summary_of
from trackrecord.ui.record.page import TrackRecordPage
from trackrecord.ui.support.autosave import sentence
from trackrecord.ui.support.background import Background

if TYPE_CHECKING:
    from trackrecord.core.store.db import Store

SEARCH_DELAY_MS = 150  # long enough to skip a query per keystroke, short enough to feel live


@dataclass(frozen=True)
class _Found:
    """What one filter lists, read off the UI thread (SQLite releases the GIL while it
    searches, so the window keeps painting)."""

    keys: list[int]
    counts: dict[str, int]
    any_entry: bool  # the store has entries, whether or not this filter lists any
    facets: tuple[list[tuple[str, int]], list[int]] | None  # tags, years: first listing only


def _find(service: EntryService, flt: EntryFilter, *, with_facets: bool = False) -> _Found:
    facets = (service.tags(), service.years()) if with_facets else None
    keys = service.list_keys(flt)
    return _Found(keys, service.count_by_kind(flt), bool(keys) or service.has_entries(), facets)


class TrackRecordController(QObject):
    # a message for the status bar, and whether "Undo" applies to it
    message = Signal(str, bool)
    undo_available = Signal(bool)
    listed = Signal()  # the list shows the current filter's entries

    def __init__(
        self,
        service: EntryService,
        page: TrackRecordPage,
        autosave: EntryAutosave,
        parent: QObject | None = None,
        *,
        store: Store | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._page = page
        self._autosave = autosave
        self._store = store  # for the story rehearsals an entry takes with it when deleted
        self._undo: list[EntryData] = []
        self._kept: dict[str, Any] = {}  # entry id -> its KeptPractice, for Undo
        self._refreshing = False
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search_now)
        self._background = Background(self)  # one search at a time, the newest listed last
        self._generation = 0  # bumped by every listing; older search results are dropped
        self._facets_read = 0  # bumped by every reading of the tags and years, likewise
        # The entry Ctrl+N made, while nothing has been typed into it: not kept if left so.
        self._untouched: str | None = None

        filters = page.filters
        filters.search.textChanged.connect(lambda _t: self._search_timer.start())
        filters.tag.currentIndexChanged.connect(lambda _i: self.refresh())
        filters.year.currentIndexChanged.connect(lambda _i: self.refresh())
        filters.kinds.buttonToggled.connect(lambda _b, checked: checked and self.refresh())
        page.list.selectionModel().selectionChanged.connect(self._on_selection_changed)
        autosave.saved.connect(self._on_saved)

    # -- listing -------------------------------------------------------------------------

    def current_filter(self) -> EntryFilter:
        bar = self._page.filters
        kind = bar.current_kind()
        return EntryFilter(
            kinds=frozenset({kind}) if kind != ALL else frozenset(),
            tag=bar.current_tag() or None,
            year=bar.current_year(),
            search=bar.search.text(),
        )

    def start(self, *, in_background: bool = False) -> None:
        """Fill the filters and the list for the first time; ``in_background`` reads them
        off the UI thread (the window at start-up: 100,000 entries take a while), and
        ``listed`` says when they are shown."""
        if not in_background:
            self.refresh_facets()
            self.refresh()
            return
        self._search(with_facets=True)

    def reload(self) -> None:
        """Another program changed the store: the entry in the editor as it now is (unless
        an edit to it is still being typed: what is typed wins, field by field), then the
        list and the filters again, off the UI thread, keeping the selection."""
        shown = self._autosave.entry
        if shown is not None and not self._autosave.has_pending():
            try:
                now = self._service.get(shown.id)
            except NotFoundError:
                now = None  # deleted elsewhere: the new listing selects another
            if now is not None and now.updated_at != shown.updated_at:  # changed elsewhere
                self._autosave.set_entry(now)
        self._search_timer.stop()
        self._search(with_facets=True, reloading=True)

    def refresh_facets(self) -> None:
        self._facets_read += 1
        self._show_facets(self._service.tags(), self._service.years())

    def _show_facets(self, tags: list[tuple[str, int]], years: list[int]) -> None:
        self._page.filters.set_tags(tags)
        self._page.filters.set_years(years)
        self._page.editor.set_known_tags([name for name, _n in tags])

    def refresh(self, select_id: str | None = None) -> None:
        """List what the filters ask for, keeping (or moving to) a selected entry."""
        self._search_timer.stop()
        self._generation += 1
        self._autosave.flush()
        flt = self.current_filter()
        keys = self._service.list_keys(flt)
        counts = self._service.count_by_kind(flt)
        self._apply(keys, counts, bool(keys) or self._service.has_entries(), select_id)

    def search_now(self) -> None:
        """Search for what the box says, off the UI thread; the list follows when it is done
        (``listed``). Called by the debounce timer."""
        self._search_timer.stop()
        self._autosave.flush()  # an edit saved now is found by this search
        self._search()

    def _search(self, *, with_facets: bool = False, reloading: bool = False) -> None:
        """List the current filter off the UI thread (``reloading``: for changes made
        elsewhere, so an edit being typed is left to its own timer)."""
        self._generation += 1
        if with_facets:
            self._facets_read += 1
        generation, flt, service = self._generation, self.current_filter(), self._service
        facets_read = self._facets_read
        self._background.run(
            lambda: _find(service, flt, with_facets=with_facets),
            lambda found, error: self._on_listed(
                generation, facets_read, flt, found, error, reloading))

    def _on_listed(self, generation: int, facets_read: int, flt: EntryFilter,
                   found: _Found | None, error: Exception | None, reloading: bool) -> None:
        if found is not None and found.facets is not None and facets_read == self._facets_read:
            # Tags and years hold whatever the filters are, unless newer ones were read since.
            self._show_facets(*found.facets)
            if generation == self._generation and flt != self.current_filter():
                # The tag or year filtered on is gone (deleted elsewhere): the filters show
                # "All" now, so list that.
                self._search(reloading=reloading)
                return
        if generation != self._generation or flt != self.current_filter():
            return  # a newer search or a filter change has taken its place
        if found is None:
            self.message.emit(sentence(str(error) or type(error).__name__), False)
            return
        self._apply(found.keys, found.counts, found.any_entry, None, flush=not reloading)

    def _apply(self, keys: list[int], counts: dict[str, int], any_entry: bool,
               select_id: str | None, *, flush: bool = True) -> None:
        if flush:
            self._autosave.flush()
        editing = self._autosave.entry
        wanted = select_id or (editing.id if editing is not None else None)
        self._refreshing = True
        try:
            # Keys only: the model reads the rows in view as they are painted.
            self._page.model.set_keys(keys, self._service)
        finally:
            self._refreshing = False
        self._page.filters.set_counts(counts)
        self._update_empty_text(any_entry)
        row = self._page.model.row_of(wanted) if wanted else -1
        self._select_row(row if row >= 0 else 0)
        self.listed.emit()

    def _update_empty_text(self, any_entry: bool | None = None) -> None:
        if self._page.model.rowCount() > 0:
            self._page.list.set_empty_text("")
        elif not (self._has_any_entry() if any_entry is None else any_entry):
            self._page.list.set_empty_text(self.tr(
                "No entries yet.\n\nPress Ctrl+N to record something you shipped, "
                "an incident you solved or someone you mentored."
            ))
        else:
            self._page.list.set_empty_text(self.tr("No entries match these filters."))

    def _select_row(self, row: int) -> None:
        view = self._page.list
        if row >= self._page.model.rowCount():
            row = self._page.model.rowCount() - 1
        if row < 0:
            view.clearSelection()
            self._show(None)
            return
        index = self._page.model.index(row, 0)
        view.setCurrentIndex(index)  # emits selectionChanged → _show
        view.scrollTo(index)
        # _show ignores the entry already in the editor, so this only covers a missed signal.
        self._show(self._page.model.entry_id(row))

    def _on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._refreshing:
            return
        indexes = selected.indexes()
        if indexes:
            self._show(self._page.model.entry_id(indexes[0].row()))

    def _show(self, entry_id: str | None) -> None:
        current = self._autosave.entry
        if entry_id is not None and current is not None and current.id == entry_id:
            return  # already in the editor, maybe with an edit still being typed
        self._autosave.flush()
        if self._untouched is not None and self._untouched != entry_id \
                and self.discard_untouched():
            self._reselect(entry_id)
        entry: EntryData | None = None
        if entry_id is not None:
            try:
                entry = self._service.get(entry_id)
            except NotFoundError:
                entry = None
        self._autosave.set_entry(entry)
        if entry is not None:
            self._page.show_editor(True)
        elif self._page.model.rowCount() == 0 and not self._has_any_entry():
            self._page.show_editor(False, self.tr("Your first entry will appear here."))
        else:
            self._page.show_editor(False, self.tr("Select an entry to see and edit it."))

    def _has_any_entry(self) -> bool:
        return self._service.has_entries()

    def _on_saved(self, data: EntryData, fields: frozenset[str]) -> None:
        if data.id == self._untouched:
            self._untouched = None  # something was typed into it: it is kept
        self._page.model.update_entry(summary_of(data))
        if fields & {"kind", "start_date", "tags"}:
            self._page.filters.set_counts(self._service.count_by_kind(self.current_filter()))
        if fields & {"start_date", "tags"}:
            self.refresh_facets()

    # -- commands ------------------------------------------------------------------------

    def new_entry(self) -> EntryData | None:
        """Create an entry of the kind being looked at, select it, and put the cursor in its
        title, so typing replaces "Untitled" straight away."""
        self._autosave.flush()
        self.discard_untouched()  # Ctrl+N twice makes one entry, not two
        kind = self._page.filters.current_kind() or "shipped"
        try:
            entry = self._service.create(kind, self.tr("Untitled"), start_date=dt.date.today())
        except ValidationError as exc:
            self.message.emit(sentence(str(exc)), False)
            return None
        self._untouched = entry.id
        self._clear_filters_except_kind()
        self.refresh_facets()
        self.refresh(select_id=entry.id)
        self._page.editor.focus_title()
        self.message.emit(self.tr("New entry created. Type its title."), False)
        return entry

    def discard_untouched(self) -> bool:
        """Delete the entry Ctrl+N made if nothing was typed into it: an "Untitled" entry,
        ongoing and dated today, is not something anyone did (it would open the brag
        document). Called when the editor moves to another entry, the page is left, the
        window closes. True when one was deleted."""
        entry_id = self._untouched
        if entry_id is None:
            return False
        self._autosave.flush()  # what was typed is saved first, and then it is kept
        if self._untouched is None or self._autosave.has_pending():
            return False
        self._untouched = None
        editing = self._autosave.entry
        if editing is not None and editing.id == entry_id:
            self._autosave.set_entry(None)
        try:
            self._service.delete(entry_id)
        except NotFoundError:
            return False  # deleted already (Delete, or another program)
        self._remove_from_list(entry_id)
        self.message.emit(self.tr("Nothing was typed into the new entry, so it was not kept."),
                          False)
        return True

    def _remove_from_list(self, entry_id: str) -> None:
        self._refreshing = True
        try:
            self._page.model.remove_entry(entry_id)
        finally:
            self._refreshing = False
        self._page.filters.set_counts(self._service.count_by_kind(self.current_filter()))
        self.refresh_facets()
        self._update_empty_text()

    def _reselect(self, entry_id: str | None) -> None:
        """After a row was taken out under the selection: select ``entry_id`` again."""
        row = self._page.model.row_of(entry_id) if entry_id else -1
        if row < 0:
            return
        self._refreshing = True
        try:
            self._page.list.setCurrentIndex(self._page.model.index(row, 0))
        finally:
            self._refreshing = False

    def _clear_filters_except_kind(self) -> None:
        # A new entry has no tags and may fall outside the year or the search: show it.
        bar = self._page.filters
        for widget in (bar.search, bar.tag, bar.year):
            widget.blockSignals(True)
        bar.search.clear()
        bar.tag.setCurrentIndex(0)
        bar.year.setCurrentIndex(0)
        for widget in (bar.search, bar.tag, bar.year):
            widget.blockSignals(False)

    def selected_id(self) -> str | None:
        index = self._page.list.currentIndex()
        return self._page.model.entry_id(index.row()) if index.isValid() else None

    def delete_selected(self) -> EntryData | None:
        entry_id = self.selected_id()
        if entry_id is None:
            return None
        self._autosave.flush()  # Undo must bring back the latest text, not an older one
        row = self._page.list.currentIndex().row()
        try:
            rehearsals = self._rehearsals()
            kept = rehearsals.kept(entry_id) if rehearsals else None  # Undo puts them back
            snapshot = self._service.delete(entry_id)
        except NotFoundError:
            snapshot = None
        else:
            self._kept[entry_id] = kept
        self._autosave.set_entry(None)
        if entry_id == self._untouched:
            self._untouched = None
        self._remove_from_list(entry_id)
        self._select_row(min(row, self._page.model.rowCount() - 1))
        if snapshot is not None:
            self._undo.append(snapshot)
            self.undo_available.emit(True)
            self.message.emit(self.tr("Deleted “{0}”.").format(snapshot.title), True)
        return snapshot

    def _rehearsals(self) -> Any:
        """The rehearsal service (imported on first delete: start-up does not need it)."""
        if self._store is None:
            return None
        from trackrecord.core.review.rehearsals import RehearsalService

        return RehearsalService(self._store)

    def undo_delete(self) -> EntryData | None:
        if not self._undo:
            return None
        snapshot = self._undo.pop()
        self.undo_available.emit(bool(self._undo))
        try:
            restored = self._service.restore(snapshot)
            kept, rehearsals = self._kept.pop(restored.id, None), self._rehearsals()
            if kept is not None and rehearsals is not None:
                rehearsals.put_back(restored.id, kept)
        except ValidationError as exc:
            self.message.emit(sentence(str(exc)), False)
            return None
        self.refresh_facets()
        self.refresh(select_id=restored.id)
        if self._page.model.row_of(restored.id) < 0:
            self._clear_filters_except_kind()
            self._page.filters.set_kind(ALL)
            self.refresh(select_id=restored.id)
        self.message.emit(self.tr("Restored “{0}”.").format(restored.title), False)
        return restored

    def focus_search(self) -> None:
        search = self._page.filters.search
        search.setFocus()
        search.selectAll()
