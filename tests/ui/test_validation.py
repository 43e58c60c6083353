"""Invalid input is reported where it is, is not written, and "Saved" is never claimed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import line, listed_titles


def test_clearing_the_title_keeps_the_stored_one(qtbot: QtBot, make_window, entries):
    entry = entries.create("shipped", "Ledger")
    window = make_window()
    title = line(window, "title")
    title.setFocus()
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Backspace)
    qtbot.keyClicks(line(window, "summary"), "Still saved")

    error = window.page.editor.errors["title"]
    qtbot.waitUntil(lambda: error.isVisibleTo(window), timeout=3000)
    assert "title cannot be empty" in error.text()
    assert window.save_state.text().startswith("Not saved")
    assert window.save_state.property("state") == "error"
    stored = entries.get(entry.id)
    assert stored.title == "Ledger"
    assert stored.summary == "Still saved"  # the valid field next to it was written
    assert listed_titles(window) == ["Ledger"]

    qtbot.keyClicks(title, "Ledger v2")
    qtbot.waitUntil(lambda: entries.get(entry.id).title == "Ledger v2", timeout=3000)
    assert not error.isVisibleTo(window)
    assert window.save_state.text() == "Saved"


def test_end_before_start_is_refused(qtbot: QtBot, make_window, entries):
    entry = entries.create("shipped", "Ledger", start_date=dt.date(2024, 6, 1))
    window = make_window()
    dates = window.page.editor.dates
    dates.ongoing.click()
    dates.end.setDate(dates.start.date().addDays(-10))
    error = window.page.editor.errors["dates"]
    qtbot.waitUntil(lambda: error.isVisibleTo(window), timeout=3000)
    assert "before the start date" in error.text()
    assert entries.get(entry.id).end_date is None
    assert window.save_state.text().startswith("Not saved")

    dates.end.setDate(dates.start.date().addMonths(2))
    qtbot.waitUntil(lambda: entries.get(entry.id).end_date == dt.date(2024, 8, 1), timeout=3000)
    assert not error.isVisibleTo(window)


def test_leaving_an_invalid_title_says_it_was_not_saved(qtbot: QtBot, make_window, entries):
    entries.create("shipped", "First", start_date=dt.date(2024, 1, 1))
    entries.create("shipped", "Second", start_date=dt.date(2023, 1, 1))
    window = make_window()
    line(window, "title").clear()
    line(window, "title").textEdited.emit("")
    window.page.list.setCurrentIndex(window.page.model.index(1, 0))
    assert listed_titles(window) == ["First", "Second"]
    assert "not saved" in window.save_state.text()
    window.page.list.setCurrentIndex(window.page.model.index(0, 0))
    assert line(window, "title").text() == "First"


def test_a_failed_write_is_not_called_saved_and_is_retried(
    qtbot: QtBot, make_window, entries, monkeypatch
):
    from trackrecord.core.errors import StorageError

    entry = entries.create("shipped", "Ledger")
    window = make_window()
    service = window.autosave.edits.service
    real_update = service.update

    def locked(*_args, **_kwargs):
        # What the store raises when SQLite says "database is locked".
        raise StorageError("your data is busy in another Track Record window or command")

    monkeypatch.setattr(service, "update", locked)
    qtbot.keyClicks(line(window, "summary"), "Kept for later")
    assert window.autosave.flush() is False
    assert window.save_state.text().startswith("Not saved")
    assert window.autosave.has_pending()
    monkeypatch.setattr(service, "update", real_update)
    assert window.autosave.flush() is True
    assert entries.get(entry.id).summary == "Kept for later"
    assert window.save_state.text() == "Saved"
