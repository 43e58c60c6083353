"""Scrolling a form never changes a value on its way down.

Qt lets the mouse wheel change a combo box, a spin box, a date or a slider as soon as the
pointer passes over it, so scrolling down the rejection form (or the entry editor) could
quietly change the category or the date under the pointer, and autosave would keep it. With
the guard, the wheel changes such a field only once it has focus (a click or Tab); otherwise
it scrolls the form around it, as in a browser.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QScrollBar,
    QWidget,
)

_WHEEL = QEvent.Type.Wheel
_POLISH = QEvent.Type.Polish
_INSTALLED = "trackrecordWheelGuard"
_GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)


class WheelGuard(QObject):
    """An application-wide event filter (``install_wheel_guard``)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind != _WHEEL and kind != _POLISH:
            return False
        if not isinstance(watched, _GUARDED) or isinstance(watched, QScrollBar):
            return False
        if kind == _POLISH:
            # Wheel focus would hand the field focus before this filter sees the wheel. (Qt's
            # namespace is imported here, not at the top: building it costs the first paint.)
            from PySide6.QtCore import Qt

            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if watched.hasFocus():
            return False
        area = _scroll_area_around(watched)
        if area is not None:
            QCoreApplication.sendEvent(area.verticalScrollBar(), event)
        return True  # (outside a scroll area the wheel does nothing, rather than change it)


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def install_wheel_guard(app: QCoreApplication) -> None:
    """Once per application, however many times it is asked. Fields made before it was
    installed lose wheel focus here; those made after, when they are polished."""
    if app.property(_INSTALLED):
        return
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.allWidgets():
        if (isinstance(widget, _GUARDED) and not isinstance(widget, QScrollBar)
                and widget.focusPolicy() == Qt.FocusPolicy.WheelFocus):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    app.installEventFilter(WheelGuard(app))  # (kept alive by its parent, the app)
    app.setProperty(_INSTALLED, True)
