"""The thought record on the rejection page, driven like a person would: tucked away until
wanted, prefilled evidence, trap suggestions as the thought is typed, emotions rated and
re-rated, saved as typed (through the rejection form's autosave), and there when reopened."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot
from test_rejection_logging import log_rejection
from ui_helpers import is_shown

from trackrecord.core.demo import load_demo
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.rejections.thoughts import Emotion, ThoughtService
from trackrecord.ui.shell.main_window import MainWindow

FEEDBACK = ("We wanted more depth on scaling and trade-offs in the design round. "
            "Your coding was strong.")


def _open(qtbot: QtBot, window: MainWindow, rejection_id: str) -> None:
    window.rail.setCurrentRow(1)
    page = window.rejections
    page.open_rejection(rejection_id)
    qtbot.waitUntil(lambda: page.view.reframe.isVisible())


def test_the_thought_record_is_tucked_away_until_wanted_then_saved_as_typed(
        qtbot: QtBot, make_window, store) -> None:
    load_demo(store)
    rejection = RejectionService(store).create("Northwind", "system-design", feedback=FEEDBACK)
    window = make_window()
    _open(qtbot, window, rejection.id)
    page = window.rejections
    form = page.view.thought
    assert form.toggle.isEnabled() and not form.is_open()
    assert not is_shown(form.body) and "optional" in form.intro.text()

    qtbot.mouseClick(form.toggle, Qt.MouseButton.LeftButton)
    assert is_shown(form.body)
    # The evidence columns start from the feedback and from the evidence shown beside it.
    assert form.value("evidence_for").splitlines() == [
        "- They said: “We wanted more depth on scaling and trade-offs in the design round.”",
        "- They said: “Your coding was strong.”"]
    shown = page.view.evidence.shown_titles()
    against = form.value("evidence_against")
    assert shown and all(title in against for title in shown)
    assert page.view.reframe.headline.text() in form.prompt.text()
    assert form.value("balanced") == ""  # never written for the person
    assert ThoughtService(store).get(rejection.id) is None  # nothing typed: nothing written

    thought = form.texts["thought"]
    thought.setFocus()
    qtbot.keyClicks(thought, "I always freeze in design rounds. I'm not good enough")
    assert is_shown(form.hints["overgeneralising"])
    assert "“always”" in form.hints["overgeneralising"].text()
    assert is_shown(form.hints["labelling"]) and not is_shown(form.hints["mind-reading"])
    assert not form.traps["overgeneralising"].isChecked()  # suggested, never ticked for you
    box = form.traps["labelling"]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))

    qtbot.mouseClick(form.emotions.chips["ashamed"], Qt.MouseButton.LeftButton)
    (row,) = form.emotions.rows
    assert row.name.text() == "ashamed" and not is_shown(form.emotions.chips["ashamed"])
    row.rating.slider.setFocus()
    qtbot.keyClick(row.rating.slider, Qt.Key.Key_End)  # 100: as strong as it gets
    qtbot.mouseClick(form.emotions.chips[""], Qt.MouseButton.LeftButton)  # one of my own
    own = form.emotions.rows[1]
    assert own.name.hasFocus()
    qtbot.keyClicks(own.name, "restless")
    own.rating.set_value(60)
    own.rating.changed.emit()

    balanced = form.texts["balanced"]
    balanced.setFocus()
    qtbot.keyClicks(balanced, "One round went badly; I have shipped systems at scale.")
    (ashamed_after, _row), = [(s, r) for r, s in form.rerate.sliders if r is row]
    ashamed_after.slider.setFocus()
    qtbot.keyClick(ashamed_after.slider, Qt.Key.Key_Home)  # 0 now
    qtbot.waitUntil(lambda: page.thought.autosave.has_pending() is False, timeout=3000)

    saved = ThoughtService(store).get(rejection.id)
    assert saved is not None
    assert saved.thought == "I always freeze in design rounds. I'm not good enough"
    assert saved.traps == ("labelling",)
    assert saved.emotions == (Emotion("ashamed", 100, 0), Emotion("restless", 60))
    assert saved.balanced.startswith("One round went badly")
    assert saved.evidence_for.startswith("- They said:")  # the prefill, kept as shown

    # Away and back: the record is there, open, exactly as it was left.
    page.show_list()
    _open(qtbot, window, rejection.id)
    assert form.is_open() and form.value("thought") == saved.thought
    assert form.value("emotions") == saved.emotions
    assert [r for r, s in form.rerate.sliders][0].after == 0
    assert form.traps["labelling"].isChecked()


def test_a_new_rejection_keeps_its_thought_record_only_once_it_is_saved(
        qtbot: QtBot, make_window, store) -> None:
    load_demo(store)
    window = make_window()
    log_rejection(qtbot, window)
    page = window.rejections
    form = page.view.thought
    assert not form.toggle.isEnabled() and "company" in form.intro.text()
    qtbot.keyClicks(page.view.form.inputs["company"], "Globex")
    page.view.form.stage.setFocus()
    qtbot.keyClicks(page.view.form.stage, "Beh")
    qtbot.waitUntil(form.toggle.isEnabled, timeout=3000)  # saved: now it can have one
    assert "optional" in form.intro.text()
    qtbot.mouseClick(form.toggle, Qt.MouseButton.LeftButton)
    feedback = page.view.form.inputs["feedback"]
    feedback.setFocus()
    qtbot.keyClicks(feedback, "Hard to follow your examples.")
    # The prefill follows the feedback until the person types in the record.
    qtbot.waitUntil(lambda: "Hard to follow your examples." in form.value("evidence_for"),
                    timeout=3000)
    thought = form.texts["thought"]
    thought.setFocus()
    qtbot.keyClicks(thought, "They could tell I was lost")
    assert is_shown(form.hints["mind-reading"])
    assert page.flush()
    rejection = page.rejection.rejection
    assert rejection is not None
    saved = ThoughtService(store).get(rejection.id)
    assert saved is not None and saved.thought == "They could tell I was lost"
    assert "Hard to follow your examples." in saved.evidence_for


def test_a_rejection_without_a_thought_record_opens_with_it_closed(
        qtbot: QtBot, make_window, store) -> None:
    service = RejectionService(store)
    first = service.create("Acme", "onsite")
    second = service.create("Globex", "coding")
    ThoughtService(store).save(first.id, thought="Everyone saw me fail")
    window = make_window()
    _open(qtbot, window, first.id)
    form = window.rejections.view.thought
    assert form.is_open() and form.value("thought") == "Everyone saw me fail"
    window.rejections.show_list()
    _open(qtbot, window, second.id)
    assert not form.is_open() and form.value("thought") == ""
    assert ThoughtService(store).get(second.id) is None
