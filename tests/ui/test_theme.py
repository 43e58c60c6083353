"""Light and dark: the palette follows the wanted colour scheme."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trackrecord.ui.shell.theme import apply_color_scheme


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


def test_a_window_already_shown_follows_a_later_switch(qtbot: QtBot, qapp: QApplication) -> None:
    """The system's scheme is asked after the first paint (and may change at any time):
    stylesheet rules drawn with palette() colours must follow, the rail included."""
    from PySide6.QtWidgets import QListWidget

    from trackrecord.ui.shell.app import load_stylesheet

    before, sheet = qapp.palette(), qapp.styleSheet()
    try:
        qapp.setStyleSheet(load_stylesheet())
        rail = QListWidget()
        rail.setObjectName("navRail")
        qtbot.addWidget(rail)
        rail.show()
        qtbot.waitExposed(rail)
        apply_color_scheme(qapp, "dark")
        middle = rail.grab().toImage().pixelColor(rail.width() // 2, rail.height() // 2)
        assert middle.lightness() < 128
    finally:
        qapp.setPalette(before)
        qapp.setStyleSheet(sheet)
