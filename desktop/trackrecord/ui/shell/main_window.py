"""The main window: navigation rail, pages, menus and the status bar.

It is built in two steps so it can be on screen at once: ``MainWindow(paths)`` is the frame
(rail, menus, status bar) and needs no data; ``attach(store)`` then builds the Track record
page over the opened store. The other pages are built the first time they are shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSize, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trackrecord import APP_NAME, __version__
from trackrecord.paths import DataPaths
from trackrecord.ui.shell.menus import MenuSlots, WindowActions, build_menus
from trackrecord.ui.shell.pages import build_page
from trackrecord.ui.shell.status_line import StatusLine
from trackrecord.ui.shell.window_state import UiState

if TYPE_CHECKING:
    from trackrecord.core.store.db import Store
    from trackrecord.ui.export.page import ExportPage
    from trackrecord.ui.insights.view import InsightsView
    from trackrecord.ui.record.autosave import EntryAutosave
    from trackrecord.ui.record.controller import TrackRecordController
    from trackrecord.ui.record.page import TrackRecordPage
    from trackrecord.ui.rejections.page import RejectionsPage
    from trackrecord.ui.review.page import ReviewPage
    from trackrecord.ui.transfer.export_everything import ExportEverythingAction
    from trackrecord.ui.widgets.notes_preview import UrlOpener

MIN_WIDTH, MIN_HEIGHT = 860, 540
# The rail's rows, in order; each page but the first is built when first shown.
PAGES = ("track_record", "rejections", "review", "insights", "export")


class MainWindow(QMainWindow):
    # File ▸ Backups… chose a backup: the app closes the store, restores, and reopens.
    restore_requested = Signal(Path)

    def __init__(
        self,
        paths: DataPaths,
        *,
        demo: bool = False,
        open_url: UrlOpener | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._paths = paths
        self._store: Store | None = None
        self._open_url = open_url
        self._built: dict[str, QWidget] = {}
        self._export_everything: ExportEverythingAction | None = None
        self._state = UiState(paths.ui_state)
        title = APP_NAME if not demo else self.tr("{0} (demo)").format(APP_NAME)
        self.setWindowTitle(title)
        self._build_central()
        self.status_line = StatusLine(self.statusBar(), self, demo=demo, undo=self.undo_delete)
        self.undo_button = self.status_line.undo_button
        self.save_state = self.status_line.save_state
        self.menu_actions: WindowActions = build_menus(self, MenuSlots(
            new_entry=self.new_entry, log_rejection=self.log_rejection, quit=self.close,
            undo_delete=self.undo_delete, find=lambda: self.controller.focus_search(),
            delete_entry=self.delete_entry, show_shortcuts=self.show_shortcuts,
            show_about=self.show_about, open_backups=self.open_backups,
            open_import=self.open_import,
            export_everything=lambda: self.export_everything_action.trigger(),
            toggle_full_screen=self.toggle_full_screen, go_to_row=self._go_to,
            ready_file_menu=self.ready_file_menu))
        # A fixed floor instead of one recomputed from the layout whenever a section shows or
        # hides: the window does not jump, and platforms that cannot take new size hints
        # after showing (offscreen, used by the tests) have nothing to warn about.
        self.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        geometry = self._state.bytes("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(self._first_size())

    def attach(self, store: Store, *, list_in_background: bool = False) -> None:
        """Show the data: build the Track record page over ``store`` and list the entries
        (read off the UI thread with ``list_in_background``: the controller's ``listed``
        says when they are shown)."""
        from PySide6.QtCore import Qt

        from trackrecord.core.record.entries import EntryService
        from trackrecord.ui.record.autosave import EntryAutosave
        from trackrecord.ui.record.controller import TrackRecordController
        from trackrecord.ui.record.page import TrackRecordPage
        from trackrecord.ui.shell.changes_elsewhere import ChangesElsewhere

        self._store = store
        service = EntryService(store)
        self.page: TrackRecordPage = TrackRecordPage(self, open_url=self._open_url)
        self.autosave: EntryAutosave = EntryAutosave(service, self.page.editor, parent=self)
        self.controller: TrackRecordController = TrackRecordController(
            service, self.page, self.autosave, parent=self, store=store)
        self._place("track_record", self.page)
        QWidget.setTabOrder(self.rail, self.page.filters.search)
        # Delete acts only from the list: in a text field the key edits text, and from a
        # checkbox or a combo it must not silently remove an entry.
        self.menu_actions.delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.page.list.addAction(self.menu_actions.delete)
        self.page.new_button.clicked.connect(self.new_entry)
        self.controller.message.connect(self._show_message)
        self.controller.undo_available.connect(self.menu_actions.undo.setEnabled)
        self.autosave.state_changed.connect(self.show_save_state)
        # QApplication.quit() skips closeEvent: what was typed must still reach the disk.
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush_edits)
        self.controller.start(in_background=list_in_background)
        from trackrecord.ui.capture.wiring import Capture

        self.capture = Capture(self, store)
        self.capture.start()
        ChangesElsewhere(store, self).changed.connect(self._show_changes_from_elsewhere)
        splitter = self._state.bytes("trackRecord/splitter")
        if splitter is not None:
            self.page.splitter.restoreState(splitter)
        for action in self.menu_actions.needs_data:
            action.setEnabled(True)
        # Newcomers look for a Save button; tell them there is no need before they ask.
        self.show_save_state("saved", self.tr("Changes save automatically"))
        self._show_page(self.rail.currentRow())

    @property
    def ui_state(self) -> UiState:
        return self._state

    @property
    def store(self) -> Store:
        assert self._store is not None, "attach() a store first"
        return self._store

    # -- pages built on first use --------------------------------------------------------

    @property
    def rejections(self) -> RejectionsPage:
        return self._page("rejections")  # type: ignore[return-value]

    @property
    def review(self) -> ReviewPage:
        return self._page("review")  # type: ignore[return-value]

    @property
    def insights(self) -> InsightsView:
        return self._page("insights")  # type: ignore[return-value]

    @property
    def export_page(self) -> ExportPage:
        return self._page("export")  # type: ignore[return-value]

    @property
    def export_everything_action(self) -> ExportEverythingAction:
        if self._export_everything is None:
            from trackrecord.ui.transfer.export_everything import ExportEverythingAction

            action = ExportEverythingAction(self.store, self)
            action.finished.connect(lambda text, _ok: self.show_note(text))
            menu, slot = self.menu_actions.file_menu, self.menu_actions.export_everything_slot
            menu.insertAction(slot, action)
            menu.removeAction(slot)
            self._export_everything = action
        return self._export_everything

    def _page(self, name: str) -> QWidget:
        page = self._built.get(name)
        if page is None:
            page = build_page(name, self, self, self.store, self._paths)
            self._place(name, page)
        return page

    def _place(self, name: str, page: QWidget) -> None:
        """Put a built page where its placeholder was."""
        index = PAGES.index(name)
        placeholder = self.pages.widget(index)
        self.pages.insertWidget(index, page)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        self._built[name] = page
        if self.rail.currentRow() == index:
            self.pages.setCurrentIndex(index)

    def _go_to(self, row: int) -> None:
        """A page by its shortcut: shown, and the keyboard put where its work starts."""
        self.rail.setCurrentRow(row)
        focus = getattr(self.pages.currentWidget(), "focus_first", None)
        if focus is not None:
            focus()

    def _show_page(self, row: int) -> None:
        if 0 <= row < len(PAGES) and self._store is not None:
            if row != 0:
                self.controller.discard_untouched()  # Ctrl+N, then away: nothing to keep
            self._page(PAGES[row])
        self.pages.setCurrentIndex(row)

    # -- building ------------------------------------------------------------------------

    def _build_central(self) -> None:
        self.rail = QListWidget(self)
        self.rail.setObjectName("navRail")
        self.rail.setAccessibleName(self.tr("Sections"))
        self.rail.setFixedWidth(150)
        # The stylesheet turns the rail's horizontal scroll bar off and centres the
        # placeholders (qproperty-): doing it here would need Qt's namespace of enums, which
        # takes ~16 ms to build, before the first paint (see theme).
        self.pages = QStackedWidget(self)
        labels = (self.tr("Track record"), self.tr("Rejections"), self.tr("Review"),
                  self.tr("Insights"), self.tr("Export"))
        for label in labels:
            self.rail.addItem(label)
            placeholder = QLabel(self.tr("Opening your track record…"), self)
            placeholder.setObjectName("pagePlaceholder")
            self.pages.addWidget(placeholder)
        for row in range(self.rail.count()):
            self.rail.item(row).setSizeHint(QSize(0, 40))
        self.rail.currentRowChanged.connect(self._show_page)
        self.rail.setCurrentRow(0)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.rail)
        # The weekly capture banner goes above the pages (ui/capture/wiring.py).
        self.banner_slot = QVBoxLayout()
        self.banner_slot.setContentsMargins(0, 0, 0, 0)
        self.banner_slot.setSpacing(0)
        self.banner_slot.addWidget(self.pages, 1)
        layout.addLayout(self.banner_slot, 1)
        self.setCentralWidget(central)

    def ready_file_menu(self) -> None:
        """Before the File menu first opens: the real Export everything… action."""
        if self._store is not None:
            self.export_everything_action  # noqa: B018 (built on first access)

    # -- commands ------------------------------------------------------------------------

    def new_entry(self) -> None:
        self.rail.setCurrentRow(0)
        self.controller.new_entry()

    def log_rejection(self) -> None:
        self.rail.setCurrentRow(PAGES.index("rejections"))
        self.rejections.log_rejection()

    def show_entry(self, entry_id: str) -> None:
        """Select an entry on the Track record page (an evidence card was clicked)."""
        from trackrecord.ui.record.filter_bar import ALL

        self.rail.setCurrentRow(0)
        bar = self.page.filters
        if self.page.model.row_of(entry_id) < 0:
            # Filtered out: clear the filters (quietly; one refresh follows) to show it.
            widgets = (bar.search, bar.tag, bar.year, bar.kinds)
            for widget in widgets:
                widget.blockSignals(True)
            bar.search.clear()
            bar.tag.setCurrentIndex(0)
            bar.year.setCurrentIndex(0)
            bar.set_kind(ALL)
            for widget in widgets:
                widget.blockSignals(False)
        self.controller.refresh(select_id=entry_id)
        if self.controller.selected_id() == entry_id:
            self.page.list.setFocus()
        else:
            self._show_message(self.tr("That entry is no longer in your track record."), False)

    def toggle_full_screen(self) -> None:
        """F11: on an open review deck, the deck alone goes full screen (readable across a
        desk); anywhere else, the whole window."""
        review: Any = self._built.get("review")
        if review is not None and self.pages.currentWidget() is review and (
                review.view.showing_deck()):
            review.view.toggle_full_screen()
        elif self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def open_import(self) -> None:
        from trackrecord.ui.transfer.import_dialog import ImportDialog

        self.flush_edits()
        dialog = ImportDialog(self.store, self._paths, self)
        dialog.imported.connect(self._after_import)
        dialog.exec()
        dialog.shutdown()  # its reading may still run: it ends before the dialog goes
        dialog.deleteLater()

    def _after_import(self, _report: object) -> None:
        """Show what came in: the lists re-read the store."""
        self.controller.refresh()
        rejections: Any = self._built.get("rejections")
        if rejections is not None:  # (one not built yet reads the store when first shown)
            rejections.show_list()

    def _show_changes_from_elsewhere(self) -> None:
        """Another program (``trackrecord add`` in a terminal, say) changed the data."""
        self.controller.reload()
        rejections: Any = self._built.get("rejections")
        if rejections is not None:  # (pages built later read the store when first shown)
            rejections.reload()
        self.show_note(self.tr("Updated with changes made outside this window"))

    def open_backups(self) -> None:
        """File ▸ Backups…: restoring closes this window and opens a fresh one on the data."""
        from trackrecord.ui.backups.dialog import BackupsDialog

        self.flush_edits()
        dialog = BackupsDialog(self._paths, self)
        if dialog.exec() and dialog.chosen is not None:
            self.restore_requested.emit(dialog.chosen)

    def delete_entry(self) -> None:
        self.controller.delete_selected()

    def undo_delete(self) -> None:
        self.rail.setCurrentRow(0)
        self.controller.undo_delete()
        self.undo_button.setVisible(False)

    def show_about(self) -> None:
        from trackrecord.ui.widgets.dialogs import about_dialog

        about_dialog(self, app_name=APP_NAME, version=__version__, data_dir=self._paths.root).exec()

    def bring_forward(self) -> None:
        """Another launch on the same data folder asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def show_backup_result(self, text: str) -> None:
        if text:
            self.statusBar().showMessage(text, 8000)  # (translated where it was said)

    def show_shortcuts(self) -> None:
        from trackrecord.ui.widgets.dialogs import shortcuts_dialog

        shortcuts_dialog(self).exec()

    def show_note(self, text: str) -> None:
        """A passing message in the status bar (pages report what they did here)."""
        self._show_message(text, False)

    def _show_message(self, text: str, offers_undo: bool) -> None:
        self.status_line.show_message(text, offers_undo)

    def show_save_state(self, state: str, text: str) -> None:
        self.status_line.show_save_state(state, text)

    # -- saving and closing --------------------------------------------------------------

    def flush_edits(self) -> None:
        """Write pending edits and window state now (close, quit, or the session ending)."""
        if self._store is None:
            return  # nothing was shown, so nothing was edited; keep the saved layout as is
        self.autosave.flush()
        self.controller.discard_untouched()
        rejections: Any = self._built.get("rejections")
        if rejections is not None:
            rejections.flush()
        self._save_state()

    def shutdown(self) -> None:
        """Before the store closes: nothing pending, no worker still reading."""
        self.flush_edits()
        for name in ("export", "rejections", "review"):
            page: Any = self._built.get(name)
            if page is not None:
                page.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        event.accept()

    def _first_size(self) -> QSize:
        """Roomy on a laptop screen the first time, never larger than the screen."""
        screen = self.screen()
        if screen is None:
            return QSize(1280, 800)
        free = screen.availableGeometry()
        return QSize(min(1320, free.width() - 40), min(860, free.height() - 40))

    def _save_state(self) -> None:
        self._state.set("window/geometry", self.saveGeometry())
        self._state.set("trackRecord/splitter", self.page.splitter.saveState())
        rejections: Any = self._built.get("rejections")
        if rejections is not None:  # else what was saved last time still stands
            self._state.set("rejections/splitter", rejections.view.splitter.saveState())
            self._state.set("rejections/listSplitter", rejections.overview.splitter.saveState())
        self._state.save()
