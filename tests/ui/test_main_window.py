"""The window around the editor: empty state, pages, menus, accessibility, remembered layout."""

from __future__ import annotations

import stat

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from ui_helpers import listed_titles

from trackrecord import __version__
from trackrecord.core.review.interviews import UpcomingInterviewService
from trackrecord.core.store.db import open_store
from trackrecord.ui.widgets.dialogs import about_dialog, shortcut_rows


def test_empty_state_says_what_to_do(qtbot: QtBot, make_window):
    window = make_window()
    assert listed_titles(window) == []
    assert window.page.list.empty_text().startswith("No entries yet.")
    assert "Ctrl+N" in window.page.list.empty_text()
    assert window.page.right.currentWidget() is window.page.hint  # no editor to type into
    assert not window.page.editor_scroll.isVisible()
    assert window.page.filters.chips[""].text() == "All  0"
    assert window.windowTitle() == "Track Record"


def test_demo_is_marked_as_demo(qtbot: QtBot, make_window):
    window = make_window(demo=True)
    assert window.windowTitle() == "Track Record (demo)"
    notice = window.statusBar().findChild(QLabel, "demoNotice")
    assert notice is not None and "Demo data" in notice.text()


def test_the_status_bar_says_saving_is_automatic(qtbot: QtBot, make_window):
    assert make_window().save_state.text() == "Changes save automatically"


def test_the_rail_and_the_go_menu_reach_every_page(qtbot: QtBot, make_window):
    window = make_window()
    rail = window.rail
    assert [rail.item(i).text() for i in range(rail.count())] == [
        "Track record", "Rejections", "Review", "Insights", "Export",
    ]
    pages = [window.page, window.rejections, window.review, window.insights,
             window.export_page]
    for row, page in enumerate(pages):
        rail.setCurrentRow(row)
        assert window.pages.currentWidget() is page
    for action, page in zip(window.menu_actions.go, pages, strict=True):
        action.trigger()
        assert window.pages.currentWidget() is page
    # Ctrl+1 to Ctrl+5 in rail order, no gap (F1 listed 1, 2, 4, 5); Ctrl+R still reviews.
    keys = [[k.toString() for k in a.shortcuts()] for a in window.menu_actions.go]
    assert [k[0] for k in keys] == [f"Ctrl+{n}" for n in range(1, 6)]
    assert keys[2] == ["Ctrl+3", "Ctrl+R"]
    # No two window-wide actions share a key (Delete acts in one list or another, not both).
    window_wide = [a for a in window.findChildren(QAction)
                   if a.shortcutContext() != Qt.ShortcutContext.WidgetShortcut]
    taken = [k.toString() for a in window_wide for k in a.shortcuts()]
    assert len(taken) == len(set(taken)), sorted(taken)
    listed = dict(shortcut_rows())  # what F1 shows
    assert "review" in listed["Ctrl+1 \u2026 Ctrl+5"] and "Ctrl+R" in listed
    window.menu_actions.new_entry.trigger()  # Ctrl+N brings you back to the track record
    assert window.pages.currentWidget() is window.page


def test_full_screen_on_an_open_deck_is_the_deck_alone(qtbot: QtBot, make_window, store):
    UpcomingInterviewService(store).create(["coding"], company="Northwind")
    window = make_window()
    window.menu_actions.go[2].trigger()
    review = window.review
    with qtbot.waitSignal(review.controller.deck_ready, timeout=10_000):
        review.controller.open_deck()
    window.menu_actions.fullscreen.trigger()  # F11
    assert review.view.is_full_screen and not window.isFullScreen()
    assert review.view.deck_view.window() is not window
    review.view.leave_full_screen()
    assert review.view.deck_view.window() is window


def test_menus(qtbot: QtBot, make_window):
    window = make_window()
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert list(menus) == ["File", "Edit", "View", "Go", "Help"]
    def texts(menu):
        return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts(menus["File"]) == [
        "New entry", "Log rejection", "Goals and review cycles…", "Wins from git history…",
        "Import…", "Export everything…", "Backups…", "Preferences…", "Quit",
    ]
    assert texts(menus["Edit"]) == ["Undo delete", "Find", "Delete entry"]
    assert texts(menus["Help"]) == ["Keyboard shortcuts", "About Track Record"]
    assert window.menu_actions.quit.shortcut().toString() == "Ctrl+Q"
    assert window.menu_actions.new_entry.shortcut().toString() == "Ctrl+N"


def test_quit_action_closes_and_saves(qtbot: QtBot, make_window, entries):
    entry = entries.create("other", "Talk")
    window = make_window()
    window.page.editor.inputs["summary"].setText("x")
    window.page.editor.inputs["summary"].textEdited.emit("x")
    window.menu_actions.quit.trigger()
    assert not window.isVisible()
    assert entries.get(entry.id).summary == "x"


def test_about_dialog_shows_the_version(qtbot: QtBot, tmp_path):
    box = about_dialog(None, app_name="Track Record", version=__version__, data_dir=tmp_path)
    qtbot.addWidget(box)
    assert __version__ in box.text()
    assert str(tmp_path) in box.informativeText()


INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit,
               QAbstractItemView, QAbstractSpinBox)


def test_every_control_has_an_accessible_name(qtbot: QtBot, make_window, entries):
    entries.create("incident", "Outage")
    window = make_window()
    missing = []
    for widget in window.findChildren(QWidget):
        parent = widget.parentWidget()
        # Parts of a compound control (a combo's popup, a date edit's line edit) are named
        # through the control that owns them.
        if not isinstance(widget, INTERACTIVE) or widget.objectName().startswith("qt_"):
            continue  # qt_menubar_ext_button and the like are Qt's own, named by Qt
        owners = []
        while parent is not None:
            owners.append(parent)
            parent = parent.parentWidget()
        if any(isinstance(owner, (QComboBox, QAbstractSpinBox)) for owner in owners):
            continue
        if not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert missing == []


def test_tab_order_through_the_editor(qtbot: QtBot, make_window, entries):
    entries.create("shipped", "Ledger")
    window = make_window()
    editor = window.page.editor
    chain = [editor.inputs["title"]]
    for _ in range(5):
        chain.append(chain[-1].nextInFocusChain())
        while not chain[-1].focusPolicy() & chain[-1].focusPolicy().TabFocus:
            chain[-1] = chain[-1].nextInFocusChain()
    assert chain[:2] == [editor.inputs["title"], editor.kind]
    assert chain[2] is editor.dates.start


def test_geometry_and_splitter_are_remembered(qtbot: QtBot, make_window, store, data_paths):
    window = make_window()
    window.resize(1000, 580)  # the offscreen screen is 800x600: only the height fits
    window.page.splitter.setSizes([300, 600])
    sizes = window.page.splitter.sizes()
    window.close()
    assert data_paths.ui_state.exists()
    assert stat.S_IMODE(data_paths.ui_state.stat().st_mode) == 0o600
    again = make_window()
    assert again.size().height() == 580
    assert again.page.splitter.sizes()[0] == sizes[0]  # the list keeps its width


def test_a_fresh_store_window_lists_entries_created_elsewhere(qtbot: QtBot, make_window,
                                                              data_paths, store):
    with open_store(data_paths) as other:
        from trackrecord.core.record.entries import EntryService

        EntryService(other).create("shipped", "From the CLI")
    window = make_window()
    assert listed_titles(window) == ["From the CLI"]


def test_file_import_refreshes_the_lists(qtbot: QtBot, make_window, entries, monkeypatch):
    from trackrecord.ui.transfer.import_dialog import ImportDialog

    window = make_window()
    assert window.page.model.rowCount() == 0

    def imported_elsewhere(dialog: ImportDialog) -> int:
        entries.create("shipped", "Imported ledger")  # what the dialog's commit would write
        dialog.imported.emit(None)
        return 1

    monkeypatch.setattr(ImportDialog, "exec", imported_elsewhere)
    window.menu_actions.import_.trigger()
    qtbot.waitUntil(lambda: window.page.model.rowCount() == 1, timeout=3000)


def test_every_page_opens_with_a_heading(qtbot: QtBot, make_window):
    """Issue 17: the Track record page had no heading while the others did."""
    window = make_window()
    headings = []
    for action in window.menu_actions.go:
        action.trigger()
        page = window.pages.currentWidget()
        titles = [label.text() for label in page.findChildren(QLabel, "pageTitle")
                  if label.isVisibleTo(window)]
        assert titles, page.objectName()
        headings.append(titles[0])
    assert headings[0] == "Track record"
    assert len(set(headings)) == len(headings)
    window.menu_actions.go[0].trigger()
    window.page.new_button.click()  # the page's own way to add an entry, beside Ctrl+N
    assert window.page.editor.inputs["title"].text() == "Untitled"


def test_the_review_shortcut_puts_the_keyboard_in_the_interview_form(
    qtbot: QtBot, make_window,
):
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    company = window.review.view.setup.form.company
    qtbot.waitUntil(company.hasFocus)
    qtbot.keyClicks(company, "Northwind")
    assert company.text() == "Northwind"
