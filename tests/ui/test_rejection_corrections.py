"""The person corrects what a rejection opened with, from the rejection page, and it learns:
a card pinned or taken off is kept with the rejection; a card taken off is not linked the same
way again; a synonym added for a gap applies to every later match; the category chosen is
kept; feedback longer than anyone pastes is refused with a sentence, where it was pasted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_rejection_logging import log_rejection

from trackrecord.core.matching.learned import NOT_RELEVANT_KEY, SYNONYMS_KEY
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.data import MAX_TEXT
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.store.settings import get_json

TESTING_FEEDBACK = "The solution had bugs you didn't catch with tests."


def _record(store) -> dict[str, str]:
    entries = EntryService(store)
    made = {
        "dst": entries.create("incident", "Premium off by a day around DST",
                              start_date="2019-03-31", tags=["debugging", "testing"],
                              summary="Tracked down a timezone bug in premium calculation"),
        "suite": entries.create("other", "Unit test coverage drive", start_date="2016-09-01",
                                end_date="2016-12-15", tags=["testing", "ci-cd"],
                                summary="Covered the order service with fast unit tests"),
        "flags": entries.create("shipped", "Feature flags service", start_date="2022-08-01",
                                end_date="2022-11-30", tags=["testing", "backend"],
                                summary="Percentage rollouts with contract tests"),
        "settle": entries.create("shipped", "Merchant settlement engine",
                                 start_date="2023-01-09", end_date="2023-06-30", tags=["go"],
                                 summary="Settles every merchant's money each night"),
    }
    return {key: e.id for key, e in made.items()}


def _open_new(qtbot: QtBot, window, company: str, stage: str, feedback: str):
    log_rejection(qtbot, window)
    view = window.rejections.view
    form = view.form
    qtbot.keyClicks(form.inputs["company"], company)
    form.stage.setCurrentIndex(form.stage.findData(stage))
    qtbot.keyClicks(form.inputs["feedback"], feedback)
    return view, form


def _cards(view) -> dict[str, object]:
    return {c.entry_id: c for c in view.evidence.cards if not c.isHidden()}


def test_a_pinned_card_comes_first_and_stays_with_the_rejection(qtbot: QtBot, make_window,
                                                                store):
    ids = _record(store)
    window = make_window()
    view, form = _open_new(qtbot, window, "Acme", "coding", TESTING_FEEDBACK)
    qtbot.waitUntil(lambda: len(_cards(view)) == 4 and ids["dst"] in _cards(view))
    last = [c for c in view.evidence.cards if not c.isHidden()][-1]
    pinned = last.entry_id
    qtbot.mouseClick(last.pin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.evidence.cards[0].entry_id == pinned)
    first = view.evidence.cards[0]
    assert "pinned" in first.meta.text()
    assert first.pin_button.text() == "Unpin"
    assert "You pinned it to this rejection" in first.why.text()

    # It stays first while the feedback changes, and is kept with the rejection.
    form.inputs["feedback"].setPlainText("You ran out of time.")
    qtbot.waitUntil(lambda: "ran out of time" in form.suggestion.text().lower())
    assert view.evidence.cards[0].entry_id == pinned
    window.rejections.rejection.flush()
    saved = RejectionService(store).list()[0]
    snapshot = RejectionService(store).get(saved.id).snapshot or {}
    assert list(snapshot["corrections"]["pinned"]) == [pinned]

    # Reopened, it is still pinned; unpinning lets it move with the matching again.
    window.rejections.show_list()
    window.rejections.open_rejection(saved.id)
    view = window.rejections.view
    assert view.evidence.cards[0].entry_id == pinned
    qtbot.mouseClick(view.evidence.cards[0].pin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "pinned" not in view.evidence.cards[0].meta.text())
    snapshot = RejectionService(store).get(saved.id).snapshot or {}
    assert list(snapshot["corrections"]["pinned"]) == []


def test_a_card_pinned_before_is_said_so_on_a_later_rejection_about_the_same_thing(
        qtbot: QtBot, make_window, store):
    ids = _record(store)
    window = make_window()
    controller = window.rejections.rejection
    view, form = _open_new(qtbot, window, "Acme", "coding", TESTING_FEEDBACK)
    qtbot.waitUntil(lambda: ids["settle"] in _cards(view))
    qtbot.mouseClick(_cards(view)[ids["settle"]].pin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.analysis.corrections.pinned == (ids["settle"],))
    controller.flush()
    # Analysed again once saved, its own pin is not "another rejection".
    shown = controller.analysis
    form.inputs["feedback"].setPlainText(TESTING_FEEDBACK + " Write more tests next time.")
    qtbot.waitUntil(lambda: controller.analysis is not shown and not controller.runner.busy)
    assert controller.analysis.evidence[0].entry_id == ids["settle"]
    assert not any("other rejection" in r for r in controller.analysis.evidence[0].reasons)
    controller.flush()

    view, _form = _open_new(qtbot, window, "Globex", "coding",
                            "There were no tests for the edge cases.")
    qtbot.waitUntil(lambda: ids["settle"] in _cards(view) and "other rejection"
                    in _cards(view)[ids["settle"]].why.text())
    assert "pinned it to another rejection about testing" in \
        _cards(view)[ids["settle"]].why.text()


def test_not_relevant_takes_a_card_off_and_the_link_stops_counting(qtbot: QtBot, make_window,
                                                                   store):
    ids = _record(store)
    window = make_window()
    view, form = _open_new(qtbot, window, "Acme", "coding", TESTING_FEEDBACK)
    qtbot.waitUntil(lambda: ids["flags"] in _cards(view)
                    and "bugs" in _cards(view)[ids["flags"]].why.text())
    card = _cards(view)[ids["flags"]]
    qtbot.mouseClick(card.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ids["flags"] not in _cards(view))
    assert view.evidence.removed.isVisibleTo(view)
    assert "One card taken off" in view.evidence.removed_text.text()
    learned = get_json(store, NOT_RELEVANT_KEY, [])
    assert learned[0]["entry"] == ids["flags"]
    assert "skill:testing" in learned[0]["links"]

    # A later rejection that names testing again does not bring it back through testing.
    window.rejections.rejection.flush()
    view, _form = _open_new(qtbot, window, "Globex", "take-home",
                            "There were no tests for the edge cases.")
    qtbot.waitUntil(lambda: ids["suite"] in _cards(view))
    flags = _cards(view).get(ids["flags"])
    assert flags is None or "The feedback" not in flags.why.text()

    # "Show them again" on the first rejection brings the card and its links back.
    window.rejections.show_list()
    window.rejections.open_rejection(RejectionService(store).list()[-1].id)
    view = window.rejections.view
    assert view.evidence.removed.isVisibleTo(view)
    qtbot.mouseClick(view.evidence.removed_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ids["flags"] in _cards(view))
    assert get_json(store, NOT_RELEVANT_KEY, []) == []


def test_a_synonym_added_for_a_gap_answers_it_now_and_later(qtbot: QtBot, make_window, store):
    ids = _record(store)
    window = make_window()
    view, _form = _open_new(qtbot, window, "Acme", "hiring-manager",
                            "We need someone with more fintech experience.")
    qtbot.waitUntil(lambda: "fintech" in view.reframe.gap_text.text())
    row = view.reframe.synonyms[0]
    assert row.word == "fintech" and row.isVisibleTo(view)
    qtbot.keyClicks(row.edit, "settles, merchant money")
    qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.reframe.gap.isVisibleTo(view))
    assert get_json(store, SYNONYMS_KEY, {}) == {"fintech": ["settles", "merchant money"]}
    qtbot.waitUntil(lambda: ids["settle"] in _cards(view))
    assert "fintech" in _cards(view)[ids["settle"]].why.text()

    # Every later match knows it too.
    window.rejections.rejection.flush()
    view, _form = _open_new(qtbot, window, "Globex", "phone-screen", "Fintech background wanted.")
    qtbot.waitUntil(lambda: ids["settle"] in _cards(view))
    assert not view.reframe.gap.isVisibleTo(view)


def test_the_category_chosen_is_kept(qtbot: QtBot, make_window, store):
    _record(store)
    window = make_window()
    view, form = _open_new(qtbot, window, "Acme", "coding", TESTING_FEEDBACK)
    qtbot.waitUntil(lambda: form.suggestion.text().startswith("Suggested: Signal gap"))
    form.category.setFocus()
    index = form.category.findData("fit")
    form.category.setCurrentIndex(index)
    form.category.activated.emit(index)  # as choosing it from the list does
    assert form.confirmed.isChecked()
    window.rejections.rejection.flush()
    saved = RejectionService(store).list()[0]
    assert (RejectionService(store).get(saved.id).category, saved.category) == ("fit", "fit")
    assert RejectionService(store).get(saved.id).category_confirmed


def test_feedback_longer_than_anyone_pastes_is_refused_where_it_was_pasted(
        qtbot: QtBot, make_window, store):
    _record(store)
    window = make_window()
    log_rejection(qtbot, window)
    form = window.rejections.view.form
    qtbot.keyClicks(form.inputs["company"], "Acme")
    form.stage.setCurrentIndex(form.stage.findData("onsite"))
    window.rejections.rejection.flush()
    form.inputs["feedback"].setPlainText("Too long. " * (MAX_TEXT // 10 + 50))
    assert "more than feedback ever is" in form.feedback_error.text()
    assert form.too_long()
    messages: list[str] = []
    window.rejections.state_changed.connect(lambda _state, said: messages.append(said))
    assert not window.rejections.rejection.flush()
    assert any("more than feedback ever is" in m for m in messages)
    assert RejectionService(store).list()[0].company == "Acme"
    assert RejectionService(store).get(RejectionService(store).list()[0].id).feedback == ""
    form.inputs["feedback"].setPlainText("You ran out of time.")
    assert form.feedback_error.text() == ""
    assert window.rejections.rejection.flush()
