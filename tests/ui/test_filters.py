"""Kind chips, tag and year combos and search-as-you-type narrow the list; counts add up."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot
from ui_helpers import listed_titles

from trackrecord.core.record.entries import EntryService


@pytest.fixture
def sample(entries: EntryService) -> EntryService:
    entries.create("shipped", "Payments ledger", start_date=dt.date(2023, 3, 1),
                   tags=["python", "postgres"], summary="Double-entry ledger")
    entries.create("shipped", "Search pipeline", start_date=dt.date(2024, 2, 1),
                   tags=["kafka"], notes="Moved indexing to a streaming pipeline")
    entries.create("incident", "Checkout outage", start_date=dt.date(2023, 11, 24),
                   tags=["postgres", "on-call"], root_cause="Connection pool exhausted")
    entries.create("mentoring", "Mentored Priya", start_date=dt.date(2024, 5, 1))
    entries.create("other", "Conference talk", start_date=dt.date(2024, 9, 1),
                   tags=["speaking"])
    return entries


def chip_texts(window) -> dict[str, str]:
    return {kind: chip.text() for kind, chip in window.page.filters.chips.items()}


def test_counts_per_kind(qtbot: QtBot, sample, make_window):
    window = make_window()
    assert len(listed_titles(window)) == 5
    assert chip_texts(window) == {
        "": "All  5", "shipped": "Shipped  2", "incident": "Incidents  1",
        "mentoring": "Mentoring  1", "other": "Other  1", "praise": "Praise  0",
    }
    assert listed_titles(window)[0] == "Conference talk"  # newest first


def test_kind_chip_filters(qtbot: QtBot, sample, make_window):
    window = make_window()
    window.page.filters.chips["shipped"].click()
    assert listed_titles(window) == ["Search pipeline", "Payments ledger"]
    assert chip_texts(window)["incident"] == "Incidents  1"  # other kinds still counted
    window.page.filters.chips[""].click()
    assert len(listed_titles(window)) == 5


def test_tag_filter_and_its_counts(qtbot: QtBot, sample, make_window):
    window = make_window()
    combo = window.page.filters.tag
    assert combo.itemText(0) == "All tags"
    assert combo.findText("postgres (2)") > 0
    combo.setCurrentIndex(combo.findData("postgres"))
    assert listed_titles(window) == ["Checkout outage", "Payments ledger"]
    assert chip_texts(window)["shipped"] == "Shipped  1"
    assert chip_texts(window)[""] == "All  2"


def test_year_filter(qtbot: QtBot, sample, make_window):
    window = make_window()
    combo = window.page.filters.year
    assert [combo.itemText(i) for i in range(combo.count())] == ["All years", "2024", "2023"]
    combo.setCurrentIndex(combo.findData(2023))
    assert listed_titles(window) == ["Checkout outage", "Payments ledger"]


def test_search_as_you_type(qtbot: QtBot, sample, make_window):
    window = make_window()
    qtbot.keyClicks(window.page.filters.search, "stream")  # a prefix of "streaming"
    qtbot.waitUntil(lambda: listed_titles(window) == ["Search pipeline"], timeout=2000)
    assert chip_texts(window)[""] == "All  1"
    assert window.page.editor.inputs["title"].text() == "Search pipeline"

    window.page.filters.search.clear()
    qtbot.waitUntil(lambda: len(listed_titles(window)) == 5, timeout=2000)


def test_search_with_no_match_says_so(qtbot: QtBot, sample, make_window):
    window = make_window()
    qtbot.keyClicks(window.page.filters.search, "zzzz NEAR(")  # FTS syntax is just text
    qtbot.waitUntil(lambda: listed_titles(window) == [], timeout=2000)
    assert window.page.list.empty_text() == "No entries match these filters."
    assert window.page.right.currentWidget() is window.page.hint


def test_ctrl_f_focuses_search(qtbot: QtBot, sample, make_window):
    from PySide6.QtCore import Qt

    window = make_window()
    window.page.list.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.page.filters.search.hasFocus())


def test_new_entry_takes_the_filtered_kind_and_clears_other_filters(
    qtbot: QtBot, sample, make_window
):
    window = make_window()
    filters = window.page.filters
    filters.chips["incident"].click()
    filters.tag.setCurrentIndex(filters.tag.findData("postgres"))
    window.menu_actions.new_entry.trigger()
    assert filters.current_tag() == ""
    assert window.page.editor.value("kind") == "incident"
    assert window.page.editor.kind_sections["incident"].isVisibleTo(window)
    assert "Untitled" in listed_titles(window)
    assert chip_texts(window)["incident"] == "Incidents  2"


def test_a_partial_word_finds_the_entry(qtbot: QtBot, sample, make_window):
    window = make_window()
    qtbot.keyClicks(window.page.filters.search, "pay")  # on the way to "payments"
    qtbot.waitUntil(lambda: listed_titles(window) == ["Payments ledger"], timeout=1000)
