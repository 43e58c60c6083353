"""Typing into the real widgets reaches the database, and survives closing and reopening."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import line, listed_titles, text, type_at_end

from trackrecord.core.record.entries import EntryService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths


def test_new_entry_typed_then_reopened(qtbot: QtBot, make_window, store, data_paths: DataPaths):
    window = make_window()
    service = EntryService(store)
    assert window.page.right.currentWidget() is window.page.hint  # empty store: no editor

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    title = line(window, "title")
    qtbot.waitUntil(lambda: title.hasFocus())
    assert title.selectedText() == "Untitled"  # typing replaces it
    qtbot.keyClicks(title, "Payments ledger v2")
    qtbot.keyClicks(line(window, "summary"), "Rebuilt the ledger; zero gaps since")
    qtbot.keyClicks(line(window, "tags"), "python, postgres")
    qtbot.keyClicks(text(window, "notes"), "Went **well**.")

    (entry,) = service.list()
    qtbot.waitUntil(lambda: service.get(entry.id).tags == ("postgres", "python"), timeout=3000)
    saved = service.get(entry.id)
    assert saved.kind == "shipped"
    assert saved.title == "Payments ledger v2"
    assert saved.summary == "Rebuilt the ledger; zero gaps since"
    assert saved.notes == "Went **well**."
    assert saved.start_date == dt.date.today()
    assert window.save_state.text() == "Saved"
    assert listed_titles(window) == ["Payments ledger v2"]  # the row follows the save

    window.close()
    store.close()
    with open_store(data_paths) as reopened:
        again = make_window(reopened)
        assert listed_titles(again) == ["Payments ledger v2"]
        assert line(again, "title").text() == "Payments ledger v2"
        assert line(again, "summary").text() == "Rebuilt the ledger; zero gaps since"
        assert line(again, "tags").text() == "postgres, python"
        again.close()


def test_text_typed_right_before_quit_is_saved(qtbot: QtBot, make_window, entries):
    entry = entries.create("incident", "Checkout outage")
    window = make_window()
    type_at_end(qtbot, line(window, "title"), " on Black Friday")
    assert window.autosave.has_pending()  # the idle timer has not fired yet
    # QApplication.quit() emits aboutToQuit but never calls closeEvent.
    QApplication.instance().aboutToQuit.emit()
    assert entries.get(entry.id).title == "Checkout outage on Black Friday"
    assert not window.autosave.has_pending()


def test_text_typed_right_before_close_is_saved(qtbot: QtBot, make_window, entries):
    entry = entries.create("other", "Conference talk")
    window = make_window()
    text(window, "impact").setFocus()
    qtbot.keyClicks(text(window, "impact"), "300 people")
    window.close()
    assert entries.get(entry.id).impact == "300 people"


def test_selection_change_saves_immediately(qtbot: QtBot, make_window, entries):
    first = entries.create("shipped", "First", start_date=dt.date(2024, 1, 1))
    entries.create("shipped", "Second", start_date=dt.date(2023, 1, 1))
    window = make_window()
    assert line(window, "title").text() == "First"
    qtbot.keyClicks(line(window, "metrics"), "p99 40 ms")
    window.page.list.setCurrentIndex(window.page.model.index(1, 0))
    assert entries.get(first.id).metrics == "p99 40 ms"
    assert line(window, "title").text() == "Second"


def test_kind_specific_fields_follow_the_kind(qtbot: QtBot, make_window, entries):
    entries.create("incident", "Outage", severity="SEV-1")
    window = make_window()
    editor = window.page.editor
    assert editor.kind_sections["incident"].isVisibleTo(window)
    assert not editor.kind_sections["shipped"].isVisibleTo(window)
    assert line(window, "severity").text() == "SEV-1"
    editor.kind.setCurrentIndex(editor.kind.findData("mentoring"))
    assert editor.kind_sections["mentoring"].isVisibleTo(window)
    assert not editor.kind_sections["incident"].isVisibleTo(window)
    (row,) = entries.list()
    qtbot.waitUntil(lambda: entries.get(row.id).kind == "mentoring", timeout=3000)


def test_ongoing_and_end_date(qtbot: QtBot, make_window, entries):
    entry = entries.create("shipped", "Migration", start_date=dt.date(2024, 3, 1))
    window = make_window()
    dates = window.page.editor.dates
    assert dates.ongoing.isChecked() and not dates.end.isEnabled()
    dates.ongoing.click()
    dates.end.setDate(dates.end.date().addMonths(4))
    qtbot.waitUntil(lambda: entries.get(entry.id).end_date == dt.date(2024, 7, 1), timeout=3000)
    dates.ongoing.click()
    qtbot.waitUntil(lambda: entries.get(entry.id).end_date is None, timeout=3000)


def test_quit_after_the_window_is_gone_is_harmless(qtbot: QtBot, store, data_paths):
    from PySide6.QtCore import QEvent

    from trackrecord.ui.shell.app import build_main_window

    window = build_main_window(store, data_paths)  # not given to qtbot: deleted below
    window.show()
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QApplication.instance().aboutToQuit.emit()  # the connection died with the window


def test_tags_complete_after_a_comma(qtbot: QtBot, make_window, entries):
    entries.create("shipped", "Ledger", tags=["postgres", "python"])
    entries.create("other", "Talk")
    window = make_window()
    tags = line(window, "tags")
    completer = tags.completer()
    assert completer.splitPath("kafka, pyt") == ["pyt"]
    tags.setText("kafka, pyt")
    completer.setCompletionPrefix("pyt")
    # The completion keeps the tags typed before the comma.
    assert completer.currentCompletion() == "kafka, python"


def test_a_new_entry_with_nothing_typed_is_not_kept(qtbot: QtBot, make_window, entries):
    """Issue 17: Ctrl+N then clicking away left an "Untitled" shipped system, ongoing and
    dated this month, and it opened the brag document."""
    entries.create("shipped", "Payments ledger v2", start_date="2024-03-01")
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert listed_titles(window) == ["Untitled", "Payments ledger v2"]
    window.page.list.setCurrentIndex(window.page.model.index(1, 0))  # clicking away
    assert listed_titles(window) == ["Payments ledger v2"]
    assert [e.title for e in entries.list()] == ["Payments ledger v2"]
    assert line(window, "title").text() == "Payments ledger v2"  # the one clicked is shown
    assert "not kept" in window.statusBar().currentMessage()

    # Ctrl+N twice makes one entry; leaving for another page drops it too.
    window.menu_actions.new_entry.trigger()
    window.menu_actions.new_entry.trigger()
    assert listed_titles(window).count("Untitled") == 1
    window.menu_actions.go[1].trigger()
    assert [e.title for e in entries.list()] == ["Payments ledger v2"]

    # Closing the window with it open keeps nothing either.
    window.menu_actions.new_entry.trigger()
    assert len(entries.list()) == 2
    window.close()
    assert [e.title for e in entries.list()] == ["Payments ledger v2"]


def test_a_new_entry_with_anything_typed_is_kept(qtbot: QtBot, make_window, entries):
    window = make_window()
    window.menu_actions.new_entry.trigger()
    qtbot.keyClicks(line(window, "summary"), "Rebuilt the ledger")  # the title left as it is
    window.menu_actions.go[1].trigger()  # away at once, before the autosave's pause
    (kept,) = entries.list()
    assert (kept.title, entries.get(kept.id).summary) == ("Untitled", "Rebuilt the ledger")
    # An empty entry someone deleted with Delete is not deleted twice, nor does the next
    # new entry lose anything.
    window.menu_actions.go[0].trigger()
    window.menu_actions.new_entry.trigger()
    window.page.list.setFocus()
    window.menu_actions.delete.trigger()
    window.menu_actions.new_entry.trigger()
    qtbot.keyClicks(line(window, "title"), "Conference talk")
    window.close()
    assert sorted(e.title for e in entries.list()) == ["Conference talk", "Untitled"]


def test_an_incident_asks_for_its_impact_as_what_was_at_stake_and_what_you_did(
    qtbot: QtBot, make_window, entries,
):
    """Issue 17: an incident's impact written as the damage ("212 merchants were paid
    twice") read as blame in the brag document."""
    entries.create("shipped", "Payments ledger v2")
    window = make_window()
    impact = text(window, "impact")
    assert impact.placeholderText() == "What changed because of it"
    editor = window.page.editor
    editor.kind.setCurrentIndex(editor.kind.findData("incident"))
    assert impact.placeholderText().startswith("What was at stake, and what you did about it")
    editor.kind.setCurrentIndex(editor.kind.findData("mentoring"))
    assert impact.placeholderText() == "What changed because of it"
