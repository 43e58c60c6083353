"""The main window's pages other than Track record, built the first time they are shown.

Each is imported and built on demand: the window is on screen, and the entries listed,
without ever loading the rejection log, the review deck, the charts or the export preview.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

from trackrecord.paths import DataPaths

if TYPE_CHECKING:
    from trackrecord.core.store.db import Store
    from trackrecord.ui.shell.window_state import UiState


class PageHost(Protocol):
    """What a page asks of the window it lives in."""

    @property
    def ui_state(self) -> UiState: ...
    def show_save_state(self, state: str, text: str) -> None: ...
    def show_note(self, text: str) -> None: ...
    def show_entry(self, entry_id: str) -> None: ...
    def new_entry(self) -> None: ...


def prepare_attach() -> None:
    """Load what ``attach`` needs (app.py runs this on a worker thread while the store
    opens): the page's modules, and Markdown's patterns, compiled once into re's cache by
    rendering a throwaway note."""
    import trackrecord.ui.record.controller  # noqa: F401 (imported for its cost)
    from trackrecord.core.record.notes_html import render_notes

    render_notes("*warm*")


def build_page(
    name: str, parent: QWidget, window: PageHost, store: Store, paths: DataPaths
) -> QWidget:
    """Build the page ``name`` (see ``main_window.PAGES``) in ``parent``, wired to
    ``window`` (the main window is both)."""
    if name == "rejections":
        from trackrecord.ui.rejections.page import RejectionsPage

        rejections = RejectionsPage(store, parent)
        rejections.state_changed.connect(window.show_save_state)
        rejections.message.connect(window.show_note)
        rejections.open_entry.connect(window.show_entry)
        for key, splitter in (("rejections/splitter", rejections.view.splitter),
                              ("rejections/listSplitter", rejections.overview.splitter)):
            state = window.ui_state.bytes(key)
            if state is not None:
                splitter.restoreState(state)
        return rejections
    if name == "review":
        from trackrecord.ui.review.page import ReviewPage

        review = ReviewPage(store, paths, parent)
        review.controller.open_entry.connect(window.show_entry)
        review.controller.new_entry_requested.connect(window.new_entry)
        review.controller.message.connect(window.show_note)
        return review
    if name == "insights":
        from trackrecord.ui.insights.view import InsightsView

        return InsightsView(store, parent)
    from trackrecord.ui.export.page import ExportPage

    return ExportPage(store, paths, parent)
