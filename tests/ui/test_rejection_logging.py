"""Logging a rejection by typing: evidence and reframe are there at once and follow the typing;
the suggested category follows the feedback; an empty company is refused and nothing written;
a click on an evidence card shows that entry on the Track record page."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from trackrecord.core.demo import load_demo
from trackrecord.core.rejections.service import RejectionService
from trackrecord.ui.shell.main_window import MainWindow

FIT_FEEDBACK = (
    "Strong coding but we were looking for someone with more distributed systems experience"
)


def log_rejection(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_R,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.rejections.view
    qtbot.waitUntil(lambda: view.isVisible() and view.evidence.shown_titles() != [])
    qtbot.waitUntil(lambda: view.reframe.isVisible())


def test_log_rejection_by_typing(qtbot: QtBot, make_window, store):
    load_demo(store)
    service = RejectionService(store)
    window = make_window()
    log_rejection(qtbot, window)
    page = window.rejections
    view, form = page.view, page.view.form
    assert window.pages.currentWidget() is page
    assert form.inputs["company"].hasFocus()
    assert view.title.text() == "New rejection"

    # Before any typing: the strongest evidence for the stage, and a reframe beside it.
    before_titles = view.evidence.shown_titles()
    before_headline = view.reframe.headline.text()
    assert len(before_titles) == 5 and before_headline
    assert form.suggestion.text().startswith("Suggested: Unknown")
    assert service.list() == []  # nothing is written for an empty form

    qtbot.keyClicks(form.inputs["company"], "Acme")
    qtbot.keyClicks(form.inputs["role"], "Senior Backend Engineer")
    form.stage.setFocus()
    qtbot.keyClicks(form.stage, "Sys")  # picks "System design" by its label
    assert form.stage.currentData() == "system-design"
    qtbot.keyClicks(form.inputs["feedback"], FIT_FEEDBACK)

    qtbot.waitUntil(lambda: "distributed systems experience" in form.suggestion.text())
    assert form.suggestion.text() == (
        "Suggested: Fit, not ability — from “more distributed systems experience”")
    assert form.category.currentText() == "Fit, not ability"
    qtbot.waitUntil(lambda: "distributed systems" in view.evidence.cards[0].why.text())
    assert view.evidence.shown_titles() != before_titles
    assert view.reframe.headline.text() != before_headline
    assert "system design" in view.evidence.intro.text()

    # The feedback changes its mind, and the suggestion follows it.
    form.inputs["feedback"].clear()
    qtbot.keyClicks(form.inputs["feedback"], "You ran out of time and were hard to follow")
    qtbot.waitUntil(lambda: "ran out of time" in form.suggestion.text())
    assert form.suggestion.text() == "Suggested: Signal gap — from “ran out of time”"
    assert form.category.currentText() == "Signal gap"

    # Saved within about a second of idle, with exactly what is on screen.
    qtbot.waitUntil(lambda: not page.rejection.autosave.has_pending(), timeout=3000)
    (row,) = service.list()
    saved = service.get(row.id)
    assert (saved.company, saved.role, saved.stage) == (
        "Acme", "Senior Backend Engineer", "system-design")
    assert saved.category == "signal-gap" and not saved.category_confirmed
    assert saved.category_trigger == "ran out of time"
    assert saved.snapshot is not None
    assert [e["title"] for e in saved.snapshot["evidence"]] == view.evidence.shown_titles()
    assert saved.snapshot["reframe"]["headline"] == view.reframe.headline.text()
    assert window.save_state.text() == "Saved"
    assert view.title.text() == "Acme · Senior Backend Engineer"


def test_choosing_a_category_confirms_it(qtbot: QtBot, make_window, store):
    load_demo(store)
    service = RejectionService(store)
    window = make_window()
    log_rejection(qtbot, window)
    form = window.rejections.view.form
    qtbot.keyClicks(form.inputs["company"], "Globex")
    form.stage.setCurrentIndex(form.stage.findData("onsite"))
    qtbot.keyClicks(form.inputs["feedback"], FIT_FEEDBACK)
    qtbot.waitUntil(lambda: "Fit" in form.suggestion.text())
    index = form.category.findData("external-noise")
    form.category.setCurrentIndex(index)
    form.category.activated.emit(index)  # as a person picking it
    assert form.confirmed.isChecked()
    qtbot.waitUntil(
        lambda: window.rejections.rejection.analysis is not None
        and window.rejections.rejection.analysis.category == "external-noise"
    )
    assert "Fit" in form.suggestion.text()  # the suggestion stays in view for reference
    window.rejections.flush()
    (row,) = service.list()
    saved = service.get(row.id)
    assert saved.category == "external-noise" and saved.category_confirmed
    assert saved.suggested_category == "fit"

    form.confirmed.click()  # untick: follow the suggestion again
    qtbot.waitUntil(lambda: form.category.currentData() == "fit")
    window.rejections.flush()
    assert service.get(row.id).category == "fit"


def test_empty_company_is_refused_and_nothing_written(qtbot: QtBot, make_window, store):
    load_demo(store)
    service = RejectionService(store)
    window = make_window()
    log_rejection(qtbot, window)
    form = window.rejections.view.form
    qtbot.keyClicks(form.inputs["feedback"], FIT_FEEDBACK)
    qtbot.waitUntil(lambda: form.company_error.isVisible(), timeout=3000)
    assert "Add the company" in form.company_error.text()
    assert window.save_state.text().startswith("Not saved")
    assert service.list() == []
    window.close()  # closing tries once more, and still writes nothing
    assert service.list() == []


def test_clearing_the_company_keeps_the_saved_name(qtbot: QtBot, make_window, store):
    service = RejectionService(store)
    rejection = service.create("Initech", "coding", feedback="No feedback given.")
    window = make_window()
    window.rail.setCurrentRow(1)
    window.rejections.open_rejection(rejection.id)
    form = window.rejections.view.form
    form.inputs["company"].selectAll()
    qtbot.keyClick(form.inputs["company"], Qt.Key.Key_Delete)
    qtbot.keyClicks(form.inputs["role"], "SRE")
    assert not window.rejections.flush()
    assert form.company_error.isVisible()
    saved = service.get(rejection.id)
    assert saved.company == "Initech" and saved.role == "SRE"  # the rest still saves


def test_an_evidence_card_opens_its_entry(qtbot: QtBot, make_window, store):
    load_demo(store)
    window = make_window()
    window.page.filters.search.setText("nothing matches this")  # the entry is filtered out
    window.controller.refresh()
    log_rejection(qtbot, window)
    card = window.rejections.view.evidence.cards[1]
    title = card.title.text()
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.page
    assert window.controller.selected_id() == card.entry_id
    assert window.page.editor.inputs["title"].text() == title
    assert window.page.filters.search.text() == ""

    # Back on the rejection, the keyboard works too.
    window.rail.setCurrentRow(1)
    card = window.rejections.view.evidence.cards[0]
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Return)
    assert window.controller.selected_id() == card.entry_id


def test_a_new_rejection_asks_for_its_stage_and_saves_once_it_is_chosen(
    qtbot: QtBot, make_window, store,
):
    """Issue 17: the stage was preset to Onsite, and saved so unless changed."""
    load_demo(store)
    service = RejectionService(store)
    window = make_window()
    log_rejection(qtbot, window)
    view, form = window.rejections.view, window.rejections.view.form
    assert form.stage.currentIndex() == -1 and form.value("stage") is None
    assert form.stage.currentText() == "" and "Choose the stage" in form.stage.placeholderText()
    assert form.stage_note.isVisible() and "Which stage" in form.stage_note.text()
    assert "this interview round" in view.evidence.intro.text()  # not "this other round"

    qtbot.keyClicks(form.inputs["company"], "Acme")
    qtbot.keyClicks(form.inputs["feedback"], FIT_FEEDBACK)
    qtbot.waitUntil(lambda: "Nothing is saved until then" in form.stage_note.text(),
                    timeout=3000)
    assert window.save_state.text() == "Not saved yet: choose the stage it reached"
    assert not form.company_error.isVisible()
    assert service.list() == []

    form.stage.setFocus()
    qtbot.keyClicks(form.stage, "Sys")
    assert not form.stage_note.isVisible()
    qtbot.waitUntil(lambda: service.list() != [], timeout=3000)
    (row,) = service.list()
    assert service.get(row.id).stage == "system-design"


def test_tab_from_the_date_goes_to_the_feedback_not_into_the_date(
    qtbot: QtBot, make_window, store,
):
    """Issue 17: Tab walked the date's year, month and day, so the feedback typed next
    landed in the date."""
    load_demo(store)
    window = make_window()
    log_rejection(qtbot, window)
    form = window.rejections.view.form
    date = form.value("date")
    form.inputs["level"].setFocus()
    qtbot.keyClick(form.inputs["level"], Qt.Key.Key_Tab)
    assert form.date.hasFocus()
    qtbot.keyClick(form.date, Qt.Key.Key_Tab)
    assert form.inputs["feedback"].hasFocus()
    qtbot.keyClicks(form.inputs["feedback"], "2024 was the year")
    assert form.value("date") == date
    assert form.value("feedback") == "2024 was the year"
    qtbot.keyClick(form.inputs["feedback"], Qt.Key.Key_Backtab)
    assert form.date.hasFocus()  # and back again in one step


def test_a_sting_not_set_shows_no_handle_and_a_click_sets_it_there(
    qtbot: QtBot, make_window, store,
):
    """Issue 17: the handle sat at the midpoint while the value read "-"."""
    load_demo(store)
    window = make_window()
    log_rejection(qtbot, window)
    sting = window.rejections.view.form.sting_before
    assert sting.value() is None and sting.number.text() == "not set"
    assert sting.slider.property("unset") is True  # style.qss: no handle, an even groove
    slider = sting.slider
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton,
                     pos=slider.rect().center() + QPoint(slider.width() // 4, 0))
    assert sting.value() is not None and 65 <= sting.value() <= 85
    assert sting.number.text() == str(sting.value())
    assert sting.slider.property("unset") is False
    sting.set_value(None)
    assert sting.slider.property("unset") is True and sting.number.text() == "not set"


def test_the_rejection_at_1280x720_scrolls_in_two_places_not_three(
    qtbot: QtBot, make_window, store,
):
    """Issue 17: three scroll areas side by side at 1280x720. The form scrolls on its own;
    the evidence and the reframe scroll together, side by side."""
    load_demo(store)
    window = make_window()
    window.resize(1280, 720)
    log_rejection(qtbot, window)
    view = window.rejections.view
    areas = [a for a in view.findChildren(QScrollArea) if a.isVisibleTo(window)]
    assert len(areas) == 2
    evidence, reframe = view.evidence, view.reframe
    assert evidence.isVisibleTo(window) and reframe.isVisibleTo(window)
    top = evidence.mapTo(view, evidence.rect().topLeft())
    assert reframe.mapTo(view, reframe.rect().topLeft()).x() > top.x() + evidence.width() // 2
