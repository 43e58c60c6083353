"""The Review page: pick an interview, open its deck, drive it from the keyboard."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from trackrecord.core.demo import load_demo
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.practice import PracticeLog
from trackrecord.core.review.deck import EnergyCard, PracticeCard, StoryCard
from trackrecord.core.review.interviews import UpcomingInterviewService
from trackrecord.core.store.db import Store
from trackrecord.paths import DataPaths
from trackrecord.ui.review.controller import sheet_filename
from trackrecord.ui.review.page import ReviewPage

TODAY = dt.date(2026, 11, 26)


def _show(qtbot: QtBot, page: ReviewPage) -> ReviewPage:
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


@pytest.fixture
def make_page(
    qtbot: QtBot, store: Store, data_paths: DataPaths
) -> Iterator[type[ReviewPage]]:
    made: list[ReviewPage] = []

    def make() -> ReviewPage:
        page = _show(qtbot, ReviewPage(store, data_paths, today=lambda: TODAY))
        made.append(page)
        return page

    yield make  # type: ignore[misc]
    for page in made:
        page.shutdown()
        page.close()


@pytest.fixture
def demo(store: Store) -> Store:
    load_demo(store)
    UpcomingInterviewService(store).create(
        ["system-design", "behavioral"], company="Northwind", role="Staff engineer",
        date=TODAY + dt.timedelta(days=1),
    )
    return store


def open_deck(qtbot: QtBot, page: ReviewPage) -> None:
    with qtbot.waitSignal(page.controller.deck_ready, timeout=10_000):
        page.controller.open_deck()
    qtbot.waitUntil(lambda: page.view.deck_view.hasFocus())


def index_of(page: ReviewPage, kind: type) -> int:
    deck = page.view.deck_view.deck
    assert deck is not None
    return next(i for i, c in enumerate(deck.cards) if isinstance(c, kind))


def buttons(page: ReviewPage, starting: str) -> list[QPushButton]:
    return [b for b in page.view.deck_view.cards.findChildren(QPushButton)
            if b.text().startswith(starting) and b.isVisibleTo(page)]


# -- picking and reopening -----------------------------------------------------------------------


def test_the_page_opens_on_the_next_interview_and_reopens_its_deck(
    qtbot: QtBot, demo: Store, make_page: type[ReviewPage],
) -> None:
    page = make_page()
    form = page.view.setup.form
    assert page.view.stack.currentWidget() is page.view.setup
    assert form.company.text() == "Northwind" and form.role.text() == "Staff engineer"
    assert [s for s, box in form.stages.items() if box.isChecked()] == [
        "system-design", "behavioral"
    ]
    assert form.stages["behavioral"].text() == "Behavioural interview"  # friendly labels
    assert page.view.setup.list.count() == 1
    assert page.view.setup.list.item(0).text().startswith("Tomorrow, Friday 27 November 2026")
    open_deck(qtbot, page)
    assert page.view.stack.currentWidget() is page.view.deck_view
    title = "System design + Behavioural · Staff engineer at Northwind"
    assert page.view.deck_view.title.text() == title
    assert page.view.deck_view.counter.text() == f"1 / {page.view.deck_view.count}"


def test_a_new_interview_needs_a_stage_and_is_saved_when_its_deck_opens(
    qtbot: QtBot, store: Store, make_page: type[ReviewPage],
) -> None:
    page = make_page()
    form = page.view.setup.form
    assert form.heading.text() == "A new interview"
    qtbot.keyClicks(form.company, "Acme")
    page.controller.open_deck()
    assert "at least one stage" in form.error.text()
    assert UpcomingInterviewService(store).list() == []
    form.stages["coding"].setChecked(True)
    form.has_date.setChecked(True)
    open_deck(qtbot, page)
    saved = UpcomingInterviewService(store).list()
    assert [(i.company, i.stages, i.date) for i in saved] == [
        ("Acme", ("coding",), TODAY + dt.timedelta(days=1))
    ]


# -- the keyboard ---------------------------------------------------------------------------------


def test_arrows_space_home_and_end_move_through_the_cards(
    qtbot: QtBot, demo: Store, make_page: type[ReviewPage],
) -> None:
    page = make_page()
    open_deck(qtbot, page)
    deck = page.view.deck_view
    count = deck.count
    assert count == 13
    qtbot.keyClick(deck, Qt.Key.Key_Right)
    assert deck.index == 1 and deck.counter.text() == f"2 / {count}"
    qtbot.keyClick(deck, Qt.Key.Key_Space)
    assert deck.index == 2
    qtbot.keyClick(deck, Qt.Key.Key_Left)
    assert deck.index == 1
    qtbot.keyClick(deck, Qt.Key.Key_End)
    assert deck.index == count - 1 and not deck.next_button.isEnabled()
    qtbot.keyClick(deck, Qt.Key.Key_Right)  # stays on the last card
    assert deck.index == count - 1
    qtbot.keyClick(deck, Qt.Key.Key_Home)
    assert deck.index == 0 and not deck.prev_button.isEnabled()
    qtbot.keyClick(deck, Qt.Key.Key_Left)
    assert deck.index == 0
    # Clicking Next leaves the keyboard with the deck.
    qtbot.mouseClick(deck.next_button, Qt.MouseButton.LeftButton)
    assert deck.index == 1 and deck.hasFocus()


def test_f11_goes_full_screen_and_esc_comes_back(
    qtbot: QtBot, demo: Store, make_page: type[ReviewPage],
) -> None:
    page = make_page()
    open_deck(qtbot, page)
    deck = page.view.deck_view
    qtbot.keyClick(deck, Qt.Key.Key_Right)
    qtbot.keyClick(deck, Qt.Key.Key_F11)
    assert page.view.is_full_screen
    host = deck.window()
    assert host is not page.window() and host.isFullScreen()
    qtbot.waitUntil(lambda: host.isActiveWindow())
    qtbot.keyClick(deck, Qt.Key.Key_Right)  # the keys still work there
    assert deck.index == 2
    qtbot.keyClick(deck, Qt.Key.Key_Escape)
    assert not page.view.is_full_screen
    assert deck.window() is page.window() and page.view.stack.currentWidget() is deck
    assert deck.index == 2
    qtbot.keyClick(deck, Qt.Key.Key_Escape)  # Esc outside full screen does nothing
    assert page.view.stack.currentWidget() is deck
    qtbot.mouseClick(deck.full_button, Qt.MouseButton.LeftButton)
    assert page.view.is_full_screen
    deck.window().close()  # closing the window any other way also brings it back
    assert not page.view.is_full_screen and deck.window() is page.window()


def test_space_ticks_a_focused_checklist_item_and_the_tick_is_kept(
    qtbot: QtBot, demo: Store, make_page: type[ReviewPage],
) -> None:
    page = make_page()
    open_deck(qtbot, page)
    deck = page.view.deck_view
    deck.go(index_of(page, EnergyCard))
    sleep = deck.cards.findChild(QCheckBox, "energy-sleep")
    assert sleep is not None and not sleep.isChecked()
    sleep.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(sleep, Qt.Key.Key_Space)
    assert sleep.isChecked() and deck.index == index_of(page, EnergyCard)
    interview = UpcomingInterviewService(demo).list()[0]
    assert interview.energy_ticks == ("sleep",)
    # Reopening the deck shows the tick.
    open_deck(qtbot, page)
    deck.go(index_of(page, EnergyCard))
    box = deck.cards.findChild(QCheckBox, "energy-sleep")
    assert box is not None and box.isChecked()


# -- what the cards offer --------------------------------------------------------------------------


def test_a_question_with_no_story_offers_to_write_one(
    qtbot: QtBot, store: Store, make_page: type[ReviewPage],
) -> None:
    incident = EntryService(store).create("incident", "Queue backlog on Black Friday",
                                          start_date="2023-11-24",
                                          tags=["incident-response", "debugging"])
    UpcomingInterviewService(store).create(["behavioral"])
    page = make_page()
    open_deck(qtbot, page)
    deck = page.view.deck_view
    assert deck.deck is not None
    pressure = next(i for i, c in enumerate(deck.deck.cards)
                    if isinstance(c, StoryCard) and c.story.question_id == "under-pressure")
    deck.go(pressure)
    (write,) = buttons(page, "Write the STAR on")
    with qtbot.waitSignal(page.controller.open_entry) as opened:
        qtbot.mouseClick(write, Qt.MouseButton.LeftButton)
    assert opened.args == [incident.id]
    (new,) = buttons(page, "Write a new entry")
    with qtbot.waitSignal(page.controller.new_entry_requested):
        qtbot.mouseClick(new, Qt.MouseButton.LeftButton)


def test_entry_titles_on_the_cards_open_the_entry(
    qtbot: QtBot, demo: Store, make_page: type[ReviewPage],
) -> None:
    page = make_page()
    open_deck(qtbot, page)
    page.view.deck_view.go(2)
    card = page.view.deck_view.card
    first = card.evidence[0]  # type: ignore[union-attr]
    with qtbot.waitSignal(page.controller.open_entry) as opened:
        page.view.deck_view.cards._link(f"entry:{first.entry_id}")
    assert opened.args == [first.entry_id]


def test_practised_today_logs_a_session_and_the_card_says_so(
    qtbot: QtBot, demo: Store, make_page: type[ReviewPage],
) -> None:
    habit = PracticeLog(demo).add_habit("Narrate while I code")
    page = make_page()
    open_deck(qtbot, page)
    deck = page.view.deck_view
    deck.go(index_of(page, PracticeCard))
    (done,) = buttons(page, "Practised today")
    with qtbot.waitSignal(page.controller.deck_ready, timeout=10_000):
        qtbot.mouseClick(done, Qt.MouseButton.LeftButton)
    assert [s.date for s in PracticeLog(demo).sessions(item_id=habit.id)] == [TODAY]
    assert deck.index == index_of(page, PracticeCard)  # still on the same card
    assert deck.deck.practice.items[0].last_practised == "practised today"  # type: ignore[union-attr]
    assert page.view.practice.list.item(0).text().endswith(
        "practised today · 1 session · a habit you added")


def test_an_empty_practice_list_offers_the_habits_that_carry_across(
    qtbot: QtBot, demo: Store, make_page: type[ReviewPage],
) -> None:
    page = make_page()
    open_deck(qtbot, page)
    page.view.deck_view.go(index_of(page, PracticeCard))
    (add,) = buttons(page, "Put these habits on my practice list")
    with qtbot.waitSignal(page.controller.deck_ready, timeout=10_000):
        qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert len(PracticeLog(demo).status()) == 3


# -- the sheet --------------------------------------------------------------------------------


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="needs poppler-utils")
def test_save_confidence_sheet_writes_one_page(
    qtbot: QtBot, demo: Store, make_page: type[ReviewPage], tmp_path: Path,
) -> None:
    page = make_page()
    open_deck(qtbot, page)
    asked: list[Path] = []
    target = tmp_path / "sheet.pdf"

    def choose(suggested: Path) -> Path:
        asked.append(suggested)
        return target

    page.view.choose_path = choose  # type: ignore[method-assign]
    with qtbot.waitSignal(page.controller.sheet_saved, timeout=20_000) as saved:
        qtbot.mouseClick(page.view.deck_view.sheet_button, Qt.MouseButton.LeftButton)
    assert saved.args == [str(target)]
    assert asked[0].name == "confidence-sheet-northwind-2026-11-27.pdf"
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
    assert [line.split() for line in info.stdout.splitlines()
            if line.startswith("Pages:")] == [["Pages:", "1"]]
    deck = page.view.deck_view.deck
    assert deck is not None
    assert sheet_filename(deck.interview, TODAY) == "confidence-sheet-northwind-2026-11-27.pdf"


def test_the_sheet_is_never_saved_over_the_store(
    qtbot: QtBot, demo: Store, make_page: type[ReviewPage],
) -> None:
    page = make_page()
    open_deck(qtbot, page)
    page.view.choose_path = lambda suggested: demo.paths.database  # type: ignore[method-assign]
    with qtbot.waitSignal(page.controller.message, timeout=20_000,
                          check_params_cb=lambda text: "cannot be written" in text):
        qtbot.mouseClick(page.view.deck_view.sheet_button, Qt.MouseButton.LeftButton)
    assert "Track Record's own database" in page.view.setup.form.error.text()
    assert len(EntryService(demo).list()) == 42


def test_with_no_data_each_column_says_what_to_do_close_under_its_heading(
    qtbot: QtBot, make_page, store: Store,
) -> None:
    """Issue 17: the interviews list was a blank white box, and the practising column's
    heading, description and empty text were scattered down the page."""
    page = make_page()
    page.resize(1090, 660)  # as at 1280x720
    setup, practice = page.view.setup, page.view.practice
    assert setup.list_stack.currentWidget() is setup.empty
    assert setup.empty.isVisible() and "No interviews yet" in setup.empty.text()
    assert not setup.list.isVisible()
    assert practice.list_stack.currentWidget() is practice.empty and practice.empty.isVisible()

    def top(widget: QWidget) -> int:
        return widget.mapTo(page, widget.rect().topLeft()).y()

    def bottom(widget: QWidget) -> int:
        return top(widget) + widget.height()

    title, intro = practice.findChildren(QLabel)[:2]
    assert top(intro) - bottom(title) < 16
    assert top(practice.empty) - bottom(intro) < 16
    texts = setup.findChildren(QLabel, "pageText")
    assert top(setup.empty) - max(bottom(t) for t in texts if t is not setup.empty) < 24

    UpcomingInterviewService(store).create(["coding"])
    page.controller.reload()
    assert setup.list_stack.currentWidget() is setup.list and setup.list.count() == 1
