"""The Rejections page around the rejection view: the list and its filters, the model, your
own reframes, and analysis that stays off the UI thread and never lands out of order."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QSlider, QWidget
from pytestqt.qtbot import QtBot
from test_main_window import INTERACTIVE
from test_rejection_logging import log_rejection

import trackrecord.ui.rejections.analysis_worker as rejection_analysis
from trackrecord.core.demo import load_demo
from trackrecord.core.matching.query import MatchQuery
from trackrecord.core.rejections.analysis import analyse_rejection
from trackrecord.core.rejections.service import RejectionService
from trackrecord.ui.rejections.analysis_worker import AnalysisRunner
from trackrecord.ui.rejections.list_model import RejectionListModel, format_sting


def companies(window) -> list[str]:
    model = window.rejections.overview.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_rejections_page_is_in_the_rail(qtbot: QtBot, make_window):
    window = make_window()
    window.rail.setCurrentRow(1)
    assert window.pages.currentWidget() is window.rejections
    overview = window.rejections.overview
    assert overview.list_stack.currentWidget() is overview.empty
    assert "Log rejection" in overview.empty.text()
    file_menu = window.menuBar().actions()[0].menu()
    assert window.menu_actions.log_rejection in file_menu.actions()
    assert window.menu_actions.log_rejection.shortcut().toString() == "Ctrl+Shift+R"
    qtbot.mouseClick(overview.log_button, Qt.MouseButton.LeftButton)
    assert window.rejections.stack.currentWidget() is window.rejections.view


def test_list_and_filters(qtbot: QtBot, make_window, store):
    service = RejectionService(store)
    service.create("Acme", "system-design", date="2026-03-01", role="Backend",
                   feedback="we were looking for someone with more Go", sting_before=80)
    service.create("Globex", "coding", date="2026-04-01", role="SRE",
                   feedback="you ran out of time", sting_before=60, sting_after=30)
    service.create("Initech", "recruiter", date="2026-05-01",
                   feedback="the role was filled by an internal candidate")
    window = make_window()
    window.rail.setCurrentRow(1)
    overview = window.rejections.overview
    assert companies(window) == ["Initech", "Globex", "Acme"]  # newest first
    model = overview.model
    assert [model.index(r, 5).data() for r in range(3)] == ["", "60 → 30", "80"]
    assert model.index(1, 4).data() == "1 Apr 2026"

    overview.category.setCurrentIndex(overview.category.findData("signal-gap"))
    assert companies(window) == ["Globex"]
    overview.category.setCurrentIndex(0)
    overview.stage.setCurrentIndex(overview.stage.findData("system-design"))
    assert companies(window) == ["Acme"]
    overview.stage.setCurrentIndex(0)
    qtbot.keyClicks(overview.search, "sre")
    qtbot.waitUntil(lambda: companies(window) == ["Globex"])
    qtbot.keyClicks(overview.search, "nothing")
    qtbot.waitUntil(lambda: overview.list_stack.currentWidget() is overview.empty)
    assert overview.empty.text() == "No rejections match these filters."


def test_the_list_model_passes_qtmodeltester(qtmodeltester, store):
    service = RejectionService(store)
    service.create("Acme", "onsite", sting_before=50, sting_after=20)
    service.create("Globex", "offer")
    model = RejectionListModel()
    model.set_rows(service.list())
    qtmodeltester.check(model, force_py=True)
    assert format_sting(None, None) == "" and format_sting(None, 10) == "– → 10"


def test_a_custom_reframe_shows_up_in_the_reframe(qtbot: QtBot, make_window, store):
    load_demo(store)
    service = RejectionService(store)
    window = make_window()
    window.rail.setCurrentRow(1)
    page = window.rejections
    qtbot.mouseClick(page.overview.reframes_button, Qt.MouseButton.LeftButton)
    dialog = page.reframe_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.headline, "One loop is one sample")
    qtbot.keyClicks(dialog.body, "My mentor said: count the systems, not the loops.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (mine,) = service.reframes()
    assert mine.body == "My mentor said: count the systems, not the loops."
    assert mine.category is None and mine.stage is None
    assert dialog.list.count() == 1
    dialog.reject()

    log_rejection(qtbot, window)
    reframe = page.view.reframe
    qtbot.waitUntil(lambda: "count the systems, not the loops" in reframe.body.text())

    # Only for one kind of no: a signal gap. Edited in the dialog, used once it applies.
    page.show_reframes()
    dialog.list.setCurrentRow(0)
    dialog.category.setCurrentIndex(dialog.category.findData("signal-gap"))
    dialog.body.setPlainText("Nerves are not a skill gap.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.reject()
    assert service.reframes()[0].category == "signal-gap"
    qtbot.waitUntil(lambda: "count the systems" not in reframe.body.text())
    assert "Nerves are not a skill gap" not in reframe.body.text()  # this one is "unknown"
    qtbot.keyClicks(page.view.form.inputs["feedback"], "You ran out of time")
    qtbot.waitUntil(lambda: "Nerves are not a skill gap" in reframe.body.text())


def test_analysis_runs_off_the_ui_thread_and_typing_is_debounced(
    qtbot: QtBot, make_window, store, monkeypatch
):
    load_demo(store)
    calls: list[tuple[str, bool]] = []
    # An analysis of the typed feedback is held until the rest has been typed: if typing
    # waited for an analysis, the keys could not land while it is held.
    held = threading.Event()
    typed = threading.Event()

    def slow_analyse(*args, **kwargs):
        query = args[1]
        calls.append((query.feedback, threading.current_thread() is threading.main_thread()))
        if query.feedback and not held.is_set():
            held.set()
            typed.wait(30)
        return analyse_rejection(*args, **kwargs)

    monkeypatch.setattr(rejection_analysis, "analyse_rejection", slow_analyse)
    window = make_window()
    log_rejection(qtbot, window)
    form = window.rejections.view.form
    feedback = form.inputs["feedback"]
    qtbot.keyClicks(feedback, "You")
    qtbot.waitUntil(held.is_set)
    qtbot.keyClicks(feedback, " ran out of time on the second problem")
    assert feedback.toPlainText() == "You ran out of time on the second problem"
    assert window.rejections.rejection.runner.busy and not typed.is_set()
    typed.set()
    qtbot.waitUntil(lambda: "ran out of time" in form.suggestion.text())
    qtbot.waitUntil(lambda: not window.rejections.rejection.runner.busy)
    assert calls and not any(on_ui_thread for _feedback, on_ui_thread in calls)
    assert len(calls) <= 3  # at opening, after the first pause, after the last: not per key
    assert calls[-1][0] == "You ran out of time on the second problem"


def test_a_stale_answer_never_lands(qtbot: QtBot, store):
    load_demo(store)
    runner = AnalysisRunner(store)
    shown = []
    runner.finished.connect(lambda analysis: shown.append(analysis.stage))
    runner.request(MatchQuery("coding"))
    runner.request(MatchQuery("behavioral"))  # waits behind the first, which is now stale
    runner.request(MatchQuery("system-design"))  # replaces the waiting one
    qtbot.waitUntil(lambda: not runner.busy)
    assert shown == ["system-design"]
    runner.request(MatchQuery("onsite"))
    runner.cancel()  # e.g. another rejection was opened
    runner.wait()
    qtbot.wait(50)
    assert shown == ["system-design"]


def test_every_rejection_control_has_an_accessible_name(qtbot: QtBot, make_window, store):
    load_demo(store)
    window = make_window()
    log_rejection(qtbot, window)  # the cards and practice rows exist once shown
    dialog = window.rejections.show_reframes()
    assert dialog.parentWidget() is window.rejections  # so its controls are checked too
    missing = []
    for widget in window.rejections.findChildren(QWidget):
        if not isinstance(widget, (*INTERACTIVE, QSlider)):
            continue
        if widget.objectName().startswith("qt_"):
            continue
        owners, parent = [], widget.parentWidget()
        while parent is not None:
            owners.append(parent)
            parent = parent.parentWidget()
        if any(isinstance(owner, (QComboBox, QAbstractSpinBox)) for owner in owners):
            continue  # parts of a compound control are named through it
        if not widget.accessibleName():
            what = widget.text() if hasattr(widget, "text") else ""
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {what!r}")
    assert missing == []
    dialog.reject()


def test_tab_order_through_the_form(qtbot: QtBot, make_window):
    window = make_window()
    window.menu_actions.log_rejection.trigger()
    form = window.rejections.view.form
    chain = [form.inputs["company"]]
    for _ in range(5):
        chain.append(chain[-1].nextInFocusChain())
        while not chain[-1].focusPolicy() & chain[-1].focusPolicy().TabFocus:
            chain[-1] = chain[-1].nextInFocusChain()
    assert chain[1:5] == [form.inputs["role"], form.stage, form.inputs["level"], form.date]
