"""Rehearsing a story from the review deck: the timer on the event loop with a fake clock
(no waiting), the dialog driven from the keyboard, the mark kept, and the card saying so."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton
from pytestqt.qtbot import QtBot
from test_review_page import TODAY, demo, make_page, open_deck  # noqa: F401 (fixtures)

from trackrecord.core.review.deck import StoryCard
from trackrecord.core.review.interviews import UpcomingInterviewService
from trackrecord.core.review.rehearsals import RehearsalService
from trackrecord.core.review.stories import Story
from trackrecord.core.store.db import Store
from trackrecord.ui.review.page import ReviewPage
from trackrecord.ui.review.rehearsal import RehearsalDialog
from trackrecord.ui.review.rehearsal_timer import RehearsalTimer


class FakeClock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


STORY = Story("q1", "Tell me about a production problem you handled under pressure.",
              "behavioural", "", (), entry_id="e1", title="Payments outage", year=2024,
              situation="Checkout failed for 8% of users at peak", task="Lead the response",
              action="Rolled back, then found the pool limit", result="Back in 22 minutes")


def test_the_timer_ticks_on_the_event_loop_with_a_fake_clock(qtbot: QtBot) -> None:
    clock = FakeClock()
    timer = RehearsalTimer(90, clock=clock)
    seen: list[float] = []
    timer.ticked.connect(seen.append)
    timer.start()
    assert timer.running and seen == [90]
    clock.now += 60
    timer.tick()
    assert seen[-1] == 30
    with qtbot.waitSignal(timer.time_up, timeout=100):
        clock.now += 31
        timer.tick()
    with qtbot.assertNotEmitted(timer.time_up):
        clock.now += 5
        timer.tick()  # the time was up already: said once
    assert seen[-1] == -6
    timer.pause()
    clock.now += 100
    timer.tick()
    assert seen[-1] == -6  # paused: the clock moved, the rehearsal did not
    timer.stop()


def test_the_dialog_is_driven_from_the_keyboard(qtbot: QtBot) -> None:
    clock = FakeClock()
    dialog = RehearsalDialog(STORY, 120, clock=clock)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.clock.text() == "2:00"
    assert [p.text() for p in dialog.points][0] == "Checkout failed for 8% of users at peak"
    qtbot.waitUntil(dialog.start_button.hasFocus)
    qtbot.keyClick(dialog.start_button, Qt.Key.Key_Space)
    assert dialog.timer.running and dialog.start_button.text() == "Pause"
    clock.now += 125
    dialog.timer.tick()
    assert dialog.clock.text() == "+0:05" and dialog.status.text().startswith("Time.")
    qtbot.keyClick(dialog.start_button, Qt.Key.Key_Space)  # pause
    assert not dialog.timer.running and dialog.start_button.text() == "Go on"
    qtbot.keyClicks(dialog.note, "ran long on the rollback 1")  # digits type, not mark
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.rehearsed) as marked:
        qtbot.mouseClick(dialog.outcomes["okay"], Qt.MouseButton.LeftButton)
    assert marked.args == ["okay", 125, "ran long on the rollback 1"]
    assert not dialog.isVisible()


def test_r_restarts_and_the_length_can_be_changed(qtbot: QtBot) -> None:
    clock = FakeClock()
    dialog = RehearsalDialog(STORY, 120, clock=clock)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    with qtbot.waitSignal(dialog.length_changed) as changed:
        dialog.length.setTime(QTime(0, 3, 0))
    assert changed.args == [180] and dialog.clock.text() == "3:00"
    qtbot.keyClick(dialog, Qt.Key.Key_Space)
    clock.now += 40
    dialog.timer.tick()
    assert dialog.clock.text() == "2:20"
    qtbot.keyClick(dialog, Qt.Key.Key_R)
    assert dialog.clock.text() == "3:00" and not dialog.timer.running
    with qtbot.waitSignal(dialog.rehearsed) as marked:
        qtbot.keyClick(dialog, Qt.Key.Key_3)
    assert marked.args == ["smooth", None, ""]  # the clock never ran: no time to keep


def _to_story(qtbot: QtBot, page: ReviewPage) -> StoryCard:
    deck_view = page.view.deck_view
    deck = deck_view.deck
    assert deck is not None
    index = next(i for i, c in enumerate(deck.cards)
                 if isinstance(c, StoryCard) and c.story.ready)
    deck_view.go(index)
    card = deck_view.card
    assert isinstance(card, StoryCard)
    return card


def test_a_story_rehearsed_from_the_deck_is_kept_and_the_card_says_so(
        qtbot: QtBot, make_page, demo: Store) -> None:  # noqa: F811
    page = make_page()
    open_deck(qtbot, page)
    clock = FakeClock()
    page.controller.rehearsals.clock = clock
    card = _to_story(qtbot, page)
    cards = page.view.deck_view.cards
    (rehearse,) = [b for b in cards.findChildren(QPushButton) if b.objectName() ==
                   "rehearseButton" and b.isVisibleTo(page)]
    assert any("Not rehearsed yet" in label.text() for label in cards.findChildren(
        QLabel) if label.isVisibleTo(page))
    qtbot.mouseClick(rehearse, Qt.MouseButton.LeftButton)
    dialog = page.controller.rehearsals.rehearsal
    assert dialog is not None and dialog.story.entry_id == card.story.entry_id
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_Space)
    assert dialog.timer.running
    clock.now += 65
    qtbot.keyClick(dialog, Qt.Key.Key_2)  # okay
    qtbot.waitUntil(lambda: page.controller.rehearsals.rehearsal is None)
    (done,) = RehearsalService(demo).history(card.story.entry_id)
    assert (done.went, done.seconds, done.date) == ("okay", 65, TODAY)
    deck = page.view.deck_view.deck
    assert deck is not None and done.interview_id == deck.interview.id
    # The same card, redrawn where it is, with the rehearsal on it.
    assert page.view.deck_view.card.story.entry_id == card.story.entry_id  # type: ignore[union-attr]
    texts = [label.text() for label in cards.findChildren(
        QLabel) if label.isVisibleTo(page)]
    assert any("Rehearsed once, last today (okay, 1:05)" in t for t in texts)


def test_r_on_a_story_card_rehearses_it_and_a_story_told_is_kept(
        qtbot: QtBot, make_page, demo: Store) -> None:  # noqa: F811
    page = make_page()
    open_deck(qtbot, page)
    card = _to_story(qtbot, page)
    qtbot.keyClick(page.view.deck_view, Qt.Key.Key_R)
    dialog = page.controller.rehearsals.rehearsal
    assert dialog is not None and dialog.story == card.story
    dialog.reject()
    qtbot.waitUntil(lambda: page.controller.rehearsals.rehearsal is None)
    assert RehearsalService(demo).history() == []  # closed without a mark: nothing kept

    entry_id = card.story.entry_id
    assert entry_id is not None
    box = page.view.deck_view.cards.findChild(QCheckBox, f"told-{entry_id}")
    assert box is not None and not box.isChecked()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)  # Space presses the focused control
    interview = UpcomingInterviewService(demo).list(today=TODAY)[0]
    assert RehearsalService(demo).told_in(interview.id) == {entry_id}
    # A later interview at the same company is warned.
    later = UpcomingInterviewService(demo).create(
        ["behavioral"], company="northwind", date=TODAY + dt.timedelta(days=30))
    practice = RehearsalService(demo).practice([entry_id], interview_id=later.id,
                                               company=later.company)[entry_id]
    assert [t.company for t in practice.told_same_company] == ["Northwind"]


def test_undoing_the_deletion_of_an_entry_brings_its_rehearsals_back(
        qtbot: QtBot, make_window, store: Store) -> None:
    from ui_helpers import select_title

    from trackrecord.core.record.entries import EntryService

    entry = EntryService(store).create("shipped", "Payments ledger v2", start_date="2023-04-01")
    interview = UpcomingInterviewService(store).create(["behavioral"], company="Northwind")
    service = RehearsalService(store)
    first = service.record(entry.id, "rough", date="2026-11-01", seconds=170,
                           interview_id=interview.id)
    second = service.record(entry.id, "smooth", date="2026-11-20")
    service.set_told(interview.id, entry.id)
    window = make_window()
    select_title(window, "Payments ledger v2")
    window.controller.delete_selected()
    assert service.history() == []  # they went with the entry
    window.controller.undo_delete()
    assert service.history(entry.id) == [second, first]
    assert service.told_in(interview.id) == {entry.id}


def test_a_clipped_point_shows_the_whole_of_it_on_hover(qtbot: QtBot) -> None:
    long_action = ("Interviewed the five engineers and on-call about their actual pain points, "
                   "mapped them to transaction boundaries, and wrote an RFC with explicit "
                   "extraction triggers for each candidate service, reviewed by two teams")
    story = Story("q2", "A decision with a real cost?", "behavioural", "", (), entry_id="e2",
                  title="RFC", year=2023, situation="Asked to split", task="Disagree well",
                  action=long_action, result="Agreed")
    dialog = RehearsalDialog(story, 120, clock=FakeClock())
    qtbot.addWidget(dialog)
    action = dialog.points[2]
    assert action.text().endswith("\u2026") and long_action in action.toolTip()
    assert dialog.points[0].toolTip() == ""  # nothing hidden, nothing to hover for
