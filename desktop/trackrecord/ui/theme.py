"""Light or dark, following the system's colour scheme (Qt 6.5+ reports it, and its changes).

Native styles (macOS, Windows 11) switch by themselves. Where Qt draws with Fusion and the
platform hands over no dark palette (a bare X11 session, say), we supply one. The app's own
stylesheet only uses palette() colours, so it follows along. TRACKRECORD_COLOR_SCHEME=light
or dark overrides the system, for screenshots and for people who want one or the other.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

ENV_SCHEME = "TRACKRECORD_COLOR_SCHEME"
_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup


def wanted_scheme(override: str | None = None) -> Qt.ColorScheme:
    choice = (override or os.environ.get(ENV_SCHEME, "")).strip().lower()
    if choice == "dark":
        return Qt.ColorScheme.Dark
    if choice == "light":
        return Qt.ColorScheme.Light
    return QGuiApplication.styleHints().colorScheme()


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        _Role.Window: "#202226", _Role.WindowText: "#e6e8eb", _Role.Base: "#17191c",
        _Role.AlternateBase: "#24272c", _Role.ToolTipBase: "#2b2f35",
        _Role.ToolTipText: "#e6e8eb", _Role.PlaceholderText: "#8b929c", _Role.Text: "#e6e8eb",
        _Role.Button: "#2b2f35", _Role.ButtonText: "#e6e8eb", _Role.BrightText: "#ff6b6b",
        _Role.Light: "#3a3f46", _Role.Midlight: "#31353b", _Role.Mid: "#4a5059",
        _Role.Dark: "#111315", _Role.Shadow: "#000000", _Role.Highlight: "#3d7fd9",
        _Role.HighlightedText: "#ffffff", _Role.Link: "#7fb0ff", _Role.LinkVisited: "#b59cff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (_Role.WindowText, _Role.Text, _Role.ButtonText):
        palette.setColor(_Group.Disabled, role, QColor("#6b717a"))
    return palette


def _looks_dark(palette: QPalette) -> bool:
    return palette.color(_Role.Window).lightness() < 128


def apply_color_scheme(app: QApplication, override: str | None = None) -> None:
    """Make the palette match the wanted scheme, if the style does not already."""
    scheme = wanted_scheme(override)
    if scheme == Qt.ColorScheme.Dark and not _looks_dark(app.palette()):
        app.setPalette(dark_palette())
    elif scheme == Qt.ColorScheme.Light and _looks_dark(app.palette()):
        app.setPalette(app.style().standardPalette())


def follow_color_scheme(app: QApplication) -> None:
    """Apply now, and again whenever the system switches between light and dark."""
    apply_color_scheme(app)
    if not os.environ.get(ENV_SCHEME):
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_color_scheme(app))
