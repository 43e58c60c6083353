"""Insights: a page of small charts over the track record, the rejection log and practice.

Self-contained: ``InsightsView(store, parent)``. It re-reads the store each time it is shown
(the aggregates are GROUP BY queries that take milliseconds, so they run on the UI thread).
Every chart has one sentence under it that says what it shows, or, when there is nothing to
show yet, what will appear there and how.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trackrecord.core.errors import TrackRecordError
from trackrecord.core.insights import Insights, build_insights
from trackrecord.core.store.db import Store
from trackrecord.ui.goals.scope import CycleScope
from trackrecord.ui.insights.charts import BarsChart, Chart, StackedChart, StingChart
from trackrecord.ui.record.list_view import KIND_COLOURS
from trackrecord.ui.support.autosave import sentence

CATEGORY_COLOURS = {
    "fit": "#2f6fdb", "signal-gap": "#d0611c", "external-noise": "#8a5cc7", "unknown": "#9aa3b0",
}
STAGE_COLOUR = "#3d7ea6"
PRACTICE_COLOUR = "#2a9d5c"
TRAP_COLOUR = "#8a5cc7"
STYLE = """
QFrame#insightCard { background: palette(base); border: 1px solid palette(mid);
                     border-radius: 10px; }
QLabel#insightTitle { font-weight: 600; }
QLabel#insightSummary { color: palette(placeholder-text); }
"""


class _ChartCard(QFrame):
    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insightCard")
        self.chart = chart
        self.title = QLabel(self)
        self.title.setObjectName("insightTitle")
        self.summary = QLabel(self)
        self.summary.setObjectName("insightSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.addWidget(self.title)
        layout.addWidget(chart)
        layout.addWidget(self.summary)
        # Cards side by side are as tall as the taller one: the extra room goes below, so
        # their titles and charts line up along the top.
        layout.addStretch(1)

    def show_text(self, title: str, summary: str, empty: bool) -> None:
        self.title.setText(title)
        self.chart.setAccessibleName(title)
        self.summary.setText(summary)
        self.summary.setVisible(not empty)  # an empty chart says it in its own space
        if empty:
            self.chart.set_empty(summary)


class InsightsView(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.setObjectName("insightsView")
        self.setAccessibleName(self.tr("Insights"))
        self.setStyleSheet(STYLE)
        self._store, self._today = store, today
        self.insights: Insights | None = None

        heading = QLabel(self.tr("Insights"), self)
        heading.setObjectName("pageTitle")
        intro = QLabel(self.tr("What your track record, your rejections and your practice add "
                               "up to. Patterns, not verdicts."), self)
        intro.setObjectName("pageText")
        intro.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setVisible(False)
        self.scope = CycleScope(store, self)  # a review cycle's period, or all time
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh(reload_scope=False))
        self.track_chart = StackedChart(height=210)
        self.stage_chart = BarsChart()
        self.category_chart = StackedChart()
        self.sting_chart = StingChart()
        self.practice_chart = StackedChart(height=170)
        self.trap_chart = BarsChart()
        self.rerating_chart = StingChart(legend=(self.tr("before"), self.tr("after the "
                                                                         "balanced thought")))
        self.track_record = _ChartCard(self.track_chart)
        self.by_stage = _ChartCard(self.stage_chart)
        self.by_category = _ChartCard(self.category_chart)
        self.stings = _ChartCard(self.sting_chart)
        self.practice = _ChartCard(self.practice_chart)
        self.traps = _ChartCard(self.trap_chart)
        self.reratings = _ChartCard(self.rerating_chart)
        self.cards = {
            "track_record": self.track_record, "by_stage": self.by_stage,
            "by_category": self.by_category, "stings": self.stings, "practice": self.practice,
            "traps": self.traps, "reratings": self.reratings,
        }
        grid = QGridLayout()
        grid.setSpacing(14)
        grid.addWidget(self.track_record, 0, 0, 1, 2)
        grid.addWidget(self.by_stage, 1, 0)
        grid.addWidget(self.by_category, 1, 1)
        grid.addWidget(self.stings, 2, 0)
        grid.addWidget(self.practice, 2, 1)
        grid.addWidget(self.traps, 3, 0)
        grid.addWidget(self.reratings, 3, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(24, 18, 24, 18)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.scope)
        column.addLayout(top)
        column.addWidget(intro)
        column.addWidget(self.error)
        column.addLayout(grid)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Texts change as data comes in; whatever window holds this must not resize with them.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(scroll)
        # Figures are gathered when the view is shown (showEvent), not at start-up.

    def refresh(self, *, reload_scope: bool = True) -> None:
        if reload_scope:
            self.scope.reload(self._today())
        since, until = self.scope.scope() or (None, None)
        try:
            found = build_insights(self._store, self._today(), since=since, until=until)
        except TrackRecordError as exc:
            self.error.setText(sentence(str(exc)))
            self.error.setVisible(True)
            return
        self.error.setVisible(False)
        self.insights = found
        charts = found.charts
        self.track_chart.set_data(found.track_record, KIND_COLOURS)
        self.stage_chart.set_data(found.by_stage, STAGE_COLOUR)
        self.category_chart.set_data(found.by_category, CATEGORY_COLOURS)
        self.sting_chart.set_data(found.stings)
        self.practice_chart.set_data(found.practice, {"sessions": PRACTICE_COLOUR})
        self.trap_chart.set_data(found.traps, TRAP_COLOUR)
        self.rerating_chart.set_data(found.reratings)
        for key, card in self.cards.items():
            chart = charts[key]
            card.show_text(chart.title, chart.summary, chart.empty)

    def showEvent(self, event: QShowEvent) -> None:
        """The data may have changed on another page since last time."""
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()
