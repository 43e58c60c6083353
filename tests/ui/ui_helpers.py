"""Small helpers shared by the UI tests."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from trackrecord.ui.shell.main_window import MainWindow


def line(window: MainWindow, name: str) -> QLineEdit:
    widget = window.page.editor.inputs[name]
    assert isinstance(widget, QLineEdit)
    return widget


def text(window: MainWindow, name: str) -> QPlainTextEdit:
    widget = window.page.editor.inputs[name]
    assert isinstance(widget, QPlainTextEdit)
    return widget


def type_at_end(qtbot: QtBot, field: QLineEdit, typed: str) -> None:
    """Click into ``field`` and type after what it holds, as a person adding to it would."""
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, typed)


def listed_titles(window: MainWindow) -> list[str]:
    model = window.page.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def select_title(window: MainWindow, title: str) -> None:
    row = listed_titles(window).index(title)
    window.page.list.setCurrentIndex(window.page.model.index(row, 0))


def is_shown(widget: QWidget) -> bool:
    return widget.isVisibleTo(widget.window())
