"""Scrolling down a form with the mouse wheel scrolls it; it never changes the combo box,
date or slider that happens to pass under the pointer (autosave would keep that change)."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget
from pytestqt.qtbot import QtBot
from test_rejection_logging import log_rejection

from trackrecord.core.demo import load_demo


def _wheel_down(widget: QWidget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_rejection_form_past_its_fields(qtbot: QtBot, make_window, store):
    load_demo(store)
    window = make_window()
    window.resize(1000, 560)  # short enough that the form scrolls
    log_rejection(qtbot, window)
    view = window.rejections.view
    form = view.form
    form.category.setCurrentIndex(form.category.findData("signal-gap"))
    stage_before = form.stage.currentData()
    area = form.parentWidget()
    while not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0
    # A real wheel would hand a field with wheel focus the focus first, then change it.
    assert form.category.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert form.stage.focusPolicy() == Qt.FocusPolicy.StrongFocus
    window.setFocus()
    for widget in (form.category, form.stage):
        for _ in range(3):
            _wheel_down(widget)
    assert form.category.currentData() == "signal-gap"
    assert form.stage.currentData() == stage_before
    assert bar.value() > 0  # the form scrolled instead

    form.category.setFocus()  # once the person has chosen the field, the wheel is theirs
    qtbot.waitUntil(form.category.hasFocus)
    _wheel_down(form.category)
    assert form.category.currentData() != "signal-gap"


def test_fields_made_before_the_guard_lose_wheel_focus_too() -> None:
    """In the app the guard starts once the entries are listed (an application-wide filter
    costs every event a call into Python), after the editor's fields were made."""
    script = (
        "from PySide6.QtWidgets import QApplication, QComboBox\n"
        "from PySide6.QtCore import Qt\n"
        "from trackrecord.ui.support.wheel_guard import install_wheel_guard\n"
        "app = QApplication([])\n"
        "early = QComboBox()\n"
        "assert early.focusPolicy() == Qt.FocusPolicy.WheelFocus\n"
        "install_wheel_guard(app)\n"
        "print(early.focusPolicy() == Qt.FocusPolicy.StrongFocus)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
