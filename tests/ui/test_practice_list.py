"""The Practice list: a habit kept from a reframe in one click appears there and can be ticked
off; your own can be added and removed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_rejection_logging import log_rejection

from trackrecord.core.demo import load_demo
from trackrecord.core.rejections.service import RejectionService


def test_practice_kept_from_a_reframe_can_be_ticked_off(qtbot: QtBot, make_window, store):
    load_demo(store)
    service = RejectionService(store)
    window = make_window()
    log_rejection(qtbot, window)
    page = window.rejections
    form = page.view.form
    qtbot.keyClicks(form.inputs["company"], "Acme")
    form.stage.setCurrentIndex(form.stage.findData("coding"))
    form.debrief.buttons["narration"]["no"].click()
    qtbot.keyClicks(form.debrief.notes["narration"], "went quiet at the whiteboard")
    qtbot.waitUntil(lambda: any(
        "went quiet at the whiteboard" in row.text for row in page.view.reframe.practice_rows()
    ))
    row = next(r for r in page.view.reframe.practice_rows() if "whiteboard" in r.text)
    qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
    assert row.button.text() == "Kept ✓" and not row.button.isEnabled()

    (item,) = service.practice_items()
    assert item.text == row.text and not item.done
    (saved,) = service.list()
    assert item.rejection_id == saved.id  # kept with the rejection it came from
    assert service.get(saved.id).debrief[0].topic == "narration"

    qtbot.mouseClick(page.view.back, Qt.MouseButton.LeftButton)
    panel = page.overview.practice
    assert page.stack.currentWidget() is page.overview
    assert panel.item_texts() == [row.text]
    assert panel.list.item(0).toolTip() == "Kept from Acme"
    panel.list.item(0).setCheckState(Qt.CheckState.Checked)  # as a click on the tick box
    assert service.practice_items()[0].done
    assert panel.item_texts(done=True) == [row.text]

    # Reopened, the rejection remembers what was kept from it.
    page.open_rejection(saved.id)
    kept = [r for r in page.view.reframe.practice_rows() if r.text == row.text]
    assert kept and kept[0].button.text() == "Kept ✓"


def test_add_and_remove_your_own(qtbot: QtBot, make_window, store):
    service = RejectionService(store)
    window = make_window()
    window.rail.setCurrentRow(1)
    panel = window.rejections.overview.practice
    assert panel.empty.isVisible() and panel.list.count() == 0
    qtbot.keyClicks(panel.new_item, "Say one trade-off out loud per design choice")
    qtbot.keyClick(panel.new_item, Qt.Key.Key_Return)
    assert panel.item_texts() == ["Say one trade-off out loud per design choice"]
    assert panel.list.item(0).toolTip() == "Your own"
    assert not panel.empty.isVisible()
    assert [i.text for i in service.practice_items()] == panel.item_texts()

    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert panel.list.count() == 0
    assert service.practice_items() == []
