"""Light and dark: the palette follows the wanted colour scheme."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trackrecord.ui.theme import apply_color_scheme


def _window_lightness(app: QApplication) -> int:
    return app.palette().color(QPalette.ColorRole.Window).lightness()


def test_dark_and_back_to_light(qtbot: QtBot, qapp: QApplication) -> None:
    before = qapp.palette()
    try:
        apply_color_scheme(qapp, "dark")
        assert _window_lightness(qapp) < 128
        text = qapp.palette().color(QPalette.ColorRole.Text).lightness()
        assert text > 160  # readable on the dark base
        apply_color_scheme(qapp, "light")
        assert _window_lightness(qapp) >= 128
    finally:
        qapp.setPalette(before)
