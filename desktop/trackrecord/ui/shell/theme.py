"""Light or dark, following the system's colour scheme (Qt 6.5+ reports it, and its changes).

Native styles (macOS, Windows 11) switch by themselves, and since Qt 6.5 Fusion starts with a
dark palette when the system is dark. Where the platform still hands over a light palette on
a dark system, we supply a dark one. The app's own stylesheet only uses palette() colours, so
it follows along. TRACKRECORD_COLOR_SCHEME=light or dark overrides the system, for
screenshots and for people who want one or the other.

Asking the system needs Qt's ``Qt`` namespace, whose few hundred enums PySide builds on first
use (about 16 ms). So the window's first paint only applies the override, which needs no
asking, and ``follow_color_scheme`` asks right after it.
"""

from __future__ import annotations

import os

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

ENV_SCHEME = "TRACKRECORD_COLOR_SCHEME"
SCHEMES = ("light", "dark")
_FOLLOWING = "trackrecordFollowsColorScheme"  # set on the app once it follows the system
_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup


def chosen_scheme(override: str | None = None) -> str | None:
    """"light" or "dark" when the person chose one (``override`` or the environment)."""
    choice = (override or os.environ.get(ENV_SCHEME, "")).strip().lower()
    return choice if choice in SCHEMES else None


def system_scheme() -> str | None:
    """"light" or "dark" as the system reports it; None when it does not say."""
    from PySide6.QtCore import Qt  # here, not at import: see the module's docstring

    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return "dark"
    if scheme == Qt.ColorScheme.Light:
        return "light"
    return None


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


def _apply(app: QApplication, scheme: str | None) -> None:
    """Make the palette match ``scheme``, if the style does not already."""
    if scheme == "dark" and not _looks_dark(app.palette()):
        app.setPalette(dark_palette())
    elif scheme == "light" and _looks_dark(app.palette()):
        app.setPalette(app.style().standardPalette())
    else:
        return
    # Widgets already polished keep the palette() colours their stylesheet rules took
    # (the rail would stay light in a dark window): have every rule read them again.
    if app.styleSheet():
        app.setStyleSheet(app.styleSheet())


def apply_color_scheme(app: QApplication, override: str | None = None) -> None:
    """The chosen scheme if there is one, else the system's."""
    _apply(app, chosen_scheme(override) or system_scheme())


def apply_chosen_scheme(app: QApplication) -> None:
    """Before the first paint: the scheme the person chose, if they chose one."""
    _apply(app, chosen_scheme())


def follow_color_scheme(app: QApplication) -> None:
    """After the first paint: apply now, and again whenever the system switches between
    light and dark. Calling it again (a new window after a restore) changes nothing."""
    if app.property(_FOLLOWING):
        return
    app.setProperty(_FOLLOWING, True)
    apply_color_scheme(app)
    if chosen_scheme() is None:
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_color_scheme(app))
