"""Delete from the list, then Undo brings the entry back exactly as it was."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import line, listed_titles, select_title

from trackrecord.core.errors import NotFoundError


def test_delete_key_then_undo(qtbot: QtBot, make_window, entries):
    kept = entries.create("shipped", "Kept", start_date=dt.date(2024, 1, 1))
    doomed = entries.create(
        "incident", "Outage", start_date=dt.date(2023, 1, 1), tags=["on-call"],
        severity="SEV-2", notes="long story", links=["https://example.com/pm"],
    )
    window = make_window()
    select_title(window, "Outage")
    window.page.list.setFocus()
    qtbot.keyClick(window.page.list, Qt.Key.Key_Delete)

    assert listed_titles(window) == ["Kept"]
    with pytest.raises(NotFoundError):
        entries.get(doomed.id)
    assert window.undo_button.isVisibleTo(window)
    assert window.menu_actions.undo.isEnabled()
    assert "Outage" in window.statusBar().currentMessage()
    assert line(window, "title").text() == "Kept"  # the neighbour is selected
    assert window.page.filters.chips["incident"].text() == "Incidents  0"

    qtbot.keyClick(window.page.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = entries.get(doomed.id)
    assert restored == doomed
    assert listed_titles(window) == ["Kept", "Outage"]
    assert line(window, "title").text() == "Outage"
    assert not window.undo_button.isVisibleTo(window)
    assert not window.menu_actions.undo.isEnabled()
    assert entries.get(kept.id).title == "Kept"


def test_undo_button_restores_latest_edits(qtbot: QtBot, make_window, entries):
    entry = entries.create("other", "Talk")
    window = make_window()
    qtbot.keyClicks(line(window, "summary"), "300 people")
    window.menu_actions.delete.trigger()  # from the menu: the pending edit is saved first
    assert listed_titles(window) == []
    assert "Ctrl+N" in window.page.list.empty_text()
    window.undo_button.click()
    assert entries.get(entry.id).summary == "300 people"
    assert line(window, "summary").text() == "300 people"


def test_delete_key_in_a_text_field_edits_text_only(qtbot: QtBot, make_window, entries):
    entry = entries.create("shipped", "Ledger")
    window = make_window()
    title = line(window, "title")
    title.setFocus()
    title.home(False)
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    assert title.text() == "edger"
    assert entries.get(entry.id)  # still there
    assert listed_titles(window) == ["Ledger"]  # row changes only when saved
    qtbot.waitUntil(lambda: entries.get(entry.id).title == "edger", timeout=3000)
    assert listed_titles(window) == ["edger"]
