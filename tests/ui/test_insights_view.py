"""The Insights view: charts drawn with QPainter, and empty states that explain themselves."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from trackrecord.core.demo import load_demo
from trackrecord.core.rejections.practice import PracticeLog
from trackrecord.core.rejections.service import RejectionService
from trackrecord.core.store.db import Store
from trackrecord.ui.insights.charts import axis_ticks
from trackrecord.ui.insights.view import InsightsView

TODAY = dt.date(2026, 11, 26)


def _show(qtbot: QtBot, store: Store) -> InsightsView:
    view = InsightsView(store, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1100, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_an_empty_store_shows_what_each_chart_will_show(qtbot: QtBot, store: Store) -> None:
    view = _show(qtbot, store)
    for card in view.cards.values():
        assert card.title.text()
        assert card.chart.empty_text  # the explanation is drawn where the chart would be
        assert not card.summary.isVisible()
    assert "No rejections logged yet" in view.stage_chart.empty_text
    view.grab()  # paints without error


def test_the_charts_fill_in_and_follow_new_data_when_shown_again(
    qtbot: QtBot, store: Store,
) -> None:
    load_demo(store)
    view = _show(qtbot, store)
    assert view.track_chart.empty_text == ""
    assert view.track_chart.accessibleDescription() == (
        "Shipped system: 14; Incident solved: 10; Person mentored: 7; Other win: 11"
    )
    assert view.track_record.summary.isVisible()
    assert view.by_stage.chart.empty_text  # still no rejections
    RejectionService(store).create("Hollis", "system-design", date="2026-10-01",
                                   sting_before=70, sting_after=30, category="signal-gap")
    habit = PracticeLog(store).add_habit("Narrate")
    PracticeLog(store).log(habit.id, TODAY)
    view.hide()
    view.show()  # a page shown again re-reads the store
    qtbot.waitExposed(view)
    assert view.stage_chart.empty_text == ""
    assert view.stage_chart.accessibleDescription() == "System design: 1"
    assert view.sting_chart.accessibleDescription() == "Hollis: 70 before, 30 after"
    assert "fell by 40 points" in view.stings.summary.text()
    assert view.practice_chart.data.total == 1
    image = view.grab().toImage()
    assert not image.isNull()


def test_axis_ticks_are_whole_and_evenly_spaced() -> None:
    """Issue 17: the y-axis read 0, 2, 3, 4, 6."""
    for top in range(0, 300):
        ticks = axis_ticks(top)
        steps = {b - a for a, b in zip(ticks, ticks[1:], strict=False)}
        assert ticks[0] == 0 and ticks[-1] >= top and len(steps) == 1, (top, ticks)
        assert 2 <= len(ticks) <= 5
        assert steps.pop() in {f * 10 ** p for f in (1, 2, 5) for p in range(4)}
    assert axis_ticks(6) == [0, 2, 4, 6]
    assert axis_ticks(3) == [0, 1, 2, 3]


def test_cards_side_by_side_have_their_titles_on_one_line(qtbot: QtBot, store: Store) -> None:
    """Issue 17: the card titles of a row did not line up."""
    load_demo(store, with_rejections=True)
    view = _show(qtbot, store)
    view.resize(1090, 660)  # the page at 1280x720
    for left, right in ((view.by_stage, view.by_category), (view.stings, view.practice)):
        assert left.height() == right.height()
        assert left.title.mapTo(view, left.title.rect().topLeft()).y() == \
            right.title.mapTo(view, right.title.rect().topLeft()).y()
        assert left.chart.mapTo(view, left.chart.rect().topLeft()).y() == \
            right.chart.mapTo(view, right.chart.rect().topLeft()).y()


def test_thinking_traps_and_reratings_appear_once_there_are_thought_records(
        qtbot: QtBot, store: Store) -> None:
    from trackrecord.core.rejections.thoughts import ThoughtService

    view = _show(qtbot, store)
    assert "thinking traps" in view.trap_chart.empty_text
    rejection = RejectionService(store).create("Hollis", "onsite", date="2026-10-01")
    ThoughtService(store).save(rejection.id, traps=["mind-reading"],
                               emotions=[{"name": "ashamed", "before": 90, "after": 50}])
    view.hide()
    view.show()
    qtbot.waitExposed(view)
    assert view.trap_chart.accessibleDescription() == "Mind reading: 1"
    assert view.rerating_chart.accessibleDescription() == "Hollis: 90 before, 50 after"
    assert "eased by 40 points" in view.reratings.summary.text()
    assert view.rerating_chart.legend == ("before", "after the balanced thought")
    view.grab()
