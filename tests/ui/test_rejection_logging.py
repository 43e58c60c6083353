"""Logging a rejection by typing: evidence and reframe are there at once and follow the typing;
the suggested category follows the feedback; an empty company is refused and nothing written;
a click on an evidence card shows that entry on the Track record page."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
