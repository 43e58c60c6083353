"""What was shown is what is kept: a saved rejection reopens, after a restart and after the
track record changed, with exactly its saved evidence and reframe, until it is refreshed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_rejection_logging import FIT_FEEDBACK, log_rejection

from trackrecord.core.demo import load_demo
from trackrecord.core.record.entries import EntryService
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.store.db import open_store
from trackrecord.paths import DataPaths

NEW_ENTRY = "Sharded distributed systems event store for 40M users"


def test_saved_snapshot_survives_a_restart(qtbot: QtBot, make_window, store,
                                           data_paths: DataPaths):
    load_demo(store)
    window = make_window()
    log_rejection(qtbot, window)
    view = window.rejections.view
    form = view.form
    qtbot.keyClicks(form.inputs["company"], "Acme")
    form.stage.setCurrentIndex(form.stage.findData("system-design"))
    qtbot.keyClicks(form.inputs["feedback"], FIT_FEEDBACK)
    qtbot.waitUntil(lambda: "distributed systems" in view.evidence.cards[0].why.text())
    form.sting_before.slider.setValue(70)
    assert not form.sting_after.isEnabled()  # first, read the reframe
    qtbot.mouseClick(view.reframe.read_button, Qt.MouseButton.LeftButton)
    assert form.sting_after.isEnabled()
    assert form.sting_after.slider.hasFocus()
    form.sting_after.slider.setValue(35)
    shown_titles = view.evidence.shown_titles()
    shown_headline = view.reframe.headline.text()
    shown_body = view.reframe.body.text()
    window.close()
    store.close()

    with open_store(data_paths) as reopened:
        # The track record changes while the app is closed: a stronger answer appears.
        EntryService(reopened).create(
            "shipped", NEW_ENTRY, tags=["distributed-systems", "system-design", "scalability"],
            summary="Designed and shipped a sharded, replicated distributed systems event store",
            impact="Took write throughput from 2k to 90k events a second",
            metrics="90k events/s; p99 40 ms; 40M users",
            start_date="2025-01-01", end_date="2025-10-31",  # finished work: it leads
        )
        again = make_window(reopened)
        again.rail.setCurrentRow(1)
        page = again.rejections
        model = page.overview.model
        assert model.rowCount() == 1
        row = [model.index(0, c).data() for c in range(model.columnCount())]
        assert row[0] == "Acme"
        assert row[2] == "System design" and row[3] == "Fit, not ability"
        assert row[5] == "70 → 35"

        table = page.overview.table
        rect = table.visualRect(model.index(0, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        view = page.view
        assert page.stack.currentWidget() is view
        assert view.evidence.shown_titles() == shown_titles  # from the snapshot, not redone
        assert NEW_ENTRY not in view.evidence.shown_titles()
        assert view.reframe.headline.text() == shown_headline
        assert view.reframe.body.text() == shown_body
        assert view.shown_as.text().startswith("As shown on")
        assert view.form.sting_before.value() == 70 and view.form.sting_after.value() == 35
        assert view.refresh.isVisible()

        service = RejectionService(reopened)
        (summary,) = service.list()
        stored_before = service.get(summary.id).snapshot
        qtbot.mouseClick(view.refresh, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: NEW_ENTRY in view.evidence.shown_titles())
        qtbot.waitUntil(lambda: not page.rejection.autosave.has_pending())
        stored = service.get(summary.id).snapshot
        assert stored is not None and stored != stored_before
        assert [e["title"] for e in stored["evidence"]] == view.evidence.shown_titles()
        assert stored["shown_at"] != stored_before["shown_at"]
        again.close()


def test_a_rejection_without_a_snapshot_gets_one(qtbot: QtBot, make_window, store):
    load_demo(store)
    service = RejectionService(store)
    made = service.create("Hooli", "behavioral", feedback="You seemed nervous")
    assert made.snapshot is None  # e.g. an imported rejection
    window = make_window()
    window.rail.setCurrentRow(1)
    window.rejections.open_rejection(made.id)
    view = window.rejections.view
    qtbot.waitUntil(lambda: view.evidence.shown_titles() != [])
    qtbot.waitUntil(lambda: service.get(made.id).snapshot is not None, timeout=3000)
    snapshot = service.get(made.id).snapshot
    assert [e["title"] for e in snapshot["evidence"]] == view.evidence.shown_titles()


def test_editing_a_saved_rejection_follows_the_typing(qtbot: QtBot, make_window, store):
    load_demo(store)
    window = make_window()
    log_rejection(qtbot, window)
    form = window.rejections.view.form
    qtbot.keyClicks(form.inputs["company"], "Acme")
    form.stage.setCurrentIndex(form.stage.findData("coding"))
    qtbot.waitUntil(lambda: RejectionService(store).list() != [], timeout=3000)
    window.rejections.show_list()
    window.rejections.log_rejection()  # another one (left empty) in between
    (summary,) = RejectionService(store).list()
    window.rejections.open_rejection(summary.id)
    view = window.rejections.view
    assert view.shown_as.text().startswith("As shown on")
    qtbot.keyClicks(form.inputs["feedback"], FIT_FEEDBACK)
    qtbot.waitUntil(lambda: "distributed systems experience" in form.suggestion.text())
    assert view.shown_as.text() == "Updates as you type"
