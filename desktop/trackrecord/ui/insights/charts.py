"""Small charts drawn with QPainter: horizontal bars, stacked bars over time, and before/after
dumbbells.

Plain QPainter rather than QtCharts: QtCharts lives in PySide6-Addons (well over 100 MB more
to install and ship) for four simple charts. These follow the palette (light and dark themes),
say in words what they show (accessible description, tooltips), and show the explanation of
an empty chart in place of the chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from trackrecord.core.insights import Count, Stacked, Sting

PAD = 8.0
BAR_GAP = 0.28  # of a bar's slot
MAX_BAR = 56.0


def axis_ticks(top: int, most: int = 5) -> list[int]:
    """Whole, evenly spaced ticks from 0 that reach ``top``: 0, 2, 4, 6 for 6, never
    0, 2, 3, 4, 6. At most ``most`` of them; the step is 1, 2 or 5 times a power of ten."""
    top = max(1, top)
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            count = -(-top // step)  # ceil
            if count + 1 <= most:
                return [step * i for i in range(count + 1)]
        magnitude *= 10


class Chart(QWidget):
    """Common ground: the empty state, colours from the palette, a fixed pleasant height."""

    def __init__(self, parent: QWidget | None = None, *, height: int = 220) -> None:
        super().__init__(parent)
        self.setMinimumHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._height = height
        self.empty_text = ""
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(420, self._height)

    def text_colour(self, muted: bool = False) -> QColor:
        role = QPalette.ColorRole.PlaceholderText if muted else QPalette.ColorRole.Text
        return self.palette().color(role)

    def grid_colour(self) -> QColor:
        colour = QColor(self.palette().color(QPalette.ColorRole.Mid))
        colour.setAlpha(110)
        return colour

    def set_empty(self, text: str) -> None:
        self.empty_text = text
        self.setAccessibleDescription(text)
        self.update()

    def paint_empty(self, painter: QPainter) -> bool:
        if not self.empty_text:
            return False
        painter.setPen(self.text_colour(muted=True))
        box = QRectF(self.rect()).adjusted(24, 12, -24, -12)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                         self.empty_text)
        return True


class BarsChart(Chart):
    """One horizontal bar per item: label on the left, the count at the end of the bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, height=200)
        self.items: tuple[Count, ...] = ()
        self.colour = QColor("#2f6fdb")

    def set_data(self, items: Sequence[Count], colour: str) -> None:
        self.items, self.colour, self.empty_text = tuple(items), QColor(colour), ""
        self.setAccessibleDescription("; ".join(f"{c.label}: {c.value}" for c in items))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.paint_empty(painter) or not self.items:
            return
        metrics = QFontMetricsF(self.font())
        label_w = max(metrics.horizontalAdvance(c.label) for c in self.items) + 12
        value_w = metrics.horizontalAdvance("000") + 8
        area = QRectF(self.rect()).adjusted(PAD, PAD, -PAD, -PAD)
        slot = min(34.0, area.height() / len(self.items))
        top_value = max(c.value for c in self.items) or 1
        span = max(10.0, area.width() - label_w - value_w)
        for i, item in enumerate(self.items):
            y = area.top() + i * slot
            bar_h = slot * (1 - BAR_GAP)
            painter.setPen(self.text_colour())
            painter.drawText(QRectF(area.left(), y, label_w - 8, bar_h),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             item.label)
            width = span * item.value / top_value
            painter.fillRect(QRectF(area.left() + label_w, y, width, bar_h), self.colour)
            painter.drawText(QRectF(area.left() + label_w + width + 6, y, value_w, bar_h),
                             int(Qt.AlignmentFlag.AlignVCenter), str(item.value))


class StackedChart(Chart):
    """Bars over periods, split by series, with a legend and sparse period labels."""

    def __init__(self, parent: QWidget | None = None, *, height: int = 230) -> None:
        super().__init__(parent, height=height)
        self.data = Stacked((), (), {}, ())
        self.colours: Mapping[str, str] = {}
        self._slots: list[tuple[float, float, int]] = []

    def set_data(self, data: Stacked, colours: Mapping[str, str]) -> None:
        self.data, self.colours, self.empty_text = data, colours, ""
        shown = [k for k in data.series if data.series_total(k)] if data.values else []
        self.setAccessibleDescription("; ".join(
            f"{data.labels[k]}: {data.series_total(k)}" for k in shown))
        self.update()

    def _show_label(self, index: int) -> str:
        period = self.data.periods[index]
        count = len(self.data.periods)
        if count <= 8:
            return period
        if period[4:] == " Q1" or (index == 0 and " Q" in period):
            return period[:4]  # years, at each year's first quarter
        if period.startswith("w/c") and index % 4 == 0:
            return period[4:]
        return ""

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._slots = []
        if self.paint_empty(painter) or not self.data.values:
            return
        metrics = QFontMetricsF(self.font())
        line_h = metrics.height()
        shown = [k for k in self.data.series if self.data.series_total(k)]
        legend_h = line_h + 14 if len(self.data.series) > 1 else 6.0
        axis_w = metrics.horizontalAdvance("000") + 6
        area = QRectF(self.rect()).adjusted(PAD + axis_w, PAD + legend_h, -PAD, -PAD - line_h - 4)
        ticks = axis_ticks(max(self.data.totals))
        top = ticks[-1]
        self._grid(painter, area, ticks, axis_w)
        count = len(self.data.values)
        slot = area.width() / count
        bar_w = min(MAX_BAR, max(1.0, slot * (1 - BAR_GAP)))
        for i, values in enumerate(self.data.values):
            x = area.left() + i * slot + (slot - bar_w) / 2
            y = area.bottom()
            for key, value in zip(self.data.series, values, strict=True):
                if not value:
                    continue
                h = area.height() * value / top
                painter.fillRect(QRectF(x, y - h, bar_w, h), QColor(self.colours.get(key, "#888")))
                y -= h
            self._slots.append((x, x + bar_w, i))
            label = self._show_label(i)
            if label:
                painter.setPen(self.text_colour(muted=True))
                painter.drawText(QPointF(x, area.bottom() + line_h + 2), label)
        if len(self.data.series) > 1:
            self._legend(painter, shown, metrics)

    def _grid(self, painter: QPainter, area: QRectF, ticks: Sequence[int],
              axis_w: float) -> None:
        top = ticks[-1]
        for value in ticks:
            y = area.bottom() - area.height() * (value / top)
            painter.setPen(QPen(self.grid_colour(), 1))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(self.text_colour(muted=True))
            painter.drawText(QRectF(area.left() - axis_w - 4, y - 8, axis_w, 16),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             str(value))

    def _legend(self, painter: QPainter, keys: Sequence[str], metrics: QFontMetricsF) -> None:
        x = PAD
        for key in keys:
            painter.fillRect(QRectF(x, PAD + 3, 10, 10), QColor(self.colours.get(key, "#888")))
            painter.setPen(self.text_colour())
            label = self.data.labels.get(key, key)
            painter.drawText(QPointF(x + 14, PAD + metrics.ascent()), label)
            x += 14 + metrics.horizontalAdvance(label) + 16

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        x = event.position().x()
        for left, right, i in self._slots:
            if left - 1 <= x <= right + 1:
                parts = [f"{self.data.labels.get(k, k)}: {v}"
                         for k, v in zip(self.data.series, self.data.values[i], strict=True) if v]
                text = self.data.periods[i] + ("\n" + "\n".join(parts) if parts else ": none")
                QToolTip.showText(event.globalPosition().toPoint(), text, self)
                return
        QToolTip.hideText()


class StingChart(Chart):
    """One row per rejection: a line from how much it stung before the reframe to after."""

    BEFORE = "#c0392b"
    AFTER = "#2a9d5c"

    def __init__(self, parent: QWidget | None = None, *,
                 legend: tuple[str, str] = ("before the reframe", "after")) -> None:
        super().__init__(parent, height=230)
        self.stings: tuple[Sting, ...] = ()
        self.legend = legend  # what the two dots stand for

    def set_data(self, stings: Sequence[Sting]) -> None:
        self.stings, self.empty_text = tuple(stings), ""
        self.setAccessibleDescription("; ".join(
            f"{s.company}: {s.before} before, {s.after} after" for s in stings))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.paint_empty(painter) or not self.stings:
            return
        metrics = QFontMetricsF(self.font())
        label_w = min(150.0, max(metrics.horizontalAdvance(s.company) for s in self.stings) + 12)
        legend_h = metrics.height() + 6
        area = QRectF(self.rect()).adjusted(PAD + label_w, PAD + legend_h, -PAD - 12,
                                            -PAD - metrics.height() - 2)
        for value in (0, 50, 100):
            x = area.left() + area.width() * value / 100
            painter.setPen(QPen(self.grid_colour(), 1))
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
        slot = min(26.0, area.height() / len(self.stings))
        for i, s in enumerate(self.stings):
            y = area.top() + i * slot + slot / 2
            painter.setPen(self.text_colour())
            name = metrics.elidedText(s.company, Qt.TextElideMode.ElideRight, label_w - 12)
            painter.drawText(QRectF(PAD, y - slot / 2, label_w - 8, slot),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             name)
            x0 = area.left() + area.width() * s.before / 100
            x1 = area.left() + area.width() * s.after / 100
            painter.setPen(QPen(self.grid_colour(), 3))
            painter.drawLine(QPointF(x0, y), QPointF(x1, y))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.BEFORE))
            painter.drawEllipse(QPointF(x0, y), 5, 5)
            painter.setBrush(QColor(self.AFTER))
            painter.drawEllipse(QPointF(x1, y), 5, 5)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        x = PAD
        for colour, label in zip((self.BEFORE, self.AFTER), self.legend, strict=True):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawEllipse(QPointF(x + 5, PAD + 8), 5, 5)
            painter.setPen(self.text_colour())
            painter.drawText(QPointF(x + 14, PAD + metrics.ascent()), label)
            x += 14 + metrics.horizontalAdvance(label) + 16
        painter.setPen(self.text_colour(muted=True))
        for value in (0, 100):
            x = area.left() + area.width() * value / 100
            said = str(value)
            painter.drawText(QPointF(x - metrics.horizontalAdvance(said) / 2,
                                     area.bottom() + metrics.ascent() + 2), said)
